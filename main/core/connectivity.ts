/**
 * Whether Lokalise is reachable, as the window shows it.
 *
 * Three sources feed it: the outcome of every real request (a network failure or 15 s of silence marks it offline,
 * any answer online), the operating system's network signal, and the reachability checks of `reachability.ts`,
 * which look for Lokalise while nothing else does. Browsing the library works either way; what changes is that
 * the window says so at once and keeps sync and push from failing in the translator's face.
 */
import type { Connectivity } from '../../common/contract';
import type { EventBus } from './event-bus';

/** Tracks reachability and emits `app.onConnectivityChanged` when anything the window shows changes. */
export class ConnectivityTracker {
  private current: Connectivity;
  private heardAt: number;
  private readonly listeners = new Set<(online: boolean) => void>();

  public constructor(
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
  ) {
    this.current = { online: true, message: null, checkedAt: now(), nextCheckAt: null, syncWaiting: false };
    this.heardAt = this.current.checkedAt;
  }

  /** The latest known state. */
  public get(): Connectivity {
    return this.current;
  }

  /** When Lokalise last answered anything (start-up counts, so the first check waits a full interval). */
  public lastHeardAt(): number {
    return this.heardAt;
  }

  /** Records a successful exchange with Lokalise. */
  public reportOnline(): void {
    this.heardAt = this.now();
    this.set({ online: true, message: null, nextCheckAt: null });
  }

  /** Records a failure to reach Lokalise, with a sentence for the banner and the badge's tooltip. */
  public reportOffline(message: string): void {
    this.set({ online: false, message });
  }

  /** While offline, when the next check is due (null: waiting for the OS to report a network). */
  public setNextCheck(at: number | null): void {
    if (!this.current.online) this.set({ nextCheckAt: at });
  }

  /** Whether a sync asked for while offline is waiting for the connection. */
  public setSyncWaiting(waiting: boolean): void {
    this.set({ syncWaiting: waiting });
  }

  /** Calls `listener` with the new reachability each time it flips; returns the function that stops it. */
  public onFlip(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(change: Partial<Connectivity>): void {
    const next: Connectivity = { ...this.current, ...change, checkedAt: this.now() };
    const flipped = next.online !== this.current.online;
    const changed = flipped || next.message !== this.current.message || next.nextCheckAt !== this.current.nextCheckAt || next.syncWaiting !== this.current.syncWaiting;
    this.current = next;
    if (!changed) return;
    this.events.emit({ domain: 'app', name: 'onConnectivityChanged', payload: this.current });
    if (flipped) for (const listener of [...this.listeners]) listener(next.online);
  }
}
