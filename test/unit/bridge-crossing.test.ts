/**
 * What the page sees in the packaged app: main's reply goes through the real preload (`preload/index.ts`, with
 * ipcRenderer standing in for main), across a contextBridge imitation, into the renderer's own unwrapping
 * (`renderer/src/bridge-client.ts`). Electron's contextBridge keeps only the message of an Error, so a failure
 * must cross as data; this file proves it does, for every error code, and shows what a thrown Error would lose.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { listCalls, type LocdeskBridge } from '../../common/contract';
import { errorCodes } from '../../common/errors';
import { apiOverBridge, LocdeskError } from '../../renderer/src/bridge-client';
import { acrossContextBridge, errorsWithin } from '../support/context-bridge';
import { sampleOf } from '../support/electron/contract-samples';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const handlers = new Map<string, (event: unknown, payload: unknown) => void>();
  return {
    exposed,
    handlers,
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
      on: (channel: string, handler: (event: unknown, payload: unknown) => void) => {
        handlers.set(channel, handler);
      },
      removeListener: (channel: string) => {
        handlers.delete(channel);
      },
    },
  };
});
vi.mock('electron', () => electron);

/** Exactly what the preload hands to contextBridge, on the preload's side of it. */
let preloadSide: LocdeskBridge;
/** The same API as the page receives it. */
let pageSide: LocdeskBridge;

beforeAll(async () => {
  await import('../../preload/index');
  preloadSide = electron.exposed.get('locdesk') as LocdeskBridge;
  pageSide = acrossContextBridge(preloadSide);
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset();
});

/** How a promise settled, as data, so an assertion can show a rejection instead of throwing it. */
async function settled(promise: Promise<unknown>): Promise<{ kind: 'resolved'; value: unknown } | { kind: 'rejected'; reason: unknown }> {
  try {
    return { kind: 'resolved', value: await promise };
  } catch (reason) {
    return { kind: 'rejected', reason };
  }
}

function mainReplies(reply: unknown): void {
  electron.ipcRenderer.invoke.mockResolvedValue(reply);
}

describe('a failed call crossing preload and contextBridge', () => {
  it.each(errorCodes)('keeps the code %s all the way to the renderer', async (code) => {
    const envelope = { ok: false, error: { code, message: `The sentence main chose for ${code}.` } };
    mainReplies(envelope);

    // Soft expectations, so a preload that gets this wrong shows every consequence at once, down to the page.
    const returned = await settled(preloadSide.projects.refresh());
    expect.soft(returned, 'the preload resolves with the envelope; it never rejects').toEqual({ kind: 'resolved', value: envelope });
    const value = returned.kind === 'resolved' ? returned.value : returned.reason;
    expect.soft(errorsWithin(value), 'no Error anywhere in what the preload returns').toEqual([]);
    expect.soft(structuredClone(value), 'the envelope survives a structured clone whole').toEqual(envelope);

    const failure = await settled(apiOverBridge(pageSide).projects.refresh());
    expect(failure.kind).toBe('rejected');
    const reason = failure.kind === 'rejected' ? failure.reason : null;
    expect(reason).toBeInstanceOf(LocdeskError);
    expect(reason, 'the renderer sees the code main sent').toMatchObject({ code, message: envelope.error.message });
  });

  it('turns a code this build does not know into internal, keeping main’s sentence', async () => {
    mainReplies({ ok: false, error: { code: 'sync.conflict', message: 'Someone else changed this key.' } });
    const failure = await apiOverBridge(pageSide).sync.start(null).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LocdeskError);
    expect(failure).toMatchObject({ code: 'internal', message: 'Someone else changed this key.' });
  });

  it('reports a reply that is not an envelope as ipc.bad_reply rather than crashing the page', async () => {
    mainReplies({ status: 'done' });
    await expect(apiOverBridge(pageSide).sync.status()).rejects.toMatchObject({ code: 'ipc.bad_reply' });
  });

  it('reports an invoke that rejects in the preload as ipc.call_failed, still as data', async () => {
    electron.ipcRenderer.invoke.mockRejectedValue(new Error("No handler registered for 'keys:detail'"));
    const returned = await settled(preloadSide.keys.detail('1.a', 1));
    expect(returned).toMatchObject({ kind: 'resolved', value: { ok: false, error: { code: 'ipc.call_failed' } } });
    await expect(apiOverBridge(pageSide).keys.detail('1.a', 1)).rejects.toMatchObject({ code: 'ipc.call_failed' });
  });
});

describe('what a thrown Error would lose', () => {
  it('loses its code in a structured clone, which keeps only the message', () => {
    const thrown = Object.assign(new Error('Lokalise cannot be reached.'), { code: 'network.offline' });
    const cloned = structuredClone(thrown);
    expect(cloned.message).toBe('Lokalise cannot be reached.');
    expect(cloned).not.toHaveProperty('code');
  });

  it('loses its code crossing contextBridge, so the renderer could not tell an offline failure from a bug', async () => {
    const rejecting = { call: () => Promise.reject(Object.assign(new Error('Lokalise cannot be reached.'), { code: 'network.offline' })) };
    const reason: unknown = await acrossContextBridge(rejecting)
      .call()
      .catch((error: unknown) => error);
    expect(reason).toBeInstanceOf(Error);
    expect((reason as Error).message).toBe('Lokalise cannot be reached.');
    expect(reason).not.toHaveProperty('code');
  });
});

describe('a successful call crossing preload and contextBridge', () => {
  it.each(listCalls().map(({ domain, method, spec }) => [`${domain}.${method}`, domain, method, spec.result] as const))(
    'delivers the value of %s whole',
    async (_name, domain, method, result) => {
      const value = sampleOf(result);
      mainReplies({ ok: true, value });
      const call = (apiOverBridge(pageSide) as unknown as Record<string, Record<string, () => Promise<unknown>>>)[domain]?.[method];
      await expect(call?.()).resolves.toEqual(value);
    },
  );

  it('delivers event payloads to the page’s listener', () => {
    const received: unknown[] = [];
    const stop = apiOverBridge(pageSide).sync.onProgress((progress) => received.push(progress));
    electron.handlers.get('sync:progress')?.({ sender: {} }, { status: 'running' });
    expect(received).toEqual([{ status: 'running' }]);
    stop();
    expect(electron.handlers.has('sync:progress')).toBe(false);
  });
});
