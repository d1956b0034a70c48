#!/usr/bin/env node
// `npm run demo`: build Locdesk, start the bundled fake Lokalise in its own process, and run the app configured
// against it in a throwaway profile (.locdesk-demo/). Where no Electron binary exists (it is downloaded on first use
// and needs github.com), the same core and renderer are served to your browser instead, and the script says so.
// Either way, pressing "o" here takes the fake Lokalise offline and back, so the offline state can be tried at once.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findElectronBinary } from './electron-binary.mjs';
import { offerOfflineSwitch } from './demo-offline.mjs';

const root = join(import.meta.dirname, '..', '..');
// Reachability checks every 5 s instead of every minute, so going offline and back shows within seconds.
const checks = { LOCDESK_ONLINE_CHECK_SECONDS: '5', LOCDESK_OFFLINE_CHECK_SECONDS: '5' };

process.stdout.write('Building Locdesk…\n');
const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let electron = findElectronBinary({ root });
if (!electron.found && process.env.ELECTRON_OVERRIDE_DIST_PATH === undefined) {
  // The electron package downloads its binary on first use; try that once, quietly, before falling back.
  process.stdout.write('Fetching the Electron binary (first run only)…\n');
  spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, stdio: 'ignore', timeout: 180_000 });
  electron = findElectronBinary({ root });
}

const fake = spawn(process.execPath, ['--import', 'tsx', 'test/fake-lokalise/cli.ts', '--port', '0', '--projects', '4', '--keys', '2000', '--languages', '8', '--seed', '7'], {
  cwd: root,
  stdio: ['pipe', 'pipe', 'inherit'],
});
fake.on('exit', (code) => {
  if (code !== 0 && code !== null) process.exit(code);
});
const endpoints = await new Promise((resolve) => {
  createInterface({ input: fake.stdout }).on('line', (line) => {
    if (line.startsWith('{')) resolve(JSON.parse(line));
    else if (line.startsWith('Fake Lokalise is')) process.stdout.write(`${line}\n`);
  });
});

/** Stops the fake with the app, whichever way the app ends. */
const finish = (code) => {
  fake.kill('SIGTERM');
  process.exit(code ?? 0);
};

let app;
if (!electron.found) {
  process.stdout.write(`\nElectron cannot start here: ${electron.reason}\nStarting the browser demo instead (same core, same renderer, same fake Lokalise).\n\n`);
  app = spawn(process.execPath, ['--import', 'tsx', 'test/support/browser-demo.ts', '--fake', JSON.stringify(endpoints), ...process.argv.slice(2)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...checks },
  });
} else {
  const profile = join(root, '.locdesk-demo', 'electron-profile');
  mkdirSync(profile, { recursive: true });
  process.stdout.write(`Fake Lokalise at ${endpoints.origin}; starting Locdesk (profile ${profile}).\n`);
  app = spawn(electron.path, [root], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      ...checks,
      LOCDESK_CLIENT_ID: endpoints.clientId,
      LOCDESK_CLIENT_SECRET: endpoints.clientSecret,
      LOCDESK_AUTH_URL: endpoints.authUrl,
      LOCDESK_TOKEN_URL: endpoints.tokenUrl,
      LOCDESK_API_URL: endpoints.apiUrl,
      LOCDESK_MODE: 'demo',
      LOCDESK_USER_DATA_DIR: profile,
    },
  });
}
app.on('exit', finish);
offerOfflineSwitch({ fake, stop: () => app.kill('SIGINT') });
process.on('SIGINT', () => app.kill('SIGINT'));
