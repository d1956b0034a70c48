/**
 * The HTTP bridge the e2e suite, the grid benchmark and the browser demo use in place of preload + IPC: calls are
 * validated like IPC, replies and events reach a page in the order the core produced them (as on Electron's one
 * IPC channel per window), a reply waits for a page whose stream is still connecting, and nothing answers a request
 * without the run's session token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../main/core/app-core';
import { EventBus } from '../../main/core/event-bus';
import { idleSyncProgress } from '../../main/core/sync/sync-engine';
import { createHttpBridge, type HttpBridge } from '../support/http-bridge';

interface Rig {
  base: string;
  session: string;
  bridge: HttpBridge;
  events: EventBus;
}

let server: Server | null = null;
let bridge: HttpBridge | null = null;

afterEach(async () => {
  bridge?.close();
  bridge = null;
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server === null ? resolve() : server.close(() => resolve())));
  server = null;
});

/** A bridge over a core whose `sync:cancel` announces the cancelled state as an event before it answers. */
async function rig(): Promise<Rig> {
  const events = new EventBus();
  const cancelled = { ...idleSyncProgress, status: 'cancelled' as const };
  const core = {
    events,
    api: {
      sync: {
        cancel: () => {
          events.emit({ domain: 'sync', name: 'onProgress', payload: cancelled });
          return Promise.resolve(cancelled);
        },
        status: () => Promise.resolve({ ...idleSyncProgress, status: 'running' }),
      },
    },
  } as unknown as AppCore;
  const created = createHttpBridge(core);
  bridge = created;
  server = createServer((request, response) => {
    if (!created.handle(request, response)) response.writeHead(404).end();
  });
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const session = /\("([\w-]+)"/.exec(created.pageScript)?.[1] ?? '';
  return { base: `http://127.0.0.1:${String((listening.address() as AddressInfo).port)}`, session, bridge: created, events };
}

/** Reads a page's event stream and collects its messages. */
async function openStream(base: string, session: string, page: string): Promise<{ messages: unknown[]; next: (count: number) => Promise<unknown[]> }> {
  const response = await fetch(`${base}/__locdesk/events?session=${encodeURIComponent(session)}&page=${page}`);
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const messages: unknown[] = [];
  let buffer = '';
  const next = async (count: number): Promise<unknown[]> => {
    while (messages.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith('data: ')) messages.push(JSON.parse(block.slice(6)));
      }
    }
    return messages.slice(0, count);
  };
  return { messages, next };
}

function invoke(base: string, session: string, page: string, body: unknown): Promise<Response> {
  return fetch(`${base}/__locdesk/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Locdesk-Session': session, 'X-Locdesk-Page': page },
    body: JSON.stringify(body),
  });
}

describe('the HTTP bridge', () => {
  it('delivers an event the core emitted before answering ahead of the answer, on the page that asked', async () => {
    const { base, session } = await rig();
    const stream = await openStream(base, session, 'page-1');
    const accepted = await invoke(base, session, 'page-1', { id: 7, channel: 'sync:cancel', args: [] });
    expect(accepted.status).toBe(202);
    const [first, second] = await stream.next(2);
    expect(first).toMatchObject({ channel: 'sync:progress', payload: { status: 'cancelled' } });
    expect(second).toMatchObject({ reply: 7, envelope: { ok: true, value: { status: 'cancelled' } } });
  });

  it('validates calls like IPC: an unknown channel answers an envelope, not a thrown error', async () => {
    const { base, session } = await rig();
    const stream = await openStream(base, session, 'page-1');
    await invoke(base, session, 'page-1', { id: 1, channel: 'no:such-call', args: [] });
    const [reply] = await stream.next(1);
    expect(reply).toMatchObject({ reply: 1, envelope: { ok: false, error: { code: 'ipc.unknown_call' } } });
  });

  it('keeps a reply for a page whose stream connects after the call', async () => {
    const { base, session } = await rig();
    await invoke(base, session, 'late-page', { id: 3, channel: 'sync:status', args: [] });
    // Let the core answer before the page's stream exists.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stream = await openStream(base, session, 'late-page');
    const [reply] = await stream.next(1);
    expect(reply).toMatchObject({ reply: 3, envelope: { ok: true, value: { status: 'running' } } });
  });

  it('answers 400 to a body that is not JSON or has no call id, and nothing on the stream', async () => {
    const { base, session } = await rig();
    const stream = await openStream(base, session, 'page-1');
    const headers = { 'Content-Type': 'application/json', 'X-Locdesk-Session': session, 'X-Locdesk-Page': 'page-1' };
    expect((await fetch(`${base}/__locdesk/invoke`, { method: 'POST', headers, body: '{not json' })).status).toBe(400);
    expect((await invoke(base, session, 'page-1', { channel: 'sync:status', args: [] })).status).toBe(400);
    await invoke(base, session, 'page-1', { id: 9, channel: 'sync:status', args: [] });
    const [only] = await stream.next(1);
    expect(only).toMatchObject({ reply: 9 });
  });

  it('refuses calls and streams without the session token', async () => {
    const { base } = await rig();
    expect((await invoke(base, 'wrong', 'page-1', { id: 1, channel: 'sync:status', args: [] })).status).toBe(403);
    const noHeader = await fetch(`${base}/__locdesk/invoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"id":1}' });
    expect(noHeader.status).toBe(403);
    expect((await fetch(`${base}/__locdesk/events?session=wrong&page=page-1`)).status).toBe(403);
  });
});
