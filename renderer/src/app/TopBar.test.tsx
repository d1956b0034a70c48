import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { online, productionInfo, signedIn, signedOut } from '../../../test/support/renderer/fake-api';
import { TopBar } from './TopBar';

const fake = freshFakeApiForEachTest();

const offline = { online: false, message: 'Lokalise cannot be reached: no network.', checkedAt: 5 };
/** Calls that change something (the dialogs read the edit count with `edits.summary` when they open). */
const actions = (): string[] => fake().calls.map((call) => call.name).filter((name) => name !== 'edits.summary');
const offlineBadge = (): HTMLElement | undefined => screen.queryAllByRole('status').find((element) => element.textContent.startsWith('Offline'));

describe('TopBar', () => {
  it('shows no offline badge when signed in and online', () => {
    render(<TopBar auth={signedIn} info={productionInfo} connectivity={online} onRetry={vi.fn()} />);
    expect(offlineBadge()).toBeUndefined();
  });

  it('shows the offline badge with the reason when Lokalise is unreachable, and offers to try again', () => {
    const retry = vi.fn();
    render(<TopBar auth={signedIn} info={productionInfo} connectivity={offline} onRetry={retry} />);
    expect(offlineBadge()?.textContent).toContain('Lokalise cannot be reached: no network.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledOnce();
  });

  it('shows the offline badge when there is no session, even with a network', () => {
    render(<TopBar auth={{ ...signedOut, reason: 'sessionExpired' }} info={productionInfo} connectivity={online} onRetry={vi.fn()} />);
    expect(offlineBadge()?.textContent).toContain('Not signed in');
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('marks demo mode', () => {
    render(<TopBar auth={signedIn} info={{ ...productionInfo, mode: 'demo' }} connectivity={online} onRetry={vi.fn()} />);
    expect(screen.getByText('Demo data')).toBeTruthy();
  });

  it('signs out only after confirmation', async () => {
    render(<TopBar auth={signedIn} info={productionInfo} connectivity={online} onRetry={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Sign out of Lokalise?' });
    expect(actions()).toEqual([]);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(actions()).toEqual(['auth.signOut']));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('does nothing when the sign-out confirmation is cancelled or dismissed with Escape', () => {
    render(<TopBar auth={signedIn} info={productionInfo} connectivity={online} onRetry={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(actions()).toEqual([]);
  });

  it('forgets offline data only after its own confirmation', async () => {
    render(<TopBar auth={signedIn} info={productionInfo} connectivity={online} onRetry={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Forget offline data' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Forget all offline data?' });
    expect(dialog.textContent).toContain('You stay signed in');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(actions()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Forget offline data' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Forget offline data' }));
    await waitFor(() => expect(actions()).toEqual(['library.forget']));
  });

  it('offers forgetting offline data while signed out, without promising a session', () => {
    render(<TopBar auth={signedOut} info={productionInfo} connectivity={online} onRetry={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Forget offline data' }));
    expect(screen.getByRole('alertdialog').textContent).not.toContain('You stay signed in');
  });

  it('shows why a confirmed action failed', async () => {
    fake().respond('library.forget', Object.assign(new Error('The library is in use by a running sync.'), { code: 'store.busy' }));
    render(<TopBar auth={signedIn} info={productionInfo} connectivity={online} onRetry={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Forget offline data' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Forget offline data' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The library is in use by a running sync.');
  });
});
