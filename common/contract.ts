/**
 * THE contract between the renderer and the main process.
 *
 * Every call the renderer can make and every event it can receive is named here, with a zod schema for each
 * argument list, result and payload. Main validates incoming arguments against these schemas, the preload builds
 * `window.locdesk` from them, and the Playwright harness validates against them too, so the three can never
 * drift apart. Nothing in here may ever describe a token, an authorization code, an OAuth `state` or the client
 * secret: the renderer is not trusted with them.
 *
 * It lives in `common/`, the runtime-neutral folder, because main, preload and renderer all depend on it: nothing
 * here may import Electron, Node built-ins or the DOM (lint and `tsconfig.common.json` enforce it).
 */
import { z } from 'zod';
import { CellEditSchema, contributorCallShape, editCallShapes, editEvents } from './contract-edits';
import type { ErrorCode } from './errors';
import { CellQaSchema, KeyQaFilterSchema, qaArguments, QaProgressSchema, QaSettingsSchema, QaStatusSchema } from './contract-qa';

export * from './contract-edits';

const isoCode = z.string().min(2).max(20).regex(/^[A-Za-z0-9_-]+$/, 'a language code such as en or zh_CN');
const projectId = z.string().min(1).max(100).regex(/^[A-Za-z0-9.:_-]+$/, 'a Lokalise project id');
const epochMs = z.number().int().nonnegative();

/** Why the session is in its current state; the renderer turns each into its own message and way forward. */
export const AuthReasonSchema = z.enum([
  'denied',
  'timeout',
  'cancelled',
  'network',
  'configMissing',
  'portUnavailable',
  'sessionExpired',
  'vaultUnavailable',
  'exchangeFailed',
  'invalidCode',
  'browserFailed',
  'signedOut',
  /** Signed in, but the sign-in lacks a scope Locdesk needs (the message names it): sign in again to grant it. */
  'scopeMissing',
]);
export type AuthReason = z.infer<typeof AuthReasonSchema>;

/** What the renderer may know about the session: a state and non-secret facts, never a credential. */
export const AuthStateSchema = z
  .object({
    status: z.enum(['signedOut', 'signingIn', 'signedIn', 'error']),
    reason: AuthReasonSchema.nullable(),
    /** A human sentence for the current reason, already safe to show. */
    message: z.string().nullable(),
    /** How the running sign-in attempt receives its code. */
    mode: z.enum(['loopback', 'manual']).nullable(),
    /** Set while a loopback attempt waits, so the UI can say which host the browser should show. */
    signInHost: z.string().nullable(),
    /** Set when a callback arrived that did not match the running attempt; the attempt keeps waiting. */
    staleCallbackSeen: z.boolean(),
    expiresAt: epochMs.nullable(),
    /** The scopes the sign-in grants; null while Lokalise has not said (its code exchange does not name them). */
    scopes: z.array(z.string()).nullable(),
    /** `encrypted` when tokens are kept by the OS keychain, `sessionOnly` when they live in memory for this run. */
    persistence: z.enum(['encrypted', 'sessionOnly']).nullable(),
    /** On the answer to sign-out only: how many edits stay in the outbox for the next sign-in. */
    keptEdits: z.number().int().nonnegative().optional(),
  })
  .strict();
export type AuthState = z.infer<typeof AuthStateSchema>;

export const LanguageSchema = z
  .object({
    langId: z.number().int(),
    iso: z.string(),
    name: z.string(),
    isRtl: z.boolean(),
    pluralForms: z.array(z.string()),
    progress: z.number().min(0).max(100).nullable(),
  })
  .strict();
export type Language = z.infer<typeof LanguageSchema>;

/** What an incremental resync changed: keys downloaded again because they changed, new keys, keys gone. */
export const SyncChangesSchema = z
  .object({ updated: z.number().int().nonnegative(), added: z.number().int().nonnegative(), removed: z.number().int().nonnegative() })
  .strict();
export type SyncChanges = z.infer<typeof SyncChangesSchema>;

export const SyncFactsSchema = z
  .object({
    status: z.enum(['never', 'ok', 'failed', 'cancelled', 'running']),
    lastSyncedAt: epochMs.nullable(),
    durationMs: z.number().int().nonnegative().nullable(),
    keyCount: z.number().int().nonnegative(),
    translationCount: z.number().int().nonnegative(),
    lastError: z.string().nullable(),
    /** What the last successful sync changed when it was incremental; null after a full one (or none). */
    changes: SyncChangesSchema.nullable().optional(),
  })
  .strict();
export type SyncFacts = z.infer<typeof SyncFactsSchema>;

export const ProjectSummarySchema = z
  .object({
    projectId: z.string(),
    name: z.string(),
    description: z.string(),
    baseLanguageIso: z.string().nullable(),
    teamId: z.number().int().nullable(),
    teamName: z.string().nullable(),
    keysTotal: z.number().int().nonnegative(),
    languageCount: z.number().int().nonnegative(),
    progressPercent: z.number().min(0).max(100),
    languages: z.array(LanguageSchema),
    keepOffline: z.boolean(),
    /** `lost` when the signed-in user could no longer see the project at the last refresh; its data is kept. */
    access: z.enum(['ok', 'lost']),
    sync: SyncFactsSchema,
  })
  .strict();
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

export const KeyStatusFilterSchema = z.enum(['untranslated', 'unverified', 'notReviewed']);
export type KeyStatusFilter = z.infer<typeof KeyStatusFilterSchema>;

/**
 * Where a page of an unsearched list ended: the snapshot it was read from, the result index and list position of its
 * last row, and the total it counted. Sent back with a later page of the same query so main seeks to that position
 * (a keyset page) and skips the count, instead of walking `offset` rows and counting every match again. Main ignores
 * a cursor from another snapshot, so one held across a sync only costs the old speed, never wrong rows.
 */
export const KeyCursorSchema = z
  .object({
    generation: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    position: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  })
  .strict();
export type KeyCursor = z.infer<typeof KeyCursorSchema>;

export const KeyQuerySchema = z
  .object({
    projectId,
    sourceIso: isoCode,
    targetIsos: z.array(isoCode).max(6),
    /** Any length is answered: main looks at the first `searchTextLimit` characters (common/search-text.ts). */
    search: z.string().max(1_000_000).default(''),
    status: KeyStatusFilterSchema.nullable().default(null),
    /** The language the status filter applies to; null means any of the target languages. */
    statusIso: isoCode.nullable().default(null),
    tags: z.array(z.string().max(200)).max(50).default([]),
    platforms: z.array(z.enum(['ios', 'android', 'web', 'other'])).max(4).default([]),
    includeArchived: z.boolean().default(false),
    includeHidden: z.boolean().default(false),
    sort: z.enum(['name', 'modified']).default('name'),
    /** Only keys with local QA issues (any, or of one check) in the target languages; see contract-qa.ts. */
    qa: KeyQaFilterSchema.nullable().default(null),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    /** A cursor an earlier page of this same query answered, before `offset` (see KeyCursorSchema); absent: none. */
    after: KeyCursorSchema.nullish(),
  })
  .strict();
/** What the renderer sends; defaults are filled in by main. */
export type KeyQueryInput = z.input<typeof KeyQuerySchema>;
export type KeyQuery = z.output<typeof KeyQuerySchema>;

export const TranslationCellSchema = z
  .object({
    languageIso: z.string(),
    value: z.string(),
    /** Plural forms in the language's own order (`one`, `other`, …) when the key is plural; otherwise null. */
    pluralForms: z.record(z.string(), z.string()).nullable(),
    isEmpty: z.boolean(),
    isReviewed: z.boolean(),
    isUnverified: z.boolean(),
    modifiedAt: epochMs.nullable(),
    /** The translation's local QA issues, on key pages and details, when the project's scan found any. */
    qa: CellQaSchema.optional(),
    /** Set when the translation has an edit in the outbox: the grid shows it over the synced value. */
    edit: CellEditSchema.nullable().optional(),
  })
  .strict();
export type TranslationCell = z.infer<typeof TranslationCellSchema>;

export const KeyRowSchema = z
  .object({
    keyId: z.number().int(),
    name: z.string(),
    description: z.string(),
    isPlural: z.boolean(),
    isArchived: z.boolean(),
    isHidden: z.boolean(),
    tags: z.array(z.string()),
    platforms: z.array(z.string()),
    charLimit: z.number().int().nonnegative(),
    modifiedAt: epochMs.nullable(),
    translations: z.array(TranslationCellSchema),
  })
  .strict();
export type KeyRow = z.infer<typeof KeyRowSchema>;

export const KeyPageSchema = z
  .object({
    /** Matches in all; when `partial`, the matches among the keys searched so far. */
    total: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    items: z.array(KeyRowSchema),
    /**
     * Present when the search had to check every key's text and its time budget ran out first: the page holds the
     * matches among the first `searchedKeys` keys of the list, and the translator is told so.
     */
    partial: z.object({ searchedKeys: z.number().int().nonnegative(), totalKeys: z.number().int().nonnegative() }).strict().optional(),
    /** Where this page ended, for the next page's `after`; only on the unsearched list, which pages by position. */
    cursor: KeyCursorSchema.optional(),
  })
  .strict();
export type KeyPage = z.infer<typeof KeyPageSchema>;

export const KeyDetailSchema = KeyRowSchema.extend({
  keyNames: z.object({ ios: z.string(), android: z.string(), web: z.string(), other: z.string() }).strict(),
  context: z.string(),
  pluralName: z.string(),
  createdAt: epochMs.nullable(),
}).strict();
export type KeyDetail = z.infer<typeof KeyDetailSchema>;

/**
 * A snapshot's keys counted by their archived/hidden flags, in groups that do not overlap, so the view can explain
 * its count ("1,898 of 2,000 keys — 102 archived keys hidden") whichever of the two switches is on.
 */
export const KeyCountsSchema = z
  .object({
    visible: z.number().int().nonnegative(),
    archivedOnly: z.number().int().nonnegative(),
    hiddenOnly: z.number().int().nonnegative(),
    archivedAndHidden: z.number().int().nonnegative(),
  })
  .strict();
export type KeyCounts = z.infer<typeof KeyCountsSchema>;

export const ProjectFacetsSchema = z
  .object({
    tags: z.array(z.string()),
    platforms: z.array(z.string()),
    languages: z.array(LanguageSchema),
    /** Null when the snapshot predates the counts (they are written at each sync's swap). */
    keyCounts: KeyCountsSchema.nullable().default(null),
  })
  .strict();
export type ProjectFacets = z.infer<typeof ProjectFacetsSchema>;

/**
 * A request waiting to be tried again, so progress can say why nothing moves: Lokalise limiting requests
 * (`rateLimited`), not answering (`notAnswering`), unreachable (`unreachable`) or having a problem (`serverTrouble`),
 * and when the next try goes out (`at`, epoch milliseconds).
 */
export const RetryWaitSchema = z
  .object({ reason: z.enum(['rateLimited', 'notAnswering', 'unreachable', 'serverTrouble']), at: epochMs })
  .strict();
export type RetryWait = z.infer<typeof RetryWaitSchema>;

export const SyncProgressSchema = z
  .object({
    status: z.enum(['idle', 'running', 'done', 'failed', 'cancelled']),
    projectId: z.string().nullable(),
    projectName: z.string().nullable(),
    projectIndex: z.number().int().nonnegative(),
    projectCount: z.number().int().nonnegative(),
    phase: z.enum(['project', 'languages', 'keys', 'finalizing']).nullable(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    requests: z.number().int().nonnegative(),
    rateLimitWaitMs: z.number().int().nonnegative(),
    /** Set while a request of the running sync waits to be tried again; null otherwise. */
    retry: RetryWaitSchema.nullable(),
    message: z.string().nullable(),
    /** During an incremental resync, once its listing is compared: what it is downloading again. Null otherwise. */
    changes: SyncChangesSchema.nullable().optional(),
  })
  .strict();
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

export const ConnectivitySchema = z
  .object({
    online: z.boolean(),
    message: z.string().nullable(),
    checkedAt: epochMs,
    /** While offline: when main will next check whether Lokalise answers (null when it waits for the OS's network). */
    nextCheckAt: epochMs.nullable().optional(),
    /** A sync was asked for while offline; it starts by itself when Lokalise answers again. */
    syncWaiting: z.boolean().optional(),
  })
  .strict();
export type Connectivity = z.infer<typeof ConnectivitySchema>;

export const AppInfoSchema = z
  .object({
    version: z.string(),
    /** `demo` when running against the bundled fake Lokalise. */
    mode: z.enum(['production', 'demo', 'development']),
    /** A human sentence when configuration is missing or invalid; sign-in is impossible until it is fixed. */
    configProblem: z.string().nullable(),
    /** The host the browser will show during sign-in, e.g. app.lokalise.com. */
    authHost: z.string(),
    /** Why the offline library cannot be used at all (the window offers a fresh start), or null. */
    storeProblem: z.string().nullable(),
    /** Said after a damaged library was set aside and a fresh one started, until the projects are refreshed. */
    libraryNotice: z.string().nullable(),
  })
  .strict();
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const SettingsSchema = z
  .object({
    /** Opt-in for Linux machines without a keyring: keep tokens with Chromium's fixed-key encryption. */
    allowWeakTokenStorage: z.boolean(),
    /** Check for, download and install Locdesk updates by themselves (always off in the demo and in development). */
    automaticUpdates: z.boolean(),
    /** Push committed edits by themselves while Lokalise is reachable (off unless chosen; absent means off). */
    autoPush: z.boolean().optional(),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * Where automatic updates stand. The renderer shows a quiet notice only for `ready`; every other status is for the
 * status line and for tests. Nothing here names the feed's address or any credential.
 */
export const UpdateStateSchema = z
  .object({
    status: z.enum(['disabled', 'idle', 'checking', 'downloading', 'ready', 'failed']),
    /** Why updates are off: the user's setting, the demo, a development run, or a build that cannot update itself. */
    disabledReason: z.enum(['setting', 'demo', 'development', 'unsupported']).nullable(),
    currentVersion: z.string(),
    /** The version being downloaded or ready to install. */
    availableVersion: z.string().nullable(),
    downloadPercent: z.number().min(0).max(100).nullable(),
    /** The user asked to restart, and Locdesk waits for a sync (or a push of edits) to finish first. */
    restartPending: z.boolean(),
    lastCheckedAt: epochMs.nullable(),
    /** A human sentence describing the status, already safe to show. */
    message: z.string().nullable(),
  })
  .strict();
export type UpdateState = z.infer<typeof UpdateStateSchema>;

const none = z.tuple([]);
const voidResult = z.null();

/** A call: its IPC channel, argument tuple and result. */
interface CallSpec<A extends z.ZodTuple, R extends z.ZodType> {
  readonly channel: string;
  readonly args: A;
  readonly result: R;
}
function call<A extends z.ZodTuple, R extends z.ZodType>(channel: string, args: A, result: R): CallSpec<A, R> {
  return { channel, args, result };
}

/** Every invoke call, grouped by domain; `window.locdesk.<domain>.<method>(...)` in the renderer. */
export const calls = {
  app: {
    info: call('app:info', none, AppInfoSchema),
    connectivity: call('app:connectivity', none, ConnectivitySchema),
    openExternal: call('app:open-external', z.tuple([z.url().max(2000)]), z.boolean()),
    /** Copies text the user chose (a key name, a translation) through main: the window has no clipboard permission. */
    copyText: call('app:copy-text', z.tuple([z.string().max(100_000)]), z.boolean()),
    updateState: call('app:update-state', none, UpdateStateSchema),
    /** Quits and installs a downloaded update; waits for a running sync or push to finish first. */
    restartToUpdate: call('app:restart-to-update', none, UpdateStateSchema),
  },
  auth: {
    getState: call('auth:get-state', none, AuthStateSchema),
    signIn: call('auth:sign-in', none, AuthStateSchema),
    signInManually: call('auth:sign-in-manually', none, AuthStateSchema),
    submitCode: call('auth:submit-code', z.tuple([z.string().max(200)]), AuthStateSchema),
    cancelSignIn: call('auth:cancel-sign-in', none, AuthStateSchema),
    copySignInLink: call('auth:copy-sign-in-link', none, z.boolean()),
    openSignInLink: call('auth:open-sign-in-link', none, z.boolean()),
    signOut: call('auth:sign-out', none, AuthStateSchema),
  },
  projects: {
    list: call('projects:list', none, z.array(ProjectSummarySchema)),
    refresh: call('projects:refresh', none, z.array(ProjectSummarySchema)),
    setKeepOffline: call('projects:set-keep-offline', z.tuple([projectId, z.boolean()]), ProjectSummarySchema),
    facets: call('projects:facets', z.tuple([projectId]), ProjectFacetsSchema),
    /** My languages and rights in a project (`contributors/me`), from Lokalise when reachable, else the offline cache. */
    contributor: call(...contributorCallShape),
  },
  keys: {
    page: call('keys:page', z.tuple([KeyQuerySchema]), KeyPageSchema),
    detail: call('keys:detail', z.tuple([projectId, z.number().int().positive()]), KeyDetailSchema.nullable()),
    /**
     * Opens the key in Lokalise's web editor in the system browser. Main builds the URL from the project and key ids
     * (the renderer never sends a URL to open here) and opens it only through the external-link allowlist.
     */
    openInLokalise: call('keys:open-in-lokalise', z.tuple([projectId, z.number().int().positive()]), z.boolean()),
  },
  sync: {
    start: call('sync:start', z.tuple([z.array(projectId).max(1000).nullable()]), SyncProgressSchema),
    /** Like start, but downloads every key again instead of only what changed (a resync from scratch). */
    startFull: call('sync:start-full', z.tuple([z.array(projectId).max(1000).nullable()]), SyncProgressSchema),
    cancel: call('sync:cancel', none, SyncProgressSchema),
    status: call('sync:status', none, SyncProgressSchema),
  },
  library: {
    /**
     * Removes the offline library. Refused with `edits.pending` while edits wait in the outbox, unless
     * `discardEdits` is true (the translator confirmed) or they were exported since their last change.
     */
    forget: call('library:forget', z.tuple([z.object({ discardEdits: z.boolean() }).strict().optional()]), voidResult),
  },
  edits: {
    commit: call(...editCallShapes.commit),
    list: call(...editCallShapes.list),
    summary: call(...editCallShapes.summary),
    push: call(...editCallShapes.push),
    cancelPush: call(...editCallShapes.cancelPush),
    pushStatus: call(...editCallShapes.pushStatus),
    resolve: call(...editCallShapes.resolve),
    resolveMany: call(...editCallShapes.resolveMany),
    discard: call(...editCallShapes.discard),
    confirmQa: call(...editCallShapes.confirmQa),
    export: call(...editCallShapes.export),
  },
  qa: {
    /** Where a project's QA scan stands, and its issue counts in the given languages. */
    status: call('qa:status', qaArguments.status, QaStatusSchema),
    /** Scans the project again now (also done by itself after each sync); `qa.not_synced` before its first sync. */
    scan: call('qa:scan', qaArguments.project, QaProgressSchema),
    /** Stops the project's running scan; the results stored so far stay. */
    cancel: call('qa:cancel', qaArguments.project, QaProgressSchema),
    /** Which checks run for the project, at which severity. */
    settings: call('qa:settings', qaArguments.project, QaSettingsSchema),
    /** Stores the project's checks and rescans it with them. */
    updateSettings: call('qa:update-settings', qaArguments.updateSettings, QaSettingsSchema),
  },
  settings: {
    get: call('settings:get', none, SettingsSchema),
    update: call('settings:update', z.tuple([SettingsSchema.partial().strict()]), SettingsSchema),
  },
} as const;

/** Every event main pushes to the renderer; `window.locdesk.<domain>.<name>(listener)` returns an unsubscribe. */
export const events = {
  auth: { onStateChanged: { channel: 'auth:state-changed', payload: AuthStateSchema } },
  sync: { onProgress: { channel: 'sync:progress', payload: SyncProgressSchema } },
  qa: { onProgress: { channel: 'qa:progress', payload: QaProgressSchema } },
  edits: editEvents,
  app: {
    onConnectivityChanged: { channel: 'app:connectivity-changed', payload: ConnectivitySchema },
    onLibraryChanged: { channel: 'app:library-changed', payload: z.object({ projectIds: z.array(z.string()) }).strict() },
    onUpdateStateChanged: { channel: 'app:update-state-changed', payload: UpdateStateSchema },
  },
} as const;

type Calls = typeof calls;
type Events = typeof events;

/** The main-side implementation shape: what `AppCore` provides for each call. Arguments arrive already parsed. */
export type CoreApi = {
  [D in keyof Calls]: {
    [M in keyof Calls[D]]: Calls[D][M] extends CallSpec<infer A, infer R>
      ? (...args: z.output<A>) => Promise<z.input<R>>
      : never;
  };
};

/** The names of the events, and their payloads, as seen by main when it emits them. */
export type EventPayloads = {
  [D in keyof Events]: { [E in keyof Events[D]]: Events[D][E] extends { payload: infer P extends z.ZodType } ? z.output<P> : never };
};

type CallFunctions<D extends keyof Calls, Outcome extends 'value' | 'envelope'> = {
  [M in keyof Calls[D]]: Calls[D][M] extends CallSpec<infer A, infer R>
    ? (...args: z.input<A>) => Promise<Outcome extends 'value' ? z.output<R> : Envelope<z.output<R>>>
    : never;
};

type EventFunctions<D extends keyof Events> = {
  [E in keyof Events[D]]: Events[D][E] extends { payload: infer P extends z.ZodType }
    ? (listener: (payload: z.output<P>) => void) => () => void
    : never;
};

type ContractApi<Outcome extends 'value' | 'envelope'> = {
  [D in keyof Calls | keyof Events]: (D extends keyof Calls ? CallFunctions<D, Outcome> : unknown) &
    (D extends keyof Events ? EventFunctions<D> : unknown);
};

/**
 * `window.locdesk`, as the preload exposes it: one function per call, resolving with the call's `Envelope` (it never
 * rejects, and a failure is plain data, so its code survives contextBridge), and one subscribe function per event.
 */
export type LocdeskBridge = ContractApi<'envelope'>;

/**
 * The API the renderer's components use: the same functions, resolving with the value and rejecting with the
 * renderer's `LocdeskError` (code and sentence) for a failed envelope. `renderer/src/api.ts` builds it from the bridge.
 */
export type LocdeskApi = ContractApi<'value'>;

/**
 * How a call's outcome crosses IPC and contextBridge: errors travel as a code from the closed list and a safe
 * sentence, never as a stack, a raw body or an `Error` object. `common/envelope.ts` reads one from untrusted input.
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** One entry per call, for code that walks the whole contract (IPC registration, the preload, the test harness). */
export function listCalls(): { domain: string; method: string; spec: CallSpec<z.ZodTuple, z.ZodType> }[] {
  return Object.entries(calls).flatMap(([domain, methods]) =>
    Object.entries(methods).map(([method, spec]) => ({ domain, method, spec: spec as CallSpec<z.ZodTuple, z.ZodType> })),
  );
}

/** One entry per event, for the same walkers. */
export function listEvents(): { domain: string; name: string; channel: string; payload: z.ZodType }[] {
  return Object.entries(events).flatMap(([domain, named]) =>
    Object.entries(named as Record<string, { channel: string; payload: z.ZodType }>).map(([name, spec]) => ({
      domain,
      name,
      channel: spec.channel,
      payload: spec.payload,
    })),
  );
}

declare global {
  interface Window {
    /** Envelopes, not throws: see `LocdeskBridge`. The renderer reaches it only through `renderer/src/api.ts`. */
    locdesk: LocdeskBridge;
  }
}
