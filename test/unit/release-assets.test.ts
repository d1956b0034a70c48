/**
 * The release job's asset check, run on a folder laid out as the three build jobs leave it: installers and the
 * update metadata electron-builder writes (the same generator the fake update server uses).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { checkReleaseAssets, expectedAssets, writeChecksums } from '../../build/scripts/release-assets.mjs';
import { releaseFiles } from '../fake-updates/metadata';

const root = join(import.meta.dirname, '..', '..');
const builderConfig = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A folder holding every installer and metadata file of `version`. */
function releaseFolder(version: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-release-'));
  folders.push(folder);
  const files = releaseFiles(version);
  for (const [name, text] of Object.entries(files.metadata)) writeFileSync(join(folder, name), text);
  for (const payload of Object.values(files.payloads)) writeFileSync(join(folder, payload.name), payload.bytes);
  writeFileSync(join(folder, `Locdesk-Setup-${version}.exe.blockmap`), 'blockmap');
  return folder;
}

describe('expectedAssets', () => {
  it('asks for every installer type electron-builder.yml builds and one metadata file per platform', () => {
    expect(expectedAssets(builderConfig)).toEqual({
      extensions: ['.dmg', '.zip', '.exe', '.AppImage', '.deb'],
      metadata: ['latest-mac.yml', 'latest.yml', 'latest-linux.yml'],
    });
  });
});

describe('checkReleaseAssets', () => {
  it('passes a complete release whose metadata matches its files', () => {
    const folder = releaseFolder('1.2.3');
    expect(checkReleaseAssets({ folder, tag: 'v1.2.3', version: '1.2.3', builderConfig })).toEqual([]);
  });

  it('refuses a tag that is not the package version', () => {
    const folder = releaseFolder('1.2.3');
    expect(checkReleaseAssets({ folder, tag: 'v1.2.4', version: '1.2.3', builderConfig })).toEqual([
      "The tag v1.2.4 does not match package.json's version 1.2.3 (expected v1.2.3).",
    ]);
  });

  it('notices a missing platform: no metadata, no installer', () => {
    const folder = releaseFolder('1.2.3');
    rmSync(join(folder, 'latest-mac.yml'));
    rmSync(join(folder, 'Locdesk-1.2.3-arm64.dmg'));
    const problems = checkReleaseAssets({ folder, tag: 'v1.2.3', version: '1.2.3', builderConfig });
    expect(problems).toContain('latest-mac.yml is missing: installed copies on that platform would never see this release.');
    expect(problems).toContain(`No .dmg installer is in ${folder}.`);
  });

  it('notices an installer that is not the one the metadata describes', () => {
    const folder = releaseFolder('1.2.3');
    writeFileSync(join(folder, 'Locdesk-Setup-1.2.3.exe'), 'rebuilt after the metadata was written');
    const problems = checkReleaseAssets({ folder, tag: 'v1.2.3', version: '1.2.3', builderConfig });
    expect(problems.some((problem) => problem.startsWith('Locdesk-Setup-1.2.3.exe is '))).toBe(true);
    expect(problems).toContain('Locdesk-Setup-1.2.3.exe does not match the SHA-512 in latest.yml.');
  });

  it('notices metadata left over from another version', () => {
    const folder = releaseFolder('1.2.3');
    writeFileSync(join(folder, 'latest-linux.yml'), releaseFiles('1.2.2').metadata['latest-linux.yml'] ?? '');
    const problems = checkReleaseAssets({ folder, tag: 'v1.2.3', version: '1.2.3', builderConfig });
    expect(problems).toContain('latest-linux.yml names version 1.2.2, not 1.2.3.');
    expect(problems).toContain('latest-linux.yml lists Locdesk-1.2.2.AppImage, which is not in the release.');
  });
});

describe('writeChecksums', () => {
  it('lists every other file with its SHA-256, in sha256sum format, sorted', () => {
    const folder = releaseFolder('1.2.3');
    const text = writeChecksums(folder);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines.map((line) => line.split('  ')[1])).toEqual([...lines.map((line) => line.split('  ')[1])].sort());
    const exe = createHash('sha256').update(readFileSync(join(folder, 'Locdesk-Setup-1.2.3.exe'))).digest('hex');
    expect(lines).toContain(`${exe}  Locdesk-Setup-1.2.3.exe`);
    expect(readFileSync(join(folder, 'SHA256SUMS.txt'), 'utf8')).toBe(text);
    expect(writeChecksums(folder)).toBe(text);
  });
});
