import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { makeCounts, makePush } from '../../../test/support/renderer/edit-fixtures';
import { pushBlockedReason } from './EditsShell';
import { PushBar } from './PushBar';

const fake = freshFakeApiForEachTest();
const bar = (): HTMLElement => screen.getByRole('region', { name: 'Changes to push' });

describe('PushBar', () => {
  it('stays out of the way while nothing is pending', () => {
    const { container } = render(<PushBar counts={makeCounts({})} push={makePush()} blockedReason={null} onReview={vi.fn()} />);
    expect(container.innerHTML).toBe('');
  });

  it('offers "Push N changes" and pushes every project', async () => {
    render(<PushBar counts={makeCounts({ pending: 3 })} push={makePush()} blockedReason={null} onReview={vi.fn()} />);
    expect(within(bar()).getByRole('status').textContent).toBe('3 changes saved on this computer, not pushed yet.');
    fireEvent.click(within(bar()).getByRole('button', { name: 'Push 3 changes' }));
    await waitFor(() => expect(fake().argumentsOf('edits.push')).toEqual([[null, null]]));
  });

  it('is disabled with the reason while offline', () => {
    render(<PushBar counts={makeCounts({ pending: 1 })} push={makePush()} blockedReason={pushBlockedReason(true, { online: false, message: null, checkedAt: 0 })} onReview={vi.fn()} />);
    const button = within(bar()).getByRole<HTMLButtonElement>('button', { name: 'Push 1 change' });
    expect(button.disabled).toBe(true);
    expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/^Offline: your changes stay saved/);
    expect(pushBlockedReason(false, null)).toMatch(/^Sign in to push/);
    expect(pushBlockedReason(true, { online: true, message: null, checkedAt: 0 })).toBeNull();
  });

  it('shows progress with a cancel button while pushing, and why it waits', async () => {
    render(
      <PushBar
        counts={makeCounts({ pending: 30, pushing: 10 })}
        push={makePush({ status: 'running', done: 12, total: 40, retry: { reason: 'rateLimited', at: Date.UTC(2026, 0, 1, 12) } })}
        blockedReason={null}
        onReview={vi.fn()}
      />,
    );
    expect(within(bar()).getByRole('status').textContent).toMatch(/^Pushing 12 of 40 changes… Lokalise asked to slow down; trying again at/);
    expect(within(bar()).getByRole('progressbar', { name: 'Push progress' }).getAttribute('aria-valuenow')).toBe('12');
    expect(within(bar()).queryByRole('button', { name: /^Push / })).toBeNull();
    fireEvent.click(within(bar()).getByRole('button', { name: 'Cancel push' }));
    await waitFor(() => expect(fake().argumentsOf('edits.cancelPush')).toHaveLength(1));
  });

  it('reports the last push and leads to the edits that need the translator', () => {
    const onReview = vi.fn();
    render(<PushBar counts={makeCounts({ conflict: 2, held: 1 })} push={makePush({ status: 'done', total: 10, done: 10, pushed: 6, alreadyThere: 1, conflicts: 2, held: 1, warnings: 2 })} blockedReason={null} onReview={onReview} />);
    expect(within(bar()).getByRole('status').textContent).toBe('Last push: 6 changes pushed · 1 already on Lokalise · 2 conflicts · 1 held by QA · 2 pushed with QA warnings.');
    fireEvent.click(within(bar()).getByRole('button', { name: 'Review 3 changes that need you' }));
    expect(onReview).toHaveBeenCalledOnce();
  });

  it('says why a push could not start', async () => {
    fake().respond('edits.push', Object.assign(new Error('Lokalise cannot be reached. Your edits stay saved here.'), { code: 'network.offline' }));
    render(<PushBar counts={makeCounts({ pending: 2 })} push={makePush()} blockedReason={null} onReview={vi.fn()} />);
    fireEvent.click(within(bar()).getByRole('button', { name: 'Push 2 changes' }));
    expect((await within(bar()).findByRole('alert')).textContent).toBe('Lokalise cannot be reached. Your edits stay saved here.');
  });
});

describe('PushBar: a push refused at once', () => {
  it('shows why from the answer, since no progress event follows', async () => {
    fake().respond('edits.push', makePush({ status: 'failed', errorCode: 'edits.unavailable', message: 'Pushing is not available in this build yet; your edits are kept.' }));
    render(<PushBar counts={makeCounts({ pending: 1 })} push={makePush()} blockedReason={null} onReview={vi.fn()} />);
    fireEvent.click(within(bar()).getByRole('button', { name: 'Push 1 change' }));
    expect((await within(bar()).findByRole('alert')).textContent).toBe('Pushing is not available in this build yet; your edits are kept.');
  });
});
