/**
 * A typed in-memory `window.locdesk` for component tests (test-only; nothing in the product imports it).
 *
 * Every call is recorded with its arguments and answered from a typed table: sensible defaults (signed out,
 * online, no projects, empty pages) that a test overrides per call with `respond`. An answer may be a value, a
 * function of the call's arguments, or an Error. Like the preload, the fake resolves every call with an envelope: a
 * value becomes `{ok: true, value}`, and an Error (given, thrown or rejected with) becomes `{ok: false, error}` with
 * the Error's message and its `code` property (`internal` when it has none). So components meet failures through
 * the renderer's own unwrapping (`setBridge`), exactly as in the app; a code outside the closed list arrives as
 * `internal`, as it would there. `emit` pushes an event to the subscribers, as main would.
 */
import { emptyQaCounts } from '../../../common/contract-qa';
import { defaultQaSettings } from '../../../common/qa';
import { emptyEditCounts, idlePushStatus, listCalls, listEvents, type AppInfo, type Edit, type AuthState, type Connectivity, type Envelope, type LocdeskApi, type LocdeskBridge, type SyncProgress, type UpdateState } from '../../../common/contract';

type Domain = keyof LocdeskApi;
type Member<D extends Domain> = keyof LocdeskApi[D] & string;

/** `domain.method` for every invoke call, e.g. `keys.page`. */
export type CallName = {
  [D in Domain]: { [M in Member<D>]: M extends `on${string}` ? never : `${D}.${M}` }[Member<D>];
}[Domain];

/** `domain.onEvent` for every event, e.g. `sync.onProgress`. */
export type EventName = {
  [D in Domain]: { [M in Member<D>]: M extends `on${string}` ? `${D}.${M}` : never }[Member<D>];
}[Domain];

type FunctionAt<N extends string> = N extends `${infer D}.${infer M}`
  ? D extends Domain
    ? M extends keyof LocdeskApi[D]
      ? LocdeskApi[D][M] extends (...args: infer A) => infer R
        ? (...args: A) => R
        : never
      : never
    : never
  : never;

/** The arguments of a call. */
export type CallArguments<N extends CallName> = Parameters<FunctionAt<N>>;
/** What a call resolves to. */
export type CallResult<N extends CallName> = Awaited<ReturnType<FunctionAt<N>>>;
/** How the fake answers a call: a value, an Error to reject with, or a function of the arguments. */
export type Answer<N extends CallName> =
  | CallResult<N>
  | Error
  | ((...args: CallArguments<N>) => CallResult<N> | Promise<CallResult<N>>);
/** The payload of an event. */
export type EventPayload<E extends EventName> = Parameters<Parameters<FunctionAt<E>>[0]>[0];

/** One recorded call. */
export interface RecordedCall {
  readonly name: CallName;
  readonly args: readonly unknown[];
}

/** The fake and the handles a test uses to drive it. */
export interface FakeApi {
  /** The envelope-returning `window.locdesk` to hand to `setBridge`. */
  readonly bridge: LocdeskBridge;
  /** Every call so far, in order. */
  readonly calls: RecordedCall[];
  /** Replaces the answer of one call. */
  respond<N extends CallName>(name: N, answer: Answer<N>): void;
  /** The argument lists of every call to `name`, in order. */
  argumentsOf<N extends CallName>(name: N): CallArguments<N>[];
  /** Delivers an event to its current subscribers. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** How many listeners `name` has now (to check unsubscribing). */
  listenerCount(name: EventName): number;
}

/** A signed-out state with no reason. */
export const signedOut: AuthState = {
  status: 'signedOut',
  reason: null,
  message: null,
  mode: null,
  signInHost: null,
  staleCallbackSeen: false,
  expiresAt: null,
  scopes: [],
  persistence: null,
};

/** A signed-in state whose tokens are kept encrypted. */
export const signedIn: AuthState = { ...signedOut, status: 'signedIn', expiresAt: 4_102_444_800_000, scopes: ['read_projects'], persistence: 'encrypted' };

/** A production installation with working configuration. */
export const productionInfo: AppInfo = { version: '0.1.0', mode: 'production', configProblem: null, authHost: 'app.lokalise.com', storeProblem: null, libraryNotice: null };

/** Lokalise reachable. */
export const online: Connectivity = { online: true, message: null, checkedAt: 0 };

/** No sync running. */
export const idleProgress: SyncProgress = {
  status: 'idle',
  projectId: null,
  projectName: null,
  projectIndex: 0,
  projectCount: 0,
  phase: null,
  done: 0,
  total: null,
  requests: 0,
  rateLimitWaitMs: 0,
  retry: null,
  message: null,
};

/** Updates on, nothing found yet. */
export const idleUpdate: UpdateState = {
  status: 'idle',
  disabledReason: null,
  currentVersion: '0.1.0',
  availableVersion: null,
  downloadPercent: null,
  restartPending: false,
  lastCheckedAt: null,
  message: 'Locdesk 0.1.0.',
};

/** A pending edit as `edits.commit` answers it, for the default answer and for tests that build edit lists. */
export function fakeEdit(overrides: Partial<Edit> = {}): Edit {
  return {
    editId: 1,
    projectId: '1.a',
    keyId: 1,
    keyName: 'key',
    languageIso: 'de',
    isPlural: false,
    state: 'pending',
    value: '',
    pluralForms: null,
    isReviewed: null,
    isUnverified: null,
    base: { value: '', pluralForms: null, isReviewed: false, isUnverified: false, modifiedAt: null, modifiedBy: null },
    theirs: null,
    reason: null,
    message: null,
    qaConfirmed: false,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

type AnswerTable = { [N in CallName]: Answer<N> };

function defaultAnswers(): AnswerTable {
  return {
    'app.info': productionInfo,
    'app.connectivity': online,
    'app.openExternal': true,
    'keys.openInLokalise': true,
    'app.copyText': true,
    'auth.getState': signedOut,
    'auth.signIn': { ...signedOut, status: 'signingIn', mode: 'loopback', signInHost: 'app.lokalise.com' },
    'auth.signInManually': { ...signedOut, status: 'signingIn', mode: 'manual' },
    'auth.submitCode': signedIn,
    'auth.cancelSignIn': { ...signedOut, reason: 'cancelled' },
    'auth.copySignInLink': true,
    'auth.openSignInLink': true,
    'auth.signOut': { ...signedOut, reason: 'signedOut' },
    'projects.list': [],
    'projects.refresh': [],
    'projects.setKeepOffline': () => Promise.reject(new Error('No project answer was set up for this test.')),
    'projects.facets': { tags: [], platforms: [], languages: [], keyCounts: null },
    'keys.page': (query) => ({ total: 0, offset: query.offset ?? 0, items: [] }),
    'keys.detail': null,
    'sync.start': { ...idleProgress, status: 'running' },
    'sync.startFull': { ...idleProgress, status: 'running' },
    'sync.cancel': { ...idleProgress, status: 'cancelled' },
    'sync.status': idleProgress,
    'library.forget': null,
    'qa.status': (projectId) => ({ projectId, progress: { projectId, status: 'idle', done: 0, total: 0, message: null }, upToDate: false, scannedAt: null, counts: emptyQaCounts() }),
    'qa.scan': (projectId) => ({ projectId, status: 'running', done: 0, total: 0, message: null }),
    'qa.cancel': (projectId) => ({ projectId, status: 'cancelled', done: 0, total: 0, message: null }),
    'qa.settings': defaultQaSettings(),
    'qa.updateSettings': (_projectId, settings) => settings,
    'projects.contributor': null,
    'edits.commit': (input) =>
      fakeEdit({
        projectId: input.projectId,
        keyId: input.keyId,
        languageIso: input.languageIso,
        isPlural: typeof input.value !== 'string',
        value: typeof input.value === 'string' ? input.value : JSON.stringify(input.value),
        pluralForms: typeof input.value === 'string' ? null : input.value,
        isReviewed: input.isReviewed ?? null,
        isUnverified: input.isUnverified ?? null,
      }),
    'edits.list': [],
    'edits.summary': { project: null, overall: emptyEditCounts(), projects: [] },
    'edits.push': { ...idlePushStatus, status: 'running' },
    'edits.cancelPush': { ...idlePushStatus, status: 'cancelled' },
    'edits.pushStatus': idlePushStatus,
    'edits.resolve': null,
    'edits.resolveMany': 0,
    'edits.discard': (ids) => ids.length,
    'edits.confirmQa': (ids) => ids.length,
    'edits.export': { cancelled: true, path: null, count: 0 },
    'app.updateState': idleUpdate,
    'app.restartToUpdate': () => Promise.reject(new Error('No update is ready to install yet.')),
    'settings.get': { allowWeakTokenStorage: false, automaticUpdates: true },
    'settings.update': (change) => ({ allowWeakTokenStorage: change.allowWeakTokenStorage ?? false, automaticUpdates: change.automaticUpdates ?? true }),
  };
}

/** The failed envelope for what an answer threw: its message, and its `code` property as main would send it. */
function failedEnvelope(error: unknown): Envelope<never> {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'internal';
  // The code is passed on unchecked on purpose: the renderer's reading of envelopes decides what an unknown one means.
  return { ok: false, error: { code, message } } as Envelope<never>;
}

async function settle(answer: unknown, args: readonly unknown[]): Promise<Envelope<unknown>> {
  try {
    if (answer instanceof Error) throw answer;
    const value: unknown = typeof answer === 'function' ? await (answer as (...values: readonly unknown[]) => unknown)(...args) : answer;
    return { ok: true, value };
  } catch (error) {
    return failedEnvelope(error);
  }
}

/** Builds a fake answering from the defaults, with `overrides` applied on top. */
export function createFakeApi(overrides: Partial<AnswerTable> = {}): FakeApi {
  const calls: RecordedCall[] = [];
  const answers = new Map<string, unknown>(Object.entries({ ...defaultAnswers(), ...overrides }));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // Built from the contract, as the preload builds window.locdesk, so the fake has exactly the app's members.
  const members: Record<string, Record<string, unknown>> = {};
  for (const { domain, method } of listCalls()) {
    const name = `${domain}.${method}` as CallName;
    (members[domain] ??= {})[method] = (...args: unknown[]) => {
      calls.push({ name, args });
      return settle(answers.get(name), args);
    };
  }
  for (const { domain, name: event } of listEvents()) {
    const name = `${domain}.${event}`;
    (members[domain] ??= {})[event] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    };
  }
  const bridge = members as unknown as LocdeskBridge;
  return {
    bridge,
    calls,
    respond: (name, answer) => answers.set(name, answer),
    argumentsOf: <N extends CallName>(name: N) => calls.filter((call) => call.name === name).map((call) => call.args as CallArguments<N>),
    emit: (name, payload) => {
      for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
    },
    listenerCount: (name) => listeners.get(name)?.size ?? 0,
  };
}
