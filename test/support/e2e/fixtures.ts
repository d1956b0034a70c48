/**
 * The Playwright fixture every end-to-end journey starts from: a fake Lokalise, a real AppCore wired to it with
 * in-memory ports, the built renderer served under the production CSP, and `window.locdesk` bridged into the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Locator, type Page } from '@playwright/test';
import { createAppCore } from '../../../main/core/app-core';
import type { AppCore } from '../../../main/core/app-core';
import { loadConfig, type LocdeskConfig } from '../../../main/core/config';
import { createLogger, Redactor } from '../../../main/core/log';
import { fakeEnvironment } from '../../fake-lokalise/environment';
import { startFakeLokalise, type FakeLokalise, type FakeLokaliseOptions } from '../../fake-lokalise/server';
import { MemoryCipher, MemoryClipboard, MemoryKeyValueStore, RecordingBrowser, ScriptedConfirmation } from '../memory-ports';
import { connectPage } from './bridge';
import { serveRenderer, type StaticServer } from './static-server';

const rendererFolder = join(import.meta.dirname, '..', '..', '..', 'out', 'renderer');

/** Everything a journey can reach. */
export interface World {
  readonly page: Page;
  readonly fake: FakeLokalise;
  readonly core: AppCore;
  readonly browser: RecordingBrowser;
  readonly clipboard: MemoryClipboard;
  /** Main's confirmation dialog: set `answer` before the journey triggers it; `asked` records the questions. */
  readonly confirmation: ScriptedConfirmation;
  readonly logLines: string[];
  /**
   * Clicks "Sign in with Lokalise" (or `trigger`), opens the URL the core sent to the "system browser" in a new
   * page and answers the consent there.
   */
  signInThroughConsent(decision?: 'Allow' | 'Deny', trigger?: Locator): Promise<void>;
  /** Saves screenshots of the app page in the light and the dark theme under test-results/screens/. */
  screenshot(name: string): Promise<void>;
}

/** Options a spec can set with `test.use({ fakeOptions: … })`. */
export interface WorldOptions {
  fakeOptions: FakeLokaliseOptions;
  configOverrides: Partial<LocdeskConfig>;
}

async function build(page: Page, options: WorldOptions, cleanups: (() => Promise<void> | void)[]): Promise<World> {
  const fake = await startFakeLokalise(options.fakeOptions);
  cleanups.push(() => fake.close());
  const renderer: StaticServer = await serveRenderer(rendererFolder);
  cleanups.push(() => renderer.close());
  const dataFolder = mkdtempSync(join(tmpdir(), 'locdesk-e2e-'));
  cleanups.push(() => rmSync(dataFolder, { recursive: true, force: true }));

  const loaded = loadConfig(fakeEnvironment(fake));
  const config: LocdeskConfig = { ...loaded.config, ...options.configOverrides };
  const redactor = new Redactor();
  const logLines: string[] = [];
  const browser = new RecordingBrowser();
  const clipboard = new MemoryClipboard();
  const confirmation = new ScriptedConfirmation(false);
  const core = await createAppCore({
    config,
    configProblem: loaded.problem,
    dataFolder,
    fetch: globalThis.fetch,
    cipher: new MemoryCipher(),
    tokenStore: new MemoryKeyValueStore(),
    settingsStore: new MemoryKeyValueStore(),
    confirmation,
    browser,
    clipboard,
    // "Save as…" answers a file in the throwaway profile, as if the translator had chosen it.
    saveDialog: { choosePath: () => Promise.resolve(join(dataFolder, 'exported-edits.json')) },
    logger: createLogger((level, line) => logLines.push(`${level} ${line}`), redactor, 'e2e'),
    redactor,
    appVersion: '0.0.0-e2e',
  });
  cleanups.push(() => core.close());
  const disconnect = await connectPage(page, core, renderer);
  cleanups.push(disconnect);
  await page.goto(renderer.url);

  return {
    page,
    fake,
    core,
    browser,
    clipboard,
    confirmation,
    logLines,
    async signInThroughConsent(decision = 'Allow', trigger) {
      const opened = browser.nextUrl();
      await (trigger ?? page.getByRole('button', { name: 'Sign in with Lokalise' })).click();
      const consent = await page.context().newPage();
      await consent.goto(await opened);
      await consent.getByRole('button', { name: decision }).click();
      await consent.waitForURL(/\/done$/);
      await consent.close();
    },
    async screenshot(name) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: join('test-results', 'screens', `${name}-${colorScheme}.png`), fullPage: true });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    },
  };
}

/** `test` with a `world` fixture; options default to a small, fast dataset. */
export const test = base.extend<WorldOptions & { world: World }>({
  fakeOptions: [{ projects: 3, keysPerProject: 300, seed: 7 }, { option: true }],
  configOverrides: [{}, { option: true }],
  world: async ({ page, fakeOptions, configOverrides }, use) => {
    const cleanups: (() => Promise<void> | void)[] = [];
    try {
      await use(await build(page, { fakeOptions, configOverrides }, cleanups));
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
  },
});

export { expect } from '@playwright/test';
