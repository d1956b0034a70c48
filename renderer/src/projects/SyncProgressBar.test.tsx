import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncProgress } from '../../../common/contract';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { idleProgress } from '../../../test/support/renderer/fake-api';
import { retryNotice, SyncProgressBar } from './SyncProgressBar';

freshFakeApiForEachTest();
afterEach(() => {
  vi.useRealTimers();
});

const running: SyncProgress = { ...idleProgress, status: 'running', projectName: 'Acme Mobile App', projectIndex: 1, projectCount: 1, phase: 'keys', done: 1500, total: 5000, requests: 9 };

describe('SyncProgressBar while Lokalise makes it wait', () => {
  it('says Lokalise is limiting requests and counts down to the next try', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    render(<SyncProgressBar progress={{ ...running, retry: { reason: 'rateLimited', at: 1_000_000 + 12_000 } }} />);
    expect(screen.getByText('Lokalise is limiting requests; retrying in 12 s')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(screen.getByText('Lokalise is limiting requests; retrying in 9 s')).toBeTruthy();
    expect(screen.getByText(/1,500 \/ 5,000/)).toBeTruthy();
  });

  it.each([
    ['notAnswering', 'Lokalise is not answering; retrying in 4 s'],
    ['unreachable', 'Lokalise cannot be reached; retrying in 4 s'],
    ['serverTrouble', 'Lokalise is having a problem; retrying in 4 s'],
  ] as const)('names the %s wait in words', (reason, text) => {
    expect(retryNotice({ reason, at: 5000 }, 1000)).toBe(text);
    expect(retryNotice({ reason, at: 5000 }, 5200)).toMatch(/retrying now$/);
  });

  it('shows no wait line when nothing waits', () => {
    render(<SyncProgressBar progress={running} />);
    expect(screen.queryByText(/retrying/)).toBeNull();
  });
});
