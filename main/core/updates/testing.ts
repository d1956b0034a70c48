/**
 * Test helpers for the update logic: a clock that moves only when told, and an installer that records what it was
 * asked and finishes downloads when the test says so.
 */
import type { Scheduler, UpdateInstaller } from './ports';

/** A scheduler on virtual time: `advance` runs every task that falls due, in order. */
export class ManualScheduler implements Scheduler {
  private time = 0;
  private readonly tasks: { at: number; task: () => void; cancelled: boolean }[] = [];

  public now(): number {
    return this.time;
  }

  public schedule(delayMs: number, task: () => void): () => void {
    const entry = { at: this.time + delayMs, task, cancelled: false };
    this.tasks.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Delays of the tasks still pending, from now. */
  public pending(): number[] {
    return this.tasks.filter((entry) => !entry.cancelled).map((entry) => entry.at - this.time);
  }

  /** Moves time forward by `ms`, running each task that falls due (tasks may schedule more). */
  public advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.tasks.filter((entry) => !entry.cancelled && entry.at <= end).sort((a, b) => a.at - b.at)[0];
      if (next === undefined) break;
      next.cancelled = true;
      this.time = next.at;
      next.task();
    }
    this.time = end;
  }
}

/** An installer that records calls; downloads finish (or fail) when the test calls `finish`. */
export class RecordingInstaller implements UpdateInstaller {
  public readonly downloads: string[] = [];
  public readonly installOnQuit: boolean[] = [];
  public restarts = 0;
  private pending: { resolve: () => void; reject: (error: Error) => void; progress: (percent: number) => void } | null = null;

  public download(version: string, onProgress: (percent: number) => void): Promise<void> {
    this.downloads.push(version);
    return new Promise<void>((resolve, reject) => {
      this.pending = { resolve, reject, progress: onProgress };
    });
  }

  /** Reports progress of the running download. */
  public progress(percent: number): void {
    this.pending?.progress(percent);
  }

  /** Completes the running download, or fails it with `error`. */
  public finish(error?: Error): void {
    const pending = this.pending;
    this.pending = null;
    if (pending === null) throw new Error('No download is running.');
    if (error === undefined) pending.resolve();
    else pending.reject(error);
  }

  public setInstallOnQuit(enabled: boolean): void {
    this.installOnQuit.push(enabled);
  }

  public restartAndInstall(): void {
    this.restarts += 1;
  }
}
