/**
 * Forwards the core's events to the app window.
 *
 * Each payload is parsed against the contract before it is sent, so a service that put an extra field on an event
 * (a token, a raw response) cannot push it to the renderer: the strict schema refuses it and the event is dropped
 * and logged instead.
 */
import { eventMessage } from '../core/dispatch';
import type { EventBus } from '../core/event-bus';
import type { Logger } from '../core/log';

/** The part of a `WebContents` events are sent through. */
export interface EventReceiver {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/**
 * Subscribes to `bus` and sends every valid event to the receiver `target()` returns at that moment (null while
 * there is no window). Returns the unsubscribe function.
 */
export function forwardEvents(bus: EventBus, target: () => EventReceiver | null, logger: Logger): () => void {
  return bus.subscribe((event) => {
    let message: { channel: string; payload: unknown };
    try {
      message = eventMessage(event);
    } catch {
      logger.error('Dropped an event that does not match the contract', { event: `${event.domain}.${event.name}` });
      return;
    }
    const receiver = target();
    if (receiver === null || receiver.isDestroyed()) return;
    receiver.send(message.channel, message.payload);
  });
}
