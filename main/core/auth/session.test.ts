import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import { answerConsent } from '../../../test/fake-lokalise/testing';
import { vaultKey } from '../vault/token-vault';
import { sessionRig, signInWith } from '../../../test/support/core/session-rig';

let fake: FakeLokalise;
beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 5 });
});
afterEach(async () => {
  await fake.close();
});

describe('Session sign-in', () => {
  it.each(['lokalise', 'oauth2'] as const)('signs in through the loopback in the %s dialect', async (dialect) => {
    fake.switches.dialect = dialect;
    const rig = sessionRig(fake, { provider: dialect });
    const { state, callbackStatus, donePage } = await signInWith(rig, 'allow');
    expect(callbackStatus).toBe(302);
    expect(donePage).toContain('You are signed in');
    expect(state).toMatchObject({ status: 'signedIn', reason: null, persistence: 'encrypted' });
    expect(state.expiresAt).toBeGreaterThan(Date.now());
    expect(fake.stats.tokenExchanges).toBe(1);
    const authorize = new URL(rig.browser.opened[0] ?? '');
    expect([...authorize.searchParams.keys()]).toEqual(
      dialect === 'lokalise' ? ['client_id', 'scope', 'state', 'redirect_uri'] : ['client_id', 'scope', 'state', 'redirect_uri', 'response_type'],
    );
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const token = await rig.session.accessToken();
    const projects = await fetch(`${fake.apiUrl}projects`, { headers: { Authorization: `Bearer ${token}` } });
    expect(projects.status).toBe(200);
  });

  it('reports a denial in the browser as denied', async () => {
    const rig = sessionRig(fake);
    const { state, donePage } = await signInWith(rig, 'deny');
    expect(state).toMatchObject({ status: 'signedOut', reason: 'denied' });
    expect(donePage).toContain('Sign-in cancelled');
  });

  it('can be cancelled while waiting, and the receiver stops listening', async () => {
    const rig = sessionRig(fake);
    const opened = rig.browser.nextUrl();
    const pending = rig.session.signIn();
    const redirectUri = new URL(await opened).searchParams.get('redirect_uri') ?? '';
    expect(rig.session.getState()).toMatchObject({ status: 'signingIn', mode: 'loopback', signInHost: new URL(fake.authUrl).host });
    await rig.session.cancelSignIn();
    expect(await pending).toMatchObject({ status: 'signedOut', reason: 'cancelled' });
    await expect(fetch(redirectUri)).rejects.toThrow();
  });

  it('times out', async () => {
    const rig = sessionRig(fake, { signInTimeoutMs: 150 });
    const state = await rig.session.signIn();
    expect(state).toMatchObject({ status: 'signedOut', reason: 'timeout' });
  });

  it('a new attempt cancels the old one', async () => {
    const rig = sessionRig(fake);
    const firstOpened = rig.browser.nextUrl();
    const first = rig.session.signIn();
    const firstUrl = await firstOpened;
    const second = signInWith(rig, 'allow');
    expect((await first).status).not.toBe('error');
    expect((await second).state.status).toBe('signedIn');
    const stale = await answerConsent(firstUrl, 'allow');
    await expect(fetch(stale.location ?? '')).rejects.toThrow();
  });

  it('refuses to start without credentials and explains why', async () => {
    const rig = sessionRig(fake, { clientId: null }, { configProblem: 'Sign-in is not configured: set LOCDESK_CLIENT_ID.' });
    const state = await rig.session.signIn();
    expect(state).toMatchObject({ status: 'error', reason: 'configMissing', message: 'Sign-in is not configured: set LOCDESK_CLIENT_ID.' });
    expect(rig.browser.opened).toEqual([]);
  });

  it('does not open the browser when the vault cannot protect tokens', async () => {
    const rig = sessionRig(fake);
    rig.cipher.currentStrength = 'unavailable';
    const state = await rig.session.signIn();
    expect(state).toMatchObject({ status: 'error', reason: 'vaultUnavailable' });
    expect(rig.browser.opened).toEqual([]);
  });

  it('keeps tokens for this run only on a keyring-less Linux', async () => {
    const rig = sessionRig(fake);
    rig.cipher.currentStrength = 'weak';
    const { state } = await signInWith(rig, 'allow');
    expect(state).toMatchObject({ status: 'signedIn', persistence: 'sessionOnly' });
    expect(rig.store.get(vaultKey)).toBeUndefined();
  });

  it('signs in with a pasted code after checking its format', async () => {
    const rig = sessionRig(fake);
    const opened = rig.browser.nextUrl();
    const started = await rig.session.signInManually();
    expect(started).toMatchObject({ status: 'signingIn', mode: 'manual' });
    const url = await opened;
    expect(new URL(url).searchParams.has('redirect_uri')).toBe(false);
    const malformed = await rig.session.submitCode('not a code');
    expect(malformed).toMatchObject({ status: 'signingIn', reason: 'invalidCode' });
    expect(fake.stats.tokenErrors).toBe(0);
    const { html } = await answerConsent(url, 'allow');
    const code = /<code id="code">([0-9a-f]{40})<\/code>/.exec(html)?.[1] ?? '';
    expect(await rig.session.submitCode(`  ${code}\n`)).toMatchObject({ status: 'signedIn' });
  });

  it('copies and reopens the sign-in link without exposing it in the state', async () => {
    const rig = sessionRig(fake);
    const opened = rig.browser.nextUrl();
    const pending = rig.session.signIn();
    const url = await opened;
    expect(await rig.session.copySignInLink()).toBe(true);
    expect(rig.clipboard.text).toBe(url);
    expect(await rig.session.openSignInLink()).toBe(true);
    expect(rig.browser.opened).toEqual([url, url]);
    expect(JSON.stringify(rig.session.getState())).not.toContain(new URL(url).searchParams.get('state') ?? '');
    await rig.session.cancelSignIn();
    await pending;
    expect(await rig.session.copySignInLink()).toBe(false);
  });
});
