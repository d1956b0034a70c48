/**
 * Typed fan-out of the contract's events from core services to whoever listens (the IPC edge, the test harness).
 *
 * Services emit through one bus rather than holding references to windows, so the core never knows whether a
 * renderer, a Playwright page or nobody at all is listening.
 */
import type { EventPayloads } from '../../common/contract';

/** One event named in the contract, with its payload. */
export type CoreEvent = {
  [D in keyof EventPayloads]: {
    [E in keyof EventPayloads[D]]: { domain: D; name: E; payload: EventPayloads[D][E] };
  }[keyof EventPayloads[D]];
}[keyof EventPayloads];

/** Receives every event the core emits. */
export type CoreEventListener = (event: CoreEvent) => void;

/** A minimal synchronous event bus; a throwing listener cannot stop delivery to the others. */
export class EventBus {
  private readonly listeners = new Set<CoreEventListener>();

  /** Delivers `event` to every current listener. */
  public emit(event: CoreEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener (e.g. a closed window) must not break the service that emitted.
      }
    }
  }

  /** Adds a listener and returns the function that removes it. */
  public subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
