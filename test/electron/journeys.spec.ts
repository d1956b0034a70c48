/**
 * The whole app, for real: sign in through the "system browser" and the loopback receiver, sync, keep browsing
 * with Lokalise gone, and come back after a restart still signed in (tokens read back through safeStorage).
 */
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startFakeLokalise, type FakeLokalise } from '../fake-lokalise/server';
import { answerConsent } from '../fake-lokalise/testing';
import type { Envelope, LocdeskBridge } from '../../common/contract';
import { electronTarget, isolatedProfile, launchApp, type LaunchedApp } from './launch';

/** What the page's global object offers (the node tsconfig has no DOM types; this is erased before evaluate runs). */
interface PageGlobals {
  readonly locdesk: LocdeskBridge;
}

/** The value of an envelope the page's `window.locdesk` resolved with; a failed one fails the journey with its code. */
function valueOf<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`The call failed with ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

test.skip(!electronTarget.found, electronTarget.found ? '' : `Electron suite skipped: ${electronTarget.reason}`);
test.beforeEach(() => {
  if (electronTarget.found) test.info().annotations.push({ type: 'electron target', description: electronTarget.description });
});
test.describe.configure({ mode: 'serial' });

let fake: FakeLokalise;
let profile: string;
let running: LaunchedApp | null = null;

test.beforeAll(async () => {
  fake = await startFakeLokalise({ projects: 2, keysPerProject: 120, seed: 11 });
  profile = isolatedProfile();
});

test.afterAll(async () => {
  await running?.app.close();
  await fake.close().catch(() => undefined);
  rmSync(profile, { recursive: true, force: true });
});

test('signs in through the system browser and the loopback receiver', async () => {
  running = await launchApp(fake, profile);
  const { page } = running;
  if (process.platform === 'linux') {
    // With --password-store=basic there is no keyring; persisting tokens needs the explicit opt-in, which main
    // confirms in its own dialog: the journey answers that dialog as a user choosing "Keep me signed in" would.
    await running.app.evaluate(({ dialog }) => {
      dialog.showMessageBox = () => Promise.resolve({ response: 1, checkboxChecked: false });
    });
    const settings = valueOf(await page.evaluate(() => (globalThis as unknown as PageGlobals).locdesk.settings.update({ allowWeakTokenStorage: true })));
    expect(settings.allowWeakTokenStorage).toBe(true);
  }
  await page.getByRole('button', { name: 'Sign in with Lokalise' }).click();
  await expect.poll(async () => (await running?.openedUrls())?.length ?? 0).toBe(1);
  const [authorizeUrl] = (await running.openedUrls()) as [string];
  expect(new URL(authorizeUrl).origin).toBe(fake.origin);
  const { location } = await answerConsent(authorizeUrl, 'allow');
  expect(location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
  await fetch(location ?? '');

  for (const project of fake.dataset.projects) await expect(page.getByText(project.name, { exact: true }).first()).toBeVisible();
  const state = valueOf(await page.evaluate(() => (globalThis as unknown as PageGlobals).locdesk.auth.getState()));
  expect(state.status).toBe('signedIn');
  expect(state.persistence, 'tokens must be persisted for the restart journey').not.toBe('sessionOnly');
  expect(JSON.stringify(state)).not.toMatch(/token/i);
});

test('syncs a project into the offline library', async () => {
  const page = running?.page;
  if (page === undefined) throw new Error('The app is not running.');
  const project = fake.dataset.projects[0];
  if (project === undefined) throw new Error('The fake has no projects.');
  valueOf(await page.evaluate((projectId) => (globalThis as unknown as PageGlobals).locdesk.projects.setKeepOffline(projectId, true), project.projectId));
  valueOf(await page.evaluate((projectId) => (globalThis as unknown as PageGlobals).locdesk.sync.start([projectId]), project.projectId));
  await expect.poll(async () => valueOf(await page.evaluate(() => (globalThis as unknown as PageGlobals).locdesk.sync.status())).status, { timeout: 60_000 }).toBe('done');
  const summary = valueOf(await page.evaluate(() => (globalThis as unknown as PageGlobals).locdesk.projects.list())).find((candidate) => candidate.projectId === project.projectId);
  expect(summary?.sync.status).toBe('ok');
  expect(summary?.sync.keyCount).toBe(project.keyCount);
});

test('keeps browsing the library when Lokalise cannot be reached', async () => {
  const page = running?.page;
  const project = fake.dataset.projects[0];
  if (page === undefined || project === undefined) throw new Error('The previous journey did not finish.');
  await fake.close();
  const source = project.languages[0]?.iso ?? 'en';
  const keys = valueOf(
    await page.evaluate(
      ([projectId, sourceIso]) => (globalThis as unknown as PageGlobals).locdesk.keys.page({ projectId, sourceIso, targetIsos: [] }),
      [project.projectId, source] as const,
    ),
  );
  expect(keys.total).toBe(project.keyCount);
  await expect(page.getByText(project.name, { exact: true }).first()).toBeVisible();
});

test('is still signed in after a restart, with the tokens read back through safeStorage', async () => {
  await running?.app.close();
  running = await launchApp(fake, profile);
  const state = valueOf(await running.page.evaluate(() => (globalThis as unknown as PageGlobals).locdesk.auth.getState()));
  expect(state.status).toBe('signedIn');
  await expect(running.page.getByRole('button', { name: 'Sign in with Lokalise' })).toHaveCount(0);
});
