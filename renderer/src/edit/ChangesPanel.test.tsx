import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Edit } from '../../../common/contract';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { makeCounts, makeEdit, makePush, makeSnapshot } from '../../../test/support/renderer/edit-fixtures';
import { makeCell, makeDetail, makeProject } from '../../../test/support/renderer/fixtures';
import { defaultQaSettings } from '../../../common/qa';
import { ChangesPanel } from './ChangesPanel';
import { EditsShell } from './EditsShell';

const fake = freshFakeApiForEachTest();
const projects = [makeProject()];

function respondWithEdits(edits: Edit[]): void {
  fake().respond('edits.list', (_projectId, filter) => edits.filter((edit) => (filter.states ?? []).length === 0 || (filter.states ?? []).includes(edit.state)));
}

describe('ChangesPanel', () => {
  it('lists held edits with their reason and pushes one anyway after confirming it once', async () => {
    respondWithEdits([makeEdit({ editId: 4, state: 'held', reason: 'qaHold', message: 'The placeholder %s is missing.' })]);
    render(<ChangesPanel projects={projects} onClose={vi.fn()} />);
    const held = await screen.findByRole('region', { name: /Held by QA errors/ });
    expect(held.textContent).toContain('Held back by a QA error: The placeholder %s is missing.');
    fireEvent.click(within(held).getByRole('button', { name: 'Push anyway' }));
    await waitFor(() => expect(fake().argumentsOf('edits.push')).toEqual([[null, [4]]]));
    expect(fake().argumentsOf('edits.confirmQa')).toEqual([[[4]]]);
    expect(fake().calls.findIndex((call) => call.name === 'edits.confirmQa')).toBeLessThan(fake().calls.findIndex((call) => call.name === 'edits.push'));
  });

  it('lists orphaned and refused edits with the reason and the kept text, and discards only after confirmation', async () => {
    respondWithEdits([
      makeEdit({ editId: 6, state: 'orphaned', reason: 'notFound', value: 'Text der bleibt' }),
      makeEdit({ editId: 8, state: 'rejected', reason: 'badRequest', message: 'Translation is too long' }),
    ]);
    render(<ChangesPanel projects={projects} onClose={vi.fn()} />);
    const lost = await screen.findByRole('region', { name: /Orphaned and refused \(2\)/ });
    expect(lost.textContent).toContain('deleted on Lokalise');
    expect(lost.textContent).toContain('Text der bleibt');
    expect(lost.textContent).toContain('Lokalise refused it: Translation is too long. Your text is kept.');
    fireEvent.click(within(lost).getAllByRole('button', { name: 'Discard…' })[0] as HTMLElement);
    const dialog = screen.getByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake().argumentsOf('edits.discard')).toEqual([]);
    fireEvent.click(within(lost).getAllByRole('button', { name: 'Discard…' })[0] as HTMLElement);
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(fake().argumentsOf('edits.discard')).toEqual([[[6]]]));
  });

  it('exports the unpushed edits and says where', async () => {
    fake().respond('edits.export', { cancelled: false, path: '/home/t/locdesk-edits.json', count: 3 });
    render(<ChangesPanel projects={projects} onClose={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export unpushed edits…' }));
    expect((await screen.findByText(/^Exported 3 edits/)).textContent).toBe('Exported 3 edits to /home/t/locdesk-edits.json.');
    expect(fake().argumentsOf('edits.export')).toEqual([[null]]);
  });

  it('lists the QA warnings of the changes waiting to be pushed (the push summary)', async () => {
    respondWithEdits([makeEdit({ editId: 2, keyId: 7, value: 'Hallo  Welt' }), makeEdit({ editId: 3, keyId: 8, keyName: 'fine.key', value: 'Gut' })]);
    fake().respond('keys.detail', (_projectId, keyId) => makeDetail({ keyId, translations: [makeCell('en', keyId === 7 ? 'Hello world' : 'Good')] }));
    render(<ChangesPanel projects={projects} onClose={vi.fn()} />);
    const checks = await screen.findByRole('region', { name: /Checks of the 2 changes/ });
    await waitFor(() => expect(checks.textContent).toContain('Warning:'));
    expect(checks.textContent).toContain('welcome.title');
    expect(checks.textContent).not.toContain('fine.key');
  });

  it('checks the waiting changes with the project’s own QA settings', async () => {
    respondWithEdits([makeEdit({ editId: 2, keyId: 7, value: 'Hallo  Welt' })]);
    fake().respond('keys.detail', (_projectId, keyId) => makeDetail({ keyId, translations: [makeCell('en', 'Hello world')] }));
    const settings = defaultQaSettings();
    fake().respond('qa.settings', { checks: { ...settings.checks, doubleSpace: 'off' } });
    render(<ChangesPanel projects={projects} onClose={vi.fn()} />);
    const checks = await screen.findByRole('region', { name: /Checks of the 1 changes/ });
    await waitFor(() => expect(checks.textContent).toContain('No QA findings.'));
    expect(fake().argumentsOf('qa.settings')).toEqual([[projects[0]?.projectId]]);
  });

  it('shows the conflicts with their bulk actions', async () => {
    respondWithEdits([makeEdit({ editId: 5, state: 'conflict', theirs: makeSnapshot('Hallihallo') })]);
    render(<ChangesPanel projects={projects} onClose={vi.fn()} />);
    const conflicts = await screen.findByRole('region', { name: 'Conflicts (1)' });
    expect(within(conflicts).getByRole('group', { name: 'Settle the chosen conflicts' })).toBeTruthy();
    expect(within(conflicts).getByRole('article')).toBeTruthy();
  });

  it('takes focus when it opens and closes on Escape', async () => {
    const onClose = vi.fn();
    render(<ChangesPanel projects={projects} onClose={onClose} />);
    await screen.findByText(/No edits/);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Changes' }));
    fireEvent.keyDown(screen.getByRole('dialog', { name: 'Changes' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });
});

describe('EditsShell', () => {
  it('shows the push bar once an edit is committed, and opens the changes panel', async () => {
    render(<EditsShell projects={projects} signedIn connectivity={null} />);
    expect(screen.queryByRole('region', { name: 'Changes to push' })).toBeNull();
    fake().respond('edits.summary', { project: null, overall: makeCounts({ pending: 1, conflict: 1 }), projects: [] });
    act(() => fake().emit('edits.onChanged', { projectIds: ['100.abc'], overall: makeCounts({ pending: 1, conflict: 1 }) }));
    const bar = await screen.findByRole('region', { name: 'Changes to push' });
    expect(within(bar).getByRole('button', { name: 'Push 1 change' })).toBeTruthy();
    fireEvent.click(within(bar).getByRole('button', { name: 'Review 1 change that needs you' }));
    expect(await screen.findByRole('dialog', { name: 'Changes' })).toBeTruthy();
  });

  it('follows the push as it runs', async () => {
    fake().respond('edits.summary', { project: null, overall: makeCounts({ pending: 4 }), projects: [] });
    render(<EditsShell projects={projects} signedIn connectivity={null} />);
    await screen.findByRole('button', { name: 'Push 4 changes' });
    act(() => fake().emit('edits.onPushProgress', makePush({ status: 'running', done: 1, total: 4 })));
    expect(await screen.findByText(/Pushing 1 of 4 changes/)).toBeTruthy();
  });
});
