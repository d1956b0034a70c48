/**
 * Serves the built renderer (`out/renderer`) on 127.0.0.1 the way the app's custom protocol does: only files inside
 * the folder, with the app's Content-Security-Policy header, so the e2e tests run under the production CSP.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { rendererContentSecurityPolicy } from '../../../main/platform/content-security-policy';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The same policy main sends for app:// responses. */
export { rendererContentSecurityPolicy };

/** Answers a request itself (true), or leaves it to the next handler and the files (false). */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/** A running static server and its base URL. */
export interface StaticServer {
  readonly url: string;
  /** Lets `handler` answer requests before the files are looked up (the e2e bridge's routes); returns its removal. */
  use(handler: RequestHandler): () => void;
  close(): Promise<void>;
}

/** Starts serving `folder`; fails clearly when the renderer has not been built. */
export async function serveRenderer(folder: string): Promise<StaticServer> {
  if (!existsSync(join(folder, 'index.html'))) {
    throw new Error(`The renderer is not built (${folder}/index.html is missing). Run "npm run build" first.`);
  }
  const root = normalize(folder + sep);
  const handlers = new Set<RequestHandler>();
  const server: Server = createServer((request, response) => {
    for (const handler of handlers) if (handler(request, response)) return;
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': rendererContentSecurityPolicy,
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    use: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
