#!/usr/bin/env node
// Prints the path of the packaged app's executable in an electron-builder output folder, for the release workflow
// to hand to the `_electron` suite as LOCDESK_E2E_APP. Exits 1 with a sentence when there is none.
// Usage: node build/scripts/packaged-app.mjs release/e2e
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { findPackagedExecutable } from './electron-binary.mjs';

const root = join(import.meta.dirname, '..', '..');
const folder = resolve(process.argv[2] ?? join(root, 'release', 'e2e'));
const builder = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const productName = builder.productName ?? JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).productName;
const executable = findPackagedExecutable(folder, { productName, executableName: builder.linux?.executableName ?? productName });
if (executable === null) {
  process.stderr.write(`No packaged ${productName} for ${process.platform} in ${folder}; run "npm run dist:e2e" first.\n`);
  process.exit(1);
}
process.stdout.write(`${executable}\n`);
