/**
 * The composed core on failure paths, through the same dispatch the IPC handlers use: what the renderer is told
 * when Lokalise goes silent, when the session ends, when the library is missing at sign-out, and when the page asks
 * for weak token storage.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connectivity } from '../../common/contract';
import { fakeEnvironment } from '../../test/fake-lokalise/environment';
import { startFakeLokalise, type FakeLokalise } from '../../test/fake-lokalise/server';
import { answerConsent } from '../../test/fake-lokalise/testing';
import { MemoryCipher, MemoryClipboard, MemoryKeyValueStore, RecordingBrowser, ScriptedConfirmation } from '../../test/support/memory-ports';
import { createAppCore, type AppCore } from './app-core';
import { loadConfig, type LocdeskConfig } from './config';
import { dispatchCall } from './dispatch';
import { Redactor, silentLogger } from './log';

let fake: FakeLokalise;
const cores: AppCore[] = [];
beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 5 });
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  await fake.close();
});

interface Rig {
  readonly core: AppCore;
  readonly browser: RecordingBrowser;
  readonly cipher: MemoryCipher;
  readonly confirmation: ScriptedConfirmation;
  readonly connectivity: Connectivity[];
}

async function compose(overrides: Partial<LocdeskConfig> = {}, dataFolder = mkdtempSync(join(tmpdir(), 'locdesk-core-'))): Promise<Rig> {
  const browser = new RecordingBrowser();
  const cipher = new MemoryCipher();
  const confirmation = new ScriptedConfirmation(false);
  const core = await createAppCore({
    config: { ...loadConfig(fakeEnvironment(fake)).config, ...overrides },
    configProblem: null,
    dataFolder,
    fetch: globalThis.fetch,
    cipher,
    tokenStore: new MemoryKeyValueStore(),
    settingsStore: new MemoryKeyValueStore(),
    confirmation,
    browser,
    clipboard: new MemoryClipboard(),
    logger: silentLogger,
    redactor: new Redactor(),
    appVersion: 'test',
  });
  cores.push(core);
  const connectivity: Connectivity[] = [];
  core.events.subscribe((event) => {
    if (event.domain === 'app' && event.name === 'onConnectivityChanged') connectivity.push(event.payload);
  });
  return { core, browser, cipher, confirmation, connectivity };
}

async function signIn(rig: Rig): Promise<void> {
  const opened = rig.browser.nextUrl();
  const pending = rig.core.api.auth.signIn();
  const { location } = await answerConsent(await opened, 'allow');
  await fetch(location ?? '', { redirect: 'manual' });
  expect((await pending).status).toBe('signedIn');
}

describe('a network that accepts requests and never answers', () => {
  it('is reported as "Lokalise is not answering" within the silence limit, and marks Lokalise unreachable', async () => {
    const rig = await compose({ noAnswerTimeoutMs: 300 });
    await signIn(rig);
    fake.switches.faults = { ...fake.switches.faults, failNextRequests: 100, failureKind: 'hang', matchPath: /\/projects$/ };
    const started = performance.now();
    const refreshing = dispatchCall(rig.core.api, 'projects:refresh', []);
    while (rig.connectivity.length === 0 && performance.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(rig.connectivity[0]).toMatchObject({ online: false, message: 'Lokalise is not answering. Your offline library is still available.' });
    expect(await rig.core.api.app.connectivity()).toMatchObject({ online: false });
    // Signing out meanwhile stops the retries at once, and the waiting call says why.
    expect(await dispatchCall(rig.core.api, 'auth:sign-out', [])).toMatchObject({ ok: true });
    expect(await refreshing).toEqual({ ok: false, error: { code: 'cancelled', message: 'You signed out, so Locdesk stopped talking to Lokalise.' } });
  });
});

describe('the session ending', () => {
  it('answers the call that found out with auth.session_expired', async () => {
    const rig = await compose();
    await signIn(rig);
    fake.revokeAllTokens();
    expect(await dispatchCall(rig.core.api, 'projects:refresh', [])).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });
    expect(await rig.core.api.auth.getState()).toMatchObject({ status: 'signedOut', reason: 'sessionExpired' });
  });

  it('signs out even when the offline library could not be opened', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'locdesk-core-'));
    const notAFolder = join(folder, 'library');
    writeFileSync(notAFolder, 'not a folder');
    const rig = await compose({}, notAFolder);
    expect((await rig.core.api.app.info()).storeProblem).not.toBeNull();
    await signIn(rig);
    expect(await dispatchCall(rig.core.api, 'auth:sign-out', [])).toMatchObject({ ok: true, value: { status: 'signedOut', reason: 'signedOut' } });
  });
});

describe('weak token storage', () => {
  it('stays off when the page asks but the user declines main’s dialog', async () => {
    const rig = await compose();
    rig.cipher.currentStrength = 'weak';
    expect(await dispatchCall(rig.core.api, 'settings:update', [{ allowWeakTokenStorage: true }])).toEqual({ ok: true, value: { allowWeakTokenStorage: false, automaticUpdates: true } });
    expect(rig.confirmation.asked).toHaveLength(1);
    await signIn(rig);
    expect(await rig.core.api.auth.getState()).toMatchObject({ persistence: 'sessionOnly' });
  });

  it('turns on only once the user confirms in main’s dialog', async () => {
    const rig = await compose();
    rig.cipher.currentStrength = 'weak';
    rig.confirmation.answer = true;
    expect(await dispatchCall(rig.core.api, 'settings:update', [{ allowWeakTokenStorage: true }])).toEqual({ ok: true, value: { allowWeakTokenStorage: true, automaticUpdates: true } });
    await signIn(rig);
    expect(await rig.core.api.auth.getState()).toMatchObject({ persistence: 'encrypted' });
  });
});

describe('opening a key in Lokalise', () => {
  it('opens the web editor searching for that key by name, and opens nothing for a key the library does not hold', async () => {
    const rig = await compose();
    await signIn(rig);
    const [project] = await rig.core.api.projects.refresh();
    await rig.core.api.sync.start(null);
    const started = performance.now();
    while ((await rig.core.api.sync.status()).status === 'running' && performance.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await rig.core.api.sync.status()).status).toBe('done');
    const answer = await dispatchCall(rig.core.api, 'keys:page', [{ projectId: project?.projectId, sourceIso: project?.baseLanguageIso ?? 'en', targetIsos: [], limit: 1 }]);
    const key = answer.ok ? (answer.value as { items: { keyId: number; name: string }[] }).items[0] : undefined;
    expect(key).toBeDefined();

    expect(await dispatchCall(rig.core.api, 'keys:open-in-lokalise', [project?.projectId, key?.keyId])).toEqual({ ok: true, value: true });
    const opened = new URL(rig.browser.opened.at(-1) ?? '');
    expect(opened.origin).toBe(new URL(fake.origin).origin);
    expect(opened.pathname).toBe(`/project/${encodeURIComponent(project?.projectId ?? '')}/`);
    expect(opened.searchParams.get('search')).toBe(key?.name);

    const before = rig.browser.opened.length;
    expect(await dispatchCall(rig.core.api, 'keys:open-in-lokalise', [project?.projectId, 999_999_999])).toEqual({ ok: true, value: false });
    expect(rig.browser.opened).toHaveLength(before);
  });
});
