/**
 * When the outbox's WAL is copied into its database file. The connection never checkpoints by itself
 * (`wal_autocheckpoint = 0`, see outbox-database.ts), so a commit never pays for a checkpoint's extra writes and
 * syncs; this runs one after the commits have answered: in the next turn once a burst has written `every`
 * transactions, or when writing pauses for `idleMs`.
 *
 * Why checkpoint at all, then: after a full checkpoint the next transaction writes the WAL from its start again,
 * over blocks the file already has, and syncing a write that does not grow a file is several times cheaper than
 * syncing one that does. The commit's own sync, which makes the edit durable, is the one cost left on its path.
 */
import type { OutboxConnection } from './outbox-database';

/** Transactions after which a burst's WAL is checkpointed in the next turn (about 4 pages each: a WAL near 1 MB). */
const defaultEvery = 64;
/** How long writing must pause before what was written is checkpointed. */
const defaultIdleMs = 250;

/** Schedules the outbox's checkpoints after its writes. */
export class OutboxCheckpoint {
  private written = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  public constructor(
    private readonly connection: OutboxConnection,
    private readonly every = defaultEvery,
    private readonly idleMs = defaultIdleMs,
  ) {}

  /** Notes a written transaction and schedules the checkpoint after it (never inside the caller's turn). */
  public wrote(): void {
    this.written += 1;
    this.cancel();
    this.timer = setTimeout(() => this.runQuietly(), this.written >= this.every ? 0 : this.idleMs);
    // A pending checkpoint never keeps a process alive; closing the connection checkpoints anyway.
    this.timer.unref();
  }

  /** Copies the WAL into the database file now. PASSIVE: it never waits; what it cannot copy stays in the WAL. */
  public run(): void {
    this.cancel();
    this.written = 0;
    if (this.connection.open) this.connection.exec('PRAGMA wal_checkpoint(PASSIVE)');
  }

  /** Drops a scheduled checkpoint (before the connection closes). */
  public cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private runQuietly(): void {
    try {
      this.run();
    } catch {
      // A checkpoint that cannot run now (the disk is full, say) leaves the WAL as it is: every edit is in it, durable.
    }
  }
}
