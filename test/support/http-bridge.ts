/**
 * `window.locdesk` for a page served over HTTP by the test process, bridged to a real AppCore: the transport of the
 * browser demo (web-bridge.ts) and of the e2e suite and grid benchmark (e2e/bridge.ts).
 *
 * Calls go out as `POST /__locdesk/invoke` and run through the same `dispatchCall` validation as IPC. Replies and
 * core events come back in one server-sent event stream per page, in the order the core produced them, as Electron
 * delivers a window's IPC replies and events in order on one channel (two connections, a reply on its POST and
 * events on the stream, could overtake each other: a stale status reply arriving after the newer event).
 *
 * Why HTTP rather than a Playwright binding: a binding's reply crosses the DevTools protocol as a script the page
 * must parse, 10-20 ms per key page on a quiet machine and 50-80 ms under load, all of it charged to the renderer
 * in the grid benchmarks; Electron's IPC moves the same envelope natively in well under a millisecond. A loopback
 * fetch and an event stream cost about a millisecond.
 *
 * Only for tests and the demo against the fake Lokalise: callers bind 127.0.0.1 and check the Host header; every
 * request must carry the per-run session token (in a custom header a cross-site page cannot send without a
 * preflight this server never approves, or in the stream's URL, which only the page's own script knows).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppCore } from '../../main/core/app-core';
import { dispatchCall, eventMessage } from '../../main/core/dispatch';
import { channelMap, installLocdesk } from './page-bridge';

/** The bridge's routes, page script and extra messages. */
export interface HttpBridge {
  /** Script that installs `window.locdesk` in a page; it must run before the app's own scripts. */
  readonly pageScript: string;
  /** Answers a request under `/__locdesk/`; returns false (and leaves the response alone) for any other path. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  /** Sends a message outside the contract to every connected page (the demo's sign-in link). */
  broadcast(channel: string, payload: unknown): void;
  /** Ends the streams and stops listening to the core's events. */
  close(): void;
}

/** One page's stream, and what waits for it while the page's EventSource is still connecting. */
interface PageStream {
  response: ServerResponse | null;
  waiting: string[];
}

/**
 * Runs in the page. Self-contained: serialised with `Function.prototype.toString`. `onExtra` receives messages on
 * channels outside the contract (the demo's sign-in link).
 */
function installHttpTransport(session: string, extraChannel: string, onExtra: (payload: unknown) => void): void {
  const host = globalThis as unknown as {
    __locdeskInvoke: (channel: string, args: unknown[]) => Promise<unknown>;
    __locdeskDispatch?: (channel: string, payload: unknown) => void;
  };
  const page = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (reason: unknown) => void }>();
  let nextId = 0;
  const stream = new EventSource(`/__locdesk/events?session=${encodeURIComponent(session)}&page=${encodeURIComponent(page)}`);
  stream.onmessage = (message: MessageEvent<string>) => {
    const data = JSON.parse(message.data) as { reply?: number; envelope?: unknown; channel?: string; payload?: unknown };
    if (data.reply !== undefined) {
      pending.get(data.reply)?.resolve(data.envelope);
      pending.delete(data.reply);
    } else if (data.channel === extraChannel) onExtra(data.payload);
    else if (data.channel !== undefined) host.__locdeskDispatch?.(data.channel, data.payload);
  };
  host.__locdeskInvoke = (channel, args) =>
    new Promise((resolve, reject) => {
      nextId += 1;
      const id = nextId;
      pending.set(id, { resolve, reject });
      const refused = (reason: unknown): void => {
        pending.delete(id);
        reject(reason instanceof Error ? reason : new Error(String(reason)));
      };
      fetch('/__locdesk/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Locdesk-Session': session, 'X-Locdesk-Page': page },
        body: JSON.stringify({ id, channel, args }),
      }).then((response) => {
        if (!response.ok) refused(new Error(`The bridge refused the call (${String(response.status)}).`));
      }, refused);
    });
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length > 1_000_000) throw new Error('too large');
  }
  return JSON.parse(text);
}

/**
 * A bridge to `core`. `extra` names a channel outside the contract and the page function that shows its messages
 * (self-contained, like the transport).
 */
export function createHttpBridge(core: AppCore, extra: { channel: string; show: (payload: never) => void } | null = null): HttpBridge {
  const session = randomBytes(24).toString('base64url');
  const streams = new Map<string, PageStream>();
  const gone = new Set<string>();
  const streamOf = (page: string): PageStream => {
    let stream = streams.get(page);
    if (stream === undefined) {
      stream = { response: null, waiting: [] };
      streams.set(page, stream);
    }
    return stream;
  };
  const send = (stream: PageStream, message: unknown): void => {
    const line = `data: ${JSON.stringify(message)}\n\n`;
    if (stream.response === null) stream.waiting.push(line);
    else stream.response.write(line);
  };
  const toConnected = (message: unknown): void => {
    for (const stream of streams.values()) if (stream.response !== null) send(stream, message);
  };
  const unsubscribe = core.events.subscribe((event) => toConnected(eventMessage(event)));

  const invoke = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const page = request.headers['x-locdesk-page'];
    if (request.headers['x-locdesk-session'] !== session || typeof page !== 'string' || !(request.headers['content-type'] ?? '').startsWith('application/json')) {
      response.writeHead(403).end();
      return;
    }
    const body = (await readJson(request)) as { id?: unknown; channel?: unknown; args?: unknown };
    if (typeof body.id !== 'number') {
      response.writeHead(400).end();
      return;
    }
    response.writeHead(202, { 'Cache-Control': 'no-store' }).end();
    const envelope = await dispatchCall(core.api, typeof body.channel === 'string' ? body.channel : '', body.args);
    // A page that has gone (navigated, closed) has no stream left to answer; one still connecting gets it later.
    if (!gone.has(page)) send(streamOf(page), { reply: body.id, envelope });
  };

  const events = (request: IncomingMessage, response: ServerResponse, url: URL): void => {
    const page = url.searchParams.get('page');
    if (url.searchParams.get('session') !== session || page === null || page === '') {
      response.writeHead(403).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    gone.delete(page);
    const stream = streamOf(page);
    stream.response = response;
    for (const line of stream.waiting.splice(0)) response.write(line);
    request.once('close', () => {
      streams.delete(page);
      gone.add(page);
    });
  };

  return {
    pageScript: `(${installHttpTransport.toString()})(${JSON.stringify(session)}, ${JSON.stringify(extra?.channel ?? '')}, ${extra === null ? '() => undefined' : extra.show.toString()});
(${installLocdesk.toString()})(${JSON.stringify(channelMap())});
`,
    handle(request, response) {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/__locdesk/invoke' && request.method === 'POST') {
        invoke(request, response).catch(() => {
          if (!response.headersSent) response.writeHead(400).end();
        });
        return true;
      }
      if (url.pathname === '/__locdesk/events') {
        events(request, response, url);
        return true;
      }
      return false;
    },
    broadcast: (channel, payload) => toConnected({ channel, payload }),
    close() {
      unsubscribe();
      for (const stream of streams.values()) stream.response?.end();
      streams.clear();
    },
  };
}
