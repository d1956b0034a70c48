/**
 * Serves the built renderer to an ordinary browser with `window.locdesk` bridged over HTTP to a real AppCore
 * (http-bridge.ts: `POST /__locdesk/invoke` for calls, through the same `dispatchCall` validation as IPC, and one
 * server-sent event stream per page for replies and events, in order). It is what `npm run demo` falls back to where
 * no Electron binary exists.
 *
 * Only for the demo against the fake Lokalise: it binds 127.0.0.1, refuses other Host headers (DNS rebinding), and
 * requires a per-run session token in a custom header, which a cross-site page cannot send without a preflight
 * this server never approves.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { AppCore } from '../../main/core/app-core';
import { createHttpBridge } from './http-bridge';

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

/** Starts serving `rendererFolder` with a bridge to `core` on 127.0.0.1:`port` (0 = any). */
export async function serveWithBridge(core: AppCore, rendererFolder: string, port = 0): Promise<WebBridge> {
  const index = join(rendererFolder, 'index.html');
  if (!existsSync(index)) throw new Error(`The renderer is not built (${index} is missing). Run "npm run build" first.`);
  const root = normalize(rendererFolder + sep);
  const bridge = createHttpBridge(core, { channel: signInLinkChannel, show: showSignInLinkInPage });
  let expectedHost = '';

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    if (request.headers.host !== expectedHost) return void response.writeHead(421).end();
    const url = new URL(request.url ?? '/', `http://${expectedHost}`);
    if (bridge.handle(request, response)) return;
    if (url.pathname === '/__locdesk/bridge.js') {
      response.writeHead(200, { 'Content-Type': types['.js'] ?? '', 'Cache-Control': 'no-store' }).end(bridge.pageScript);
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
    try {
      handle(request, response);
    } catch {
      if (!response.headersSent) response.writeHead(400).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  expectedHost = `127.0.0.1:${bound}`;
  return {
    url: `http://${expectedHost}/`,
    showSignInLink: (link) => bridge.broadcast(signInLinkChannel, link),
    close: () =>
      new Promise<void>((resolve) => {
        bridge.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
