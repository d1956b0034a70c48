/**
 * Pushes the outbox to Lokalise with a 3-way check, in the background, with progress and cancel.
 *
 * Lokalise has no ETag, version or If-Match, so safety comes from here: per batch of keys the engine re-reads the
 * server's copy (`GET /keys?filter_key_ids=…&include_translations=1`) and, per edit, compares base / mine / theirs
 * (edit-values.ts): server holds mine → done without writing; server holds the base → `PUT` and the answer becomes
 * the synced value; anything else → conflict, nothing written. Every request goes through the shared client, so
 * pushing shares the 6 requests/s pacer and the 429 patience with syncing.
 *
 * No failure loses text. A write whose outcome is unknown (no answer, dropped connection, error page) is never
 * repeated blindly: the edit goes back to pending and the next push re-reads before deciding, which is what makes a
 * write whose answer was lost safe. 403 → rejected (not writable, or scope missing: re-consent), 404 → orphaned,
 * 400 → rejected with Lokalise's sentence (after trying the other documented plural form), offline, 5xx, 429
 * beyond patience → pending, pushed later.
 */
import type { EditReason, PushStatus, TranslationSnapshot } from '../../../common/contract';
import type { ErrorCode } from '../../../common/errors';
import { idlePushStatus } from '../../../common/contract';
import { isCancellation, LocdeskError } from '../errors';
import type { TranslationWrite } from '../lokalise/client';
import { LokaliseApiError } from '../lokalise/errors';
import type { LokaliseKey, LokaliseTranslation } from '../lokalise/types';
import type { RetryWait } from '../lokalise/http';
import type { Logger } from '../log';
import { editErrorMessages } from './edit-errors';
import { compare, snapshotOfTranslation } from './edit-values';
import type { Outbox, OutboxEdit } from './outbox';
import type { QaGate } from './qa-gate';

/** The part of the Lokalise client a push uses. */
export interface PushClient {
  keysByIds(projectId: string, keyIds: readonly number[], signal?: AbortSignal): AsyncIterable<LokaliseKey[]>;
  updateTranslation(projectId: string, translationId: number, body: TranslationWrite, isPlural: boolean, signal?: AbortSignal): Promise<LokaliseTranslation>;
  readonly stats: { readonly requests: number };
  onRetryWait(listener: (wait: RetryWait | null) => void): () => void;
}

/** What the engine needs. */
export interface PushEngineDependencies {
  readonly outbox: () => Outbox;
  readonly client: PushClient;
  /** Stores the server's copy of a translation in the library (false when the library does not hold it). */
  readonly applyToLibrary: (projectId: string, keyId: number, languageIso: string, snapshot: TranslationSnapshot) => void;
  /** The session's signal: aborted at sign-out, which stops a push like a cancel. */
  readonly sessionSignal: () => AbortSignal;
  readonly onProgress: (status: PushStatus) => void;
  readonly onChanged: (projectIds: string[]) => void;
  /** Holds the core's busy signal while a push runs (the updater will not restart meanwhile); returns the release. */
  readonly holdBusy: () => () => void;
  /** Whether to push by itself after a commit and when Lokalise becomes reachable (the `autoPush` setting). */
  readonly autoPush: () => boolean;
  readonly isOnline: () => boolean;
  /**
   * Builds the QA gate for one push (qa-gate.ts): an edit with an error-severity finding is held until the
   * translator fixes or confirms it. Without one, nothing is held.
   */
  readonly qaGate?: () => QaGate;
  /** Called once per batch (and after a take-theirs) with the projects whose library rows a push rewrote. */
  readonly libraryUpdated?: (projectIds: string[]) => void;
  readonly logger: Logger;
  readonly now?: () => number;
  /** How long auto-push waits after the last commit, so a burst of typing becomes one push. Default 2 s. */
  readonly autoPushDelayMs?: number;
  /** Keys per re-read; Lokalise answers at most 500 per page. */
  readonly batchKeys?: number;
}

/** Why a push stopped before its end: the edits not yet handled go back to pending. */
class StopPush extends Error {
  public constructor(
    public readonly status: 'failed' | 'cancelled',
    public readonly code: ErrorCode | null,
    message: string,
  ) {
    super(message);
  }
}

/** Errors after which the next request would fail the same way (offline, signed out): the push stops. */
const stoppingCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'lokalise.network',
  'lokalise.timeout',
  'lokalise.no_answer',
  'lokalise.stalled',
  'lokalise.server',
  'lokalise.bad_response',
  'lokalise.rate_limited',
  'lokalise.redirected',
  'auth.required',
  'auth.session_expired',
  'auth.vault_unavailable',
  'network.offline',
  'network.no_answer',
  'network.proxy_auth',
]);

/** The push engine: one push at a time. */
export class PushEngine {
  private current: PushStatus = idlePushStatus;
  private running: Promise<void> | null = null;
  private controller: AbortController | null = null;
  private autoTimer: NodeJS.Timeout | null = null;
  /** The plural write form Lokalise accepted last; tried first next time. */
  private pluralForm: 'object' | 'string' = 'object';
  private readonly now: () => number;
  /** This push's QA gate (built at its start, so project facts are read once per push). */
  private gate: QaGate | null = null;
  /** Projects whose library rows this push rewrote since the last `libraryUpdated`. */
  private readonly libraryTouched = new Set<string>();

  public constructor(private readonly dependencies: PushEngineDependencies) {
    this.now = dependencies.now ?? Date.now;
  }

  /** Where the push stands. */
  public status(): PushStatus {
    return this.current;
  }

  /**
   * Starts a background push of a project's pending edits (null: every project), or only of `editIds` (which may
   * also retry rejected ones). Edits held by QA are looked at again too: one whose finding is gone (its source was
   * fixed, or the project's QA settings changed) is pushed, the others stay held. Answers at once; a push already
   * running is left alone and its status returned.
   */
  public start(projectId: string | null, editIds: readonly number[] | null): PushStatus {
    if (this.running !== null) return this.current;
    const outbox = this.dependencies.outbox();
    const edits =
      editIds === null
        ? outbox.list({ projectId, states: ['pending', 'held'] })
        : editIds.map((editId) => outbox.get(editId)).filter((edit): edit is OutboxEdit => edit !== null && (edit.state === 'pending' || edit.state === 'rejected' || edit.state === 'held'));
    const controller = new AbortController();
    this.controller = controller;
    this.current = { ...idlePushStatus, status: 'running', projectId, total: edits.length, startedAt: this.now() };
    this.emit();
    const release = this.dependencies.holdBusy();
    this.running = this.run(edits, controller.signal).finally(() => {
      release();
      this.running = null;
      this.controller = null;
    });
    return this.current;
  }

  /** Cancels a running push; edits not yet written go back to pending. */
  public cancel(): PushStatus {
    this.controller?.abort();
    if (this.autoTimer !== null) clearTimeout(this.autoTimer);
    this.autoTimer = null;
    return this.current;
  }

  /** Resolves when no push runs. */
  public async whenIdle(): Promise<void> {
    await this.running;
  }

  /** Called after a commit or a resolution: schedules a push when auto-push is on and Lokalise is reachable. */
  public edited(): void {
    if (!this.dependencies.autoPush() || !this.dependencies.isOnline()) return;
    if (this.autoTimer !== null) clearTimeout(this.autoTimer);
    this.autoTimer = setTimeout(() => {
      this.autoTimer = null;
      if (this.running === null) this.start(null, null);
      else void this.running.then(() => this.edited());
    }, this.dependencies.autoPushDelayMs ?? 2000);
    this.autoTimer.unref();
  }

  /** Called when Lokalise became reachable again: pushes what waits, when auto-push is on. */
  public cameOnline(): void {
    if (this.dependencies.outbox().counts(null).pending > 0) this.edited();
  }

  /** Stores a server copy in the library (take theirs) and says so. */
  public applyToLibrary(edit: OutboxEdit, snapshot: TranslationSnapshot): void {
    this.storeInLibrary(edit, snapshot);
    this.reportLibrary();
  }

  /** Stores a server copy in the library; listeners hear of it at `reportLibrary`. */
  private storeInLibrary(edit: OutboxEdit, snapshot: TranslationSnapshot): void {
    try {
      this.dependencies.applyToLibrary(edit.projectId, edit.keyId, edit.languageIso, snapshot);
      this.libraryTouched.add(edit.projectId);
    } catch (error) {
      // The server holds the value and the outbox knows it; a library that cannot take it now catches up at the
      // next sync. Never a reason to fail the push or to keep the edit.
      this.dependencies.logger.warn('a pushed value could not be stored in the library', { error });
    }
  }

  private reportLibrary(): void {
    if (this.libraryTouched.size === 0) return;
    const projectIds = [...this.libraryTouched];
    this.libraryTouched.clear();
    this.dependencies.libraryUpdated?.(projectIds);
  }

  private emit(): void {
    this.dependencies.onProgress(this.current);
  }

  private update(change: Partial<PushStatus>): void {
    this.current = { ...this.current, ...change };
    this.emit();
  }

  private async run(edits: readonly OutboxEdit[], cancel: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([cancel, this.dependencies.sessionSignal()]);
    const requestsBefore = this.dependencies.client.stats.requests;
    const stopWatching = this.dependencies.client.onRetryWait((wait) => this.update({ retry: wait === null ? null : { reason: wait.reason, at: wait.at } }));
    const touched = new Set<string>();
    const left = new Set(edits.map((edit) => edit.editId));
    const wasHeld = new Set(edits.filter((edit) => edit.state === 'held').map((edit) => edit.editId));
    const outbox = this.dependencies.outbox();
    this.gate = this.dependencies.qaGate?.() ?? null;
    try {
      const batchKeys = this.dependencies.batchKeys ?? 500;
      for (const batch of batches(edits, batchKeys)) {
        outbox.setStates(batch.edits.map((edit) => edit.editId), 'pushing');
        touched.add(batch.projectId);
        const server = await this.reread(batch.projectId, batch.keyIds, signal);
        for (const edit of batch.edits) {
          await this.pushOne(edit, server, signal);
          left.delete(edit.editId);
          this.update({ done: this.current.done + 1, requests: this.dependencies.client.stats.requests - requestsBefore });
        }
        this.reportLibrary();
      }
      this.update({ status: 'done', retry: null, finishedAt: this.now(), requests: this.dependencies.client.stats.requests - requestsBefore });
    } catch (error) {
      const stop = this.asStop(error, signal);
      this.dependencies.logger.info('push stopped', { code: stop.code, status: stop.status });
      this.update({ status: stop.status, errorCode: stop.code, message: stop.message, retry: null, finishedAt: this.now(), requests: this.dependencies.client.stats.requests - requestsBefore });
    } finally {
      stopWatching();
      // Whatever was not settled goes back where it was (pending, or held with its reason), its text untouched.
      const unsettled = [...left].filter((editId) => outbox.get(editId)?.state === 'pushing');
      outbox.setStates(unsettled.filter((editId) => !wasHeld.has(editId)), 'pending');
      outbox.setStates(unsettled.filter((editId) => wasHeld.has(editId)), 'held');
      this.gate = null;
      this.reportLibrary();
      this.dependencies.onChanged([...touched]);
    }
  }

  /** The server's translations of these keys, by key id and language. */
  private async reread(projectId: string, keyIds: readonly number[], signal: AbortSignal): Promise<Map<string, { key: LokaliseKey; translation: LokaliseTranslation | null }> | null> {
    try {
      const keys: LokaliseKey[] = [];
      for await (const page of this.dependencies.client.keysByIds(projectId, keyIds, signal)) keys.push(...page);
      const byCell = new Map<string, { key: LokaliseKey; translation: LokaliseTranslation | null }>();
      for (const key of keys) {
        byCell.set(`${key.keyId}`, { key, translation: null });
        for (const translation of key.translations) byCell.set(`${key.keyId}/${translation.languageIso}`, { key, translation });
      }
      return byCell;
    } catch (error) {
      // The project itself is gone or no longer open to this user: its edits are orphaned, their text kept.
      if (error instanceof LocdeskError && error.code === 'lokalise.not_found') return null;
      throw error;
    }
  }

  private async pushOne(queued: OutboxEdit, server: Map<string, { key: LokaliseKey; translation: LokaliseTranslation | null }> | null, signal: AbortSignal): Promise<void> {
    const outbox = this.dependencies.outbox();
    // The row as it is now: the translator may have typed again, or discarded it, since the push began.
    const edit = outbox.get(queued.editId);
    if (edit === null || (edit.state !== 'pushing' && edit.state !== 'pending' && edit.state !== 'held')) return;
    const found = server?.get(`${edit.keyId}/${edit.languageIso}`);
    if (found?.translation === null || found === undefined) {
      const keyThere = server?.has(`${edit.keyId}`) === true;
      this.settle(edit, 'orphaned', 'notFound', keyThere ? 'This language is no longer in the project on Lokalise.' : 'This key was deleted on Lokalise. Your text is kept; export it to use it elsewhere.');
      this.update({ orphaned: this.current.orphaned + 1 });
      return;
    }
    const theirs = snapshotOfTranslation(found.translation);
    const verdict = compare(edit.base, edit, theirs);
    if (verdict === 'alreadyThere') {
      this.landed(edit, theirs);
      this.update({ alreadyThere: this.current.alreadyThere + 1 });
      return;
    }
    if (verdict === 'conflict') {
      outbox.update(edit.editId, { state: 'conflict', theirs, translationId: found.translation.translationId, reason: null, message: null });
      this.update({ conflicts: this.current.conflicts + 1 });
      return;
    }
    // Confirmed once ("Push anyway") means this value goes as it is; a new value is checked again (commit clears it).
    const qa = edit.qaConfirmed || this.gate === null ? { hold: null, warnings: 0 } : this.gate(edit);
    if (qa.hold !== null) {
      this.settle(edit, 'held', 'qaHold', qa.hold);
      this.update({ held: this.current.held + 1 });
      return;
    }
    if (await this.write(edit, found.translation.translationId, found.key.isPlural, signal)) {
      this.update({ pushed: this.current.pushed + 1, warnings: this.current.warnings + (qa.warnings > 0 ? 1 : 0) });
    }
  }

  /** Writes one edit; true when Lokalise took it. */
  private async write(edit: OutboxEdit, translationId: number, isPlural: boolean, signal: AbortSignal): Promise<boolean> {
    const flags = { ...(edit.isReviewed === null ? {} : { is_reviewed: edit.isReviewed }), ...(edit.isUnverified === null ? {} : { is_unverified: edit.isUnverified }) };
    const bodyFor = (form: 'object' | 'string'): TranslationWrite => ({
      translation: edit.pluralForms === null || !isPlural ? edit.value : form === 'object' ? edit.pluralForms : JSON.stringify(edit.pluralForms),
      ...flags,
    });
    this.dependencies.outbox().update(edit.editId, { translationId });
    try {
      let answer: LokaliseTranslation;
      try {
        answer = await this.dependencies.client.updateTranslation(edit.projectId, translationId, bodyFor(this.pluralForm), isPlural, signal);
      } catch (error) {
        // The sources disagree on the plural write form: on a 400, try the other documented one once.
        if (!isPlural || !(error instanceof LokaliseApiError) || error.status !== 400) throw error;
        const other = this.pluralForm === 'object' ? 'string' : 'object';
        answer = await this.dependencies.client.updateTranslation(edit.projectId, translationId, bodyFor(other), isPlural, signal);
        this.pluralForm = other;
      }
      this.landed(edit, snapshotOfTranslation(answer));
      return true;
    } catch (error) {
      this.writeFailed(edit, error, signal);
      return false;
    }
  }

  /** A failed write: the edit is marked with why, or the push stops (and the edit stays pending). */
  private writeFailed(edit: OutboxEdit, error: unknown, signal: AbortSignal): void {
    if (!(error instanceof LocdeskError) || isCancellation(error) || signal.aborted) throw error;
    const lokaliseSaid = error instanceof LokaliseApiError ? error.serverMessage : null;
    switch (error.code) {
      case 'auth.scope_missing':
        this.settle(edit, 'rejected', 'scopeMissing', editErrorMessages['edits.scope_missing']);
        this.update({ rejected: this.current.rejected + 1 });
        throw new StopPush('failed', 'edits.scope_missing', editErrorMessages['edits.scope_missing']);
      case 'lokalise.forbidden':
        this.settle(edit, 'rejected', 'notWritable', lokaliseSaid ?? editErrorMessages['edits.read_only']);
        this.update({ rejected: this.current.rejected + 1 });
        return;
      case 'lokalise.not_found':
        this.settle(edit, 'orphaned', 'notFound', 'This translation was deleted on Lokalise. Your text is kept; export it to use it elsewhere.');
        this.update({ orphaned: this.current.orphaned + 1 });
        return;
      case 'lokalise.request':
        this.settle(edit, 'rejected', 'badRequest', lokaliseSaid ?? error.message);
        this.update({ rejected: this.current.rejected + 1 });
        return;
      default:
        throw error;
    }
  }

  /** The server holds the edit's value: the library takes it, and the edit leaves the outbox unless it changed meanwhile. */
  private landed(edit: OutboxEdit, server: TranslationSnapshot): void {
    const outbox = this.dependencies.outbox();
    if (!outbox.removeIfUnchanged(edit.editId, edit.value, edit.isReviewed, edit.isUnverified)) {
      // Typed again while the request was out: the new value stays pending, against what the server now holds.
      const after = outbox.get(edit.editId);
      if (after !== null) outbox.update(edit.editId, { state: after.state === 'pushing' ? 'pending' : after.state, base: server });
    }
    // After the outbox, so the library's QA recheck reads the synced value, or the newer edit still waiting.
    this.storeInLibrary(edit, server);
  }

  private settle(edit: OutboxEdit, state: 'orphaned' | 'rejected' | 'held', reason: EditReason, message: string): void {
    this.dependencies.outbox().update(edit.editId, { state, reason, message });
  }

  private asStop(error: unknown, signal: AbortSignal): StopPush {
    if (error instanceof StopPush) return error;
    // Signed out (the session's signal, not the translator's cancel): say so, so the bar asks for a sign-in.
    if (this.controller?.signal.aborted !== true && this.dependencies.sessionSignal().aborted) {
      return new StopPush('failed', 'auth.required', 'Sign in to Lokalise to push. Your edits are kept on this computer and can be pushed after you sign in.');
    }
    if (signal.aborted || isCancellation(error)) return new StopPush('cancelled', 'cancelled', 'The push was stopped. Your edits are kept and can be pushed later.');
    if (error instanceof LocdeskError && stoppingCodes.has(error.code)) {
      return new StopPush('failed', error.code, `${error.message} Your edits are kept and will be pushed later.`);
    }
    if (error instanceof LocdeskError) return new StopPush('failed', error.code, `${error.message} Your edits are kept.`);
    this.dependencies.logger.error('push failed unexpectedly', { error });
    return new StopPush('failed', 'internal', 'Something went wrong while pushing. Your edits are kept and can be pushed later.');
  }
}

interface Batch {
  readonly projectId: string;
  readonly keyIds: number[];
  readonly edits: OutboxEdit[];
}

/** Groups edits by project, then into batches of at most `size` distinct keys, keeping commit order within each. */
function batches(edits: readonly OutboxEdit[], size: number): Batch[] {
  const byProject = new Map<string, OutboxEdit[]>();
  for (const edit of edits) byProject.set(edit.projectId, [...(byProject.get(edit.projectId) ?? []), edit]);
  const result: Batch[] = [];
  for (const [projectId, projectEdits] of byProject) {
    let batch: Batch = { projectId, keyIds: [], edits: [] };
    const keys = new Set<number>();
    for (const edit of projectEdits) {
      if (!keys.has(edit.keyId) && batch.keyIds.length >= size) {
        result.push(batch);
        batch = { projectId, keyIds: [], edits: [] };
        keys.clear();
      }
      if (!keys.has(edit.keyId)) {
        keys.add(edit.keyId);
        batch.keyIds.push(edit.keyId);
      }
      batch.edits.push(edit);
    }
    if (batch.edits.length > 0) result.push(batch);
  }
  return result;
}
