/**
 * The pages the loopback receiver shows in the user's browser.
 *
 * They are static: no query value is ever echoed (RFC 9700 §4.2.4), nothing is loaded from elsewhere, and the
 * headers forbid caching, referrers, framing and scripts.
 */
import type { ServerResponse } from 'node:http';

/** Which page to show. */
export type CallbackPage = 'success' | 'denied' | 'failed' | 'stale' | 'waiting' | 'notFound' | 'wrongMethod' | 'wrongHost' | 'broken';

const texts: Record<CallbackPage, { status: number; title: string; body: string }> = {
  success: { status: 200, title: 'You are signed in', body: 'Locdesk is now connected to Lokalise. You can close this tab and return to Locdesk.' },
  denied: { status: 200, title: 'Sign-in cancelled', body: 'You chose not to give Locdesk access. You can close this tab; Locdesk lets you try again.' },
  failed: { status: 200, title: 'Sign-in did not finish', body: 'Something went wrong while finishing the sign-in. Return to Locdesk to see what happened and try again.' },
  stale: { status: 400, title: 'This sign-in link is out of date', body: 'This page belongs to an older or different sign-in attempt. Return to Locdesk and start again from there.' },
  waiting: { status: 200, title: 'Locdesk is waiting', body: 'Return to Locdesk to continue.' },
  notFound: { status: 404, title: 'Not found', body: 'There is nothing here.' },
  wrongMethod: { status: 405, title: 'Not allowed', body: 'There is nothing here.' },
  wrongHost: { status: 421, title: 'Wrong address', body: 'This address is not served here.' },
  broken: { status: 500, title: 'Something went wrong', body: 'Return to Locdesk and try again.' },
};

/** Headers for every loopback response. */
export const callbackHeaders: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

function html(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${title} · Locdesk</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#1f2933}
@media (prefers-color-scheme:dark){body{background:#16191d;color:#e4e7eb}}h1{font-size:1.4rem}</style></head>
<body><h1>${title}</h1><p>${body}</p></body></html>`;
}

/** Writes `page` with its status and the safety headers; bodies are omitted for HEAD-less error statuses. */
export function sendPage(response: ServerResponse, page: CallbackPage, extraHeaders: Record<string, string> = {}): void {
  const text = texts[page];
  const body = html(text.title, text.body);
  response.writeHead(text.status, { ...callbackHeaders, ...extraHeaders, 'Content-Length': String(Buffer.byteLength(body)) });
  response.end(body);
}

/** Sends the browser to `/done`, so the code leaves the address bar and history. */
export function redirectToDone(response: ServerResponse): void {
  response.writeHead(302, { ...callbackHeaders, Location: '/done', 'Content-Length': '0' });
  response.end();
}
