/**
 * The facade the Electron edge and the test harness call: one object whose `api` implements every call of the
 * contract, and whose `events` bus carries every contract event; and the wiring behind it: which services exist, and
 * how they reach each other and the bus. Which service answers which call is core-api.ts.
 *
 * It only composes services (session, library store, sync engine, settings); each of them owns its own state, so
 * there is no god-store here, and every method of the `api` is a thin delegation. Everything below it is plain Node,
 * which is what lets the renderer be tested for real against it in Chromium without Electron.
 */
import type { CoreApi } from '../../common/contract';
import { Session } from './auth/session';
import type { LocdeskConfig } from './config';
import { BusySignal } from './busy-signal';
import { coreApi } from './core-api';
import { CallActivity, watchCalls, type QuietOptions } from './call-activity';
import { ConnectivityTracker } from './connectivity';
import { isCancellation } from './errors';
import { EventBus } from './event-bus';
import type { Logger, Redactor } from './log';
import { LokaliseClient } from './lokalise/client';
import { QaService, type QaHooks } from './qa/qa-service';
import { EditsService } from './edits/edits-service';
import { PushEngine } from './edits/push-engine';
import { qaGate } from './edits/qa-gate';
import { systemTimers, type BrowserOpener, type Cipher, type ClipboardWriter, type ConfirmationPrompt, type FetchFunction, type KeyValueStore, type NetworkSignal, type SaveFileDialog, type Timers } from './ports';
import { defaultReachabilityTiming, ReachabilityMonitor } from './reachability';
import { SettingsService } from './settings';
import { isNoAnswer } from './silence-fetch';
import { LibraryKeeper } from './library-keeper';
import type { LibraryStore } from './store';
import { SyncEngine } from './sync/sync-engine';
import { SyncWhenOnline } from './sync/sync-when-online';
import { TokenVault } from './vault/token-vault';
import type { UpdateEdge } from './updates/ports';
import { UpdateService } from './updates/update-service';
import { warmReadPath } from './warm-up';

/** What the composition root (main/index.ts, or a test harness) hands to the core. */
export interface AppCoreDependencies {
  readonly config: LocdeskConfig;
  /** A sentence describing a configuration problem (missing client id/secret, bad URL), or null. */
  readonly configProblem: string | null;
  /** The folder for the offline library database. */
  readonly dataFolder: string;
  readonly fetch: FetchFunction;
  readonly cipher: Cipher;
  /** Holds the encrypted token envelope. */
  readonly tokenStore: KeyValueStore;
  /** Holds user preferences such as `allowWeakTokenStorage`. */
  readonly settingsStore: KeyValueStore;
  /** Asks the user, in main's own dialog, before a setting that weakens security is turned on. */
  readonly confirmation: ConfirmationPrompt;
  readonly browser: BrowserOpener;
  readonly clipboard: ClipboardWriter;
  /** Where exports are saved: main's save dialog. Absent (tests, the browser demo) means every export is cancelled. */
  readonly saveDialog?: SaveFileDialog;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly appVersion: string;
  /** The installer and build facts for automatic updates; absent where the app cannot update (tests, the browser demo). */
  readonly updates?: UpdateEdge;
  /** The OS's network signal (Electron's `net.isOnline()`); absent in tests and the browser demo. */
  readonly network?: NetworkSignal;
  /** Timers for the reachability checks; real ones unless a test moves a fake clock. */
  readonly timers?: Timers;
  /**
   * How long main must be free of calls, after the window's first, before the start-up housekeeping (the library's
   * check, then the scan of stale QA results) begins; call-activity.ts has the defaults and why. Tests shorten it.
   */
  readonly startUpQuiet?: QuietOptions;
}

/** A running core. */
export interface AppCore {
  readonly api: CoreApi;
  readonly events: EventBus;
  /**
   * Project-wide QA: the write path calls `qa.recheckKey` after an edit and connects its unsent edits with
   * `qa.usePendingTranslations`, so scans and the filter check what will be pushed.
   */
  readonly qa: QaHooks;
  /** Called by the edge when the OS resumes from sleep, so the session can refresh before the token lapses. */
  handleWake(): void;
  /** Cancels sync and sign-in, closes the loopback receiver and the database. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * A fetch that tells the connectivity tracker whether Lokalise answered. A request given up for silence (aborted
 * with a `NoAnswerError`, see silence-fetch.ts) counts as unreachable too: a network that accepts connections and
 * never answers is as offline as one that refuses them, and it must not look online while requests time out.
 */
function trackedFetch(fetch: FetchFunction, connectivity: ConnectivityTracker): FetchFunction {
  return async (input, init) => {
    try {
      const response = await fetch(input, init);
      connectivity.reportOnline();
      return response;
    } catch (error) {
      if (isNoAnswer(error, init?.signal)) {
        connectivity.reportOffline('Lokalise is not answering. Your offline library is still available.');
      } else if (!isCancellation(error) && init?.signal?.aborted !== true) {
        connectivity.reportOffline('Lokalise cannot be reached. Your offline library is still available.');
      }
      throw error;
    }
  };
}

/**
 * Builds the core: restores the session, opens the library (or records why it cannot), and wires every service's
 * events to the bus. Never throws for an unusable library or configuration; the renderer learns about both
 * through `app.info()` and keeps working with what it has.
 */
export async function createAppCore(dependencies: AppCoreDependencies): Promise<AppCore> {
  const events = new EventBus();
  const connectivity = new ConnectivityTracker(events);
  const settings = new SettingsService(dependencies.settingsStore, dependencies.confirmation);
  const fetch = trackedFetch(dependencies.fetch, connectivity);
  const vault = new TokenVault(dependencies.cipher, dependencies.tokenStore, () => settings.get().allowWeakTokenStorage, dependencies.logger);
  const session = new Session({
    config: dependencies.config,
    configProblem: dependencies.configProblem,
    fetch,
    vault,
    browser: dependencies.browser,
    clipboard: dependencies.clipboard,
    logger: dependencies.logger,
    redactor: dependencies.redactor,
  });
  session.onStateChanged((state) => events.emit({ domain: 'auth', name: 'onStateChanged', payload: state }));
  await session.restore().catch((error: unknown) => dependencies.logger.warn('could not restore the saved session', { error }));

  const client = new LokaliseClient({
    apiUrl: dependencies.config.apiUrl,
    fetch,
    tokens: session,
    requestsPerSecond: dependencies.config.requestsPerSecond,
    maxConcurrentPerProject: dependencies.config.maxConcurrentPerProject,
    timeoutMs: dependencies.config.noAnswerTimeoutMs,
    rateLimitPatienceMs: dependencies.config.rateLimitPatienceMs,
    rateLimitMaxWaitMs: dependencies.config.rateLimitMaxWaitMs,
    logger: dependencies.logger,
  });
  const qa = new QaService({
    library: () => keeper.currentLibrary(),
    settingsStore: dependencies.settingsStore,
    onProgress: (progress) => events.emit({ domain: 'qa', name: 'onProgress', payload: progress }),
    logger: dependencies.logger,
  });
  const libraryChanged = (projectIds: string[]): void => {
    events.emit({ domain: 'app', name: 'onLibraryChanged', payload: { projectIds } });
    // After a sync (and at start, below) a project whose results are not of its current snapshot is scanned again.
    qa.scanWhereStale(projectIds);
  };
  const keeper = new LibraryKeeper({
    folder: dependencies.dataFolder,
    logger: dependencies.logger,
    makeSync: (library) =>
      new SyncEngine({
        store: library,
        client,
        logger: dependencies.logger,
        onProgress: (progress) => events.emit({ domain: 'sync', name: 'onProgress', payload: progress }),
        onLibraryChanged: libraryChanged,
        // A sync cut short by a lost connection finishes by itself once Lokalise answers again (issue 18).
        onConnectionLost: (projectIds, full) => waitingSync.resumeWhenOnline(projectIds, full),
      }),
    onReplaced: () => libraryChanged([]),
  });
  const library = (): LibraryStore => keeper.library();
  const engine = (): SyncEngine => keeper.engine();
  // Calls from the window, counted so that start-up housekeeping waits until they pause (call-activity.ts).
  const activity = new CallActivity(dependencies.timers ?? systemTimers);
  let closed = false;
  // Damage that happened while the app was closed is looked for on a worker thread once the window's first calls
  // have been answered and main is quiet; a query that meets damage before then recovers from it itself.
  const startupCheck = activity
    .whenQuiet(dependencies.startUpQuiet)
    .then(() => (closed ? null : keeper.checkAtStart()))
    .catch((error: unknown) => dependencies.logger.warn('the start-up check of the library could not run', { error }));


  const edits = new EditsService({
    dataFolder: dependencies.dataFolder,
    library,
    fetchContributor: (projectId) => client.currentContributor(projectId, session.signal),
    export: {
      dialog: dependencies.saveDialog ?? { choosePath: () => Promise.resolve(null) },
      projectName: (projectId) => (keeper.problem === null ? (library().project(projectId)?.name ?? null) : null),
    },
    onChanged: (projectIds, overall) => events.emit({ domain: 'edits', name: 'onChanged', payload: { projectIds, overall } }),
    logger: dependencies.logger,
  });
  const pushEngine = new PushEngine({
    outbox: () => edits.outbox(),
    client,
    // A pushed value (or theirs, taken) becomes the library's row at once, with its search words and QA results.
    applyToLibrary: (projectId, keyId, languageIso, snapshot) => {
      if (keeper.currentLibrary()?.writeTranslation(projectId, keyId, languageIso, snapshot) === true) qa.recheckKey(projectId, keyId);
    },
    libraryUpdated: (projectIds) => libraryChanged(projectIds),
    qaGate: () => qaGate({ library: () => keeper.currentLibrary(), settings: (projectId) => qa.settings(projectId) }),
    sessionSignal: () => session.signal,
    onProgress: (status) => events.emit({ domain: 'edits', name: 'onPushProgress', payload: status }),
    onChanged: (projectIds) => edits.changed(projectIds),
    holdBusy: () => busy.hold('push'),
    autoPush: () => settings.get().autoPush === true,
    isOnline: () => connectivity.get().online,
    logger: dependencies.logger,
  });
  edits.attachEngine(pushEngine);
  events.subscribe((event) => {
    if (event.domain === 'app' && event.name === 'onConnectivityChanged' && event.payload.online) pushEngine.cameOnline();
  });
  // QA reads an unsent edit in place of the synced value (every outbox row is unsent), and checks a key again
  // when a translator commits an edit of it, so the QA filter and counts follow at once.
  qa.usePendingTranslations({
    pending: (projectId, keyIds) => {
      if (keyIds?.length === 0) return [];
      try {
        const some = keyIds === undefined ? {} : { keyIds };
        return edits.outbox().list({ projectId, ...some }).map((edit) => ({ keyId: edit.keyId, iso: edit.languageIso, value: edit.pluralForms ?? edit.value }));
      } catch {
        return []; // No outbox (its own problem is reported by the edits calls): check the synced values.
      }
    },
  });

  // Work a restart must not cut short. The sync reports through its progress events; the push engine will hold
  // 'push' itself while it sends edits (see busy-signal.ts).
  const busy = new BusySignal();
  events.subscribe((event) => {
    if (event.domain === 'sync') busy.set('sync', event.payload.status === 'running');
  });
  activity.follow(busy);
  // Reachability: checks of the API host while nothing else talks to Lokalise, and a sync asked for while it is
  // unreachable kept until it answers again (reachability.ts, sync/sync-when-online.ts).
  const reachability = new ReachabilityMonitor({
    apiUrl: dependencies.config.apiUrl,
    fetch: dependencies.fetch,
    tracker: connectivity,
    network: dependencies.network ?? null,
    timers: dependencies.timers ?? systemTimers,
    now: Date.now,
    timing: {
      onlineCheckMs: dependencies.config.onlineCheckMs ?? defaultReachabilityTiming.onlineCheckMs,
      offlineCheckMs: dependencies.config.offlineCheckMs ?? defaultReachabilityTiming.offlineCheckMs,
      offlineCheckMaxMs: (dependencies.config.offlineCheckMs ?? defaultReachabilityTiming.offlineCheckMs) * 5,
      answerTimeoutMs: dependencies.config.noAnswerTimeoutMs,
    },
    logger: dependencies.logger,
  });
  const waitingSync = new SyncWhenOnline({
    isOnline: () => connectivity.get().online,
    start: (projectIds, full) => engine().start(projectIds, { full }),
    onWaitingChanged: (waiting) => connectivity.setSyncWaiting(waiting),
  });
  connectivity.onFlip((online) => {
    if (!online) return;
    try {
      waitingSync.cameOnline();
    } catch (error) {
      // The library may have become unusable meanwhile; its own notice says so, and the request that flipped us
      // online must not fail for it.
      dependencies.logger.warn('the sync that waited for the connection could not start', { error });
    }
  });
  reachability.start();

  const updates = new UpdateService({
    currentVersion: dependencies.appVersion,
    mode: dependencies.config.mode,
    edge: dependencies.updates ?? null,
    automaticUpdates: () => settings.get().automaticUpdates,
    busy,
    fetch: dependencies.fetch,
    logger: dependencies.logger,
    onState: (state) => events.emit({ domain: 'app', name: 'onUpdateStateChanged', payload: state }),
  });
  updates.start();

  const api = coreApi({
    config: dependencies.config,
    configProblem: dependencies.configProblem,
    appVersion: dependencies.appVersion,
    browser: dependencies.browser,
    clipboard: dependencies.clipboard,
    logger: dependencies.logger,
    session,
    client,
    keeper,
    connectivity,
    waitingSync,
    settings,
    updates,
    qa,
    edits,
    pushEngine,
    libraryChanged,
  });

  // Start-up work in the background. The first screen's read path is warmed on main at once (warm-up.ts), while the
  // window is still loading and nothing else asks main for anything. The library's check waits for main to be quiet
  // (above), and stale QA results are scanned only after both: run alongside the check, the scan kept both cores busy
  // while the window loaded and asked for its first page.
  const warmed = warmReadPath(api, () => closed, dependencies.logger);
  const background = Promise.all([startupCheck, warmed])
    .then(() => {
      const opened = closed ? null : keeper.currentLibrary();
      if (opened !== null) qa.scanWhereStale(opened.listProjects().map((project) => project.projectId));
    })
    .catch((error: unknown) => dependencies.logger.warn('the start-up work could not run', { error }));
  return {
    api: watchCalls(api, activity),
    events,
    qa,
    handleWake: () => session.handleWake(),
    close: async () => {
      if (closed) return;
      closed = true;
      activity.close();
      reachability.stop();
      updates.stop();
      await background;
      pushEngine.cancel();
      await pushEngine.whenIdle();
      await qa.close();
      await keeper.close();
      await session.dispose();
      edits.close();
    },
  };
}
