/**
 * Whether the core is doing work that must not be cut short by a restart: today a sync, tomorrow a push of a
 * translator's edits. The updater reads it so that it never checks, downloads or restarts while such work runs.
 *
 * Work is named ("sync", "push"), so two overlapping jobs keep the signal busy until both are done. The push engine
 * joins by calling `hold('push')` when it starts sending edits and the returned release when it stops, whatever the
 * outcome (its pending edits stay in the local store either way; this only keeps a restart from interrupting a send).
 */

/** Receives the new value each time the signal turns busy or idle. */
export type BusyListener = (busy: boolean) => void;

/** A named, counted "busy" flag with change notifications. */
export class BusySignal {
  private readonly holders = new Map<string, number>();
  private readonly listeners = new Set<BusyListener>();

  /** True while any work holds the signal. */
  public isBusy(): boolean {
    return this.holders.size > 0;
  }

  /** The names of the work holding the signal now, for logs. */
  public reasons(): string[] {
    return [...this.holders.keys()];
  }

  /**
   * Marks `work` as running until the returned function is called. Holds nest: the same name held twice stays busy
   * until both are released. Calling a release twice releases once.
   */
  public hold(work: string): () => void {
    const wasBusy = this.isBusy();
    this.holders.set(work, (this.holders.get(work) ?? 0) + 1);
    this.notifyIf(wasBusy);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const before = this.isBusy();
      const count = (this.holders.get(work) ?? 1) - 1;
      if (count <= 0) this.holders.delete(work);
      else this.holders.set(work, count);
      this.notifyIf(before);
    };
  }

  /**
   * Level-triggered form for sources that report a status rather than start and end (the sync's progress events):
   * `active` true holds `work` once, false releases every hold of it.
   */
  public set(work: string, active: boolean): void {
    const wasBusy = this.isBusy();
    if (active) this.holders.set(work, Math.max(1, this.holders.get(work) ?? 0));
    else this.holders.delete(work);
    this.notifyIf(wasBusy);
  }

  /** Adds a listener and returns the function that removes it. */
  public onChange(listener: BusyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notifyIf(wasBusy: boolean): void {
    const busy = this.isBusy();
    if (busy === wasBusy) return;
    for (const listener of [...this.listeners]) listener(busy);
  }
}
