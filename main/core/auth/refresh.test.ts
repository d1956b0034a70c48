import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import { TokenVault, vaultKey } from '../vault/token-vault';
import { Redactor, silentLogger } from '../log';
import { MemoryCipher } from '../../../test/support/memory-ports';
import { LokaliseClient } from '../lokalise/client';
import { Session } from './session';
import { sessionRig, signInWith, type SessionRig } from '../../../test/support/core/session-rig';

let fake: FakeLokalise;
let clock: number;
const now = (): number => clock;

beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 5 });
  clock = Date.now();
});
afterEach(async () => {
  await fake.close();
});

async function signedIn(overrides: Parameters<typeof sessionRig>[1] = {}): Promise<SessionRig> {
  const rig = sessionRig(fake, overrides, { now });
  const { state } = await signInWith(rig, 'allow');
  expect(state.status).toBe('signedIn');
  return rig;
}

describe('Session refresh', () => {
  it('shares one refresh among 100 concurrent callers of an expired token, proactive and reactive alike', async () => {
    const rig = await signedIn();
    const before = await rig.session.accessToken();
    clock += 3600_000;
    const tokens = await Promise.all(
      Array.from({ length: 100 }, (_, index) => (index % 2 === 0 ? rig.session.accessToken() : rig.session.refreshAfterRejection(before))),
    );
    expect(fake.stats.refreshes).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(before);
  });

  it('refreshes proactively only inside the five-minute window', async () => {
    const rig = await signedIn();
    clock += 3600_000 - 6 * 60_000;
    await rig.session.accessToken();
    expect(fake.stats.refreshes).toBe(0);
    clock += 2 * 60_000;
    await rig.session.accessToken();
    expect(fake.stats.refreshes).toBe(1);
  });

  it('refreshes once when the API rejects a token, and not again for the same rejected token', async () => {
    const rig = await signedIn();
    const rejected = await rig.session.accessToken();
    fake.expireAccessTokens();
    const [first, second] = await Promise.all([rig.session.refreshAfterRejection(rejected), rig.session.refreshAfterRejection(rejected)]);
    expect(first).toBe(second);
    expect(await rig.session.refreshAfterRejection(rejected)).toBe(first);
    expect(fake.stats.refreshes).toBe(1);
    const response = await fetch(`${fake.apiUrl}projects`, { headers: { Authorization: `Bearer ${first}` } });
    expect(response.status).toBe(200);
  });

  it('persists a rotated refresh token before reporting success: a reopened vault holds the one that works', async () => {
    fake.switches.dialect = 'oauth2';
    fake.switches.rotateRefreshTokens = true;
    const rig = await signedIn({ provider: 'oauth2' });
    const firstRefresh = (await rig.vault.load())?.refreshToken ?? '';
    let storedWhenToldOfSuccess: string | undefined;
    rig.session.onStateChanged(() => {
      storedWhenToldOfSuccess = JSON.stringify(rig.store.get(vaultKey));
    });
    clock += 3600_000;
    await rig.session.accessToken();
    expect(storedWhenToldOfSuccess).toBe(JSON.stringify(rig.store.get(vaultKey)));
    const reopened = new TokenVault(rig.cipher, rig.store, () => false, silentLogger);
    const stored = await reopened.load();
    expect(stored?.refreshToken).toMatch(/^[0-9a-f]{40}$/);
    expect(stored?.refreshToken).not.toBe(firstRefresh);

    // The old refresh token is dead at the server...
    const old = await fetch(fake.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: fake.clientId, client_secret: fake.clientSecret, refresh_token: firstRefresh, grant_type: 'refresh_token' }).toString(),
    });
    expect(old.status).toBe(400);
    expect(await old.json()).toMatchObject({ error: 'invalid_grant' });

    // ...and a fresh start from the reopened vault refreshes with the new one.
    const next = new Session({ config: rig.config, configProblem: null, fetch: globalThis.fetch, vault: reopened, browser: rig.browser, clipboard: rig.clipboard, logger: silentLogger, redactor: new Redactor(), now });
    expect(await next.restore()).toMatchObject({ status: 'signedIn' });
    clock += 3600_000;
    const token = await next.accessToken();
    expect((await fetch(`${fake.apiUrl}projects`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(fake.stats.refreshes).toBe(3);
  });

  it('retries an API call that got 401 once, after exactly one refresh (through the real API client)', async () => {
    const rig = await signedIn();
    const client = new LokaliseClient({ apiUrl: fake.apiUrl, fetch: globalThis.fetch, tokens: rig.session, logger: silentLogger, maxRetries: 0 });
    fake.expireAccessTokens();
    const projects = await client.listProjects();
    expect(projects.length).toBe(1);
    expect(fake.stats.refreshes).toBe(1);
  });

  it('treats a revoked refresh token as signed out with the reason, and deletes the vault entry', async () => {
    const rig = await signedIn();
    const states: string[] = [];
    rig.session.onStateChanged((state) => states.push(`${state.status}:${state.reason ?? ''}`));
    fake.revokeAllTokens();
    clock += 3600_000;
    await expect(rig.session.accessToken()).rejects.toMatchObject({ code: 'auth.session_expired' });
    await expect(rig.session.accessToken()).rejects.toMatchObject({ code: 'auth.required' });
    expect(rig.session.getState()).toMatchObject({ status: 'signedOut', reason: 'sessionExpired' });
    expect(states).toEqual(['signedOut:sessionExpired']);
    expect(rig.store.get(vaultKey)).toBeUndefined();
    expect(rig.session.signal.aborted).toBe(true);
  });

  it('keeps the session through a network failure, backs off, and recovers', async () => {
    const rig = await signedIn();
    clock += 3600_000 - 60_000;
    const original = await rig.session.accessToken().catch(() => 'none');
    expect(fake.stats.refreshes).toBe(1);
    await fake.close();
    clock += 3600_000 - 30_000;
    const stillValid = await rig.session.accessToken();
    expect(stillValid).toBe(original);
    clock += 60_000;
    await expect(rig.session.accessToken()).rejects.toMatchObject({ code: 'network.offline' });
    expect(rig.session.getState().status).toBe('signedIn');
    fake = await startFakeLokalise({ projects: 1, keysPerProject: 5 });
  });

  it('restores a saved session on the next start', async () => {
    const rig = await signedIn();
    const token = await rig.session.accessToken();
    const vault = new TokenVault(rig.cipher, rig.store, () => false, silentLogger);
    const next = new Session({
      config: rig.config,
      configProblem: null,
      fetch: globalThis.fetch,
      vault,
      browser: rig.browser,
      clipboard: rig.clipboard,
      logger: silentLogger,
      redactor: new Redactor(),
      now,
    });
    expect(next.getState().status).toBe('signedOut');
    expect(await next.restore()).toMatchObject({ status: 'signedIn', persistence: 'encrypted' });
    expect(await next.accessToken()).toBe(token);
  });

  it('treats an entry that no longer decrypts as signed out and removes it', async () => {
    const rig = await signedIn();
    const vault = new TokenVault(new MemoryCipher(), rig.store, () => false, silentLogger);
    expect(await vault.load()).toBeNull();
    expect(rig.store.get(vaultKey)).toBeUndefined();
  });

  it('signs out: deletes tokens, aborts pending calls, and explains how to revoke', async () => {
    const rig = await signedIn();
    const signal = rig.session.signal;
    const state = await rig.session.signOut();
    expect(state).toMatchObject({ status: 'signedOut', reason: 'signedOut', expiresAt: null, scopes: [] });
    expect(state.message).toContain('connected apps');
    expect(signal.aborted).toBe(true);
    expect(rig.store.get(vaultKey)).toBeUndefined();
    await expect(rig.session.accessToken()).rejects.toMatchObject({ code: 'auth.required' });
  });

  it('never writes a code, state, token, the secret or the callback query into the logs or any state', async () => {
    const rig = sessionRig(fake, {}, { now });
    const states: string[] = [];
    rig.session.onStateChanged((state) => states.push(JSON.stringify(state)));
    const { state: signedInState, callbackUrl } = await signInWith(rig, 'allow');
    expect(signedInState.status).toBe('signedIn');
    const callback = new URL(callbackUrl);
    const code = callback.searchParams.get('code') ?? '';
    const state = callback.searchParams.get('state') ?? '';
    const authorizeUrl = rig.browser.opened[0] ?? '';
    const stored = await rig.vault.load();
    clock += 3600_000;
    await rig.session.accessToken();
    const refreshed = await rig.vault.load();
    await rig.session.signOut();
    const logs = rig.logLines.join('\n');
    expect(logs).toContain('signed in');
    expect(logs).toContain('access token refreshed');
    expect(logs).toContain('signed out');
    const secrets = [code, state, callback.search, authorizeUrl, fake.clientSecret, stored?.accessToken, stored?.refreshToken, refreshed?.accessToken];
    for (const secret of secrets) {
      expect(secret?.length ?? 0).toBeGreaterThan(8);
      expect(logs).not.toContain(secret);
      for (const published of [...states, JSON.stringify(rig.session.getState())]) expect(published).not.toContain(secret);
    }
    expect(states.length).toBeGreaterThan(3);
  });
});
