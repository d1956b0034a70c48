// node --test build/scripts/package-smoke.test.mjs
// Proves the packaging checks catch what they claim to (on hand-made asar archives), then runs the real smoke test.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkBundledWorker, expectedLibsqlPackage, inspectFuses, inspectPackage, makeStandInElectron, runPackageSmoke } from './package-smoke.mjs';

const asar = createRequire(import.meta.url)('@electron/asar');
const scratch = mkdtempSync(join(tmpdir(), 'locdesk-package-checks-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const marker = 'MARKER-0123456789abcdef';
const libsql = expectedLibsqlPackage('linux', 'x64');

async function pack(name, files) {
  const source = join(scratch, name, 'app');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(source, path)), { recursive: true });
    writeFileSync(join(source, path), content);
  }
  const archive = join(scratch, name, 'app.asar');
  await asar.createPackageWithOptions(source, archive, { unpack: '*.node' });
  return archive;
}

const cleanApp = {
  'package.json': '{"main":"out/main/index.js"}',
  'out/main/index.js': `const secret = "${marker}";`,
  'out/main/search-index-worker.js': 'export {}',
  'out/main/integrity-check-worker.js': 'export {}',
  'out/main/qa-scan-worker.js': 'export {}',
  'out/main/snapshot-worker.js': 'export {}',
  'out/preload/index.cjs': 'require("electron")',
  'out/renderer/index.html': '<!doctype html>',
  'out/renderer/assets/index-1.js': 'render()',
  [`node_modules/${libsql}/index.node`]: 'binary',
  'node_modules/libsql/index.js': 'module.exports = {}',
};

describe('inspectPackage', () => {
  it('passes a clean package', async () => {
    assert.deepEqual(inspectPackage({ asarPath: await pack('clean', cleanApp), marker, libsqlPackage: libsql }), []);
  });

  it('finds every planted problem', async () => {
    const { 'out/preload/index.cjs': _preload, 'out/main/search-index-worker.js': _worker, 'out/main/qa-scan-worker.js': _qaWorker, ...withoutPreload } = cleanApp;
    const archive = await pack('dirty', {
      ...withoutPreload,
      'out/renderer/assets/index-1.js.map': '{}',
      'out/renderer/assets/leak.js': `fetch("x", { secret: "${marker}" })`,
      'main/index.ts': 'export {}',
      'out/main/window.test.js': 'it()',
      'node_modules/@libsql/linux-x64-musl/index.node': 'binary',
    });
    const problems = inspectPackage({ asarPath: archive, marker, libsqlPackage: libsql });
    const expected = [
      /\/out\/preload\/index\.cjs is missing/,
      /\/out\/main\/search-index-worker\.js is missing/,
      /\/out\/main\/qa-scan-worker\.js is missing/,
      /Source map inside: \/out\/renderer\/assets\/index-1\.js\.map/,
      /build-time secret is inside \/out\/renderer\/assets\/leak\.js/,
      /TypeScript source inside: \/main\/index\.ts/,
      /Test file inside: \/out\/main\/window\.test\.js/,
      /Unexpected native binary \/node_modules\/@libsql\/linux-x64-musl\/index\.node/,
      /Another platform's libsql package is inside: \/node_modules\/@libsql\/linux-x64-musl/,
    ];
    for (const pattern of expected) assert.ok(problems.some((problem) => pattern.test(problem)), `expected a problem matching ${pattern}:\n${problems.join('\n')}`);
  });

  it('notices a secret that never reached the main bundle (the check would prove nothing)', async () => {
    const archive = await pack('no-marker', { ...cleanApp, 'out/main/index.js': 'const secret = "";' });
    assert.deepEqual(inspectPackage({ asarPath: archive, marker, libsqlPackage: libsql }), [
      'The build-time secret did not reach out/main (so the check above proves nothing).',
    ]);
  });

  it('notices a native binary that was not unpacked', async () => {
    const source = join(scratch, 'packed-native', 'app');
    for (const [path, content] of Object.entries(cleanApp)) {
      mkdirSync(dirname(join(source, path)), { recursive: true });
      writeFileSync(join(source, path), content);
    }
    const archive = join(scratch, 'packed-native', 'app.asar');
    await asar.createPackage(source, archive);
    const problems = inspectPackage({ asarPath: archive, marker, libsqlPackage: libsql });
    assert.ok(problems.some((problem) => problem.includes('is inside the asar; native binaries must be unpacked')), problems.join('\n'));
  });
});

describe('checkBundledWorker', () => {
  // Inside the project, so the fake bundle resolves libsql from node_modules as out/main does.
  const folder = join(import.meta.dirname, '..', '..', 'release', `worker-check-${process.pid}`);
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('reports a worker bundle that cannot load, and one that does not speak the protocol', async () => {
    mkdirSync(join(folder, 'scratch-broken'), { recursive: true });
    mkdirSync(join(folder, 'scratch-silent'), { recursive: true });
    writeFileSync(join(folder, 'index.js'), '');
    writeFileSync(join(folder, 'search-index-worker.js'), "import missing from 'no-such-package-locdesk';\nmissing();\n");
    const broken = await checkBundledWorker(folder, join(folder, 'scratch-broken'));
    assert.equal(broken.length, 1);
    assert.match(broken[0], /did not work: .*no-such-package-locdesk/);
    writeFileSync(join(folder, 'search-index-worker.js'), "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ type: 'unavailable', message: 'nope' });\n");
    assert.deepEqual(await checkBundledWorker(folder, join(folder, 'scratch-silent')), ['The bundled search indexing worker answered unavailable instead of ready, done, done, done.']);
  });
});

describe('inspectFuses', () => {
  it("reports Electron's default fuses as wrong for a release", async () => {
    const folder = join(scratch, 'electron-defaults');
    makeStandInElectron(folder);
    const problems = await inspectFuses(join(folder, 'electron'));
    assert.deepEqual(problems.sort(), [
      'Fuse EnableCookieEncryption is 0, expected 1.',
      'Fuse EnableEmbeddedAsarIntegrityValidation is 0, expected 1.',
      'Fuse EnableNodeCliInspectArguments is 1, expected 0.',
      'Fuse EnableNodeOptionsEnvironmentVariable is 1, expected 0.',
      'Fuse GrantFileProtocolExtraPrivileges is 1, expected 0.',
      'Fuse OnlyLoadAppFromAsar is 0, expected 1.',
      'Fuse RunAsNode is 1, expected 0.',
    ]);
  });
});

describe('the packaged app', { skip: process.platform !== 'linux' && 'packs a Linux dir build; Linux only' }, () => {
  it('builds, packs and passes every check', { timeout: 300_000 }, async () => {
    const { problems } = await runPackageSmoke({ log: () => undefined });
    assert.deepEqual(problems, []);
  });
});
