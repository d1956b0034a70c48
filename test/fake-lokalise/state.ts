/**
 * The fake's run-time switches and counters, shared by its OAuth and API halves. Tests flip switches while the
 * server runs (a short token lifetime, a fault on the next request) and read counters to assert what happened.
 */

/**
 * How an injected failure looks on the wire: an nginx HTML error page, a connection closed before any answer, a
 * 200 whose JSON stops early (`truncate`: short of its declared Content-Length; `truncate-chunked`: a chunked body
 * that never ends), the real 429 body without `Retry-After`, a request accepted and never answered (`hang`: a
 * captive portal or a dead proxy), or an answer that starts and then goes silent with the connection open (`stall`).
 */
export type FailureKind = 'html500' | 'html502' | 'html503' | 'drop' | 'truncate' | 'truncate-chunked' | '429' | 'hang' | 'stall';

/** Behaviour that tests change at run time. */
export interface FakeSwitches {
  /** `oauth2` = the standard dialect: form bodies, `response_type=code`, `redirect_uri` at exchange, rotating refresh tokens. */
  dialect: 'lokalise' | 'oauth2';
  rotateRefreshTokens: boolean;
  accessTokenLifetimeSeconds: number;
  /** null = never expires (Lokalise); the oauth2 dialect defaults to 7 days. */
  refreshTokenLifetimeSeconds: number | null;
  rateLimit: { enabled: boolean; requestsPerSecond: number; maxConcurrentPerProject: number; sendRetryAfter: boolean };
  faults: {
    latencyMs: number;
    /** The next N matching API requests fail with `failureKind`. */
    failNextRequests: number;
    /**
     * Matching requests let through untouched before `failNextRequests` starts: together they put a burst in the
     * middle of a listing (say 20 bare 429s after the 40th page).
     */
    spareRequests: number;
    failureKind: FailureKind;
    /** A seeded share (0..1) of matching API requests that fail. */
    failureRate: number;
    /**
     * Restricts faults to request paths matching this pattern. null = every API request. The token endpoint only
     * fails when this pattern explicitly matches `/oauth2/token`, so API fault tests never break sign-in by accident.
     */
    matchPath: RegExp | null;
  };
  /** What an invalid or expired bearer token gets: 401 (documented) or 400 (as recorded for X-Api-Token). */
  invalidTokenStatus: 401 | 400;
  /** false (the real quirk): the cursor header is sent on every non-empty page, even the last. */
  cursorHeaderOnlyWhenMore: boolean;
  /**
   * Each cursor page of keys after the first starts again with the previous page's last key, as the official Node
   * SDK's own test fixtures serve one key on two consecutive pages.
   */
  repeatKeyAcrossCursorPages: boolean;
  requireRedirectUriAtExchange: boolean;
  acceptAuthorizationTokenTypo: boolean;
  /** Scope required per API area; a token without it gets 403. */
  scopes: Record<'projects' | 'languages' | 'keys' | 'translations' | 'contributors' | 'teams', string | null>;
  /** The write side (writes.ts). */
  writes: WriteSwitches;
}

/** How the fake's write side behaves. */
export interface WriteSwitches {
  /** The scope `PUT /translations/{id}` needs; a token without it gets 403. */
  scope: string;
  /**
   * Which plural value forms a write accepts: both (the default), only an object of forms, or only the forms as a
   * JSON string. The public sources disagree on which the real API takes (research/lokalise-write-api.md).
   */
  pluralForm: 'both' | 'object' | 'string';
  /** The next N writes are applied, then the connection is dropped before any answer. */
  dropAfterWrite: number;
  /** When set, every write is refused with a 400 carrying this message (a validation Lokalise does and the fake does not). */
  rejectWith: string | null;
  /** What `contributors/me` says, and which languages a write may change. */
  contributor: { isAdmin: boolean; isReviewer: boolean; readOnlyLanguages: string[] };
}

/** Counters a test can assert on. */
export interface FakeStats {
  authorize: number;
  tokenExchanges: number;
  refreshes: number;
  tokenErrors: number;
  apiRequests: number;
  /** Bytes of API response bodies sent (their Content-Length), so a benchmark can compare what two syncs download. */
  apiBytes: number;
  rateLimited: number;
  faultsInjected: number;
  maxConcurrentSeen: number;
  byRoute: Record<string, number>;
  /** Requests for the first page of a list (no cursor, or page 1), by route: a walk that starts over shows up here. */
  firstPages: Record<string, number>;
}

/** The default switches: the documented Lokalise behaviour with no limits or faults. */
export function defaultSwitches(): FakeSwitches {
  return {
    dialect: 'lokalise',
    rotateRefreshTokens: false,
    accessTokenLifetimeSeconds: 3600,
    refreshTokenLifetimeSeconds: null,
    rateLimit: { enabled: false, requestsPerSecond: 6, maxConcurrentPerProject: 10, sendRetryAfter: false },
    faults: { latencyMs: 0, failNextRequests: 0, spareRequests: 0, failureKind: 'html500', failureRate: 0, matchPath: null },
    invalidTokenStatus: 401,
    cursorHeaderOnlyWhenMore: false,
    repeatKeyAcrossCursorPages: false,
    requireRedirectUriAtExchange: false,
    acceptAuthorizationTokenTypo: false,
    scopes: {
      projects: 'read_projects',
      languages: 'read_projects',
      keys: 'read_keys',
      translations: 'read_translations',
      contributors: 'read_contributors',
      teams: null,
    },
    writes: { scope: 'write_translations', pluralForm: 'both', dropAfterWrite: 0, rejectWith: null, contributor: { isAdmin: false, isReviewer: true, readOnlyLanguages: [] } },
  };
}

/** One applied `PUT /translations/{id}`: the value the server held before and the value written. */
export interface WriteRecord {
  readonly translationId: number;
  readonly keyId: number;
  readonly languageIso: string;
  /** Plain text, or a plural key's forms as JSON text. */
  readonly before: string;
  readonly after: string;
}

/** State shared by the fake's halves. */
export class FakeState {
  public readonly switches: FakeSwitches;
  /** Writes applied (PUT answered or dropped after applying), by translation id, for tests that count writes. */
  public readonly writes: number[] = [];
  /**
   * The same writes with the value each replaced, so a test can tell whether a client ever overwrote a change it had
   * not seen (the randomized push test checks that no other user's value is replaced).
   */
  public readonly writeLog: WriteRecord[] = [];
  public readonly stats: FakeStats = {
    authorize: 0,
    tokenExchanges: 0,
    refreshes: 0,
    tokenErrors: 0,
    apiRequests: 0,
    apiBytes: 0,
    rateLimited: 0,
    faultsInjected: 0,
    maxConcurrentSeen: 0,
    byRoute: {},
    firstPages: {},
  };

  public constructor(
    public readonly clientId: string,
    public readonly clientSecret: string,
    switches: Partial<FakeSwitches>,
    public readonly now: () => number = Date.now,
  ) {
    this.switches = { ...defaultSwitches(), ...switches };
  }

  /** Increments a named counter. */
  public count(name: Exclude<keyof FakeStats, 'byRoute' | 'firstPages' | 'maxConcurrentSeen' | 'apiBytes'>): void {
    this.stats[name] += 1;
  }
}
