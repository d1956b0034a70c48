import { useEffect, useState } from 'react';

/** A value the core owns: a call that reads it now, and a subscription to the events that carry its changes. */
export interface CoreValueSource<T> {
  /** Reads the current value (e.g. `api().sync.status()`). */
  readonly read: () => Promise<T>;
  /** Follows changes (e.g. `api().sync.onProgress`); returns the function that stops following. */
  readonly follow: (listener: (value: T) => void) => () => void;
}

/**
 * The current value of `source`, or null until the first answer: read once, then kept current from its events.
 *
 * The subscription starts before the read, so no change can fall between the two. An event is always newer than a
 * read that was still on its way when the event came, so once an event has arrived a late read answer is dropped
 * rather than allowed to roll the value back. Unmounting stops the subscription and drops any answer still on its
 * way. A read that fails leaves the value as it is (null until an event brings one): the surfaces that show these
 * values treat null as "not known yet", and the failure itself is not the user's action to report.
 *
 * Pass a source defined once at module level: a new object on every render would subscribe again each time.
 */
export function useCoreValue<T>(source: CoreValueSource<T>): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    let eventSeen = false;
    const stop = source.follow((next) => {
      if (!live) return;
      eventSeen = true;
      setValue(next);
    });
    source.read().then(
      (initial) => {
        if (live && !eventSeen) setValue(initial);
      },
      () => undefined,
    );
    return () => {
      live = false;
      stop();
    };
  }, [source]);
  return value;
}
