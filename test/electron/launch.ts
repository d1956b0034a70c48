/**
 * Launches the app under Playwright's `_electron` with an isolated profile, pointed at a fake Lokalise, and with
 * `shell.openExternal` captured so sign-in never opens a real browser. The app is the packaged build named by
 * LOCDESK_E2E_APP (`npm run dist:e2e`, as the release workflow does) or else the unpacked one (`out/` run by the
 * Electron binary in node_modules); `electronTarget` says which, and the suite reports it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronTarget } from '../../build/scripts/electron-binary.mjs';
import { fakeEnvironment } from '../fake-lokalise/environment';
import type { FakeLokalise } from '../fake-lokalise/server';

const root = join(import.meta.dirname, '..', '..');

/** The files `npm run build` must have produced. */
export const builtApp = {
  root,
  requiredFiles: ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((file) => join(root, file)),
};

/** The app the suite drives, or the one-line reason the suite is skipped. */
export const electronTarget = findElectronTarget();

/** A fresh, empty user-data folder for one journey (kept across that journey's restarts). */
export function isolatedProfile(): string {
  return mkdtempSync(join(tmpdir(), 'locdesk-electron-profile-'));
}

/** A running app and its window. */
export interface LaunchedApp {
  readonly app: ElectronApplication;
  readonly page: Page;
  /** URLs the app asked the OS to open, in order. */
  openedUrls(): Promise<string[]>;
}

/** Starts the app against `fake` with `profile` as its user-data folder. */
export async function launchApp(fake: FakeLokalise, profile: string): Promise<LaunchedApp> {
  if (!electronTarget.found) throw new Error(electronTarget.reason);
  const app = await electron.launch({
    executablePath: electronTarget.path,
    // A packaged app knows where its code is; the unpacked one is given the project folder. basic: no keyring prompt
    // on Linux CI; the app then asks for the weak-storage opt-in, which the journey gives.
    args: [...(electronTarget.kind === 'packaged' ? [] : [root]), ...(process.platform === 'linux' ? ['--password-store=basic'] : [])],
    cwd: root,
    env: {
      ...process.env,
      LOCDESK_USER_DATA_DIR: profile,
      ...fakeEnvironment(fake),
    },
    timeout: 60_000,
  });
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as unknown as { locdeskOpenedUrls: string[] }).locdeskOpenedUrls = opened;
    shell.openExternal = (url: string) => {
      opened.push(url);
      return Promise.resolve();
    };
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    app,
    page,
    openedUrls: () => app.evaluate(() => [...(globalThis as unknown as { locdeskOpenedUrls: string[] }).locdeskOpenedUrls]),
  };
}
