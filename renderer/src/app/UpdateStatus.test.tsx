import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../common/contract';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { idleUpdate } from '../../../test/support/renderer/fake-api';
import { UpdateStatus } from './UpdateStatus';

const fake = freshFakeApiForEachTest();

const ready: UpdateState = {
  ...idleUpdate,
  status: 'ready',
  availableVersion: '0.2.0',
  downloadPercent: 100,
  lastCheckedAt: 1,
  message: 'Update ready — restart to use Locdesk 0.2.0. It also installs when you quit.',
};

describe('UpdateStatus', () => {
  it('stays quiet while nothing is ready: a status sentence, no button', async () => {
    fake().respond('app.updateState', { ...idleUpdate, lastCheckedAt: 1, message: 'Locdesk 0.1.0 is up to date.' });
    render(<UpdateStatus />);
    expect((await screen.findByRole('status')).textContent).toBe('Locdesk 0.1.0 is up to date.');
    expect(screen.queryByRole('button', { name: 'Restart now' })).toBeNull();
  });

  it('shows "Update ready — restart" when main says so, and restarts on request', async () => {
    fake().respond('app.restartToUpdate', ready);
    render(<UpdateStatus />);
    await screen.findByRole('status');
    act(() => fake().emit('app.onUpdateStateChanged', ready));
    expect(screen.getByRole('status').textContent).toContain('Update ready — restart');
    fireEvent.click(screen.getByRole('button', { name: 'Restart now' }));
    await waitFor(() => expect(fake().calls.map((call) => call.name)).toContain('app.restartToUpdate'));
  });

  it('says the restart waits for the sync, and offers no second restart', async () => {
    fake().respond('app.updateState', { ...ready, restartPending: true, message: 'Locdesk 0.2.0 installs as soon as the running sync has finished.' });
    render(<UpdateStatus />);
    expect((await screen.findByRole('status')).textContent).toContain('as soon as the running sync has finished');
    expect(screen.queryByRole('button', { name: 'Restart now' })).toBeNull();
  });

  it('shows why a restart could not happen', async () => {
    fake().respond('app.updateState', ready);
    fake().respond('app.restartToUpdate', new Error('No update is ready to install yet.'));
    render(<UpdateStatus />);
    fireEvent.click(await screen.findByRole('button', { name: 'Restart now' }));
    expect(await screen.findByText('No update is ready to install yet.')).toBeTruthy();
  });

  it('turns automatic updates off and on through the settings', async () => {
    render(<UpdateStatus />);
    const box = await screen.findByRole('checkbox', { name: 'Update automatically' });
    expect((box as HTMLInputElement).checked).toBe(true);
    fireEvent.click(box);
    await waitFor(() => expect(fake().argumentsOf('settings.update')).toEqual([[{ automaticUpdates: false }]]));
    expect((box as HTMLInputElement).checked).toBe(false);
  });

  it('offers no switch in the demo, where updates are always off, and says so', async () => {
    fake().respond('app.updateState', { ...idleUpdate, status: 'disabled', disabledReason: 'demo', message: 'Updates are off in the demo.' });
    render(<UpdateStatus />);
    expect((await screen.findByRole('status')).textContent).toBe('Updates are off in the demo.');
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('stops listening when it goes away', async () => {
    const { unmount } = render(<UpdateStatus />);
    await screen.findByRole('status');
    expect(fake().listenerCount('app.onUpdateStateChanged')).toBe(1);
    unmount();
    expect(fake().listenerCount('app.onUpdateStateChanged')).toBe(0);
  });
});
