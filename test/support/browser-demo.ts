/**
 * `npm run demo` where no Electron binary exists: runs the fake Lokalise, a real AppCore and the built renderer in
 * one Node process, and serves the app to your browser through the HTTP bridge. Sign-in links are opened with the
 * system's opener when there is one, and always printed here.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppCore } from '../../main/core/app-core';
import { loadConfig } from '../../main/core/config';
import { consoleSink, createLogger, Redactor } from '../../main/core/log';
import type { BrowserOpener, ClipboardWriter } from '../../main/core/ports';
import { fakeEnvironment } from '../fake-lokalise/environment';
import { startFakeLokalise } from '../fake-lokalise/server';
import { MemoryCipher, MemoryKeyValueStore, ScriptedConfirmation } from './memory-ports';
import { serveWithBridge } from './web-bridge';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, keys: { type: 'string', default: '2000' }, projects: { type: 'string', default: '4' } } });

const opener: BrowserOpener = {
  open: (url) => {
    process.stdout.write(`\nOpen this link to sign in (Locdesk tried to open it for you):\n  ${url}\n\n`);
    const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return Promise.resolve();
  },
};
const clipboard: ClipboardWriter = { writeText: (text) => process.stdout.write(`\nThe sign-in link (copy it from here):\n  ${text}\n\n`) };

const fake = await startFakeLokalise({ projects: Number(values.projects), keysPerProject: Number(values.keys), languages: 8, seed: 7 });
const loaded = loadConfig(fakeEnvironment(fake));
const dataFolder = join(root, '.locdesk-demo', 'browser-library');
mkdirSync(dataFolder, { recursive: true });
const redactor = new Redactor();
const core = await createAppCore({
  config: loaded.config,
  configProblem: loaded.problem,
  dataFolder,
  fetch: globalThis.fetch,
  cipher: new MemoryCipher(),
  tokenStore: new MemoryKeyValueStore(),
  settingsStore: new MemoryKeyValueStore(),
  // The demo's cipher is secure, so weak token storage is never offered; a stray request to enable it is declined.
  confirmation: new ScriptedConfirmation(false),
  browser: opener,
  clipboard,
  logger: createLogger(consoleSink('warn'), redactor, 'demo'),
  redactor,
  appVersion: 'demo',
});
const bridge = await serveWithBridge(core, join(root, 'out', 'renderer'), Number(values.port));
process.stdout.write(
  `Locdesk demo (browser mode) is running against a fake Lokalise at ${fake.origin}.\n` +
    `Open ${bridge.url} in your browser, click "Sign in with Lokalise", then "Allow" on the fake consent page.\n` +
    'Press Ctrl+C to stop.\n',
);

const stop = (): void => {
  void Promise.all([bridge.close(), core.close(), fake.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
