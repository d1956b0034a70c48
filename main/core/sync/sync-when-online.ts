/**
 * A sync asked for while Lokalise is unreachable waits for the connection instead of failing.
 *
 * Starting it anyway would show progress, then a failure, for something the window already knows (issue 18): so
 * the request is kept, the window says a sync is waiting, and it starts by itself as soon as Lokalise answers
 * again. Requests made while one waits are merged: "all projects" absorbs any list, lists are joined, and a full
 * resync wins over an incremental one.
 */
import type { SyncProgress } from '../../../common/contract';
import { idleSyncProgress } from './sync-engine';

/** What the queue starts syncs with and learns reachability from. */
export interface SyncWhenOnlineDependencies {
  readonly isOnline: () => boolean;
  /** Starts a sync now (SyncEngine.start through the keeper); `projectIds` null means every kept project. */
  readonly start: (projectIds: string[] | null, full: boolean) => SyncProgress;
  /** Told whenever a sync starts or stops waiting, so the window can say so. */
  readonly onWaitingChanged: (waiting: boolean) => void;
}

/** The sentence a waiting sync answers with. */
export const waitingMessage = 'Lokalise cannot be reached right now. The sync starts by itself when it is reachable again.';

interface Waiting {
  projectIds: string[] | null;
  full: boolean;
}

/** Starts syncs at once when online, and keeps one merged request for later when not. */
export class SyncWhenOnline {
  private waiting: Waiting | null = null;

  public constructor(private readonly dependencies: SyncWhenOnlineDependencies) {}

  /** Starts the sync, or keeps it for when Lokalise is reachable again. */
  public request(projectIds: string[] | null, full = false): SyncProgress {
    if (this.dependencies.isOnline()) return this.dependencies.start(projectIds, full);
    const before = this.waiting;
    this.waiting = before === null ? { projectIds: projectIds === null ? null : [...projectIds], full } : merge(before, projectIds, full);
    if (before === null) this.dependencies.onWaitingChanged(true);
    return { ...idleSyncProgress, message: waitingMessage };
  }

  /**
   * A running sync lost the connection: keeps the projects it had not finished for when Lokalise answers again.
   * Only while main already knows Lokalise is unreachable (a failed request reports it): otherwise nothing would ever
   * say the connection came back, so the sync fails as usual and the translator can start it again. Answers whether
   * the projects were kept.
   */
  public resumeWhenOnline(projectIds: string[], full: boolean): boolean {
    if (this.dependencies.isOnline()) return false;
    this.request(projectIds, full);
    return true;
  }

  /** Whether a sync is waiting. */
  public isWaiting(): boolean {
    return this.waiting !== null;
  }

  /** Forgets the waiting sync (sign-out, a cancel): nothing will start by itself. */
  public drop(): void {
    if (this.waiting === null) return;
    this.waiting = null;
    this.dependencies.onWaitingChanged(false);
  }

  /** Lokalise answered again: starts the waiting sync, if any. */
  public cameOnline(): void {
    const waiting = this.waiting;
    if (waiting === null) return;
    this.waiting = null;
    this.dependencies.onWaitingChanged(false);
    this.dependencies.start(waiting.projectIds, waiting.full);
  }
}

function merge(before: Waiting, projectIds: string[] | null, full: boolean): Waiting {
  const all = before.projectIds === null || projectIds === null;
  return { projectIds: all ? null : [...new Set([...before.projectIds ?? [], ...projectIds])], full: before.full || full };
}
