import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { calls, events, listCalls, listEvents, type Envelope } from '../../common/contract';
import { LocdeskError } from '../core/errors';
import { originOf } from '../core/link-policy';
import { createLogger, Redactor } from '../core/log';
import { argumentsFor, fieldNamesOf } from '../../test/support/electron/contract-samples';
import { createFakeCore, type FakeCore } from '../../test/support/electron/fake-core';

const electron = vi.hoisted(() => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() } }));
vi.mock('electron', () => electron);

const { registerIpc } = await import('./index');
const { IpcRouter, isTrustedSender } = await import('./handle');

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Records handlers the way ipcMain would, and refuses a second handler for one channel as Electron does. */
class RecordingRegistrar {
  public readonly handlers = new Map<string, Listener>();
  public readonly registrations: string[] = [];

  public handle(channel: string, listener: Listener): void {
    this.registrations.push(channel);
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  public removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Calls `channel` as the renderer would, from `event`'s sender. */
  public async invoke(channel: string, args: unknown[], event: IpcMainInvokeEvent = appEvent()): Promise<Envelope<unknown>> {
    const listener = this.handlers.get(channel);
    if (listener === undefined) throw new Error(`No handler for ${channel}`);
    return (await listener(event, ...args)) as Envelope<unknown>;
  }
}

const windowId = 7;
function appEvent(overrides: { id?: number; url?: string | null; parent?: unknown } = {}): IpcMainInvokeEvent {
  const url = overrides.url === undefined ? 'app://locdesk/index.html' : overrides.url;
  return {
    sender: { id: overrides.id ?? windowId },
    senderFrame: url === null ? null : { url, parent: overrides.parent ?? null },
  } as unknown as IpcMainInvokeEvent;
}

const logLines: string[] = [];
const logger = createLogger((level, line) => logLines.push(`${level} ${line}`), new Redactor(), 'test');
const trusted = { webContentsId: () => windowId, origins: ['app://locdesk'] };

function wire(core: FakeCore = createFakeCore()): { registrar: RecordingRegistrar; core: FakeCore; sent: { channel: string; payload: unknown }[] } {
  const registrar = new RecordingRegistrar();
  const sent: { channel: string; payload: unknown }[] = [];
  const receiver = { isDestroyed: () => false, send: (channel: string, payload: unknown) => sent.push({ channel, payload }) };
  registerIpc({ core, trusted, eventTarget: () => receiver, logger, registrar });
  return { registrar, core, sent };
}

const credentialName = /token|secret|password|authorization|credential|cookie/i;
/**
 * Reviewed exceptions: names that match the pattern but cannot hold a credential. Each is allowed only while its
 * schema stays a boolean, so turning one into a string fails the audit again.
 */
const reviewedBooleanFlags = new Set(['allowWeakTokenStorage']);
const isCredentialShaped = (field: { name: string; type: string }): boolean =>
  credentialName.test(field.name) && !(reviewedBooleanFlags.has(field.name) && field.type === 'boolean');

beforeEach(() => {
  logLines.length = 0;
  vi.clearAllMocks();
});

describe('handler registration', () => {
  it('registers exactly one handler for every contract call and nothing else', () => {
    const { registrar } = wire();
    const contractChannels = listCalls().map((call) => call.spec.channel);
    expect([...registrar.registrations].sort()).toEqual([...contractChannels].sort());
    expect(new Set(registrar.registrations).size).toBe(registrar.registrations.length);
  });

  it('uses Electron ipcMain when no registrar is given, and removes every handler on dispose', () => {
    const registration = registerIpc({ core: createFakeCore(), trusted, eventTarget: () => null, logger });
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(listCalls().length);
    registration.dispose();
    expect(electron.ipcMain.removeHandler.mock.calls.map((call: unknown[]) => String(call[0])).sort()).toEqual(registration.channels.slice().sort());
  });

  it('no main-process code listens on IPC except through the router', () => {
    const mainFolder = join(import.meta.dirname, '..');
    const sources = readdirSync(mainFolder, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    const direct = sources.filter((file) => /ipcMain\s*\.\s*(handle|handleOnce|on|once|addListener)\s*\(/.test(readFileSync(join(mainFolder, file), 'utf8')));
    const registering = sources.filter((file) => /registrar\s*\.\s*handle\s*\(/.test(readFileSync(join(mainFolder, file), 'utf8')));
    expect(direct).toEqual([]);
    expect(registering).toEqual([join('ipc', 'handle.ts')]);
  });

  it('refuses a method the contract does not have', () => {
    const router = new IpcRouter({ registrar: new RecordingRegistrar(), api: createFakeCore().api, trusted, logger });
    expect(() => router.handle('auth', 'stealTokens' as 'signIn')).toThrow('The contract has no call auth.stealTokens.');
  });

  it('refuses to register one call twice', () => {
    const router = new IpcRouter({ registrar: new RecordingRegistrar(), api: createFakeCore().api, trusted, logger });
    router.handle('auth', 'signIn');
    expect(() => router.handle('auth', 'signIn')).toThrow('auth.signIn (auth:sign-in) is already handled.');
  });
});

describe('the sender check', () => {
  it('accepts the top frame of the app window on app://locdesk', () => {
    expect(isTrustedSender(appEvent(), trusted)).toBe(true);
  });

  it.each([
    ['another webContents', appEvent({ id: 99 })],
    ['a frame of another origin', appEvent({ url: 'https://attacker.example/' })],
    ['a look-alike custom host', appEvent({ url: 'app://locdesk.evil/index.html' })],
    ['a file: page', appEvent({ url: 'file:///tmp/index.html' })],
    ['a sub-frame', appEvent({ parent: {} })],
    ['a frame that is gone', appEvent({ url: null })],
  ])('refuses %s', async (_label, event) => {
    const { registrar, core } = wire();
    const reply = await registrar.invoke('auth:sign-in', [], event);
    expect(reply).toEqual({ ok: false, error: { code: 'ipc.untrusted_sender', message: 'This window may not use Locdesk.' } });
    expect(core.received).toEqual([]);
    expect(logLines.some((line) => line.includes('untrusted sender') && line.includes('auth:sign-in'))).toBe(true);
  });

  it('refuses everything while there is no window', () => {
    expect(isTrustedSender(appEvent(), { webContentsId: () => null, origins: ['app://locdesk'] })).toBe(false);
  });

  it('accepts the dev server origin only when it is in the trusted list', () => {
    const dev = appEvent({ url: 'http://127.0.0.1:5173/' });
    expect(isTrustedSender(dev, trusted)).toBe(false);
    expect(isTrustedSender(dev, { ...trusted, origins: ['app://locdesk', 'http://127.0.0.1:5173'] })).toBe(true);
  });

  it('computes origins for custom schemes, which WHATWG would call "null"', () => {
    expect(originOf('app://locdesk/assets/x.js')).toBe('app://locdesk');
    expect(originOf('http://127.0.0.1:5173/index.html')).toBe('http://127.0.0.1:5173');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('calls', () => {
  it('passes parsed arguments (with contract defaults filled in) to the core and wraps the result', async () => {
    const { registrar, core } = wire();
    const reply = await registrar.invoke('keys:page', argumentsFor('keys:page'));
    expect(reply.ok).toBe(true);
    expect(core.received).toEqual([
      {
        channel: 'keys:page',
        args: [expect.objectContaining({ projectId: '123.abc', search: '', limit: 100, offset: 0, sort: 'name' })],
      },
    ]);
  });

  it('answers every call with an ok envelope that matches the contract', async () => {
    const { registrar } = wire();
    for (const { spec } of listCalls()) {
      const reply = await registrar.invoke(spec.channel, argumentsFor(spec.channel));
      expect(reply, spec.channel).toMatchObject({ ok: true });
      if (reply.ok) expect(spec.result.safeParse(reply.value).success, spec.channel).toBe(true);
    }
  });

  it.each([
    ['keys:page', [{ projectId: 5 }], /^keys\.page received an invalid argument at 0\.projectId: /],
    ['projects:facets', ['../../etc'], /^projects\.facets received an invalid argument at 0: /],
    ['sync:start', [], /^sync\.start received an invalid argument/],
    ['settings:update', [{ allowWeakTokenStorage: 'yes' }], /^settings\.update received an invalid argument at 0\.allowWeakTokenStorage/],
    ['settings:update', [{ apiUrl: 'https://attacker.example/' }], /^settings\.update received an invalid argument at 0/],
    ['app:open-external', ['javascript:alert(1)', 'extra'], /^app\.openExternal received an invalid argument/],
  ])('rejects malformed arguments to %s with a clear sentence, without calling the core', async (channel, args, message) => {
    const { registrar, core } = wire();
    const reply = await registrar.invoke(channel, args);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('ipc.invalid_argument');
      expect(reply.error.message).toMatch(message);
    }
    expect(core.received).toEqual([]);
  });

  it('passes a LocdeskError through as its code and message', async () => {
    const { registrar, core } = wire();
    core.override('sync:start', () => Promise.reject(new LocdeskError('network.offline', 'Lokalise cannot be reached right now.')));
    expect(await registrar.invoke('sync:start', [null])).toEqual({
      ok: false,
      error: { code: 'network.offline', message: 'Lokalise cannot be reached right now.' },
    });
  });

  it('hides the text of unexpected errors, which may hold anything', async () => {
    const { registrar, core } = wire();
    core.override('projects:list', () => Promise.reject(new Error('HTTP 500 body: {"access_token":"at-123456789"}')));
    const reply = await registrar.invoke('projects:list', []);
    expect(JSON.stringify(reply)).not.toContain('at-123456789');
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('no credential crosses the contract', () => {
  it('no call argument, result or event payload has a field named like a credential', () => {
    const offenders = [
      ...listCalls().flatMap(({ domain, method, spec }) => [
        ...fieldNamesOf(spec.args, `${domain}.${method}(args)`),
        ...fieldNamesOf(spec.result, `${domain}.${method}(result)`),
      ]),
      ...listEvents().flatMap(({ domain, name, payload }) => fieldNamesOf(payload, `${domain}.${name}`)),
    ].filter(isCredentialShaped);
    expect(offenders).toEqual([]);
  });

  it('the audit really walks nested schemas (it finds a planted field)', async () => {
    const { z } = await import('zod');
    const planted = z.object({ items: z.array(z.object({ meta: z.object({ refreshToken: z.string() }).nullable() })) });
    expect(fieldNamesOf(planted).filter(isCredentialShaped)).toEqual([
      { path: '.items[].meta.refreshToken', name: 'refreshToken', type: 'string' },
    ]);
    const flagTurnedString = z.object({ allowWeakTokenStorage: z.string() });
    expect(fieldNamesOf(flagTurnedString).filter(isCredentialShaped)).toHaveLength(1);
    expect(fieldNamesOf(calls.keys.page.result).length).toBeGreaterThan(10);
  });

  it('no reply carries a credential field or value, even when the core tries to leak one', async () => {
    const secret = 'SECRET-refresh-token-0123456789';
    const leak = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(leak)
        : typeof value === 'object' && value !== null
          ? { ...Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, leak(inner)])), accessToken: secret }
          : value;
    for (const transform of [(value: unknown) => value, leak]) {
      const { registrar } = wire(createFakeCore(transform));
      for (const { spec } of listCalls()) {
        const reply = await registrar.invoke(spec.channel, argumentsFor(spec.channel));
        const text = JSON.stringify(reply);
        expect(text, spec.channel).not.toContain(secret);
        const keys = [...text.matchAll(/"([^"]+)"\s*:/g)].map((match) => match[1] ?? '');
        const credentialKeys = keys.filter((key) => credentialName.test(key) && !reviewedBooleanFlags.has(key));
        expect(credentialKeys, spec.channel).toEqual([]);
      }
    }
  });
});

describe('events', () => {
  it('forwards a core event to the window on its contract channel', () => {
    const { core, sent } = wire();
    const payload = { online: false, message: 'Lokalise cannot be reached.', checkedAt: 1 };
    core.events.emit({ domain: 'app', name: 'onConnectivityChanged', payload });
    expect(sent).toEqual([{ channel: events.app.onConnectivityChanged.channel, payload }]);
  });

  it('drops (and logs) an event whose payload carries fields the contract does not allow', () => {
    const { core, sent } = wire();
    const payload = { online: true, message: null, checkedAt: 1, accessToken: 'at-secret-123456' };
    core.events.emit({ domain: 'app', name: 'onConnectivityChanged', payload });
    expect(sent).toEqual([]);
    expect(logLines.some((line) => line.includes('does not match the contract') && line.includes('app.onConnectivityChanged'))).toBe(true);
    expect(logLines.join('\n')).not.toContain('at-secret-123456');
  });

  it('sends nothing when the window is gone, and stops after dispose', () => {
    const core = createFakeCore();
    const registrar = new RecordingRegistrar();
    const send = vi.fn();
    let destroyed = true;
    const registration = registerIpc({
      core,
      trusted,
      eventTarget: () => ({ isDestroyed: () => destroyed, send }),
      logger,
      registrar,
    });
    const payload = { projectIds: ['1.a'] };
    core.events.emit({ domain: 'app', name: 'onLibraryChanged', payload });
    expect(send).not.toHaveBeenCalled();
    destroyed = false;
    core.events.emit({ domain: 'app', name: 'onLibraryChanged', payload });
    expect(send).toHaveBeenCalledOnce();
    registration.dispose();
    core.events.emit({ domain: 'app', name: 'onLibraryChanged', payload });
    expect(send).toHaveBeenCalledOnce();
    expect(registrar.handlers.size).toBe(0);
  });
});
