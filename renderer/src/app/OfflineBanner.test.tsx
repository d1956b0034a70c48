import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connectivity } from '../../../common/contract';
import { App } from '../App';
import { setBridge } from '../api';
import { createFakeApi, signedIn, type FakeApi } from '../../../test/support/renderer/fake-api';
import { makeFacets, makeProject, syntheticKeys } from '../../../test/support/renderer/fixtures';
import { newestCopy, OfflineBanner, offlineHeadline } from './OfflineBanner';

const hoursAgo = (hours: number): number => Date.now() - hours * 3_600_000;
const offline: Connectivity = { online: false, message: 'Lokalise cannot be reached. Your offline library is still available.', checkedAt: 1, nextCheckAt: null, syncWaiting: false };

let fake: FakeApi;
beforeEach(() => {
  fake = createFakeApi({
    'auth.getState': signedIn,
    'projects.list': [makeProject({ sync: { ...makeProject().sync, lastSyncedAt: hoursAgo(3) } })],
    'projects.refresh': Object.assign(new Error('Lokalise cannot be reached.'), { code: 'network.offline' }),
    'projects.facets': makeFacets(),
    'keys.page': syntheticKeys(50),
  });
  setBridge(fake.bridge);
});
afterEach(() => {
  cleanup();
  setBridge(null);
});

describe('OfflineBanner', () => {
  it('says how old the copy on screen is, why, and when main checks again', () => {
    render(<OfflineBanner connectivity={{ ...offline, nextCheckAt: Date.now() + 60_000 }} copyTakenAt={hoursAgo(3)} signedIn />);
    const banner = screen.getByRole('status', { name: 'Offline' });
    expect(banner.textContent).toContain('Offline — showing your copy from 3 hours ago');
    expect(banner.textContent).toContain('Lokalise cannot be reached.');
    expect(banner.textContent).toMatch(/checks again at \d/);
  });

  it('is absent while online or before connectivity is known', () => {
    const { rerender } = render(<OfflineBanner connectivity={null} copyTakenAt={null} signedIn />);
    expect(screen.queryByRole('status', { name: 'Offline' })).toBeNull();
    rerender(<OfflineBanner connectivity={{ ...offline, online: true, message: null }} copyTakenAt={null} signedIn />);
    expect(screen.queryByRole('status', { name: 'Offline' })).toBeNull();
  });

  it('offers to sync when Lokalise is back, then says that a sync is waiting', async () => {
    const { rerender } = render(<OfflineBanner connectivity={offline} copyTakenAt={hoursAgo(3)} signedIn />);
    fireEvent.click(screen.getByRole('button', { name: 'Sync when back online' }));
    await waitFor(() => expect(fake.calls.filter((call) => call.name === 'sync.start')).toEqual([{ name: 'sync.start', args: [null] }]));
    rerender(<OfflineBanner connectivity={{ ...offline, syncWaiting: true }} copyTakenAt={hoursAgo(3)} signedIn />);
    expect(screen.queryByRole('button', { name: 'Sync when back online' })).toBeNull();
    expect(screen.getByText('A sync will start by itself when Lokalise is reachable again.')).toBeTruthy();
  });

  it('words the headline for a library that was never synced, and finds the newest copy', () => {
    expect(offlineHeadline(null, Date.now())).toMatch(/^Offline — nothing synced yet/);
    const older = makeProject({ sync: { ...makeProject().sync, lastSyncedAt: 100 } });
    const newer = makeProject({ sync: { ...makeProject().sync, lastSyncedAt: 200 } });
    const never = makeProject({ sync: { ...makeProject().sync, lastSyncedAt: null } });
    expect(newestCopy([older, never, newer])).toBe(200);
    expect(newestCopy([never])).toBeNull();
  });
});

describe('The workspace while offline', () => {
  it('shows the banner at once, disables every Sync button with the reason, and enables them when Lokalise answers', async () => {
    fake.respond('app.connectivity', offline);
    render(<App viewportHeight={600} />);
    const banner = await screen.findByRole('status', { name: 'Offline' });
    expect(banner.textContent).toContain('Offline — showing your copy from 3 hours ago');
    const sidebar = screen.getByRole('complementary', { name: 'Projects' });
    for (const button of [within(sidebar).getByRole<HTMLButtonElement>('button', { name: 'Sync all' }), within(sidebar).getByRole<HTMLButtonElement>('button', { name: 'Sync Acme Mobile App' })]) {
      expect(button.disabled).toBe(true);
      expect(button.getAttribute('title')).toMatch(/^Offline: Lokalise cannot be reached/);
      expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/^Offline: Lokalise cannot be reached/);
    }
    expect(screen.queryByRole('alert')).toBeNull(); // no error for being offline
    fake.respond('projects.refresh', []);
    act(() => fake.emit('app.onConnectivityChanged', { ...offline, online: true, message: null }));
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Offline' })).toBeNull());
    expect(within(sidebar).getByRole<HTMLButtonElement>('button', { name: 'Sync all' }).disabled).toBe(false);
  });

  it('keeps the last good copy’s time beside "Last sync failed"', async () => {
    fake.respond('projects.list', [makeProject({ sync: { ...makeProject().sync, status: 'failed', lastError: 'The sync stopped.', lastSyncedAt: hoursAgo(3) } })]);
    render(<App viewportHeight={600} />);
    const sidebar = await screen.findByRole('complementary', { name: 'Projects' });
    await waitFor(() => expect(sidebar.textContent).toContain('Last sync failed · your copy is from 3 hours ago'));
  });
});
