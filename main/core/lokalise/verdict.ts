/**
 * What one answer from the API means for the request: data, a retry, a redirect, a rejected token, a refusal.
 *
 * Everything is judged by the answer's structure — the status, the RFC 6750 `WWW-Authenticate` challenge, a flat
 * `{"error": "invalid_token"}` body — and never by matching the words of a message, which Lokalise may reword at
 * any time. Where the structure cannot tell (Lokalise answers a token it does not accept with a plain 400, the same
 * shape as a bad parameter), the verdict says so and the executor settles it by refreshing the token once.
 */
import { errorForStatus, LokaliseApiError, serverMessage } from './errors';
import type { RetryableFailure } from './retry-policy';

/** What the executor does next with an answer. */
export type Verdict =
  | { readonly kind: 'answer'; readonly body: unknown; readonly headers: Headers }
  | ({ readonly kind: 'retry' } & RetryableFailure)
  /** A redirect within the API's own origin: followed, with the token. */
  | { readonly kind: 'redirect'; readonly location: URL }
  /** `certain`: the answer says the token is not accepted; otherwise it may be (a 400), and one refresh settles it. */
  | { readonly kind: 'token'; readonly certain: boolean; readonly failure: LokaliseApiError }
  /** 403. `insufficientScope` when the answer says a scope is missing, with the scope when it names one. */
  | { readonly kind: 'forbidden'; readonly insufficientScope: boolean; readonly scope: string | null; readonly failure: LokaliseApiError }
  | { readonly kind: 'fail'; readonly failure: LokaliseApiError };

/** Seconds or an HTTP date in `Retry-After`, as milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The auth-params of an RFC 6750 Bearer challenge (`error`, `scope`, …), lower-cased names; empty when absent. */
export function bearerChallenge(header: string | null): Record<string, string> {
  const parameters: Record<string, string> = {};
  if (header === null || !/^\s*bearer\b/i.test(header)) return parameters;
  for (const match of header.matchAll(/([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|([^\s,]+))/g)) {
    const name = match[1]?.toLowerCase();
    if (name !== undefined) parameters[name] = match[2] ?? match[3] ?? '';
  }
  return parameters;
}

/** The RFC 6749/6750 error code of a flat `{"error": "invalid_token"}` body, or null for any other shape. */
function flatErrorCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as Record<string, unknown>).error;
  return typeof error === 'string' ? error : null;
}

function parseBody(response: Response, text: string): { body: unknown; parsed: boolean } {
  if (!looksLikeJson(response, text)) return { body: null, parsed: false };
  try {
    return { body: JSON.parse(text) as unknown, parsed: true };
  } catch {
    return { body: null, parsed: false };
  }
}

function looksLikeJson(response: Response, text: string): boolean {
  return (response.headers.get('content-type') ?? '').includes('json') || text.startsWith('{') || text.startsWith('[');
}

const utf8 = new TextDecoder();

function isJsonSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * A successful answer's body left unparsed (see `RequestContext.unparsed`): whole-looking JSON (past a byte-order
 * mark and blanks, an object from its opening to its closing brace) is handed on as the bytes themselves, decoded
 * by whoever parses it.
 */
function unparsedBytesAnswer(response: Response, bytes: Uint8Array): Verdict | null {
  if (!response.ok || isRedirect(response)) return null;
  let first = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const opening = bytes[first];
  if (!(response.headers.get('content-type') ?? '').includes('json') && opening !== 0x7b && opening !== 0x5b) return null;
  while (isJsonSpace(bytes[first])) first += 1;
  let last = bytes.length - 1;
  while (last > first && isJsonSpace(bytes[last])) last -= 1;
  if (last <= first || bytes[first] !== 0x7b || bytes[last] !== 0x7d) return null;
  return { kind: 'answer', body: bytes, headers: response.headers };
}

/**
 * verdictFor an answer read as bytes for a reader on another thread (see `RequestContext.unparsed`): a successful
 * JSON answer's body is the bytes themselves; anything else is decoded here and judged as usual.
 */
export function verdictForBytes(response: Response, bytes: Uint8Array, requested: URL, what: string, now: number): Verdict {
  return unparsedBytesAnswer(response, bytes) ?? verdictFor(response, utf8.decode(bytes), requested, what, now);
}

function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.status !== 304);
}

/** A redirect: followed when it stays on the API's origin, refused (the token must not travel) when it leaves it. */
function redirectVerdict(response: Response, requested: URL, what: string): Verdict {
  const location = response.headers.get('location');
  const target = location !== null && URL.canParse(location, requested.href) ? new URL(location, requested) : null;
  if (target !== null && target.origin === requested.origin) return { kind: 'redirect', location: target };
  const elsewhere = target === null ? 'an address it did not name' : target.host;
  return {
    kind: 'fail',
    failure: new LokaliseApiError(
      'lokalise.redirected',
      `Instead of ${what}, Lokalise's address sent Locdesk on to ${elsewhere}. Locdesk does not follow it, so your sign-in never goes to another site. ` +
        'If your network wants you to sign in first (hotel or office Wi-Fi), open any web page in your browser, sign in there, and try again.',
      response.status,
    ),
  };
}

/**
 * The verdict on `response` (its body already read into `text`) to a request for `requested`.
 */
export function verdictFor(response: Response, text: string, requested: URL, what: string, now: number): Verdict {
  if (isRedirect(response)) return redirectVerdict(response, requested, what);
  const { body, parsed } = parseBody(response, text);
  const status = response.status;
  if (response.ok) {
    if (parsed) return { kind: 'answer', body, headers: response.headers };
    const failure = new LokaliseApiError('lokalise.bad_response', `Lokalise sent an incomplete answer while Locdesk was loading ${what}.`, status);
    return { kind: 'retry', reason: 'serverTrouble', failure, delayHintMs: null };
  }
  const message = parsed ? serverMessage(body) : null;
  const challenge = bearerChallenge(response.headers.get('www-authenticate'));
  const errorCode = challenge.error ?? flatErrorCode(body);
  if (status === 401 || errorCode === 'invalid_token') return { kind: 'token', certain: true, failure: errorForStatus(401, message, false, what) };
  if (status === 403 || errorCode === 'insufficient_scope') {
    const scope = challenge.scope?.split(/\s+/).find((entry) => entry !== '') ?? null;
    return { kind: 'forbidden', insufficientScope: errorCode === 'insufficient_scope', scope, failure: errorForStatus(403, message, !parsed, what) };
  }
  const failure = errorForStatus(status, message, !parsed, what);
  if (status === 400) return { kind: 'token', certain: false, failure };
  if (status === 429) return { kind: 'retry', reason: 'rateLimited', failure, delayHintMs: retryAfterMs(response.headers.get('retry-after'), now) };
  if (status >= 500 || status === 408) return { kind: 'retry', reason: 'serverTrouble', failure, delayHintMs: null };
  return { kind: 'fail', failure };
}
