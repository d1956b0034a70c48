// node --test build/scripts/electron-binary.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findElectronBinary, findElectronTarget, findPackagedExecutable } from './electron-binary.mjs';

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

describe('findElectronTarget', () => {
  it('drives the packaged app LOCDESK_E2E_APP names', () => {
    const root = project('with-packaged');
    const app = join(root, 'release', 'e2e', 'linux-unpacked', 'locdesk');
    mkdirSync(join(root, 'release', 'e2e', 'linux-unpacked'), { recursive: true });
    writeFileSync(app, '#!/bin/sh\n');
    const target = findElectronTarget({ root, environment: { LOCDESK_E2E_APP: app } });
    assert.deepEqual(target, { found: true, kind: 'packaged', path: app, description: `the packaged app at ${app}` });
  });

  it('never falls back to the unpacked app when the packaged one is missing', () => {
    const root = project('packaged-missing', { pathText: 'electron', distFile: 'electron' });
    const target = findElectronTarget({ root, environment: { LOCDESK_E2E_APP: join(root, 'nowhere') } });
    assert.equal(target.found, false);
    assert.equal(target.kind, 'packaged');
    assert.match(target.reason, /LOCDESK_E2E_APP names .*nowhere, which does not exist/);
  });

  it('drives the unpacked app otherwise, and says so', () => {
    const root = project('unpacked', { pathText: 'electron', distFile: 'electron' });
    const target = findElectronTarget({ root, environment: {} });
    assert.equal(target.kind, 'unpacked');
    assert.match(target.description, /^the unpacked app \(out\/ run by /);
  });
});

describe('findPackagedExecutable', () => {
  const names = { productName: 'Locdesk', executableName: 'locdesk' };
  function output(name, relative) {
    const folder = join(scratch, name);
    mkdirSync(join(folder, relative, '..'), { recursive: true });
    writeFileSync(join(folder, relative), 'binary');
    return folder;
  }

  it('finds the Linux, Windows and macOS layouts electron-builder writes, with any architecture suffix', () => {
    const linux = output('out-linux', 'linux-unpacked/locdesk');
    assert.equal(findPackagedExecutable(linux, { ...names, platform: 'linux' }), join(linux, 'linux-unpacked', 'locdesk'));
    const windows = output('out-win', 'win-unpacked/Locdesk.exe');
    assert.equal(findPackagedExecutable(windows, { ...names, platform: 'win32' }), join(windows, 'win-unpacked', 'Locdesk.exe'));
    const mac = output('out-mac', 'mac-arm64/Locdesk.app/Contents/MacOS/Locdesk');
    assert.equal(findPackagedExecutable(mac, { ...names, platform: 'darwin' }), join(mac, 'mac-arm64', 'Locdesk.app', 'Contents', 'MacOS', 'Locdesk'));
  });

  it('finds nothing in an empty or missing folder, or for another platform', () => {
    const linux = output('out-linux-only', 'linux-unpacked/locdesk');
    assert.equal(findPackagedExecutable(linux, { ...names, platform: 'win32' }), null);
    assert.equal(findPackagedExecutable(join(scratch, 'absent'), { ...names, platform: 'linux' }), null);
  });
});
