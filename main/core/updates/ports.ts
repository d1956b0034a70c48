/**
 * What the update logic needs from outside the core: the installer (electron-updater, behind an adapter in
 * `main/platform/`), the facts of this build, and a clock. Tests pass a recording installer and a manual clock.
 */

/** Downloads and installs one update; the platform adapter implements it with electron-updater. */
export interface UpdateInstaller {
  /**
   * Downloads `version` in the background and verifies it (electron-updater checks the SHA-512 the feed lists).
   * Resolves once it is ready to install; rejects when the download fails or the feed no longer offers `version`.
   */
  download(version: string, onProgress: (percent: number) => void): Promise<void>;
  /** Whether a downloaded update installs when the app quits. */
  setInstallOnQuit(enabled: boolean): void;
  /** Quits the app and installs the downloaded update (the normal quit path still closes the core first). */
  restartAndInstall(): void;
}

/** The facts of this build that decide whether and where it can update itself. */
export interface UpdateEdge {
  /** The folder URL where the release's `latest*.yml` files live; null for a build made without one. */
  readonly feedUrl: string | null;
  /** Why this installation cannot replace itself (an unpackaged run, a Linux folder build), or null. */
  readonly unsupportedReason: string | null;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  readonly installer: UpdateInstaller;
  /** Defaults to real time; tests pass a manual clock. */
  readonly scheduler?: Scheduler;
}

/** Time as the update logic sees it. */
export interface Scheduler {
  now(): number;
  /** Runs `task` after `delayMs`; returns the function that cancels it. */
  schedule(delayMs: number, task: () => void): () => void;
}

/** Wall-clock time; timers are unref'd so a pending check never keeps the process alive. */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  schedule: (delayMs, task) => {
    const timer = setTimeout(task, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
