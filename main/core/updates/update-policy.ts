/**
 * The update rules that need no clock and no network: whether updates are on at all, whether a release the feed
 * offers should be taken, and how long to wait after a failed check. Kept pure so each rule is tested on its own.
 */
import { gt, lt, parse, prerelease } from 'semver';
import type { UpdateState } from '../../../common/contract';
import type { FeedRelease } from './update-feed';

/** When checks happen. Start: shortly after launch, out of the way of startup; then every few hours. */
export interface UpdateTimings {
  readonly firstCheckDelayMs: number;
  readonly checkIntervalMs: number;
  /** The wait after the first failed check; it doubles with each failure, up to `checkIntervalMs`. */
  readonly firstRetryDelayMs: number;
}

/** The production timings. */
export const defaultUpdateTimings: UpdateTimings = {
  firstCheckDelayMs: 20_000,
  checkIntervalMs: 4 * 60 * 60 * 1000,
  firstRetryDelayMs: 15 * 60 * 1000,
};

/** How long to wait before the next check after `failures` failed checks in a row (at least one). */
export function retryDelay(failures: number, timings: UpdateTimings = defaultUpdateTimings): number {
  const exponent = Math.max(0, Math.min(failures - 1, 20));
  return Math.min(timings.firstRetryDelayMs * 2 ** exponent, timings.checkIntervalMs);
}

/** Why automatic updates are off, in order of precedence, or null when they are on. */
export function disabledReason(facts: {
  readonly mode: 'production' | 'demo' | 'development';
  readonly automaticUpdates: boolean;
  readonly supported: boolean;
}): NonNullable<UpdateState['disabledReason']> | null {
  if (facts.mode === 'demo') return 'demo';
  if (facts.mode === 'development') return 'development';
  if (!facts.supported) return 'unsupported';
  if (!facts.automaticUpdates) return 'setting';
  return null;
}

/** Whether to take a release, or why not. */
export type Verdict =
  | { readonly take: true }
  | { readonly take: false; readonly reason: 'same' | 'older' | 'prerelease' | 'invalid' };

/**
 * Takes a release only when it is newer than the running version. Prereleases (`1.2.0-beta.1`) are the beta channel:
 * offered only to installations that already run a prerelease, as electron-updater's own default does, so a
 * translator on a stable version is never moved onto a beta.
 */
export function judgeRelease(currentVersion: string, release: FeedRelease): Verdict {
  const current = parse(currentVersion);
  const offered = parse(release.version);
  if (current === null || offered === null) return { take: false, reason: 'invalid' };
  if (prerelease(offered) !== null && prerelease(current) === null) return { take: false, reason: 'prerelease' };
  if (gt(offered, current)) return { take: true };
  return { take: false, reason: lt(offered, current) ? 'older' : 'same' };
}

/** The sentence the status line shows for each status. */
export function describeUpdate(state: Omit<UpdateState, 'message'>, unsupportedReason: string | null): string {
  switch (state.status) {
    case 'disabled':
      if (state.disabledReason === 'demo') return 'Updates are off in the demo.';
      if (state.disabledReason === 'development') return 'Updates are off in development runs.';
      if (state.disabledReason === 'unsupported') return unsupportedReason ?? 'This copy of Locdesk cannot update itself.';
      return 'Automatic updates are off.';
    case 'idle':
      return state.lastCheckedAt === null ? `Locdesk ${state.currentVersion}.` : `Locdesk ${state.currentVersion} is up to date.`;
    case 'checking':
      return 'Checking for updates…';
    case 'downloading':
      return `Downloading Locdesk ${state.availableVersion ?? ''}${state.downloadPercent === null ? '' : ` (${Math.round(state.downloadPercent)}%)`}…`;
    case 'ready':
      return state.restartPending
        ? `Locdesk ${state.availableVersion ?? ''} installs as soon as the running sync has finished.`
        : `Update ready — restart to use Locdesk ${state.availableVersion ?? ''}. It also installs when you quit.`;
    case 'failed':
      return 'Locdesk could not check for updates; it will try again later.';
  }
}
