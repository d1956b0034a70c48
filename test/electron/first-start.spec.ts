/**
 * First start on a fresh machine: the app starts with an empty user-data folder, shows sign-in and quits cleanly;
 * a second start finds the same profile. In the release workflow this runs against the packaged app built by
 * `npm run dist:e2e` on each operating system.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Envelope, LocdeskBridge } from '../../common/contract';
import { startFakeLokalise, type FakeLokalise } from '../fake-lokalise/server';
import { electronTarget, launchApp, type LaunchedApp } from './launch';

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
test.describe.configure({ mode: 'serial' });
test.beforeEach(() => {
  if (electronTarget.found) test.info().annotations.push({ type: 'electron target', description: electronTarget.description });
});

let fake: FakeLokalise;
let machine: string;
let profile: string;

test.beforeAll(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 10, seed: 21 });
  machine = mkdtempSync(join(tmpdir(), 'locdesk-fresh-machine-'));
  profile = join(machine, 'Locdesk');
});

test.afterAll(async () => {
  await fake.close().catch(() => undefined);
  rmSync(machine, { recursive: true, force: true });
});

/** Asks the app to quit as a user would and resolves with how its process ended. */
async function quit(running: LaunchedApp): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = running.app.process();
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null) resolve({ code: child.exitCode, signal: null });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  await running.app.evaluate(({ app }) => app.quit()).catch(() => undefined);
  return ended;
}

test('starts with an empty user-data folder, shows sign-in, and quits cleanly', async () => {
  expect(readdirSync(machine)).toEqual([]);
  const running = await launchApp(fake, profile);
  expect(await running.app.evaluate(({ app }) => app.isPackaged), 'the suite drives the app it says it drives').toBe(electronTarget.found && electronTarget.kind === 'packaged');
  await expect(running.page.getByRole('button', { name: 'Sign in with Lokalise' })).toBeVisible();
  const update = valueOf(await running.page.evaluate(() => (globalThis as unknown as PageGlobals).locdesk.app.updateState()));
  expect(update).toMatchObject({ status: 'disabled', disabledReason: 'demo' });
  // A choice the second start has to find.
  valueOf(await running.page.evaluate(() => (globalThis as unknown as PageGlobals).locdesk.settings.update({ automaticUpdates: false })));
  expect(await quit(running)).toEqual({ code: 0, signal: null });
  expect(readdirSync(profile)).toEqual(expect.arrayContaining(['library', 'settings.json']));
});

test('a second start finds the same profile', async () => {
  const running = await launchApp(fake, profile);
  await expect(running.page.getByRole('button', { name: 'Sign in with Lokalise' })).toBeVisible();
  const settings = valueOf(await running.page.evaluate(() => (globalThis as unknown as PageGlobals).locdesk.settings.get()));
  expect(settings.automaticUpdates).toBe(false);
  expect(await quit(running)).toEqual({ code: 0, signal: null });
});
