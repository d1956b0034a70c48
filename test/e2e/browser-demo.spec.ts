import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createAppCore, type AppCore } from '../../main/core/app-core';
import { loadConfig } from '../../main/core/config';
import { Redactor, silentLogger } from '../../main/core/log';
import { startFakeLokalise, type FakeLokalise } from '../fake-lokalise/server';
import { MemoryCipher, MemoryClipboard, MemoryKeyValueStore, RecordingBrowser, ScriptedConfirmation } from '../support/memory-ports';
import { serveWithBridge, type WebBridge } from '../support/web-bridge';

let fake: FakeLokalise;
let core: AppCore;
let bridge: WebBridge;
let folder: string;
const browser = new RecordingBrowser();

test.beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 2, keysPerProject: 50 });
  folder = mkdtempSync(join(tmpdir(), 'locdesk-web-'));
  const loaded = loadConfig({ LOCDESK_CLIENT_ID: fake.clientId, LOCDESK_CLIENT_SECRET: fake.clientSecret, LOCDESK_AUTH_URL: fake.authUrl, LOCDESK_TOKEN_URL: fake.tokenUrl, LOCDESK_API_URL: fake.apiUrl });
  core = await createAppCore({
    config: loaded.config,
    configProblem: loaded.problem,
    dataFolder: folder,
    fetch: globalThis.fetch,
    cipher: new MemoryCipher(),
    tokenStore: new MemoryKeyValueStore(),
    settingsStore: new MemoryKeyValueStore(),
    confirmation: new ScriptedConfirmation(false),
    browser,
    clipboard: new MemoryClipboard(),
    logger: silentLogger,
    redactor: new Redactor(),
    appVersion: 'test',
  });
  bridge = await serveWithBridge(core, join(import.meta.dirname, '..', '..', 'out', 'renderer'));
});

test.afterEach(async () => {
  await bridge.close();
  await core.close();
  await fake.close();
  rmSync(folder, { recursive: true, force: true });
});

test('the browser demo signs in over the HTTP bridge and lists the projects', async ({ page, context }) => {
  await page.goto(bridge.url);
  const opened = browser.nextUrl();
  await page.getByRole('button', { name: 'Sign in with Lokalise' }).click();
  const consent = await context.newPage();
  await consent.goto(await opened);
  await consent.getByRole('button', { name: 'Allow' }).click();
  await consent.waitForURL(/\/done$/);
  for (const project of fake.dataset.projects) await expect(page.getByRole('complementary', { name: 'Projects' }).getByText(project.name, { exact: true })).toBeVisible();
});

test('the bridge refuses calls without the session token or from another Host', async ({ request }) => {
  const withoutToken = await request.post(`${bridge.url}__locdesk/invoke`, { data: { channel: 'auth:get-state', args: [] } });
  expect(withoutToken.status()).toBe(403);
  const port = new URL(bridge.url).port;
  const foreignHost = await request.get(bridge.url, { headers: { Host: `evil.example:${port}` } });
  expect(foreignHost.status()).toBe(421);
});

test('the browser demo shows the sign-in link in the page, and the link signs in', async ({ page, context }) => {
  await page.goto(bridge.url);
  const opened = browser.nextUrl();
  await page.getByRole('button', { name: 'Sign in with Lokalise' }).click();
  const url = await opened;
  bridge.showSignInLink(url); // what the demo's opener does besides printing it
  const notice = page.getByRole('status', { name: 'Demo sign-in link' });
  const link = notice.getByRole('link', { name: 'Open the sign-in page' });
  await expect(link).toHaveAttribute('href', url);
  const [consent] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await consent.getByRole('button', { name: 'Allow' }).click();
  await consent.waitForURL(/\/done$/);
  await expect(page.getByRole('complementary', { name: 'Projects' }).getByText(fake.dataset.projects[0]!.name, { exact: true })).toBeVisible();
});
