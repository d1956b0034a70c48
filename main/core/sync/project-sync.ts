/**
 * One project's sync, full or incremental. The engine (sync-engine.ts) runs these one after another and owns the
 * progress, the cancel signal and the failure handling; this module decides which kind of sync a project gets and
 * does it.
 *
 * Full: project, languages, then every key with its translations, streamed a page at a time into the next
 * snapshot. Incremental (a resync, when the store has a basis: see store/resync-basis.ts): project and languages as
 * before; if the languages are exactly as stored, the keys are listed without translations and compared (see
 * resync-plan.ts), only changed and new keys are downloaded with their translations, and the rest are carried over
 * into the next snapshot. Languages that changed in any way (added, removed, renamed, reordered, other plural forms)
 * make it a full sync, since every key's stored status depends on them. Either way the new snapshot replaces the
 * current one only when it is whole.
 */
import { setImmediate } from 'node:timers/promises';
import type { SyncProgress } from '../../../common/contract';
import { CancelledError, LocdeskError } from '../errors';
import type { Logger } from '../log';
import type { LokaliseClient } from '../lokalise/client';
import { LokaliseApiError } from '../lokalise/errors';
import type { KeyPageInput, LokaliseLanguage, LokaliseProject } from '../lokalise/types';
import type { LibraryStore, ResyncBasis, SnapshotCounts, SnapshotWriting, SyncChanges } from '../store';
import { ResyncPlanner } from './resync-plan';

/** What a project's sync needs from the engine. */
export interface ProjectSyncContext {
  readonly store: LibraryStore;
  readonly client: LokaliseClient;
  readonly logger: Logger;
  readonly signal: AbortSignal;
  /** Merges `patch` into the running progress and reports it (at once when `force`, else at most every interval). */
  readonly report: (patch: Partial<SyncProgress>, force: boolean) => void;
}

/**
 * Turns of the event loop to give pending I/O before a page is written. The client starts the request for the next
 * page as it hands over this one, but that request passes the token, the pacer and the connection pool (a few turns
 * of the loop) before it reaches the socket; writing a page blocks the loop for tens of milliseconds, so without
 * these turns the server would only start on page k+1 after page k was stored. Measured on the bench's 20,000-key
 * run: 8.7 s with no turns, 6.3 s with three.
 */
const turnsBeforeWriting = 3;

async function letRequestsGoOut(): Promise<void> {
  for (let turn = 0; turn < turnsBeforeWriting; turn += 1) await setImmediate();
}

/** True when Lokalise's languages are exactly the stored ones, in the same order. */
export function sameLanguages(stored: readonly LokaliseLanguage[], listed: readonly LokaliseLanguage[]): boolean {
  return (
    stored.length === listed.length &&
    stored.every((language, index) => {
      const other = listed[index];
      return (
        other !== undefined &&
        language.langId === other.langId &&
        language.iso === other.iso &&
        language.name === other.name &&
        language.isRtl === other.isRtl &&
        language.pluralForms.join('\u0000') === other.pluralForms.join('\u0000')
      );
    })
  );
}

/** Syncs `projectId`: incrementally when the store has a basis and `full` is false, else in full. */
export async function syncProject(context: ProjectSyncContext, projectId: string, full: boolean, startedAt: number): Promise<SnapshotCounts> {
  const { client, store, signal } = context;
  // The writing thread may still be removing the previous sync's old snapshot, a small transaction at a time. A write
  // on main's connection meanwhile waits for the lock in SQLite's busy handler, asleep with the event loop held (it
  // sleeps 1, 2, 5, 10… ms between tries and keeps missing the short gaps between steps: a 472 ms stall right after a
  // 100k-key resync, issue 17). This sync's own requests to the thread queue behind that removal anyway, so waiting
  // for it here, without blocking, costs the sync nothing. A thread that stopped is started again by the first request.
  await store.whenSettled().catch(() => undefined);
  store.recordSyncOutcome(projectId, 'running', null);
  // The indexing thread (started once per session, about 0.1 s) starts while the project and its languages load.
  store.prepareIndexing();
  let project: LokaliseProject;
  try {
    project = await client.getProject(projectId, signal);
  } catch (error) {
    if (error instanceof LokaliseApiError && (error.status === 403 || error.status === 404)) {
      store.markAccessLost(projectId);
      throw new LocdeskError('sync.access_lost', 'You can no longer open this project in Lokalise; its offline copy is kept.');
    }
    throw error;
  }
  store.rememberProject(project);
  context.report({ projectName: project.name, phase: 'languages', total: project.keysTotal, changes: null }, true);
  const languagesLoading = client.listLanguages(projectId, signal);
  // Met below; if the key walk's start throws first, this answer is not waited for.
  languagesLoading.catch(() => undefined);
  // A project never synced (or a full resync asked for) has no basis to compare with: every key comes whole, so the
  // first page is asked for now and arrives while the languages load and the writing thread opens the snapshot. It
  // is asked for after the languages, so a server that answers in order (the local fake) sends the small answer first.
  const firstPages = full || store.project(projectId)?.sync.lastSyncedAt == null ? keyPagesFromNow(client, projectId, signal) : null;
  try {
    const languages = await languagesLoading;
    if (firstPages !== null) return await fullSync(context, project, languages, startedAt, firstPages.pages);
    const basis = await store.loadResyncBasis(projectId);
    if (basis !== null && !sameLanguages(basis.languages, languages)) {
      context.logger.info('the project languages changed: a full sync', { projectId });
    } else if (basis !== null) {
      return await resync(context, project, languages, basis, startedAt);
    }
    return await fullSync(context, project, languages, startedAt, client.unparsedKeyPages(projectId, { signal }));
  } finally {
    firstPages?.stop();
  }
}

/** A walk of a project's key pages already under way, and how to stop it when the sync ends without reading it all. */
interface KeyPagesUnderWay {
  readonly pages: AsyncIterable<KeyPageInput>;
  readonly stop: () => void;
}

/**
 * Starts the walk of `projectId`'s key pages at once: its first request goes out now rather than when the pages are
 * first read. Why: before the first page can be stored, the languages must load and the writing thread must open
 * the snapshot (on a session's first sync it also starts: about 0.3 s measured against the local fake); the first
 * page, 500 keys, takes about as long to come, and both now happen together.
 */
function keyPagesFromNow(client: LokaliseClient, projectId: string, signal: AbortSignal): KeyPagesUnderWay {
  const stopping = new AbortController();
  const walk = client.unparsedKeyPages(projectId, { signal: AbortSignal.any([signal, stopping.signal]) });
  const first = walk.next();
  // Met below when the pages are read; when the sync fails before that, the walk is stopped and its failure dropped.
  first.catch(() => undefined);
  async function* pages(): AsyncGenerator<KeyPageInput> {
    const head = await first;
    if (head.done === true) return;
    yield head.value;
    yield* walk;
  }
  return { pages: pages(), stop: () => stopping.abort() };
}

async function fullSync(context: ProjectSyncContext, project: LokaliseProject, languages: readonly LokaliseLanguage[], startedAt: number, pages: AsyncIterable<KeyPageInput>): Promise<SnapshotCounts> {
  const { signal } = context;
  const snapshot = await context.store.openSnapshot(project.projectId, project.keysTotal);
  return writeSnapshot(snapshot, async () => {
    await snapshot.writeLanguages(languages);
    context.report({ phase: 'keys', done: 0 }, true);
    // Pages travel to the writing thread as Lokalise's text and are parsed there, off the main process's event loop.
    for await (const page of pages) {
      if (signal.aborted) throw new CancelledError();
      await letRequestsGoOut();
      const written = await snapshot.writeKeys(page);
      context.report({ done: written.keys, total: Math.max(project.keysTotal, written.keys) }, false);
    }
    if (signal.aborted) throw new CancelledError();
    context.report({ phase: 'finalizing' }, true);
    return snapshot.commit(project, startedAt);
  });
}

async function resync(context: ProjectSyncContext, project: LokaliseProject, languages: readonly LokaliseLanguage[], basis: ResyncBasis, startedAt: number): Promise<SnapshotCounts> {
  const { client, signal, logger } = context;
  const projectId = project.projectId;
  context.report({ phase: 'keys', done: 0 }, true);
  const planner = new ResyncPlanner(basis);
  let listed = 0;
  // The listing is read on the library's writing thread, down to ids and times (see LibraryStore.readKeyTimes).
  for await (const page of client.unparsedKeyPages(projectId, { signal, translations: false })) {
    if (signal.aborted) throw new CancelledError();
    const times = await context.store.readKeyTimes(page);
    planner.see(times);
    listed += times.keyIds.length;
    context.report({ done: listed, total: Math.max(project.keysTotal, listed) }, false);
  }
  if (signal.aborted) throw new CancelledError();
  const plan = planner.plan();
  if (plan.repeated > 0) logger.warn('keys were listed twice; their later copies count', { projectId, count: plan.repeated });
  logger.info('resync plan', { projectId, listed, updated: plan.updated, rechecked: plan.rechecked, added: plan.added, removed: plan.removed });
  context.report({ done: 0, total: plan.fetch.length, changes: { updated: plan.updated, added: plan.added, removed: plan.removed } }, true);
  const snapshot = await context.store.openSnapshot(projectId, plan.fetch.length);
  return writeSnapshot(snapshot, async () => {
    await snapshot.writeLanguages(languages);
    await snapshot.carryForward(plan.drop);
    const arrived = { updated: 0, rechecked: 0, added: 0 };
    let fetched = 0;
    for await (const page of client.unparsedKeysByIds(projectId, plan.fetch, signal)) {
      if (signal.aborted) throw new CancelledError();
      await letRequestsGoOut();
      const { pageKeyIds } = await snapshot.writeKeys(page);
      for (const keyId of pageKeyIds) arrived[planner.kindOf(keyId)] += 1;
      fetched += pageKeyIds.length;
      context.report({ done: fetched }, false);
    }
    if (signal.aborted) throw new CancelledError();
    // A stored key deleted between the listing and its download is gone, not updated.
    const removed = plan.removed + (plan.updated - arrived.updated) + (plan.rechecked - arrived.rechecked);
    const changes: SyncChanges = { updated: arrived.updated, added: arrived.added, removed };
    context.report({ phase: 'finalizing', changes }, true);
    return snapshot.commit(project, startedAt, changes);
  });
}

/** Runs `work` on an open snapshot, throwing the snapshot away if it fails or is cancelled. */
async function writeSnapshot(snapshot: SnapshotWriting, work: () => Promise<SnapshotCounts>): Promise<SnapshotCounts> {
  try {
    return await work();
  } catch (error) {
    await snapshot.abort();
    throw error;
  }
}
