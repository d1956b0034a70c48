// node --test build/scripts/electron-binary.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findElectronBinary } from './electron-binary.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'locdesk-electron-binary-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function project(name, { pathText = null, distFile = null } = {}) {
  const root = join(scratch, name);
  const electronPackage = join(root, 'node_modules', 'electron');
  mkdirSync(join(electronPackage, 'dist'), { recursive: true });
  if (pathText !== null) writeFileSync(join(electronPackage, 'path.txt'), pathText);
  if (distFile !== null) writeFileSync(join(electronPackage, 'dist', distFile), '#!/bin/sh\n');
  return root;
}

describe('findElectronBinary', () => {
  it('explains that the binary was never downloaded when path.txt is missing', () => {
    const result = findElectronBinary({ root: project('none'), environment: {} });
    assert.equal(result.found, false);
    assert.match(result.reason, /path\.txt is missing/);
  });

  it('finds the binary that path.txt names', () => {
    const root = project('installed', { pathText: 'electron', distFile: 'electron' });
    assert.deepEqual(findElectronBinary({ root, environment: {} }), { found: true, path: join(root, 'node_modules', 'electron', 'dist', 'electron') });
  });

  it('notices a path.txt whose binary is gone', () => {
    const result = findElectronBinary({ root: project('half', { pathText: 'electron' }), environment: {} });
    assert.equal(result.found, false);
    assert.match(result.reason, /does not exist/);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const dist = join(scratch, 'custom-dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\n');
    const root = project('override');
    assert.deepEqual(findElectronBinary({ root, environment: { ELECTRON_OVERRIDE_DIST_PATH: dist }, platform: 'linux' }), {
      found: true,
      path: join(dist, 'electron'),
    });
    const missing = findElectronBinary({ root, environment: { ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'nowhere') }, platform: 'linux' });
    assert.equal(missing.found, false);
    assert.match(missing.reason, /ELECTRON_OVERRIDE_DIST_PATH is set, but .*nowhere\/electron does not exist/);
  });
});

describe('npm run dev without Electron', () => {
  it('prints one clear reason and exits 1 without starting anything', () => {
    const outcome = spawnSync(process.execPath, [join(import.meta.dirname, 'dev.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'nowhere') },
      timeout: 30_000,
    });
    assert.equal(outcome.status, 1);
    assert.match(outcome.stderr, /^npm run dev cannot start: ELECTRON_OVERRIDE_DIST_PATH is set, but .* does not exist\.\n/);
    assert.match(outcome.stderr, /npm run demo/);
    assert.doesNotMatch(outcome.stdout, /dev server/);
  });
});
