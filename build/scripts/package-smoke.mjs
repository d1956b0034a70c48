#!/usr/bin/env node
// Packaging smoke test: builds the app into a scratch folder with a random marker as the build-time client secret,
// packs it with electron-builder (`--linux dir`) against a stand-in Electron distribution (the real one cannot be
// downloaded here), and inspects the result:
//   - the asar holds the main, preload and renderer bundles, and the search indexing worker beside the main bundle;
//   - that worker loads from the built files alone and answers (libsql found from out/main, as in the app), and the
//     main bundle does not carry the development-only on-demand worker build (esbuild is not packed);
//   - the only native binary is libsql's for this platform, and it is unpacked next to the asar;
//   - no tests, source maps or TypeScript sources are inside;
//   - the secret marker is in out/main only: never in the preload or renderer bundles, on disk or in the asar;
//   - electron-builder flipped the Electron fuses as electron-builder.yml says.
// Usage: node build/scripts/package-smoke.mjs [--keep]   (--keep leaves release/package-smoke/ for a look)
// Exit code 0 when every check passed; the last line says how many checks failed.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');

const root = join(import.meta.dirname, '..', '..');
const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** The fuse states electron-builder.yml asks for ('1' on, '0' off), by @electron/fuses option index. */
export const expectedFuses = {
  [FuseV1Options.RunAsNode]: '0',
  [FuseV1Options.EnableCookieEncryption]: '1',
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: '0',
  [FuseV1Options.EnableNodeCliInspectArguments]: '0',
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: '1',
  [FuseV1Options.OnlyLoadAppFromAsar]: '1',
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: '0',
};

function run(command, args, options = {}) {
  const outcome = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options, env: { ...process.env, ...options.env } });
  if (outcome.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${outcome.status}):\n${outcome.stdout}\n${outcome.stderr}`);
  }
  return outcome.stdout;
}

/**
 * A stand-in for Electron's unpacked distribution: a shell script named `electron` that carries a real fuse wire
 * (sentinel, version 1, eight fuses at Electron's defaults), so electron-builder's fuse step runs for real.
 */
export function makeStandInElectron(folder) {
  mkdirSync(folder, { recursive: true });
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const wire = Buffer.concat([Buffer.from(`#!/bin/sh\n# ${fuseSentinel}`), Buffer.from([1, 8]), Buffer.from('10110001\n')]);
  writeFileSync(join(folder, 'electron'), Buffer.concat([wire, Buffer.from('echo "Stand-in Electron for the packaging smoke test"\n')]));
  chmodSync(join(folder, 'electron'), 0o755);
  writeFileSync(join(folder, 'version'), electronVersion);
}

function filesUnder(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true })
    .map((name) => join(folder, String(name)))
    .filter((path) => statSync(path).isFile());
}

/** The libsql package that should be inside for this machine, e.g. `@libsql/linux-x64-gnu`. */
export function expectedLibsqlPackage(platform = process.platform, arch = process.arch) {
  if (platform === 'linux') return `@libsql/linux-${arch}-gnu`;
  if (platform === 'win32') return `@libsql/win32-${arch}-msvc`;
  return `@libsql/${platform}-${arch}`;
}

/**
 * Checks a packed app (its `app.asar` and the `app.asar.unpacked` folder beside it) and returns one sentence per
 * problem found; an empty list means the package is clean. `marker` is the secret that may appear only in out/main.
 */
export function inspectPackage({ asarPath, marker, libsqlPackage = expectedLibsqlPackage() }) {
  const problems = [];
  const entries = asar.listPackage(asarPath, { isPack: false });
  const files = entries.filter((entry) => {
    const stat = asar.statFile(asarPath, entry.slice(1), false);
    return !('files' in stat) && !('link' in stat);
  });
  for (const required of ['/out/main/index.js', '/out/main/search-index-worker.js', '/out/main/qa-scan-worker.js', '/out/main/integrity-check-worker.js', '/out/main/snapshot-worker.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']) {
    if (!files.includes(required)) problems.push(`${required} is missing from the asar.`);
  }
  if (!files.some((file) => file.startsWith('/out/renderer/') && file.endsWith('.js'))) problems.push('The asar has no renderer script.');

  const nativeFiles = files.filter((file) => file.endsWith('.node'));
  const expectedNative = `/node_modules/${libsqlPackage}/index.node`;
  for (const file of nativeFiles) {
    if (file !== expectedNative) problems.push(`Unexpected native binary ${file} (only ${expectedNative} belongs in this package).`);
    else if (asar.statFile(asarPath, file.slice(1), false).unpacked !== true) problems.push(`${file} is inside the asar; native binaries must be unpacked.`);
  }
  if (!nativeFiles.includes(expectedNative)) problems.push(`${expectedNative} is missing.`);
  if (nativeFiles.includes(expectedNative) && !existsSync(join(`${asarPath}.unpacked`, expectedNative))) {
    problems.push(`${expectedNative} is not in app.asar.unpacked.`);
  }
  const otherPlatforms = entries.filter((entry) => /^\/node_modules\/@libsql\/[^/]+$/.test(entry) && entry !== `/node_modules/${libsqlPackage}`);
  for (const entry of otherPlatforms) problems.push(`Another platform's libsql package is inside: ${entry}.`);

  for (const file of files) {
    if (file.endsWith('.map')) problems.push(`Source map inside: ${file}.`);
    if (/\.(ts|tsx|mts|cts)$/.test(file)) problems.push(`TypeScript source inside: ${file}.`);
    if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(file)) problems.push(`Test file inside: ${file}.`);
    if (/^\/(main|preload|renderer|test|build)\//.test(file)) problems.push(`Project source folder inside: ${file}.`);
  }

  let markerInMain = false;
  for (const file of files) {
    const text = asar.extractFile(asarPath, file.slice(1), false);
    if (!text.includes(marker)) continue;
    if (file.startsWith('/out/main/')) markerInMain = true;
    else problems.push(`The build-time secret is inside ${file}; it may only be in the main bundle.`);
  }
  if (!markerInMain) problems.push('The build-time secret did not reach out/main (so the check above proves nothing).');
  return problems;
}

/**
 * Starts the built search indexing worker (`out/main/search-index-worker.js`) from `mainFolder` on a scratch index
 * and has it index one document; returns one sentence per problem. Run against the built files with node_modules
 * beside them, it proves the bundle stands alone: its imports resolve and it speaks the protocol.
 */
export async function checkBundledWorker(mainFolder, scratchFolder) {
  const Database = createRequire(join(mainFolder, 'index.js'))('libsql');
  const path = join(scratchFolder, 'search.sqlite');
  const index = new Database(path);
  index.exec("CREATE VIRTUAL TABLE key_words USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 1')");
  index.close();
  const worker = new Worker(join(mainFolder, 'search-index-worker.js'), { workerData: { path, pendingBytes: 1_000_000, batchesPerCommit: 8, termRefresh: [] } });
  const replies = [];
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10_000);
      worker.on('error', (error) => reject(error));
      worker.on('message', (reply) => {
        replies.push(reply.type);
        if (reply.type === 'ready') {
          worker.postMessage({ type: 'load', segments: 16, sequence: 1 });
          worker.postMessage({ type: 'add', ids: [1], bodies: ['packaged worker text'], sequence: 2 });
          worker.postMessage({ type: 'loaded', sequence: 3 });
        }
        if (reply.type !== 'ready' && (reply.type !== 'done' || reply.sequence === 3)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  } catch (error) {
    return [`The bundled search indexing worker did not work: ${error.message}.`];
  } finally {
    await worker.terminate();
  }
  const expected = ['ready', 'done', 'done', 'done'];
  if (replies.join() !== expected.join()) return [`The bundled search indexing worker answered ${replies.join(', ')} instead of ${expected.join(', ')}.`];
  const check = new Database(path);
  const found = check.prepare("SELECT count(*) FROM key_words WHERE key_words MATCH 'packaged'").raw(true).get()[0];
  check.close();
  return found === 1 ? [] : ['The bundled search indexing worker answered, but the document is not in the index.'];
}

/** Compares the fuse wire of a packed Electron binary with `expectedFuses`; returns one sentence per mismatch. */
export async function inspectFuses(executable) {
  const wire = await getCurrentFuseWire(executable);
  return Object.entries(expectedFuses)
    .filter(([index, state]) => String.fromCharCode(wire[index]) !== state)
    .map(([index, state]) => `Fuse ${FuseV1Options[index]} is ${String.fromCharCode(wire[index])}, expected ${state}.`);
}

/** Builds into a scratch folder, packs, inspects; resolves with the problems found and where it worked. */
export async function runPackageSmoke({ keep = false, log = (line) => process.stdout.write(`${line}\n`) } = {}) {
  const staging = join(root, 'release', 'package-smoke');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const marker = `LOCDESK-SMOKE-SECRET-${randomBytes(12).toString('hex')}`;
  try {
    const env = { LOCDESK_BUILD_CLIENT_ID: 'smoke-client-id', LOCDESK_BUILD_CLIENT_SECRET: marker };
    log('Building renderer, main and preload into a scratch folder with a marker secret…');
    run('npx', ['vite', 'build', '--outDir', join(staging, 'out', 'renderer'), '--logLevel', 'warn'], { env });
    run('npx', ['vite', 'build', '--mode', 'main', '--outDir', join(staging, 'out', 'main'), '--logLevel', 'warn'], { env });
    run('npx', ['vite', 'build', '--mode', 'preload', '--outDir', join(staging, 'out', 'preload'), '--logLevel', 'warn'], { env });

    const problems = [];
    const bundles = filesUnder(join(staging, 'out'));
    for (const file of bundles) {
      const inMain = relative(join(staging, 'out'), file).startsWith('main');
      const hasMarker = readFileSync(file).includes(marker);
      if (hasMarker && !inMain) problems.push(`The build-time secret is in ${relative(staging, file)}.`);
    }
    const mainBundle = readFileSync(join(staging, 'out', 'main', 'index.js'), 'utf8');
    if (!mainBundle.includes(marker)) problems.push('The main bundle lacks the build-time secret.');
    if (/from ["']esbuild["']|import\(["']esbuild["']\)/.test(mainBundle)) problems.push('The main bundle imports esbuild, a development tool that is not packed.');

    for (const name of ['package.json', 'package-lock.json', 'electron-builder.yml']) cpSync(join(root, name), join(staging, name));
    cpSync(join(root, 'build'), join(staging, 'build'), { recursive: true, filter: (source) => !source.includes(`${join('build', 'scripts')}`) });
    // Hard links: instant, no extra disk, and unlike a symlink electron-builder's dependency walk understands them.
    run('cp', ['-al', join(root, 'node_modules'), join(staging, 'node_modules')]);
    makeStandInElectron(join(staging, 'electron-dist'));
    log('Starting the bundled search indexing worker from the built files…');
    mkdirSync(join(staging, 'worker-check'));
    problems.push(...(await checkBundledWorker(join(staging, 'out', 'main'), join(staging, 'worker-check'))));

    log('Packing with electron-builder --linux dir against the stand-in Electron…');
    run('npx', ['electron-builder', '--linux', 'dir', '--projectDir', staging, `-c.electronDist=${join(staging, 'electron-dist')}`], {
      cwd: staging,
    });
    const unpackedApp = join(staging, 'release', 'linux-unpacked');
    problems.push(...inspectPackage({ asarPath: join(unpackedApp, 'resources', 'app.asar'), marker }));
    problems.push(...(await inspectFuses(join(unpackedApp, 'locdesk'))));
    return { problems, staging };
  } finally {
    if (!keep) rmSync(staging, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.platform !== 'linux') {
    process.stdout.write('Packaging smoke test skipped: it packs a Linux dir build and runs on Linux only.\n');
  } else {
    const started = Date.now();
    const { problems } = await runPackageSmoke({ keep: process.argv.includes('--keep') });
    for (const problem of problems) process.stdout.write(`FAIL ${problem}\n`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`Packaging smoke test: ${problems.length === 0 ? 'all checks passed' : `${problems.length} problem(s)`} in ${seconds}s\n`);
    process.exitCode = problems.length === 0 ? 0 : 1;
  }
}
