#!/usr/bin/env node
// The release job's last check before anything is published, and the SHA-256 sums it publishes.
//
// It checks the folder of collected installers against the tag, package.json and electron-builder.yml: the tag is
// v<version>; every installer type electron-builder.yml asks for is there; each update-metadata file (latest.yml,
// latest-mac.yml, latest-linux.yml) names this version and lists files that are in the folder with the size and
// SHA-512 it states (so what electron-updater downloads is what was built). Then it writes SHA256SUMS.txt.
// Usage: node build/scripts/release-assets.mjs --tag v1.2.3 --dir <folder>
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import yaml from 'js-yaml';

const root = join(import.meta.dirname, '..', '..');

/** The file each electron-builder target produces, by the extension it ends with. */
export const targetExtensions = { dmg: '.dmg', zip: '.zip', nsis: '.exe', AppImage: '.AppImage', deb: '.deb' };
/** The update-metadata file electron-builder writes per platform section. */
export const metadataFiles = { mac: 'latest-mac.yml', win: 'latest.yml', linux: 'latest-linux.yml' };
/** The checksum list the release carries. */
export const checksumsFile = 'SHA256SUMS.txt';

/** The extensions and metadata files a release must carry, from electron-builder.yml's targets. */
export function expectedAssets(builderConfig) {
  const extensions = [];
  const metadata = [];
  for (const [platform, file] of Object.entries(metadataFiles)) {
    const targets = builderConfig[platform]?.target ?? [];
    if (targets.length === 0) continue;
    metadata.push(file);
    for (const target of targets) {
      const name = typeof target === 'string' ? target : target.target;
      const extension = targetExtensions[name];
      if (extension === undefined) throw new Error(`electron-builder.yml asks for a ${name} target, which the release check does not know.`);
      extensions.push(extension);
    }
  }
  return { extensions, metadata };
}

function digest(path, algorithm, encoding) {
  return createHash(algorithm).update(readFileSync(path)).digest(encoding);
}

/** Returns one sentence per problem; an empty list means the folder is ready to publish. */
export function checkReleaseAssets({ folder, tag, version, builderConfig }) {
  const problems = [];
  if (tag !== `v${version}`) problems.push(`The tag ${tag} does not match package.json's version ${version} (expected v${version}).`);
  const names = existsSync(folder) ? readdirSync(folder).filter((name) => statSync(join(folder, name)).isFile()) : [];
  const { extensions, metadata } = expectedAssets(builderConfig);
  for (const extension of extensions) {
    if (!names.some((name) => name.endsWith(extension))) problems.push(`No ${extension} installer is in ${folder}.`);
  }
  for (const file of metadata) {
    if (!names.includes(file)) {
      problems.push(`${file} is missing: installed copies on that platform would never see this release.`);
      continue;
    }
    let info;
    try {
      info = yaml.load(readFileSync(join(folder, file), 'utf8'), { schema: yaml.CORE_SCHEMA });
    } catch (error) {
      problems.push(`${file} is not valid YAML: ${error.message}`);
      continue;
    }
    if (info?.version !== version) problems.push(`${file} names version ${String(info?.version)}, not ${version}.`);
    const listed = Array.isArray(info?.files) ? info.files : [];
    if (listed.length === 0) problems.push(`${file} lists no files.`);
    for (const entry of listed) {
      const path = join(folder, String(entry.url));
      if (!names.includes(String(entry.url))) {
        problems.push(`${file} lists ${entry.url}, which is not in the release.`);
        continue;
      }
      if (typeof entry.size === 'number' && statSync(path).size !== entry.size) problems.push(`${entry.url} is ${statSync(path).size} bytes; ${file} says ${entry.size}.`);
      if (digest(path, 'sha512', 'base64') !== entry.sha512) problems.push(`${entry.url} does not match the SHA-512 in ${file}.`);
    }
  }
  return problems;
}

/** Writes SHA256SUMS.txt (sha256sum's format, sorted by name) for every other file in `folder`; returns its text. */
export function writeChecksums(folder) {
  const lines = readdirSync(folder)
    .filter((name) => name !== checksumsFile && statSync(join(folder, name)).isFile())
    .sort()
    .map((name) => `${digest(join(folder, name), 'sha256', 'hex')}  ${name}\n`);
  const text = lines.join('');
  writeFileSync(join(folder, checksumsFile), text);
  return text;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { tag: { type: 'string' }, dir: { type: 'string' } } });
  if (values.tag === undefined || values.dir === undefined) {
    process.stderr.write('Usage: node build/scripts/release-assets.mjs --tag v1.2.3 --dir <folder>\n');
    process.exit(2);
  }
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const builderConfig = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
  const problems = checkReleaseAssets({ folder: values.dir, tag: values.tag, version, builderConfig });
  for (const problem of problems) process.stdout.write(`FAIL ${problem}\n`);
  if (problems.length > 0) {
    process.stdout.write(`Release assets: ${problems.length} problem(s); nothing was published.\n`);
    process.exit(1);
  }
  const sums = writeChecksums(values.dir);
  process.stdout.write(sums);
  process.stdout.write(`Release assets: all checks passed; ${checksumsFile} lists ${sums.split('\n').length - 1} files.\n`);
}
