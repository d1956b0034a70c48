/**
 * Where Locdesk learns which OAuth app and which Lokalise endpoints to use.
 *
 * Values come from the environment first and from a settings file in the user-data folder second, so a packaged
 * app can be pointed at a test server without rebuilding, and a developer can keep credentials out of their shell.
 * The client id and secret are never in the repository; when they are missing, the app still starts, shows the
 * problem in plain words and keeps the offline library browsable.
 */
import { readFileSync } from 'node:fs';
import { lokaliseScopes } from './scopes';

/** Which OAuth dialect the token endpoint speaks (see `auth/providers.ts`). */
export type ProviderName = 'lokalise' | 'oauth2';

/** Everything the core needs to know about the outside world, already validated. */
export interface LocdeskConfig {
  readonly provider: ProviderName;
  readonly clientId: string | null;
  readonly clientSecret: string | null;
  readonly authUrl: string;
  readonly tokenUrl: string;
  readonly apiUrl: string;
  /** Fixed loopback ports to try in order; empty means an ephemeral port chosen by the OS. */
  readonly redirectPorts: readonly number[];
  readonly scopes: readonly string[];
  readonly signInTimeoutMs: number;
  /** Requests per second per token; Lokalise allows 6. */
  readonly requestsPerSecond: number;
  /** Concurrent requests per project; Lokalise allows 10. A whole number of at least 1. */
  readonly maxConcurrentPerProject: number;
  /** How long one request keeps retrying while Lokalise answers "too many requests" (default 10 minutes). */
  readonly rateLimitPatienceMs: number;
  /** The longest wait between two tries after a "too many requests" that did not say how long to wait. */
  readonly rateLimitMaxWaitMs: number;
  /** How long a request may go without a byte from Lokalise before it counts as "not answering". */
  readonly noAnswerTimeoutMs: number;
  /** While online, how long Lokalise may stay unheard from before a reachability check (default 30 s). */
  readonly onlineCheckMs?: number;
  /** While offline, the least time between two reachability checks (default 60 s); the backoff grows to 5×. */
  readonly offlineCheckMs?: number;
  readonly mode: 'production' | 'demo' | 'development';
}

/** Lokalise's production endpoints, used whenever nothing else is configured. */
export const lokaliseDefaults = {
  authUrl: 'https://app.lokalise.com/oauth2/auth',
  tokenUrl: 'https://app.lokalise.com/oauth2/token',
  apiUrl: 'https://api.lokalise.com/api2/',
  scopes: lokaliseScopes,
} as const;

/** The environment variables and their settings-file twins; docs/configuration.md documents the same table. */
export const settingNames = {
  clientId: 'LOCDESK_CLIENT_ID',
  clientSecret: 'LOCDESK_CLIENT_SECRET',
  authUrl: 'LOCDESK_AUTH_URL',
  tokenUrl: 'LOCDESK_TOKEN_URL',
  apiUrl: 'LOCDESK_API_URL',
  redirectPort: 'LOCDESK_REDIRECT_PORT',
  provider: 'LOCDESK_OAUTH_PROVIDER',
  scopes: 'LOCDESK_SCOPES',
  signInTimeoutSeconds: 'LOCDESK_SIGN_IN_TIMEOUT_SECONDS',
  requestsPerSecond: 'LOCDESK_REQUESTS_PER_SECOND',
  maxConcurrentPerProject: 'LOCDESK_MAX_CONCURRENT_PER_PROJECT',
  rateLimitPatienceSeconds: 'LOCDESK_RATE_LIMIT_PATIENCE_SECONDS',
  rateLimitMaxWaitSeconds: 'LOCDESK_RATE_LIMIT_MAX_WAIT_SECONDS',
  noAnswerTimeoutSeconds: 'LOCDESK_NO_ANSWER_TIMEOUT_SECONDS',
  onlineCheckSeconds: 'LOCDESK_ONLINE_CHECK_SECONDS',
  offlineCheckSeconds: 'LOCDESK_OFFLINE_CHECK_SECONDS',
  mode: 'LOCDESK_MODE',
} as const;

type SettingName = keyof typeof settingNames;
type RawSettings = Partial<Record<SettingName, string>>;


function parsePorts(text: string): number[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const port = Number(part);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new Error(`${settingNames.redirectPort} must be a port number or a comma-separated list of ports, not "${part}"`);
      }
      return port;
    });
}

function positiveNumber(name: SettingName, text: string | undefined, fallback: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${settingNames[name]} must be a positive number, not "${text}"`);
  return value;
}

/**
 * A whole number of at least 1. `Math.floor` of a fraction would give 0 for 0.5, and a limit of 0 concurrent
 * requests never lets one through: the sync would wait forever instead of saying what is wrong.
 */
function countAtLeastOne(name: SettingName, text: string | undefined, fallback: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${settingNames[name]} must be a whole number of at least 1, not "${text}"`);
  return value;
}

/** Hosts that never leave this computer, where plain http cannot be read or changed on the way. */
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * An http or https URL. `loopbackHttpOnly` is for the endpoints that receive credentials (the token endpoint gets
 * the client secret and refresh token, the API gets the access token): plain http is accepted there only for a
 * server on this computer (the fake Lokalise in tests and the demo), never across a network.
 */
function checkedUrl(name: SettingName, text: string | undefined, fallback: string, loopbackHttpOnly = false): string {
  if (text === undefined || text.trim() === '') return fallback;
  const problem = new Error(`${settingNames[name]} must be an http or https URL, not "${text}"`);
  if (!URL.canParse(text.trim())) throw problem;
  const url = new URL(text.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw problem;
  if (loopbackHttpOnly && url.protocol === 'http:' && !loopbackHosts.has(url.hostname)) {
    throw new Error(`${settingNames[name]} must use https; plain http is allowed only for a server on this computer (127.0.0.1, localhost), not "${text}"`);
  }
  return url.toString();
}

/**
 * Reads the optional settings file. A missing file is normal; an unreadable or malformed one is reported as a
 * problem rather than ignored, because silently falling back to production endpoints would surprise the user.
 */
export function readSettingsFile(path: string): { values: RawSettings; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { values: {}, problem: null };
    return { values: {}, problem: `The settings file ${path} could not be read.` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { values: {}, problem: `The settings file ${path} is not valid JSON.` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { values: {}, problem: `The settings file ${path} must hold a JSON object.` };
  }
  const values: RawSettings = {};
  const known = new Set<string>(Object.keys(settingNames));
  for (const [name, value] of Object.entries(data)) {
    if (!known.has(name)) return { values: {}, problem: `The settings file ${path} has an unknown setting "${name}".` };
    if (typeof value !== 'string' && typeof value !== 'number') {
      return { values: {}, problem: `The setting "${name}" in ${path} must be a string or a number.` };
    }
    values[name as SettingName] = String(value);
  }
  return { values, problem: null };
}

/** The outcome of loading: a usable config, plus a sentence describing anything the user must fix. */
export interface LoadedConfig {
  readonly config: LocdeskConfig;
  readonly problem: string | null;
}

/**
 * Merges environment and settings-file values (environment wins) and validates them.
 * Never throws: invalid values fall back to defaults and are described in `problem`.
 */
export function loadConfig(environment: Record<string, string | undefined>, file: RawSettings = {}): LoadedConfig {
  const raw: RawSettings = { ...file };
  for (const [name, variable] of Object.entries(settingNames)) {
    const value = environment[variable];
    if (value !== undefined && value !== '') raw[name as SettingName] = value;
  }
  const problems: string[] = [];
  const attempt = <T>(produce: () => T, fallback: T): T => {
    try {
      return produce();
    } catch (error) {
      problems.push((error as Error).message);
      return fallback;
    }
  };
  const provider = attempt<ProviderName>(() => {
    const value = raw.provider ?? 'lokalise';
    if (value !== 'lokalise' && value !== 'oauth2') throw new Error(`${settingNames.provider} must be "lokalise" or "oauth2", not "${value}"`);
    return value;
  }, 'lokalise');
  const modeText = raw.mode ?? 'production';
  const mode = modeText === 'demo' || modeText === 'development' ? modeText : 'production';
  const config: LocdeskConfig = {
    provider,
    clientId: raw.clientId?.trim() ?? null,
    clientSecret: raw.clientSecret?.trim() ?? null,
    authUrl: attempt(() => checkedUrl('authUrl', raw.authUrl, lokaliseDefaults.authUrl), lokaliseDefaults.authUrl),
    tokenUrl: attempt(() => checkedUrl('tokenUrl', raw.tokenUrl, lokaliseDefaults.tokenUrl, true), lokaliseDefaults.tokenUrl),
    apiUrl: attempt(() => checkedUrl('apiUrl', raw.apiUrl, lokaliseDefaults.apiUrl, true), lokaliseDefaults.apiUrl),
    redirectPorts: attempt(() => parsePorts(raw.redirectPort ?? ''), []),
    scopes: raw.scopes !== undefined ? raw.scopes.split(/[\s,]+/).filter((scope) => scope.length > 0) : [...lokaliseDefaults.scopes],
    signInTimeoutMs: attempt(() => positiveNumber('signInTimeoutSeconds', raw.signInTimeoutSeconds, 300) * 1000, 300_000),
    requestsPerSecond: attempt(() => positiveNumber('requestsPerSecond', raw.requestsPerSecond, 6), 6),
    maxConcurrentPerProject: attempt(() => countAtLeastOne('maxConcurrentPerProject', raw.maxConcurrentPerProject, 10), 10),
    rateLimitPatienceMs: attempt(() => positiveNumber('rateLimitPatienceSeconds', raw.rateLimitPatienceSeconds, 600) * 1000, 600_000),
    rateLimitMaxWaitMs: attempt(() => positiveNumber('rateLimitMaxWaitSeconds', raw.rateLimitMaxWaitSeconds, 30) * 1000, 30_000),
    noAnswerTimeoutMs: attempt(() => positiveNumber('noAnswerTimeoutSeconds', raw.noAnswerTimeoutSeconds, 15) * 1000, 15_000),
    onlineCheckMs: attempt(() => positiveNumber('onlineCheckSeconds', raw.onlineCheckSeconds, 30) * 1000, 30_000),
    offlineCheckMs: attempt(() => positiveNumber('offlineCheckSeconds', raw.offlineCheckSeconds, 60) * 1000, 60_000),
    mode,
  };
  const missing = [
    config.clientId === null || config.clientId === '' ? settingNames.clientId : null,
    config.clientSecret === null || config.clientSecret === '' ? settingNames.clientSecret : null,
  ].filter((name): name is (typeof settingNames)['clientId' | 'clientSecret'] => name !== null);
  if (missing.length > 0) {
    problems.unshift(
      `Sign-in is not configured: set ${missing.join(' and ')} in the environment or in the settings file. ` +
        'Without a Lokalise OAuth app, try "npm run demo", which uses the bundled fake Lokalise.',
    );
  }
  return { config, problem: problems.length > 0 ? problems.join(' ') : null };
}
