import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import { TokenVault, vaultKey } from '../vault/token-vault';
import { Redactor, silentLogger } from '../log';
import { MemoryCipher } from '../../../test/support/memory-ports';
import { Session } from './session';
import { sessionRig, signInWith, type SessionRig } from './testing';

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
  it('shares one refresh among 100 concurrent callers of an expired token', async () => {
    const rig = await signedIn();
    const before = await rig.session.accessToken();
    clock += 3600_000;
    const tokens = await Promise.all(Array.from({ length: 100 }, () => rig.session.accessToken()));
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

  it('persists a rotated refresh token before reporting success', async () => {
    fake.switches.dialect = 'oauth2';
    const rig = await signedIn({ provider: 'oauth2' });
    const firstRefresh = (await rig.vault.load())?.refreshToken;
    clock += 3600_000;
    await rig.session.accessToken();
    const stored = await new TokenVault(rig.cipher, rig.store, () => false, silentLogger).load();
    expect(stored?.refreshToken).toBeDefined();
    expect(stored?.refreshToken).not.toBe(firstRefresh);
    clock += 3600_000;
    await rig.session.accessToken();
    expect(fake.stats.refreshes).toBe(2);
    expect(fake.stats.tokenErrors).toBe(0);
  });

  it('treats a revoked refresh token as signed out with the reason, and deletes the vault entry', async () => {
    const rig = await signedIn();
    const states: string[] = [];
    rig.session.onStateChanged((state) => states.push(`${state.status}:${state.reason ?? ''}`));
    fake.revokeAllTokens();
    clock += 3600_000;
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

  it('never writes a code, state, token or the secret into the logs', async () => {
    const rig = await signedIn();
    const opened = rig.browser.opened[0] ?? '';
    const state = new URL(opened).searchParams.get('state') ?? '';
    const stored = await rig.vault.load();
    clock += 3600_000;
    await rig.session.accessToken();
    const refreshed = await rig.vault.load();
    await rig.session.signOut();
    const logs = rig.logLines.join('\n');
    expect(logs).toContain('signed in');
    for (const secret of [state, fake.clientSecret, stored?.accessToken, stored?.refreshToken, refreshed?.accessToken]) {
      expect(secret?.length ?? 0).toBeGreaterThan(8);
      expect(logs).not.toContain(secret);
    }
    expect(logs).not.toMatch(/code=[0-9a-f]{40}/);
  });
});
