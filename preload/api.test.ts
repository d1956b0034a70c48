import { describe, expect, it, vi } from 'vitest';
import { buildApi } from './api';
import { calls, events, listCalls, listEvents } from '../common/contract';

function transport(reply: unknown = { ok: true, value: null }) {
  const invoke = vi.fn<(channel: string, args: unknown[]) => Promise<unknown>>(() => Promise.resolve(reply));
  const listeners = new Map<string, (payload: unknown) => void>();
  const unsubscribe = vi.fn();
  const subscribe = vi.fn((channel: string, listener: (payload: unknown) => void) => {
    listeners.set(channel, listener);
    return unsubscribe;
  });
  return { invoke, subscribe, listeners, unsubscribe };
}

describe('buildApi', () => {
  it('has exactly one function per contract call and event, grouped by domain', () => {
    const { invoke, subscribe } = transport();
    const api = buildApi(invoke, subscribe) as unknown as Record<string, Record<string, unknown>>;
    const expected = [
      ...listCalls().map((call) => `${call.domain}.${call.method}`),
      ...listEvents().map((event) => `${event.domain}.${event.name}`),
    ].sort();
    const actual = Object.entries(api).flatMap(([domain, members]) => Object.keys(members).map((name) => `${domain}.${name}`));
    expect(actual.sort()).toEqual(expected);
    for (const members of Object.values(api)) for (const member of Object.values(members)) expect(typeof member).toBe('function');
  });

  it('is frozen, so page scripts cannot swap a function for their own', () => {
    const { invoke, subscribe } = transport();
    const api = buildApi(invoke, subscribe);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.auth)).toBe(true);
    expect(() => {
      (api.auth as { signIn: unknown }).signIn = () => undefined;
    }).toThrow(TypeError);
  });

  it('sends each call on its own contract channel with the arguments as a list', async () => {
    const { invoke, subscribe } = transport({ ok: true, value: { total: 0, offset: 0, items: [] } });
    const api = buildApi(invoke, subscribe);
    const page = await api.keys.page({ projectId: '1.a', sourceIso: 'en', targetIsos: ['de'] });
    expect(page).toEqual({ ok: true, value: { total: 0, offset: 0, items: [] } });
    expect(invoke).toHaveBeenCalledWith(calls.keys.page.channel, [{ projectId: '1.a', sourceIso: 'en', targetIsos: ['de'] }]);
    await api.projects.setKeepOffline('1.a', false);
    expect(invoke).toHaveBeenLastCalledWith('projects:set-keep-offline', ['1.a', false]);
  });

  it('resolves a failed call with the envelope as plain data, never rejecting with an Error', async () => {
    const { invoke, subscribe } = transport({ ok: false, error: { code: 'network.offline', message: 'Lokalise cannot be reached.' } });
    const reply = await buildApi(invoke, subscribe).sync.start(null);
    expect(reply).toEqual({ ok: false, error: { code: 'network.offline', message: 'Lokalise cannot be reached.' } });
    expect(reply).not.toBeInstanceOf(Error);
    expect(Object.getPrototypeOf(reply)).toBe(Object.prototype);
  });

  it('copies only the envelope fields from main, so nothing else rides along to the page', async () => {
    const { invoke, subscribe } = transport({ ok: false, error: { code: 'auth.required', message: 'Sign in.', stack: 'at main.js:1' }, extra: 1 });
    expect(await buildApi(invoke, subscribe).auth.getState()).toEqual({ ok: false, error: { code: 'auth.required', message: 'Sign in.' } });
  });

  it.each([[undefined], [null], ['ok'], [{ ok: true }], [{ ok: false, error: 'x' }], [{ ok: false, error: { code: 1, message: 'm' } }]])(
    'resolves the malformed reply %j as an ipc.bad_reply envelope',
    async (reply) => {
      const { invoke, subscribe } = transport();
      invoke.mockResolvedValue(reply);
      expect(await buildApi(invoke, subscribe).auth.signIn()).toEqual({
        ok: false,
        error: { code: 'ipc.bad_reply', message: 'Locdesk got an unreadable reply to auth.signIn.' },
      });
    },
  );

  it('resolves a transport that rejects as ipc.call_failed, without passing its text on', async () => {
    const { subscribe } = transport();
    const invoke = vi.fn(() => Promise.reject(new Error("Error invoking remote method 'keys:page': No handler registered")));
    const reply = await buildApi(invoke, subscribe).keys.page({ projectId: '1.a', sourceIso: 'en', targetIsos: [] });
    expect(reply).toEqual({ ok: false, error: { code: 'ipc.call_failed', message: 'Locdesk could not complete keys.page. Please try again.' } });
  });

  it('subscribes on the event channel, delivers only the payload, and returns the unsubscribe', () => {
    const { invoke, subscribe, listeners, unsubscribe } = transport();
    const received: unknown[] = [];
    const stop = buildApi(invoke, subscribe).sync.onProgress((progress) => received.push(progress));
    expect(subscribe).toHaveBeenCalledWith(events.sync.onProgress.channel, expect.any(Function));
    listeners.get('sync:progress')?.({ status: 'running' });
    expect(received).toEqual([{ status: 'running' }]);
    stop();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('refuses a listener that is not a function instead of failing later', () => {
    const { invoke, subscribe } = transport();
    const api = buildApi(invoke, subscribe);
    expect(() => api.auth.onStateChanged('auth:state-changed' as unknown as () => void)).toThrow('auth.onStateChanged needs a listener function.');
    expect(subscribe).not.toHaveBeenCalled();
  });
});
