import { afterEach, describe, expect, it } from 'vitest';
import { errorCodes, type ErrorCode } from '../../common/errors';
import { api, codeOf, isExpectedOffline, messageOf, setBridge } from './api';
import { LocdeskError } from './bridge-client';
import { createFakeApi } from '../../test/support/renderer/fake-api';

afterEach(() => {
  setBridge(null);
});

async function failureFor(code: string, message = 'Said by main.'): Promise<unknown> {
  const fake = createFakeApi();
  fake.respond('projects.refresh', Object.assign(new Error(message), { code }));
  setBridge(fake.bridge);
  return api()
    .projects.refresh()
    .then(() => null, (error: unknown) => error);
}

describe('the renderer API over the bridge', () => {
  it('resolves with the value of an ok envelope', async () => {
    const fake = createFakeApi();
    fake.respond('settings.get', { allowWeakTokenStorage: true, automaticUpdates: true });
    setBridge(fake.bridge);
    await expect(api().settings.get()).resolves.toEqual({ allowWeakTokenStorage: true, automaticUpdates: true });
  });

  it.each(errorCodes)('rejects a failed envelope with a LocdeskError whose code is %s', async (code) => {
    const failure = await failureFor(code);
    expect(failure).toBeInstanceOf(LocdeskError);
    expect(codeOf(failure)).toBe(code);
    expect(messageOf(failure)).toBe('Said by main.');
  });

  it('reads a code this build does not know as internal, and still shows the sentence', async () => {
    const failure = await failureFor('store.busy', 'The library is in use by a running sync.');
    expect(codeOf(failure)).toBe('internal');
    expect(messageOf(failure)).toBe('The library is in use by a running sync.');
    expect(isExpectedOffline(failure)).toBe(false);
  });

  it('builds the API once per bridge', () => {
    const fake = createFakeApi();
    setBridge(fake.bridge);
    const first = api();
    expect(api()).toBe(first);
    setBridge(createFakeApi().bridge);
    expect(api()).not.toBe(first);
  });
});

describe('isExpectedOffline', () => {
  const quiet: readonly ErrorCode[] = [
    'network.offline',
    'network.proxy_auth',
    'network.no_answer',
    'lokalise.network',
    'lokalise.timeout',
    'lokalise.no_answer',
    'auth.required',
    'auth.session_expired',
  ];

  it.each(errorCodes)('classifies %s', async (code) => {
    expect(isExpectedOffline(await failureFor(code))).toBe(quiet.includes(code));
  });

  it('is false for anything that is not a failed call, even with a code-like property', () => {
    expect(isExpectedOffline(Object.assign(new Error('x'), { code: 'network.offline' }))).toBe(false);
    expect(isExpectedOffline({ code: 'auth.required' })).toBe(false);
    expect(isExpectedOffline(null)).toBe(false);
    expect(codeOf('network.offline')).toBeNull();
  });
});
