import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SyncProgress } from '../../../common/contract';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { idleProgress } from '../../../test/support/renderer/fake-api';
import { makeProject } from '../../../test/support/renderer/fixtures';
import { ProjectSidebar } from './ProjectSidebar';

const fake = freshFakeApiForEachTest();

const mobile = makeProject();
const web = makeProject({
  projectId: '200.def',
  name: 'Checkout Web',
  description: '',
  teamName: 'Shop',
  keepOffline: false,
  sync: { status: 'never', lastSyncedAt: null, durationMs: null, keyCount: 0, translationCount: 0, lastError: null },
});
const running: SyncProgress = {
  ...idleProgress,
  status: 'running',
  projectId: mobile.projectId,
  projectName: mobile.name,
  projectIndex: 1,
  projectCount: 2,
  phase: 'keys',
  done: 500,
  total: 1200,
  requests: 7,
};

function renderSidebar(progress: SyncProgress | null = idleProgress, canSync = true, onProjectChanged = vi.fn()): void {
  const syncBlocked = canSync ? null : 'Sign in to sync.';
  render(<ProjectSidebar projects={[mobile, web]} selectedId={mobile.projectId} onSelect={vi.fn()} progress={progress} syncBlocked={syncBlocked} onProjectChanged={onProjectChanged} />);
}

const card = (name: string): HTMLElement => {
  const item = screen.getByText(name, { selector: '.project-name' }).closest('li');
  if (item === null) throw new Error(`no card for ${name}`);
  return item;
};

describe('ProjectSidebar', () => {
  it('shows each project’s facts, team, base language and last sync with the exact time on hover', () => {
    renderSidebar();
    const facts = card('Acme Mobile App').textContent;
    expect(facts).toContain('iOS and Android strings');
    expect(facts).toContain('64%');
    expect(facts).toContain('1,200 keys');
    expect(facts).toContain('4 languages');
    expect(facts).toContain('English');
    expect(facts).toContain('Acme');
    const time = card('Acme Mobile App').querySelector('time');
    expect(time?.textContent).toBe('5 minutes ago');
    expect(time?.getAttribute('title')).toMatch(/\d/);
    expect(card('Checkout Web').textContent).toContain('Not synced yet');
  });

  it('filters the list by name', () => {
    renderSidebar();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter projects' }), { target: { value: 'checkout' } });
    expect(screen.queryByText('Acme Mobile App')).toBeNull();
    expect(screen.getByText('Checkout Web')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter projects' }), { target: { value: 'nothing like it' } });
    expect(screen.getByText('No project matches this filter.')).toBeTruthy();
  });

  it('switches keep offline and reports the changed project', async () => {
    fake().respond('projects.setKeepOffline', (projectId, keep) => ({ ...web, projectId, keepOffline: keep }));
    const changed = vi.fn();
    renderSidebar(idleProgress, true, changed);
    fireEvent.click(screen.getByRole('switch', { name: 'Keep Checkout Web offline' }));
    await waitFor(() => expect(changed).toHaveBeenCalledWith(expect.objectContaining({ projectId: '200.def', keepOffline: true })));
    expect(fake().calls).toEqual([{ name: 'projects.setKeepOffline', args: ['200.def', true] }]);
  });

  it('syncs one project or all of them', () => {
    renderSidebar();
    fireEvent.click(screen.getByRole('button', { name: 'Sync Checkout Web' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sync all' }));
    expect(fake().calls).toEqual([
      { name: 'sync.start', args: [['200.def']] },
      { name: 'sync.start', args: [null] },
    ]);
  });

  it('cannot sync without a session', () => {
    renderSidebar(idleProgress, false);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sync all' }).disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sync Acme Mobile App' }).disabled).toBe(true);
  });

  it('shows a running sync with counts, phase, project n of m, and Cancel', () => {
    renderSidebar(running);
    expect(screen.getByText(/Syncing Acme Mobile App \(1 of 2\): keys 500 \/ 1,200/)).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Sync progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('500');
    expect(bar.getAttribute('aria-valuemax')).toBe('1200');
    expect(within(card('Acme Mobile App')).getByText(/Syncing…/)).toBeTruthy();
    expect(within(card('Checkout Web')).queryByText(/Syncing…/)).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sync all' }).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake().calls.map((call) => call.name)).toEqual(['sync.cancel']);
  });

  it('says how the last sync ended', () => {
    renderSidebar({ ...running, status: 'failed', message: 'Lokalise refused the request.' });
    expect(screen.getByRole('alert').textContent).toBe('Sync failed: Lokalise refused the request.');
  });

  it('shows why a sync could not start', async () => {
    fake().respond('sync.start', Object.assign(new Error('Sign in to sync.'), { code: 'auth.required' }));
    renderSidebar();
    fireEvent.click(screen.getByRole('button', { name: 'Sync all' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Sign in to sync.');
  });

  it('says what the last resync changed on the project card', () => {
    render(
      <ProjectSidebar
        projects={[makeProject({ sync: { ...mobile.sync, changes: { updated: 12, added: 3, removed: 1 } } }), { ...web, sync: { ...mobile.sync, changes: { updated: 0, added: 0, removed: 0 } } }]}
        selectedId={mobile.projectId}
        onSelect={vi.fn()}
        progress={idleProgress}
        syncBlocked={null}
        onProjectChanged={vi.fn()}
      />,
    );
    expect(within(card('Acme Mobile App')).getByText('12 keys updated, 3 added, 1 removed')).toBeTruthy();
    expect(within(card('Checkout Web')).getByText('No changes since the last sync')).toBeTruthy();
  });
});
