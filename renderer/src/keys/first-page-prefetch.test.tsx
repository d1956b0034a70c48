import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setBridge } from '../api';
import { createFakeApi, type FakeApi } from '../../../test/support/renderer/fake-api';
import { makeFacets, makeProject, syntheticKeys } from '../../../test/support/renderer/fixtures';
import { prefetchFirstPage, takeFirstPage } from './first-page-prefetch';
import { ProjectView } from './ProjectView';

let fake: FakeApi;
const project = makeProject({ projectId: 'p.1', keysTotal: 1000 });

beforeEach(() => {
  localStorage.clear();
  fake = createFakeApi({ 'projects.facets': makeFacets(), 'keys.page': syntheticKeys(1000) });
  setBridge(fake.bridge);
});

afterEach(() => {
  cleanup();
  setBridge(null);
  vi.useRealTimers();
});

describe('prefetchFirstPage', () => {
  it('asks for the first page of a project with stored languages, and its view takes that page instead of asking again', async () => {
    localStorage.setItem('locdesk.view.p.1', JSON.stringify({ sourceIso: 'en', targetIsos: ['ar', 'xx', 'ja'] }));
    prefetchFirstPage(project);
    expect(fake.argumentsOf('keys.page')).toHaveLength(1);
    // Only languages the project has are asked for, as the view itself does.
    expect(fake.argumentsOf('keys.page')[0]?.[0]).toMatchObject({ projectId: 'p.1', sourceIso: 'en', targetIsos: ['ar', 'ja'], offset: 0, limit: 50 });
    render(<ProjectView project={project} reloadToken={0} viewportHeight={600} />);
    await screen.findByText('screen.item_000000');
    expect(fake.argumentsOf('keys.page').filter(([query]) => (query.offset ?? 0) === 0)).toHaveLength(1);
  });

  it('asks for nothing on a first visit, when the languages are not chosen yet', () => {
    prefetchFirstPage(project);
    expect(fake.argumentsOf('keys.page')).toHaveLength(0);
  });

  it('hands a page out once, and not after a few seconds', () => {
    localStorage.setItem('locdesk.view.p.1', JSON.stringify({ sourceIso: 'en', targetIsos: ['de'] }));
    vi.useFakeTimers({ toFake: ['Date'] });
    prefetchFirstPage(project);
    const signature = JSON.stringify({ projectId: 'p.1', sourceIso: 'en', targetIsos: ['de'], search: '', status: null, statusIso: null, tags: [], platforms: [], includeArchived: false, includeHidden: false, sort: 'name', qa: null });
    expect(takeFirstPage(signature)).not.toBeNull();
    expect(takeFirstPage(signature)).toBeNull();
    prefetchFirstPage(project);
    vi.advanceTimersByTime(5_000);
    expect(takeFirstPage(signature)).toBeNull();
  });
});
