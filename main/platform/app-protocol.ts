/**
 * The `app://locdesk/` protocol that serves the built renderer in production.
 *
 * A custom protocol instead of `file://` (Electron security checklist #18): the page gets a real origin that the IPC
 * sender check can compare against, `file://`'s extra privileges never apply, and every response carries the CSP
 * header. Only files inside the renderer folder are served; anything else is a 404, whatever the URL encoding.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { rendererContentSecurityPolicy } from './content-security-policy';

/** The scheme, host and origin the packaged renderer runs under. */
export const appScheme = 'app';
export const appHost = 'locdesk';
export const appOrigin = `${appScheme}://${appHost}`;
/** The page main loads in production. */
export const appEntryUrl = `${appOrigin}/index.html`;

export { rendererContentSecurityPolicy };

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Declares `app:` standard and secure. Electron only accepts this before `app` is ready, so the composition root
 * calls it at module load.
 *
 * `codeCache` lets V8 keep the renderer bundle's compiled code between launches, as it does for http(s) pages (a
 * custom scheme has none by default, Electron 28.1+): without it every start compiles the functions that draw the
 * workspace and its first rows again, cold, while the translator waits (docs/grid-speed-breakdown.md).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, codeCache: true } },
  ]);
}

/** Serves `rendererFolder` under `app://locdesk/`; call once after `ready`. */
export function handleAppProtocol(rendererFolder: string): void {
  protocol.handle(appScheme, (request) => serveRendererRequest(rendererFolder, request));
}

/**
 * The file inside `rendererFolder` that `requestUrl` names, or null when the URL is for another host, cannot be
 * decoded, or would escape the folder (`..`, encoded separators, NUL bytes).
 */
export function resolveRendererFile(rendererFolder: string, requestUrl: string): string | null {
  if (!URL.canParse(requestUrl)) return null;
  const url = new URL(requestUrl);
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').includes('..')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : normalize(pathname).replace(/^[/\\]+/, '');
  const root = resolve(rendererFolder);
  const file = resolve(join(root, relative));
  return file.startsWith(root + sep) ? file : null;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': rendererContentSecurityPolicy },
  });
}

/** Answers one `app:` request: the file with its type and the CSP, or a plain 404/405 that reveals no paths. */
export async function serveRendererRequest(rendererFolder: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
  const file = resolveRendererFile(rendererFolder, request.url);
  if (file === null) return textResponse(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return textResponse(404, 'Not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-security-policy': rendererContentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}
