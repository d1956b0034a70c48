/**
 * A clock and timers that move only when a test says so, for code that takes the core's `Timers` port and a `now`
 * function: a test steps time forward and sees exactly which timers fired.
 */
import type { Timers } from '../../main/core/ports';

/** Fake time (`now`, in ms) with the timers set against it. */
export class ManualClock implements Timers {
  public now = 1_000_000;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 0;

  public set(callback: () => void, delayMs: number): () => void {
    const id = ++this.nextId;
    this.timers.push({ at: this.now + delayMs, callback, id });
    return () => {
      this.timers = this.timers.filter((timer) => timer.id !== id);
    };
  }

  /** How many timers are waiting to fire. */
  public get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers in order and letting their promises settle. */
  public async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.now = Math.max(this.now, due.at);
      due.callback();
    }
    this.now = end;
    await settle();
  }
}

/** Lets pending promise callbacks and immediates run. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) await new Promise((resolve) => setImmediate(resolve));
}
