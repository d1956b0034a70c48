/**
 * What the session answers on its failure paths: the call that finds the session expired, sign-out whatever the
 * network or the keychain does, scopes Lokalise did not name, and a sign-in that lacks a scope Locdesk needs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import { silentLogger } from '../log';
import { LokaliseClient } from '../lokalise/client';
import { vaultKey } from '../vault/token-vault';
import { lokaliseScopes } from '../scopes';
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

async function signedIn(rig: SessionRig): Promise<SessionRig> {
  const { state } = await signInWith(rig, 'allow');
  expect(state.status).toBe('signedIn');
  return rig;
}

function apiClient(rig: SessionRig): LokaliseClient {
  return new LokaliseClient({ apiUrl: fake.apiUrl, fetch: globalThis.fetch, tokens: rig.session, logger: silentLogger, maxRetries: 0 });
}

describe('the call that discovers an expired session', () => {
  it('answers auth.session_expired, not "The operation was cancelled.", even on the session’s own signal', async () => {
    const rig = await signedIn(sessionRig(fake, {}, { now }));
    fake.revokeAllTokens();
    const error = (await apiClient(rig).listProjects(rig.session.signal).catch((caught: unknown) => caught)) as Error & { code: string };
    expect(error.code).toBe('auth.session_expired');
    expect(error.message).toBe('Your Lokalise session has expired or was revoked. Sign in again to sync; your offline library stays available.');
    expect(rig.session.getState()).toMatchObject({ status: 'signedOut', reason: 'sessionExpired' });
    expect(rig.session.signal.aborted).toBe(true);
  });

  it('gives the same answer to the other calls that were waiting on the same refresh', async () => {
    const rig = await signedIn(sessionRig(fake, {}, { now }));
    fake.revokeAllTokens();
    clock += 3600_000;
    const outcomes = await Promise.all(Array.from({ length: 3 }, () => rig.session.accessToken(rig.session.signal).catch((caught: unknown) => (caught as { code: string }).code)));
    expect(outcomes).toEqual(['auth.session_expired', 'auth.session_expired', 'auth.session_expired']);
  });
});

describe('sign-out', () => {
  it('succeeds offline, with a refresh hanging on a network that never answers', async () => {
    let offline = false;
    const hanging: typeof fetch = (input, init) =>
      offline ? new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error))) : fetch(input, init);
    const rig = await signedIn(sessionRig(fake, {}, { now, fetch: hanging }));
    offline = true;
    clock += 3600_000;
    const refreshing = rig.session.accessToken().catch((caught: unknown) => caught);
    const state = await rig.session.signOut();
    expect(state).toMatchObject({ status: 'signedOut', reason: 'signedOut' });
    expect(rig.store.get(vaultKey)).toBeUndefined();
    expect(await refreshing).toMatchObject({ code: 'cancelled' });
  });

  it('succeeds when the saved sign-in cannot be deleted, and says so instead of failing', async () => {
    const rig = await signedIn(sessionRig(fake, {}, { now }));
    rig.store.delete = () => {
      throw new Error('EACCES: permission denied');
    };
    const state = await rig.session.signOut();
    expect(state).toMatchObject({ status: 'signedOut', reason: 'signedOut', expiresAt: null });
    expect(state.message).toContain('could not delete your saved sign-in');
    await expect(rig.session.accessToken()).rejects.toMatchObject({ code: 'auth.required' });
  });
});

describe('scopes', () => {
  it('keeps the scopes unknown after a Lokalise sign-in (its exchange names none), and learns them at the first refresh', async () => {
    const rig = await signedIn(sessionRig(fake, {}, { now }));
    expect(rig.session.getState().scopes).toBeNull();
    expect(rig.session.grantedScopes()).toBeNull();
    clock += 3600_000;
    await rig.session.accessToken();
    expect([...(rig.session.grantedScopes() ?? [])].sort()).toEqual([...lokaliseScopes].sort());
    expect(rig.session.getState()).toMatchObject({ status: 'signedIn', reason: null });
  });

  it('finds, at start-up, a saved sign-in that lacks a scope added since, and asks to sign in again naming it', async () => {
    // A sign-in saved before the write path asked for write_translations.
    const rig = sessionRig(fake, { scopes: [...lokaliseScopes] }, { now });
    const { accessToken, refreshToken } = fake.issueTokens();
    const savedScopes = lokaliseScopes.filter((scope) => scope !== 'write_translations');
    await rig.vault.save({ accessToken, refreshToken, expiresAt: clock + 3600_000, scopes: savedScopes, obtainedAt: clock });
    const state = await rig.session.restore();
    expect(state).toMatchObject({ status: 'signedIn', reason: 'scopeMissing' });
    expect(state.message).toBe('Your Lokalise sign-in does not let Locdesk save translations (write_translations). Sign in again and allow it on Lokalise’s page; your offline library stays available.');
  });

  it('turns a 403 for a scope the user did not grant into a "Sign in again" state naming the scope', async () => {
    const rig = await signedIn(sessionRig(fake, { scopes: ['read_projects', 'read_languages'] }, { now }));
    const projectId = fake.dataset.projects[0]?.projectId ?? '';
    const error = (await apiClient(rig).keyPages(projectId).next().catch((caught: unknown) => caught)) as Error & { code: string };
    expect(error.code).toBe('auth.scope_missing');
    expect(error.message).toContain('read keys (read_keys)');
    expect(fake.stats.refreshes).toBe(1);
    expect(rig.session.getState()).toMatchObject({ status: 'signedIn', reason: 'scopeMissing' });
    expect(rig.session.getState().message).toContain('read_keys');
  });
});
