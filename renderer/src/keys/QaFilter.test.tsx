import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyQueryInput } from '../../../common/contract';
import { emptyQaCounts, type KeyQaFilter, type QaStatus } from '../../../common/contract-qa';
import { setBridge } from '../api';
import { createFakeApi, type FakeApi } from '../../../test/support/renderer/fake-api';
import { facets, project, row } from '../../../test/support/renderer/key-fixtures';
import { ProjectView } from './ProjectView';
import { QaFilter } from './QaFilter';

let fake: FakeApi;

function status(any: number, placeholders: number): QaStatus {
  const counts = emptyQaCounts();
  return {
    projectId: project.projectId,
    progress: { projectId: project.projectId, status: 'done', done: 10, total: 10, message: null },
    upToDate: true,
    scannedAt: 1,
    counts: { any, byCheck: { ...counts.byCheck, placeholders } },
  };
}

beforeEach(() => {
  localStorage.clear();
  fake = createFakeApi({
    'projects.facets': facets,
    'keys.page': (query: KeyQueryInput) => ({ total: 3, offset: query.offset ?? 0, items: [row(0), row(1), row(2)] }),
    'qa.status': status(12, 5),
  });
  setBridge(fake.bridge);
});
afterEach(() => {
  cleanup();
  setBridge(null);
});

describe('QaFilter', () => {
  it('offers any issue and each check with its count, and sends the choice', async () => {
    const chosen: (KeyQaFilter | null)[] = [];
    render(<QaFilter projectId={project.projectId} targetIsos={['ar', 'ja']} value={null} onChange={(next) => chosen.push(next)} reloadToken={0} />);
    await screen.findByRole('option', { name: 'Any QA issue (12)' });
    expect(screen.getByRole('option', { name: 'Placeholders (5)' })).toBeTruthy();
    expect(screen.getByRole('option', { name: 'Double space (0)' })).toBeTruthy();
    expect(fake.argumentsOf('qa.status')[0]).toEqual([project.projectId, ['ar', 'ja']]);
    fireEvent.change(screen.getByLabelText('QA filter'), { target: { value: 'placeholders' } });
    fireEvent.change(screen.getByLabelText('QA filter'), { target: { value: '' } });
    expect(chosen).toEqual(['placeholders', null]);
  });

  it('shows a running scan and reloads the counts when it ends', async () => {
    render(<QaFilter projectId={project.projectId} targetIsos={[]} value={null} onChange={() => undefined} reloadToken={0} />);
    await screen.findByRole('option', { name: 'Any QA issue (12)' });
    act(() => fake.emit('qa.onProgress', { projectId: project.projectId, status: 'running', done: 25, total: 100, message: null }));
    expect(screen.getByText('Checking 25%')).toBeTruthy();
    act(() => fake.emit('qa.onProgress', { projectId: 'another', status: 'running', done: 50, total: 100, message: null }));
    expect(screen.getByText('Checking 25%')).toBeTruthy();
    fake.respond('qa.status', status(3, 1));
    act(() => fake.emit('qa.onProgress', { projectId: project.projectId, status: 'done', done: 100, total: 100, message: null }));
    await screen.findByRole('option', { name: 'Any QA issue (3)' });
    expect(screen.queryByText(/Checking/)).toBeNull();
  });

  it('puts the chosen filter into the key query of the project view', async () => {
    render(<ProjectView project={project} reloadToken={0} viewportHeight={600} />);
    await screen.findByRole('option', { name: 'Any QA issue (12)' });
    fireEvent.change(screen.getByLabelText('QA filter'), { target: { value: 'any' } });
    await waitFor(() => expect(fake.argumentsOf('keys.page').at(-1)?.[0]).toMatchObject({ qa: 'any' }));
  });
});
