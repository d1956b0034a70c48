import { describe, expect, it } from 'vitest';
import type { FeedRelease } from './update-feed';
import { defaultUpdateTimings, describeUpdate, disabledReason, judgeRelease, retryDelay } from './update-policy';

const release = (version: string): FeedRelease => ({ version, releaseDate: null, files: [{ url: 'x', sha512: 'y', size: 1 }] });

describe('judgeRelease', () => {
  it('takes only a newer version', () => {
    expect(judgeRelease('0.1.0', release('0.2.0'))).toEqual({ take: true });
    expect(judgeRelease('0.2.0', release('0.2.0'))).toEqual({ take: false, reason: 'same' });
    expect(judgeRelease('0.3.0', release('0.2.0'))).toEqual({ take: false, reason: 'older' });
  });

  it('keeps stable installations off prereleases, and moves beta installations along their channel', () => {
    expect(judgeRelease('0.1.0', release('0.2.0-beta.1'))).toEqual({ take: false, reason: 'prerelease' });
    expect(judgeRelease('0.2.0-beta.1', release('0.2.0-beta.2'))).toEqual({ take: true });
    expect(judgeRelease('0.2.0-beta.2', release('0.2.0'))).toEqual({ take: true });
  });

  it('refuses versions that are not semver', () => {
    expect(judgeRelease('0.1.0', release('latest'))).toEqual({ take: false, reason: 'invalid' });
  });
});

describe('disabledReason', () => {
  it('is off in the demo and in development whatever the setting says', () => {
    expect(disabledReason({ mode: 'demo', automaticUpdates: true, supported: true })).toBe('demo');
    expect(disabledReason({ mode: 'development', automaticUpdates: true, supported: true })).toBe('development');
  });

  it('is off where the build cannot update itself, then where the user turned it off', () => {
    expect(disabledReason({ mode: 'production', automaticUpdates: true, supported: false })).toBe('unsupported');
    expect(disabledReason({ mode: 'production', automaticUpdates: false, supported: true })).toBe('setting');
    expect(disabledReason({ mode: 'production', automaticUpdates: true, supported: true })).toBeNull();
  });
});

describe('retryDelay', () => {
  it('doubles from the first retry delay up to the regular interval', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 50].map((failures) => retryDelay(failures) / 60_000);
    expect(minutes).toEqual([15, 30, 60, 120, 240, 240, 240]);
    expect(retryDelay(5)).toBe(defaultUpdateTimings.checkIntervalMs);
  });
});

describe('describeUpdate', () => {
  const base = { status: 'ready', disabledReason: null, currentVersion: '0.1.0', availableVersion: '0.2.0', downloadPercent: 100, restartPending: false, lastCheckedAt: 1 } as const;

  it('says an update is ready and that quitting installs it', () => {
    expect(describeUpdate(base, null)).toBe('Update ready — restart to use Locdesk 0.2.0. It also installs when you quit.');
  });

  it('says a restart waits for the sync', () => {
    expect(describeUpdate({ ...base, restartPending: true }, null)).toContain('as soon as the running sync has finished');
  });

  it('gives the build’s own reason when it cannot update itself', () => {
    expect(describeUpdate({ ...base, status: 'disabled', disabledReason: 'unsupported' }, 'Run the AppImage to get updates.')).toBe('Run the AppImage to get updates.');
  });
});
