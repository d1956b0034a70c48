/**
 * Pushes edits to Lokalise with a 3-way check. (First milestone: the interface; the engine follows.)
 */
import type { PushStatus, TranslationSnapshot } from '../../../common/contract';
import { idlePushStatus } from '../../../common/contract';
import type { OutboxEdit } from './outbox';

/** The push engine. */
export class PushEngine {
  private current: PushStatus = idlePushStatus;
  /** The edits of the last request (the engine that follows pushes them). */
  public requested: readonly number[] | null = null;
  /** Copies waiting for the library (the engine that follows applies them). */
  public readonly toApply: { edit: OutboxEdit; snapshot: TranslationSnapshot }[] = [];

  /** Starts a background push; answers the status right away. */
  public start(projectId: string | null, editIds: readonly number[] | null): PushStatus {
    this.requested = editIds;
    this.current = { ...idlePushStatus, projectId, status: 'failed', errorCode: 'edits.unavailable', message: 'Pushing is not available in this build yet; your edits are kept.' };
    return this.current;
  }

  /** Cancels a running push. */
  public cancel(): PushStatus {
    return this.current;
  }

  /** Where the push stands. */
  public status(): PushStatus {
    return this.current;
  }

  /** Called after a commit or a resolution, for auto-push. */
  public edited(): void {
    // Auto-push arrives with the engine.
  }

  /** Writes the server's copy of a translation into the library. */
  public applyToLibrary(edit: OutboxEdit, snapshot: TranslationSnapshot): void {
    this.toApply.push({ edit, snapshot });
  }

  /** Resolves when no push runs. */
  public whenIdle(): Promise<void> {
    return Promise.resolve();
  }
}
