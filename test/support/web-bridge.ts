/**
 * Serves the built renderer to an ordinary browser with `window.locdesk` bridged over HTTP to a real AppCore:
 * `POST /__locdesk/invoke` for calls (through the same `dispatchCall` validation as IPC) and a server-sent event
 * stream for events. It is what `npm run demo` falls back to where no Electron binary exists.
 *
 * Only for the demo against the fake Lokalise: it binds 127.0.0.1, refuses other Host headers (DNS rebinding), and
 * requires a per-run session token in a custom header, which a cross-site page cannot send without a preflight
 * this server never approves.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { AppCore } from '../../main/core/app-core';
import { dispatchCall, eventMessage } from '../../main/core/dispatch';
import { channelMap, installLocdesk } from './page-bridge';

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** A running bridge. */
export interface WebBridge {
  readonly url: string;
  /**
   * Shows the sign-in link in the page, above the app, for a demo whose "system browser" may be nowhere (a
   * container, a remote shell). Demo only: in the app the link (it carries `state`) never reaches the renderer.
   */
  showSignInLink(url: string): void;
  close(): Promise<void>;
}

/** The event channel of `showSignInLink`, outside the contract's channels. */
const signInLinkChannel = '__demo:sign-in-link';

/** Runs in the page: a small box with the link, built with DOM calls (the page's CSP allows no inline style). */
function showSignInLinkInPage(url: string): void {
  const id = 'locdesk-demo-sign-in-link';
  document.getElementById(id)?.remove();
  const box = document.createElement('div');
  box.id = id;
  box.setAttribute('role', 'status');
  box.setAttribute('aria-label', 'Demo sign-in link');
  Object.assign(box.style, {
    position: 'fixed', right: '1rem', bottom: '3rem', zIndex: '1000', maxWidth: '28rem', padding: '0.75rem 1rem',
    background: '#fff8e1', color: '#1f2328', border: '1px solid #9a5b00', borderRadius: '6px', font: '14px system-ui, sans-serif',
  });
  const text = document.createElement('span');
  text.textContent = 'Demo: your browser may not open the sign-in page by itself. ';
  const link = document.createElement('a');
  link.href = url;
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = 'Open the sign-in page';
  link.style.color = '#0b57d0';
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Hide';
  close.style.marginLeft = '0.75rem';
  close.addEventListener('click', () => box.remove());
  box.append(text, link, close);
  document.body.append(box);
}

function bridgeScript(session: string): string {
  return `const showSignInLink = ${showSignInLinkInPage.toString()};
(() => {
  const session = ${JSON.stringify(session)};
  globalThis.__locdeskInvoke = (channel, args) =>
    fetch('/__locdesk/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Locdesk-Session': session }, body: JSON.stringify({ channel, args }) })
      .then((response) => response.json());
  const events = new EventSource('/__locdesk/events?session=' + encodeURIComponent(session));
  events.onmessage = (message) => {
    const data = JSON.parse(message.data);
    if (data.channel === ${JSON.stringify(signInLinkChannel)}) showSignInLink(data.payload);
    else globalThis.__locdeskDispatch?.(data.channel, data.payload);
  };
})();
(${installLocdesk.toString()})(${JSON.stringify(channelMap())});
`;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length > 1_000_000) throw new Error('too large');
  }
  return JSON.parse(text);
}

/** Starts serving `rendererFolder` with a bridge to `core` on 127.0.0.1:`port` (0 = any). */
export async function serveWithBridge(core: AppCore, rendererFolder: string, port = 0): Promise<WebBridge> {
  const index = join(rendererFolder, 'index.html');
  if (!existsSync(index)) throw new Error(`The renderer is not built (${index} is missing). Run "npm run build" first.`);
  const session = randomBytes(24).toString('base64url');
  const root = normalize(rendererFolder + sep);
  const streams = new Set<ServerResponse>();
  const unsubscribe = core.events.subscribe((event) => {
    const line = `data: ${JSON.stringify(eventMessage(event))}\n\n`;
    for (const stream of streams) stream.write(line);
  });
  let expectedHost = '';

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.headers.host !== expectedHost) return void response.writeHead(421).end();
    const url = new URL(request.url ?? '/', `http://${expectedHost}`);
    if (url.pathname === '/__locdesk/invoke' && request.method === 'POST') {
      if (request.headers['x-locdesk-session'] !== session || !(request.headers['content-type'] ?? '').startsWith('application/json')) {
        return void response.writeHead(403).end();
      }
      const body = (await readJson(request)) as { channel?: unknown; args?: unknown };
      const envelope = await dispatchCall(core.api, typeof body.channel === 'string' ? body.channel : '', body.args);
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(envelope));
      return;
    }
    if (url.pathname === '/__locdesk/events') {
      if (url.searchParams.get('session') !== session) return void response.writeHead(403).end();
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.once('close', () => streams.delete(response));
      return;
    }
    if (url.pathname === '/__locdesk/bridge.js') {
      response.writeHead(200, { 'Content-Type': types['.js'] ?? '', 'Cache-Control': 'no-store' }).end(bridgeScript(session));
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = readFileSync(index, 'utf8').replace('<script type="module"', '<script src="./__locdesk/bridge.js"></script>\n    <script type="module"');
      response.writeHead(200, { 'Content-Type': types['.html'] ?? '', 'Cache-Control': 'no-store' }).end(html);
      return;
    }
    const file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  expectedHost = `127.0.0.1:${bound}`;
  return {
    url: `http://${expectedHost}/`,
    showSignInLink: (link) => {
      const line = `data: ${JSON.stringify({ channel: signInLinkChannel, payload: link })}\n\n`;
      for (const stream of streams) stream.write(line);
    },
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
