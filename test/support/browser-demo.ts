/**
 * `npm run demo` where no Electron binary exists: runs a real AppCore and the built renderer, and serves the app to
 * your browser through the HTTP bridge. The fake Lokalise runs in its own process (the demo launcher starts it and
 * passes its endpoints with `--fake`, so it can take it offline and back); run on its own, this starts one in
 * process. Sign-in links are opened with the system's opener when there is one, shown in the page and printed here.
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
import { startFakeLokalise, type FakeEndpoints } from '../fake-lokalise/server';
import { MemoryCipher, MemoryKeyValueStore, ScriptedConfirmation } from './memory-ports';
import { serveWithBridge, type WebBridge } from './web-bridge';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, keys: { type: 'string', default: '2000' }, projects: { type: 'string', default: '4' }, fake: { type: 'string' } },
});
let bridge: WebBridge | null = null;

const opener: BrowserOpener = {
  open: (url) => {
    process.stdout.write(`\nOpen this link to sign in (Locdesk tried to open it for you, and shows it in the page):\n  ${url}\n\n`);
    bridge?.showSignInLink(url);
    const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return Promise.resolve();
  },
};
const clipboard: ClipboardWriter = { writeText: (text) => process.stdout.write(`\nThe sign-in link (copy it from here):\n  ${text}\n\n`) };

const inProcess = values.fake === undefined ? await startFakeLokalise({ projects: Number(values.projects), keysPerProject: Number(values.keys), languages: 8, seed: 7 }) : null;
const fake: FakeEndpoints = inProcess ?? (JSON.parse(values.fake ?? '{}') as FakeEndpoints);
// Reachability is checked every 5 s rather than every minute, so taking the fake offline shows within seconds.
const loaded = loadConfig({
  ...fakeEnvironment(fake),
  LOCDESK_ONLINE_CHECK_SECONDS: process.env.LOCDESK_ONLINE_CHECK_SECONDS ?? '5',
  LOCDESK_OFFLINE_CHECK_SECONDS: process.env.LOCDESK_OFFLINE_CHECK_SECONDS ?? '5',
});
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
const served = await serveWithBridge(core, join(root, 'out', 'renderer'), Number(values.port));
bridge = served;
process.stdout.write(
  `Locdesk demo (browser mode) is running against a fake Lokalise at ${fake.origin}.\n` +
    `Open ${served.url} in your browser, click "Sign in with Lokalise", then "Allow" on the fake consent page.\n` +
    'Press Ctrl+C to stop.\n',
);

const stop = (): void => {
  void Promise.all([served.close(), core.close(), inProcess?.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
