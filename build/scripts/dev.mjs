#!/usr/bin/env node
// `npm run dev`: the renderer from Vite's dev server (with HMR), main and preload rebuilt on every change, and
// Electron restarted whenever either bundle changes. Needs a real Electron binary; where there is none it says so
// in one message and exits, instead of letting electron try (and fail) to download itself.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, createServer } from 'vite';
import { findElectronBinary } from './electron-binary.mjs';

const root = join(import.meta.dirname, '..', '..');
const configFile = join(root, 'vite.config.ts');

const electron = findElectronBinary();
if (!electron.found) {
  process.stderr.write(
    `npm run dev cannot start: ${electron.reason}\n` +
      'Without Electron you can still run the renderer against the bundled fake Lokalise in a browser: npm run demo\n',
  );
  process.exit(1);
}

const server = await createServer({ configFile, mode: 'development' });
await server.listen();
const devServerUrl = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
process.stdout.write(`Renderer dev server: ${devServerUrl}\n`);

let child = null;
let restarting = false;
let stopping = false;
let restartTimer = null;

function launch() {
  child = spawn(electron.path, [root], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, LOCDESK_DEV_SERVER_URL: devServerUrl, LOCDESK_MODE: process.env.LOCDESK_MODE ?? 'development' },
  });
  child.on('exit', (code) => {
    child = null;
    if (restarting) {
      restarting = false;
      launch();
    } else if (!stopping) {
      // The user closed the app: stop the whole dev session.
      void stop(code ?? 0);
    }
  });
}

/** Restarts Electron after a rebuild; several bundles finishing together cause one restart. */
function scheduleRestart() {
  if (stopping) return;
  clearTimeout(restartTimer);
  restartTimer = setTimeout(() => {
    if (child === null) return launch();
    process.stdout.write('Main or preload changed: restarting Electron…\n');
    restarting = true;
    child.kill();
  }, 150);
}

/** Starts a watch build of `mode`; resolves once its first build has finished (successfully or not). */
async function watchBundle(mode) {
  const watcher = await build({ configFile, mode, logLevel: 'warn', build: { watch: {} } });
  let firstBuild = true;
  let firstBuildDone;
  const ready = new Promise((resolve) => {
    firstBuildDone = resolve;
  });
  watcher.on('event', (event) => {
    if (event.code === 'ERROR') process.stderr.write(`The ${mode} bundle failed to build: ${event.error.message}\n`);
    if (event.code === 'BUNDLE_END') event.result?.close();
    if (event.code !== 'END' && event.code !== 'ERROR') return;
    if (firstBuild) {
      firstBuild = false;
      firstBuildDone();
    } else if (event.code === 'END') {
      scheduleRestart();
    }
  });
  await ready;
  return watcher;
}

const watchers = [await watchBundle('main'), await watchBundle('preload')];

async function stop(code) {
  stopping = true;
  clearTimeout(restartTimer);
  child?.kill();
  await Promise.all(watchers.map((watcher) => watcher.close()));
  await server.close();
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

launch();
