#!/usr/bin/env node
// `npm run demo`: build Locdesk, start the bundled fake Lokalise, and run the app configured against it in a
// throwaway profile (.locdesk-demo/). Where no Electron binary exists (it is downloaded on first use and needs
// github.com), the same core and renderer are served to your browser instead, and the script says so.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findElectronBinary } from './electron-binary.mjs';

const root = join(import.meta.dirname, '..', '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

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
if (!electron.found) {
  process.stdout.write(`\nElectron cannot start here: ${electron.reason}\nStarting the browser demo instead (same core, same renderer, same fake Lokalise).\n\n`);
  const demo = spawn(npx, ['tsx', 'test/support/browser-demo.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  demo.on('exit', (code) => process.exit(code ?? 0));
  process.on('SIGINT', () => demo.kill('SIGINT'));
} else {
  const fake = spawn(npx, ['tsx', 'test/fake-lokalise/cli.ts', '--port', '0', '--projects', '4', '--keys', '2000', '--languages', '8'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: fake.stdout });
  lines.on('line', (line) => {
    if (!line.startsWith('{')) return;
    const urls = JSON.parse(line);
    const profile = join(root, '.locdesk-demo', 'electron-profile');
    mkdirSync(profile, { recursive: true });
    process.stdout.write(`Fake Lokalise at ${urls.origin}; starting Locdesk (profile ${profile}).\n`);
    const app = spawn(electron.path, [root], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        LOCDESK_CLIENT_ID: urls.clientId,
        LOCDESK_CLIENT_SECRET: urls.clientSecret,
        LOCDESK_AUTH_URL: urls.authUrl,
        LOCDESK_TOKEN_URL: urls.tokenUrl,
        LOCDESK_API_URL: urls.apiUrl,
        LOCDESK_MODE: 'demo',
        LOCDESK_USER_DATA_DIR: profile,
      },
    });
    app.on('exit', (code) => {
      fake.kill('SIGTERM');
      process.exit(code ?? 0);
    });
  });
  fake.on('exit', (code) => {
    if (code !== 0 && code !== null) process.exit(code);
  });
}
