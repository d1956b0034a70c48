/**
 * Whether Lokalise is reachable, as learnt from the outcomes of real requests rather than from a ping.
 *
 * The renderer shows an offline badge from this; browsing the library works either way. A network failure marks
 * the app offline, and the next successful request marks it online again.
 */
import type { Connectivity } from '../../common/contract';
import type { EventBus } from './event-bus';

/** Tracks reachability and emits `app.onConnectivityChanged` when it flips. */
export class ConnectivityTracker {
  private current: Connectivity;

  public constructor(
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
  ) {
    this.current = { online: true, message: null, checkedAt: now() };
  }

  /** The latest known state. */
  public get(): Connectivity {
    return this.current;
  }

  /** Records a successful exchange with Lokalise. */
  public reportOnline(): void {
    this.set(true, null);
  }

  /** Records a failure to reach Lokalise, with a sentence for the badge's tooltip. */
  public reportOffline(message: string): void {
    this.set(false, message);
  }

  private set(online: boolean, message: string | null): void {
    const changed = online !== this.current.online || message !== this.current.message;
    this.current = { online, message, checkedAt: this.now() };
    if (changed) this.events.emit({ domain: 'app', name: 'onConnectivityChanged', payload: this.current });
  }
}
