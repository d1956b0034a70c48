/**
 * A faithful fake of Lokalise's OAuth 2 and API v2 over real HTTP on 127.0.0.1.
 *
 * Every test tier uses it: the OAuth client and session, the API client and sync engine, the Playwright journeys,
 * the benchmark (100,000 keys × 10 languages, generated on demand) and `npm run demo`. Its behaviour follows the
 * recorded traffic in the research notes, quirks included, and `switches` turn on rate limits, faults, short token
 * lifetimes and the standard OAuth dialect while it runs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApiRoutes } from './api';
import { Dataset, type DatasetOptions, type KeyChanges, type TranslationValue } from './dataset';
import { sendFlatError, sendNestedError } from './http';
import { FaultInjector, Limiter } from './limits';
import { OAuthServer } from './oauth';
import { FakeState, type FakeStats, type FakeSwitches, type WriteRecord } from './state';
import { isWritePath, WriteRoutes } from './writes';

export type { FailureKind, FakeSwitches, FakeStats, WriteSwitches } from './state';
export type { FakeKey, FakeProject, FakeTranslation, KeyChanges, TranslationValue } from './dataset';

/** How to start the fake. */
export interface FakeLokaliseOptions extends DatasetOptions {
  readonly port?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly switches?: Partial<FakeSwitches>;
  /** The clock (milliseconds) for code and token expiry, so tests can move time instead of waiting. */
  readonly now?: () => number;
}

/** Where a fake answers and the client it accepts: what the CLI prints as its JSON line for other processes. */
export interface FakeEndpoints {
  readonly origin: string;
  readonly authUrl: string;
  readonly tokenUrl: string;
  readonly apiUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A running fake. */
export interface FakeLokalise extends FakeEndpoints {
  /** Read access to the generated data, so tests can compare what a client stored key by key. */
  readonly dataset: Dataset;
  /** Behaviour tests flip while the server runs (dialect, rotation, lifetimes, rate limit, faults, quirks). */
  readonly switches: FakeSwitches;
  /** Counters per kind of request, for assertions such as "exactly one refresh happened". */
  readonly stats: FakeStats;
  /** Issues a token pair without the browser dance, for API-level tests. */
  issueTokens(scope?: string): { accessToken: string; refreshToken: string };
  /** Invalidates every access and refresh token, as if the user revoked the app. */
  revokeAllTokens(): void;
  /** Makes every issued access token expired now (refresh tokens keep working). */
  expireAccessTokens(): void;
  /** The signed-in user can no longer see this project (it answers 404 and leaves the project list). */
  revokeProjectAccess(projectId: string): void;
  /** Simulates keys deleted on the server since the last sync. */
  deleteKeys(projectId: string, keyIds: readonly number[]): void;
  /** Simulates keys created on the server; returns their ids (higher than every existing key id). */
  addKeys(projectId: string, count: number): number[];
  /**
   * Simulates an edit on the server: new value (plural forms for a plural key, '' to clear), review flags cleared,
   * modification time moved to `modifiedAt` (unix seconds) or now. Throws on an unknown project, key or language.
   */
  updateTranslation(projectId: string, keyId: number, languageIso: string, value: TranslationValue, modifiedAt?: number): void;
  /** Simulates a change of a key's own fields (a rename, say): `modified_at` moves, `translations_modified_at` does not. */
  editKey(projectId: string, keyId: number, changes: KeyChanges, modifiedAt?: number): void;
  /** Simulates languages added or removed: the project keeps the first `count` (4 to 10) of the fake's languages. */
  setLanguageCount(projectId: string, count: number): void;
  /**
   * Another Lokalise user changes a translation, as the server would record it: their name in `modified_by`, the
   * time moved to now, flags as given (unverified cleared otherwise) and the base-language side effect. Returns the
   * translation id. Throws on an unknown project, key or language.
   */
  editAsOtherUser(projectId: string, keyId: number, languageIso: string, value: TranslationValue, flags?: { isReviewed?: boolean; isUnverified?: boolean }): number;
  /**
   * Takes the whole server off the network and back, as a lost connection looks to a client: while unreachable
   * every connection (open or new) is dropped at once, so requests fail with a network error. The demo's
   * "take Lokalise offline" key and the offline journeys use it.
   */
  setReachable(reachable: boolean): void;
  /** Translation ids written through `PUT /translations/{id}`, in order (dropped-after-write ones included). */
  readonly writes: readonly number[];
  /** The same writes with the value each replaced and the value written. */
  readonly writeLog: readonly WriteRecord[];
  close(): Promise<void>;
}

const allScopes = 'read_projects read_keys read_translations write_translations read_languages read_contributors read_team_users';

/** The "other user" of `editAsOtherUser`. */
export const otherUser = { userId: 30555, email: 'colleague@example.com' };

/** Starts the fake on 127.0.0.1 (port 0 by default) and resolves once it listens. */
export async function startFakeLokalise(options: FakeLokaliseOptions = {}): Promise<FakeLokalise> {
  const dataset = new Dataset(options);
  const state = new FakeState(options.clientId ?? 'locdesk-test-client', options.clientSecret ?? 'fake-client-secret-0123456789abcdef', options.switches ?? {}, options.now);
  const oauth = new OAuthServer(state);
  const revoked = new Set<string>();
  const api = new ApiRoutes(dataset, state, revoked);
  const writes = new WriteRoutes(dataset, state, revoked, () => api.invalidate());
  const limiter = new Limiter(state);
  const faults = new FaultInjector(state, dataset.seed);

  const serveApi = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    state.count('apiRequests');
    const segments = url.pathname.slice('/api2/'.length).split('/').filter((segment) => segment !== '');
    const route = segments.map((segment, index) => (index % 2 === 1 ? ':id' : segment)).join('/');
    state.stats.byRoute[route] = (state.stats.byRoute[route] ?? 0) + 1;
    const fromTheStart = url.searchParams.get('pagination') === 'cursor' ? (url.searchParams.get('cursor') ?? '') === '' : (url.searchParams.get('page') ?? '1') === '1';
    if (fromTheStart) state.stats.firstPages[route] = (state.stats.firstPages[route] ?? 0) + 1;
    const isWrite = request.method === 'PUT' && isWritePath(segments);
    if (request.method !== 'GET' && !isWrite) return sendNestedError(response, 405, 'Method Not Allowed');
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') === true ? header.slice(7) : (request.headers['x-api-token'] as string | undefined);
    const grant = token === undefined ? undefined : oauth.accessTokens.get(token);
    if (token === undefined || grant === undefined || grant.expiresAt < state.now()) {
      const status = state.switches.invalidTokenStatus;
      return sendNestedError(response, status, header === undefined ? 'Invalid `X-Api-Token` header' : 'Invalid `Authorization` header');
    }
    const area = api.areaOf(segments);
    const scope = area === null ? null : state.switches.scopes[area];
    if (scope !== null && !grant.scope.split(' ').includes(scope)) return sendNestedError(response, 403, `The token lacks the ${scope} scope`);
    const release = limiter.admit(token, api.projectIdOf(segments), response);
    if (release === null) return;
    response.once('close', release);
    await faults.delay();
    if (faults.maybeFail(url.pathname, response)) return;
    if (isWrite) return writes.handle(request, segments, grant.scope, response);
    api.handle(segments, url.searchParams, response);
    // Every route answers synchronously, so its body's length is known here.
    state.stats.apiBytes += Number(response.getHeader('content-length') ?? 0);
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api2/')) return serveApi(request, response, url);
    if (request.method === 'GET' && (url.pathname === '/oauth2/auth' || url.pathname === '/auth')) return oauth.authorize(url, response);
    if (request.method === 'POST' && url.pathname === '/oauth2/auth/decision') return oauth.decide(request, response);
    if (request.method === 'POST' && url.pathname === '/oauth2/token') {
      if (faults.maybeFail(url.pathname, response)) return;
      return oauth.token(request, response);
    }
    sendFlatError(response, 404, 'Not Found');
  };

  const sockets = new Set<Socket>();
  let reachable = true;
  const server: Server = createServer((request, response) => {
    route(request, response).catch(() => {
      if (!response.headersSent) sendNestedError(response, 500, 'Internal fake error');
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    if (!reachable) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    authUrl: `${origin}/oauth2/auth`,
    tokenUrl: `${origin}/oauth2/token`,
    apiUrl: `${origin}/api2/`,
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    dataset,
    switches: state.switches,
    stats: state.stats,
    issueTokens: (scope = allScopes) => oauth.issueTokens(scope),
    revokeAllTokens: () => oauth.revokeAll(),
    expireAccessTokens: () => oauth.expireAccessTokens(),
    revokeProjectAccess: (projectId) => {
      revoked.add(projectId);
      api.invalidate();
    },
    deleteKeys: (projectId, keyIds) => {
      dataset.deleteKeys(projectId, keyIds);
      api.invalidate();
    },
    addKeys: (projectId, count) => {
      const keyIds = dataset.addKeys(projectId, count);
      api.invalidate();
      return keyIds;
    },
    updateTranslation: (projectId, keyId, languageIso, value, modifiedAt) => {
      dataset.updateTranslation(projectId, keyId, languageIso, value, modifiedAt ?? Math.floor(state.now() / 1000));
      api.invalidate();
    },
    editKey: (projectId, keyId, changes, modifiedAt) => {
      dataset.editKey(projectId, keyId, changes, modifiedAt ?? Math.floor(state.now() / 1000));
      api.invalidate();
    },
    setLanguageCount: (projectId, count) => {
      dataset.setLanguageCount(projectId, count);
      api.invalidate();
    },
    editAsOtherUser: (projectId, keyId, languageIso, value, flags = {}) => {
      const project = dataset.project(projectId);
      if (project === undefined) throw new Error(`The fake has no project ${projectId}`);
      const position = dataset.languagePosition(project, languageIso);
      if (position < 0) throw new Error(`Project ${projectId} has no language ${languageIso}`);
      if (dataset.indexOfKeyId(project, keyId) < 0) throw new Error(`Project ${projectId} has no key ${keyId}`);
      return writes.apply(project, keyId, position, { value, ...flags }, otherUser).translationId;
    },
    setReachable: (value) => {
      reachable = value;
      if (!value) for (const socket of sockets) socket.destroy();
    },
    writes: state.writes,
    writeLog: state.writeLog,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
