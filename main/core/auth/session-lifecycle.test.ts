import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import { answerConsent } from '../../../test/fake-lokalise/testing';
import { MemoryCipher } from '../../../test/support/memory-ports';
import { vaultKey } from '../vault/token-vault';
import { sessionRig, signInWith, type SessionRig } from '../../../test/support/core/session-rig';

let fake: FakeLokalise;
let clock: number;
const now = (): number => clock;
const blockers: Server[] = [];

beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 5 });
  clock = Date.now();
});
afterEach(async () => {
  for (const blocker of blockers.splice(0)) await new Promise((resolve) => blocker.close(resolve));
  await fake.close();
});

/** A promise with its resolver, to hold an operation at a chosen point. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Makes the rig's cipher pause before every encryption until the returned gate opens. */
function holdEncryption(rig: SessionRig): { reached: Promise<void>; release: () => void } {
  const hold = gate();
  const reached = gate();
  const original = rig.cipher.encrypt.bind(rig.cipher);
  rig.cipher.encrypt = async (plain) => {
    reached.open();
    await hold.promise;
    return original(plain);
  };
  return { reached: reached.promise, release: hold.open };
}

async function signedIn(rig: SessionRig): Promise<SessionRig> {
  const { state } = await signInWith(rig, 'allow');
  expect(state.status).toBe('signedIn');
  return rig;
}

describe('Session sign-in edge cases', () => {
  it('flags a callback that does not match, keeps waiting, and still signs in with the right one', async () => {
    const rig = sessionRig(fake);
    const opened = rig.browser.nextUrl();
    const pending = rig.session.signIn();
    const url = await opened;
    const redirectUri = new URL(url).searchParams.get('redirect_uri') ?? '';
    const stale = await fetch(`${redirectUri}?code=${'b'.repeat(40)}&state=from-an-old-tab`, { redirect: 'manual' });
    expect(stale.status).toBe(400);
    expect(rig.session.getState()).toMatchObject({ status: 'signingIn', staleCallbackSeen: true });
    expect(fake.stats.tokenExchanges).toBe(0);
    const { location } = await answerConsent(url, 'allow');
    expect((await fetch(location ?? '', { redirect: 'manual' })).status).toBe(302);
    expect(await pending).toMatchObject({ status: 'signedIn', staleCallbackSeen: false });
  });

  it('names the configured ports when none can be bound, and opens no browser', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    blockers.push(blocker);
    const taken = (blocker.address() as AddressInfo).port;
    const rig = sessionRig(fake, { redirectPorts: [taken] });
    const state = await rig.session.signIn();
    expect(state).toMatchObject({ status: 'error', reason: 'portUnavailable' });
    expect(state.message).toContain(String(taken));
    expect(rig.browser.opened).toEqual([]);
  });

  it('does not open the browser when the keychain refuses the probe round trip', async () => {
    const cipher = new MemoryCipher();
    cipher.encrypt = () => Promise.reject(new Error('user denied keychain access'));
    const rig = sessionRig(fake, {}, { cipher });
    expect(await rig.session.signIn()).toMatchObject({ status: 'error', reason: 'vaultUnavailable' });
    expect(await rig.session.signInManually()).toMatchObject({ status: 'error', reason: 'vaultUnavailable' });
    expect(rig.browser.opened).toEqual([]);
  });

  it('refuses a configured sign-in address that is plain http to another computer', async () => {
    const rig = sessionRig(fake, { authUrl: 'http://id.example/oauth2/auth' });
    const state = await rig.session.signIn();
    expect(state).toMatchObject({ status: 'error', reason: 'configMissing' });
    expect(state.message).toContain('https');
    expect(rig.browser.opened).toEqual([]);
  });

  it('reports a browser that did not open, and keeps the attempt open for Copy link', async () => {
    const rig = sessionRig(fake);
    rig.browser.open = () => Promise.reject(new Error('xdg-open failed'));
    const pending = rig.session.signIn();
    await vi.waitFor(() => expect(rig.session.getState().reason).toBe('browserFailed'));
    expect(rig.session.getState().status).toBe('signingIn');
    expect(await rig.session.copySignInLink()).toBe(true);
    expect(new URL(rig.clipboard.text).host).toBe(new URL(fake.authUrl).host);
    await rig.session.cancelSignIn();
    await pending;
  });

  it('closes the receiver on dispose (quit) and ends the attempt', async () => {
    const rig = sessionRig(fake);
    const opened = rig.browser.nextUrl();
    const pending = rig.session.signIn();
    const redirectUri = new URL(await opened).searchParams.get('redirect_uri') ?? '';
    await rig.session.dispose();
    await pending;
    await expect(fetch(redirectUri)).rejects.toThrow();
  });

  it('cancelled while the tokens are being saved: nothing is kept, in memory or in the vault', async () => {
    const rig = sessionRig(fake);
    const opened = rig.browser.nextUrl();
    const pending = rig.session.signIn();
    const url = await opened;
    const held = holdEncryption(rig);
    const { location } = await answerConsent(url, 'allow');
    const callback = fetch(location ?? '', { redirect: 'manual' });
    await held.reached;
    await rig.session.cancelSignIn();
    held.release();
    expect(await pending).toMatchObject({ status: 'signedOut', reason: 'cancelled' });
    await callback.catch(() => undefined);
    await vi.waitFor(() => expect(rig.store.get(vaultKey)).toBeUndefined());
    await expect(rig.session.accessToken()).rejects.toMatchObject({ code: 'auth.required' });
  });

  it('times out a paste-code attempt', async () => {
    const rig = sessionRig(fake, { signInTimeoutMs: 80 });
    await rig.session.signInManually();
    await vi.waitFor(() => expect(rig.session.getState()).toMatchObject({ status: 'signedOut', reason: 'timeout' }));
    await expect(rig.session.submitCode('a'.repeat(40))).rejects.toMatchObject({ code: 'auth.no_manual_attempt' });
  });

  it('rejects a well-formed but unknown pasted code with a clear reason and keeps the attempt open', async () => {
    const rig = sessionRig(fake);
    await rig.session.signInManually();
    const state = await rig.session.submitCode('Z'.repeat(40));
    expect(state).toMatchObject({ status: 'signingIn', mode: 'manual', reason: 'exchangeFailed' });
    expect(state.message).toContain('not accepted');
    expect(fake.stats.tokenErrors).toBe(1);
    expect(await rig.session.submitCode('short')).toMatchObject({ reason: 'invalidCode' });
    expect(fake.stats.tokenErrors).toBe(1);
  });

  it('gives every new sign-in a fresh signal after a sign-out aborted the old one', async () => {
    const rig = await signedIn(sessionRig(fake));
    const first = rig.session.signal;
    await rig.session.signOut();
    expect(first.aborted).toBe(true);
    await signedIn(rig);
    expect(rig.session.signal.aborted).toBe(false);
  });
});

describe('Session refresh edge cases', () => {
  it.each(['html503', 'html502', 'drop', '429'] as const)('keeps the session through a %s from the token endpoint, then recovers', async (kind) => {
    const rig = await signedIn(sessionRig(fake, {}, { now }));
    fake.switches.faults = { ...fake.switches.faults, matchPath: /^\/oauth2\/token$/, failNextRequests: 1, failureKind: kind };
    clock += 3600_000;
    await expect(rig.session.accessToken()).rejects.toMatchObject({ code: 'network.offline' });
    expect(rig.session.getState()).toMatchObject({ status: 'signedIn', reason: null });
    expect(rig.store.get(vaultKey)).toBeDefined();
    clock += 10_000;
    const token = await rig.session.accessToken();
    expect((await fetch(`${fake.apiUrl}projects`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('refreshes on wake when the token lapsed during sleep', async () => {
    const rig = await signedIn(sessionRig(fake, {}, { now }));
    clock += 2 * 3600_000;
    rig.session.handleWake();
    await vi.waitFor(() => expect(fake.stats.refreshes).toBe(1));
    rig.session.handleWake();
    await rig.session.accessToken();
    expect(fake.stats.refreshes).toBe(1);
  });

  it('a sign-out during a refresh request wins: the late answer does not bring the tokens back', async () => {
    const release = gate();
    const slowFetch: typeof fetch = async (input, init) => {
      if (typeof input === 'string' && input === fake.tokenUrl && typeof init?.body === 'string' && init.body.includes('refresh_token')) await release.promise;
      return fetch(input, init);
    };
    const rig = await signedIn(sessionRig(fake, {}, { now, fetch: slowFetch }));
    clock += 3600_000;
    const pending = rig.session.accessToken();
    await rig.session.signOut();
    release.open();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(rig.session.getState()).toMatchObject({ status: 'signedOut', reason: 'signedOut' });
    expect(rig.store.get(vaultKey)).toBeUndefined();
    await expect(rig.session.accessToken()).rejects.toMatchObject({ code: 'auth.required' });
  });

  it('a sign-out while the refreshed tokens are being written leaves no entry behind', async () => {
    const rig = await signedIn(sessionRig(fake, {}, { now }));
    const held = holdEncryption(rig);
    clock += 3600_000;
    const pending = rig.session.accessToken();
    await held.reached;
    const signingOut = rig.session.signOut();
    held.release();
    await signingOut;
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(rig.store.get(vaultKey)).toBeUndefined();
    expect(rig.session.getState().status).toBe('signedOut');
  });

  it('keeps a rotated refresh token for this run when the vault write fails, and drops the dead saved one', async () => {
    fake.switches.dialect = 'oauth2';
    const rig = await signedIn(sessionRig(fake, { provider: 'oauth2' }, { now }));
    rig.cipher.encrypt = () => Promise.reject(new Error('keychain locked'));
    clock += 3600_000;
    await rig.session.accessToken();
    expect(rig.session.getState()).toMatchObject({ status: 'signedIn', persistence: 'sessionOnly' });
    expect(rig.store.get(vaultKey)).toBeUndefined();
    clock += 3600_000;
    await rig.session.accessToken();
    expect(fake.stats.refreshes).toBe(2);
    expect(fake.stats.tokenErrors).toBe(0);
  });

  it('treats a refresh token the provider said has expired as signed out, without asking the server', async () => {
    const rig = sessionRig(fake, {}, { now });
    const { accessToken, refreshToken } = fake.issueTokens();
    await rig.vault.save({ accessToken, refreshToken, expiresAt: clock + 3600_000, scopes: ['read_projects'], obtainedAt: clock, refreshTokenExpiresAt: clock + 7200_000 });
    expect(await rig.session.restore()).toMatchObject({ status: 'signedIn' });
    clock += 3 * 3600_000;
    await expect(rig.session.accessToken()).rejects.toMatchObject({ code: 'auth.session_expired' });
    expect(rig.session.getState()).toMatchObject({ status: 'signedOut', reason: 'sessionExpired' });
    expect(fake.stats.refreshes).toBe(0);
    expect(rig.store.get(vaultKey)).toBeUndefined();
  });

  it('starts signed out, with the reason, when the saved refresh token expired while the app was closed', async () => {
    const rig = sessionRig(fake, {}, { now });
    await rig.vault.save({ accessToken: 'a'.repeat(40), refreshToken: 'r'.repeat(40), expiresAt: clock - 1, scopes: [], obtainedAt: clock - 10, refreshTokenExpiresAt: clock - 1 });
    expect(await rig.session.restore()).toMatchObject({ status: 'signedOut', reason: 'sessionExpired' });
    expect(rig.store.get(vaultKey)).toBeUndefined();
  });
});
