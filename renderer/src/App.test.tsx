import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { setBridge } from './api';
import { createFakeApi, signedIn, signedOut, type FakeApi } from '../../test/support/renderer/fake-api';
import { makeFacets, makeProject, syntheticKeys } from '../../test/support/renderer/fixtures';

let fake: FakeApi;
const project = makeProject();

beforeEach(() => {
  localStorage.clear();
  fake = createFakeApi({
    'auth.getState': signedIn,
    'projects.list': [project],
    'projects.refresh': [project],
    'projects.facets': makeFacets(),
    'keys.page': syntheticKeys(1200),
  });
  setBridge(fake.bridge);
});

afterEach(() => {
  cleanup();
  setBridge(null);
});

const count = (name: string): number => fake.calls.filter((call) => call.name === name).length;

async function renderWorkspace(): Promise<void> {
  render(<App viewportHeight={600} />);
  // The grid's match count (the project card says "1,200 keys" too; the count's wording grows once facets arrive).
  await waitFor(() => expect(matchCount()).toMatch(/^1,200 /), { timeout: 5000 });
}

const matchCount = (): string | undefined => document.querySelector('output.match-count')?.textContent;

describe('App', () => {
  it('shows the sign-in screen when signed out with an empty library', async () => {
    fake.respond('auth.getState', signedOut);
    fake.respond('projects.list', []);
    render(<App />);
    await screen.findByRole('button', { name: 'Sign in with Lokalise' });
    expect(count('projects.refresh')).toBe(0);
  });

  it('opens the workspace from the library when signed out, and does not ask Lokalise', async () => {
    fake.respond('auth.getState', signedOut);
    await renderWorkspace();
    expect(screen.getByRole('complementary', { name: 'Projects' }).textContent).toContain('Acme Mobile App');
    expect(count('projects.refresh')).toBe(0);
  });

  it('refreshes the project list from Lokalise when signed in and online', async () => {
    await renderWorkspace();
    await waitFor(() => expect(count('projects.refresh')).toBe(1));
  });

  it('uses the library only while offline, and refreshes once Lokalise answers again', async () => {
    fake.respond('app.connectivity', { online: false, message: 'No network.', checkedAt: 1 });
    fake.respond('projects.refresh', Object.assign(new Error('Lokalise cannot be reached.'), { code: 'network.offline' }));
    await renderWorkspace();
    await waitFor(() => expect(screen.getAllByRole('status').some((element) => element.textContent.startsWith('Offline'))).toBe(true));
    const before = count('projects.refresh');
    expect(screen.queryByText(/Could not refresh/)).toBeNull();
    fake.respond('projects.refresh', [project]);
    act(() => fake.emit('app.onConnectivityChanged', { online: true, message: null, checkedAt: 2 }));
    await waitFor(() => expect(count('projects.refresh')).toBe(before + 1));
  });

  it('turns an expired session into a banner while the keys stay browsable', async () => {
    await renderWorkspace();
    act(() => fake.emit('auth.onStateChanged', { ...signedOut, reason: 'sessionExpired', message: null }));
    expect((await screen.findByRole('alert')).textContent).toContain('session has expired');
    expect(screen.getByRole('grid', { name: 'Keys' })).toBeTruthy();
    expect(matchCount()).toMatch(/^1,200 /);
  });

  it('reloads the projects and the open key list when the library changes', async () => {
    await renderWorkspace();
    await waitFor(() => expect(count('projects.refresh')).toBe(1));
    const lists = count('projects.list');
    const pages = count('keys.page');
    fake.respond('projects.list', [{ ...project, name: 'Acme Mobile App (renamed)' }]);
    fake.respond('keys.page', syntheticKeys(1300));
    act(() => fake.emit('app.onLibraryChanged', { projectIds: [project.projectId] }));
    // The project list and the key page reload independently, so either may arrive first.
    await screen.findByText('1,300 keys');
    expect(await screen.findByText('Acme Mobile App (renamed)')).toBeTruthy();
    expect(count('projects.list')).toBe(lists + 1);
    expect(count('keys.page')).toBeGreaterThan(pages);
  });

  it('keeps the reloaded projects when an older refresh from Lokalise answers after them', async () => {
    let answerRefresh: (projects: (typeof project)[]) => void = () => undefined;
    fake.respond('projects.refresh', () => new Promise((resolve) => (answerRefresh = resolve)));
    await renderWorkspace();
    await waitFor(() => expect(count('projects.refresh')).toBe(1));
    fake.respond('projects.list', [{ ...project, name: 'Acme Mobile App (renamed)' }]);
    act(() => fake.emit('app.onLibraryChanged', { projectIds: [project.projectId] }));
    await screen.findByText('Acme Mobile App (renamed)');
    await act(async () => {
      answerRefresh([project]);
      await Promise.resolve();
    });
    expect(screen.getByText('Acme Mobile App (renamed)')).toBeTruthy();
    expect(screen.queryByText('Acme Mobile App')).toBeNull();
  });

  it('opens the first project in the same render that lists it, never "Choose a project" first', async () => {
    const seen: string[] = [];
    const observer = new MutationObserver(() => {
      if (document.body.textContent.includes('Choose a project.')) seen.push('Choose a project.');
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    await renderWorkspace();
    observer.disconnect();
    expect(seen).toEqual([]);
    expect(screen.getByRole('button', { name: /^Acme Mobile App/ }).getAttribute('aria-current')).toBe('true');
  });

  it('moves to the first project when the chosen one leaves the list', async () => {
    const second = makeProject({ projectId: '200.def', name: 'Acme Web' });
    fake.respond('projects.list', [project, second]);
    fake.respond('projects.refresh', [project, second]);
    await renderWorkspace();
    const pages = count('keys.page');
    act(() => screen.getByRole('button', { name: /^Acme Web/ }).click());
    expect(screen.getByRole('button', { name: /^Acme Web/ }).getAttribute('aria-current')).toBe('true');
    await waitFor(() => expect(fake.calls.slice(pages).some((call) => call.name === 'keys.page' && JSON.stringify(call.args).includes(second.projectId))).toBe(true));
    fake.respond('projects.list', [project]);
    act(() => fake.emit('app.onLibraryChanged', { projectIds: [second.projectId] }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Acme Web/ })).toBeNull());
    expect(screen.getByRole('button', { name: /^Acme Mobile App/ }).getAttribute('aria-current')).toBe('true');
    expect(screen.getByRole('grid', { name: 'Keys' })).toBeTruthy();
  });

  it('stops listening to main when closed', async () => {
    await renderWorkspace();
    expect(fake.listenerCount('app.onLibraryChanged')).toBe(2); // the project list and the app info (a replaced library changes both)
    cleanup();
    expect(fake.listenerCount('app.onLibraryChanged')).toBe(0);
    expect(fake.listenerCount('sync.onProgress')).toBe(0);
    expect(fake.listenerCount('auth.onStateChanged')).toBe(0);
  });
});
