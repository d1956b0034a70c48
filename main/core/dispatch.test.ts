import { describe, expect, it } from 'vitest';
import type { CoreApi } from '../../common/contract';
import { dispatchCall, eventMessage, findCall } from './dispatch';
import { LocdeskError } from './errors';

const settings = { allowWeakTokenStorage: false, automaticUpdates: true };

function fakeApi(overrides: Record<string, Record<string, unknown>>): CoreApi {
  return overrides as unknown as CoreApi;
}

describe('dispatchCall', () => {
  it('runs a valid call and returns its validated value', async () => {
    const api = fakeApi({ settings: { update: (change: object) => Promise.resolve({ ...settings, ...change }) } });
    await expect(dispatchCall(api, 'settings:update', [{ allowWeakTokenStorage: true }])).resolves.toEqual({
      ok: true,
      value: { allowWeakTokenStorage: true, automaticUpdates: true },
    });
  });

  it('rejects an unknown channel without calling anything', async () => {
    const envelope = await dispatchCall(fakeApi({}), 'shell:exec', ['rm -rf /']);
    expect(envelope).toEqual({ ok: false, error: { code: 'ipc.unknown_call', message: 'Locdesk has no call named "shell:exec".' } });
  });

  it('rejects a malformed argument with a sentence naming the call and the field', async () => {
    let called = false;
    const api = fakeApi({ keys: { detail: () => ((called = true), Promise.resolve(null)) } });
    const envelope = await dispatchCall(api, 'keys:detail', ['project.1', -5]);
    expect(called).toBe(false);
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) {
      expect(envelope.error.code).toBe('ipc.invalid_argument');
      expect(envelope.error.message).toMatch(/^keys\.detail received an invalid argument at 1: /);
    }
  });

  it('rejects a malformed key-page cursor before the store sees it, naming the field', async () => {
    let called = false;
    const api = fakeApi({ keys: { page: () => ((called = true), Promise.resolve({ total: 0, offset: 0, items: [] })) } });
    const query = { projectId: 'project.1', sourceIso: 'en', targetIsos: ['de'], offset: 100 };
    for (const after of [{ generation: 1, offset: 49, position: -3, total: 10 }, { generation: 1, offset: 49, position: 3 }, { generation: 1, offset: 49, position: 3, total: 10, sql: 'x' }, 'page 2']) {
      const envelope = await dispatchCall(api, 'keys:page', [{ ...query, after }]);
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) {
        expect(envelope.error.code).toBe('ipc.invalid_argument');
        expect(envelope.error.message).toMatch(/^keys\.page received an invalid argument at 0\.after/);
      }
    }
    expect(called).toBe(false);
    await expect(dispatchCall(api, 'keys:page', [{ ...query, after: { generation: 1, offset: 49, position: 3, total: 10 } }])).resolves.toMatchObject({ ok: true });
    expect(called).toBe(true);
  });

  it('rejects extra fields on strict objects', async () => {
    const api = fakeApi({ settings: { update: () => Promise.resolve(settings) } });
    const envelope = await dispatchCall(api, 'settings:update', [{ allowWeakTokenStorage: true, accessToken: 'x' }]);
    expect(envelope.ok).toBe(false);
  });

  it('maps a LocdeskError to its code and message', async () => {
    const api = fakeApi({ auth: { signIn: () => Promise.reject(new LocdeskError('auth.exchange_failed', 'Lokalise did not accept the sign-in.')) } });
    await expect(dispatchCall(api, 'auth:sign-in', [])).resolves.toEqual({
      ok: false,
      error: { code: 'auth.exchange_failed', message: 'Lokalise did not accept the sign-in.' },
    });
  });

  it('refuses a result that does not match the contract, so extra fields can never leak', async () => {
    const api = fakeApi({ settings: { get: () => Promise.resolve({ ...settings, refreshToken: 'leak' }) } });
    const envelope = await dispatchCall(api, 'settings:get', []);
    expect(envelope).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) as string } });
  });

  it('passes a valid key page through and refuses one whose cell carries a field the contract does not name', async () => {
    const cell = { languageIso: 'de', value: 'Hallo', pluralForms: null, isEmpty: false, isReviewed: false, isUnverified: false, modifiedAt: null };
    const row = { keyId: 1, name: 'hello', description: '', isPlural: false, isArchived: false, isHidden: false, tags: [], platforms: [], charLimit: 0, modifiedAt: null, translations: [cell] };
    const page = { total: 1, offset: 0, items: [row] };
    const query = { projectId: 'project.1', sourceIso: 'en', targetIsos: ['de'] };
    await expect(dispatchCall(fakeApi({ keys: { page: () => Promise.resolve(page) } }), 'keys:page', [query])).resolves.toEqual({ ok: true, value: page });
    const leaking = { ...page, items: [{ ...row, translations: [{ ...cell, accessToken: 'leak' }] }] };
    const envelope = await dispatchCall(fakeApi({ keys: { page: () => Promise.resolve(leaking) } }), 'keys:page', [query]);
    expect(envelope).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) as string } });
  });

  it('finds calls by channel', () => {
    expect(findCall('projects:list')?.method).toBe('list');
    expect(findCall('nope')).toBeUndefined();
  });
});

describe('eventMessage', () => {
  it('names the channel and validates the payload', () => {
    const payload = { online: true, message: null, checkedAt: 5 };
    expect(eventMessage({ domain: 'app', name: 'onConnectivityChanged', payload })).toEqual({ channel: 'app:connectivity-changed', payload });
  });
});
