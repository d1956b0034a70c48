/**
 * The contract's calls, each delegated to the service that answers it: the `api` half of app-core.ts, kept apart so
 * that the composition (which services exist and how they are wired to each other and to the event bus) and the
 * answers (what each call does with them) can each be read on their own.
 *
 * Every method is thin: validation happened in dispatch.ts before it, and the service behind it owns its state. The
 * few calls that touch two services (sign-out, a key page, forgetting the library, committing an edit) say why here.
 */
import type { CoreApi, ProjectSummary } from '../../common/contract';
import type { Session } from './auth/session';
import type { LocdeskConfig } from './config';
import type { ConnectivityTracker } from './connectivity';
import { editError } from './edits/edit-errors';
import type { EditsService } from './edits/edits-service';
import type { PushEngine } from './edits/push-engine';
import { LocdeskError } from './errors';
import { detailWithEdits } from './key-detail-edits';
import type { LibraryKeeper } from './library-keeper';
import { isAllowedExternalUrl } from './link-policy';
import type { Logger } from './log';
import { keyEditorUrl } from './lokalise-web';
import type { LokaliseClient } from './lokalise/client';
import type { BrowserOpener, ClipboardWriter } from './ports';
import type { QaService } from './qa/qa-service';
import type { SettingsService } from './settings';
import { idleSyncProgress } from './sync/sync-engine';
import type { SyncWhenOnline } from './sync/sync-when-online';
import type { UpdateService } from './updates/update-service';

/** The running services the calls are answered by, as app-core.ts composed them. */
export interface CoreServices {
  readonly config: LocdeskConfig;
  /** A sentence describing a configuration problem, or null (see AppCoreDependencies). */
  readonly configProblem: string | null;
  readonly appVersion: string;
  readonly browser: BrowserOpener;
  readonly clipboard: ClipboardWriter;
  readonly logger: Logger;
  readonly session: Session;
  readonly client: LokaliseClient;
  readonly keeper: LibraryKeeper;
  readonly connectivity: ConnectivityTracker;
  readonly waitingSync: SyncWhenOnline;
  readonly settings: SettingsService;
  readonly updates: UpdateService;
  readonly qa: QaService;
  readonly edits: EditsService;
  readonly pushEngine: PushEngine;
  /** Announces that projects' rows changed (and has QA look at them again); an empty list means the whole library. */
  readonly libraryChanged: (projectIds: string[]) => void;
}

/** The contract's calls over `services`. */
export function coreApi(services: CoreServices): CoreApi {
  const { config, session, client, keeper, connectivity, waitingSync, settings, updates, qa, edits, pushEngine, libraryChanged } = services;
  const library = keeper.library.bind(keeper);
  const summary = (projectId: string): ProjectSummary => {
    const found = library().project(projectId);
    if (found === null) throw new LocdeskError('store.unknown_project', 'That project is not in your library. Refresh the project list.');
    return found;
  };
  const editsApi = edits.api();
  return {
    app: {
      info: () =>
        Promise.resolve({
          version: services.appVersion,
          mode: config.mode,
          configProblem: services.configProblem,
          authHost: URL.canParse(config.authUrl) ? new URL(config.authUrl).host : config.authUrl,
          storeProblem: keeper.problem,
          libraryNotice: keeper.notice,
        }),
      connectivity: () => Promise.resolve(connectivity.get()),
      openExternal: async (url) => {
        if (!isAllowedExternalUrl(url, config.authUrl)) return false;
        await services.browser.open(url);
        return true;
      },
      copyText: (text) => {
        services.clipboard.writeText(text);
        return Promise.resolve(true);
      },
      updateState: () => Promise.resolve(updates.state()),
      restartToUpdate: () => Promise.resolve().then(() => updates.restartToUpdate()),
    },
    auth: {
      getState: () => Promise.resolve(session.getState()),
      signIn: () => session.signIn(),
      signInManually: () => session.signInManually(),
      submitCode: (code) => session.submitCode(code),
      cancelSignIn: () => session.cancelSignIn(),
      copySignInLink: () => session.copySignInLink(),
      openSignInLink: () => session.openSignInLink(),
      // Sign-out is local and always succeeds: no library, no network and no keychain is needed to forget tokens.
      // Pending edits stay in the outbox for the next sign-in; the answer says how many.
      signOut: async () => {
        keeper.currentSync()?.cancel();
        waitingSync.drop();
        pushEngine.cancel();
        const state = await session.signOut();
        return { ...state, keptEdits: edits.count() };
      },
    },
    projects: {
      list: () => Promise.resolve(library().listProjects()),
      refresh: async () => {
        const [projects, teams] = await Promise.all([client.listProjects(session.signal), client.listTeams(session.signal).catch(() => [])]);
        library().saveProjectList(projects, teams);
        keeper.projectListSaved();
        return library().listProjects();
      },
      setKeepOffline: (projectId, keep) => {
        const project = library().setKeepOffline(projectId, keep);
        keeper.keptOfflineChanged();
        return Promise.resolve(project);
      },
      facets: (projectId) => {
        summary(projectId);
        return library().facetsOffMain(projectId);
      },
      contributor: (projectId) => edits.contributor(projectId),
    },
    keys: {
      page: async (query) => {
        // The QA filter reads the stored results: the rechecks of the last edits are stored before it does.
        if (query.qa !== null) qa.settleRechecks(query.projectId);
        // A search right after a start waits for its project's search arrays, read on a thread, so main never builds them.
        const arriving = library().searchArriving(query);
        if (arriving !== null) await arriving;
        return qa.withIssues(edits.overlay(library().keyPage(query), query.projectId), query);
      },
      openInLokalise: async (projectId, keyId) => {
        const key = library().keyDetail(projectId, keyId);
        if (key === null) return false;
        const url = keyEditorUrl(config.authUrl, projectId, key.name);
        if (url === null || !isAllowedExternalUrl(url, config.authUrl)) return false;
        await services.browser.open(url);
        return true;
      },
      detail: (projectId, keyId) => Promise.resolve(qa.detailWithIssues(projectId, detailWithEdits(library().keyDetail(projectId, keyId), projectId, (page, id) => edits.overlay(page, id)))),
    },
    sync: {
      start: (projectIds) => Promise.resolve(waitingSync.request(projectIds)),
      startFull: (projectIds) => Promise.resolve(waitingSync.request(projectIds, true)),
      cancel: () => {
        waitingSync.drop();
        return Promise.resolve(keeper.engine().cancel());
      },
      status: () => Promise.resolve(keeper.currentSync()?.status() ?? { ...idleSyncProgress, message: keeper.problem }),
    },
    qa: {
      status: (projectId, isos) => {
        summary(projectId);
        return Promise.resolve(qa.status(projectId, isos));
      },
      scan: (projectId) => Promise.resolve().then(() => qa.scan(summary(projectId).projectId)),
      cancel: (projectId) => Promise.resolve(qa.cancel(projectId)),
      settings: (projectId) => Promise.resolve(qa.settings(summary(projectId).projectId)),
      updateSettings: (projectId, changed) => Promise.resolve().then(() => qa.updateSettings(summary(projectId).projectId, changed)),
    },
    library: {
      forget: async (options) => {
        // The outbox is its own file, so forgetting the library never drops an edit by itself; the refusal is
        // so a translator does not lose the library their edits were made against without meaning to. A library that
        // cannot be opened (damaged, too new) has nothing left to lose: starting afresh then keeps the edits.
        if (edits.hasUnexported() && options?.discardEdits !== true && keeper.problem === null) throw editError('edits.pending');
        if (options?.discardEdits === true) {
          pushEngine.cancel();
          await pushEngine.whenIdle();
          edits.discardAll();
        }
        await qa.cancelAll();
        await keeper.forget();
        libraryChanged([]);
        return null;
      },
    },
    edits: {
      ...editsApi,
      commit: async (input) => {
        const edit = await editsApi.commit(input);
        try {
          qa.recheckKey(input.projectId, input.keyId);
        } catch (error) {
          // The edit is stored; stale QA results for one key must never fail its commit.
          services.logger.warn('could not recheck an edited key', { error });
        }
        return edit;
      },
    },
    settings: {
      get: () => Promise.resolve(settings.get()),
      update: async (change) => {
        const next = await settings.update(change);
        updates.settingsChanged();
        return next;
      },
    },
  };
}
