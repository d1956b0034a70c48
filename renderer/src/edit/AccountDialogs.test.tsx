import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { makeCounts } from '../../../test/support/renderer/edit-fixtures';
import { online, productionInfo, signedIn } from '../../../test/support/renderer/fake-api';
import { TopBar } from '../app/TopBar';

const fake = freshFakeApiForEachTest();

function withEdits(total: number): void {
  fake().respond('edits.summary', { project: null, overall: makeCounts({ pending: total }), projects: [] });
}

describe('signing out with edits waiting', () => {
  it('says how many edits stay on this computer', async () => {
    withEdits(3);
    render(<TopBar auth={signedIn} info={productionInfo} connectivity={online} onRetry={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Sign out of Lokalise?' });
    await waitFor(() => expect(dialog.textContent).toContain('Your 3 edits not yet on Lokalise stay on this computer'));
  });
});

describe('forgetting offline data with edits waiting', () => {
  it('never sends a plain forget: the translator exports first, or discards on purpose', async () => {
    withEdits(2);
    render(<TopBar auth={signedIn} info={productionInfo} connectivity={online} onRetry={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Forget offline data' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Forget all offline data?' });
    await waitFor(() => expect(dialog.textContent).toContain('You have 2 edits not yet on Lokalise'));
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Discard 2 edits and forget' }));
    await waitFor(() => expect(fake().argumentsOf('library.forget')).toEqual([[{ discardEdits: true }]]));
  });

  it('exports, then forgets while the exported edits stay', async () => {
    withEdits(1);
    fake().respond('edits.export', { cancelled: false, path: '/home/t/edits.json', count: 1 });
    render(<TopBar auth={signedIn} info={productionInfo} connectivity={online} onRetry={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Forget offline data' }));
    const dialog = screen.getByRole('alertdialog');
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Export edits, then forget…' }));
    await waitFor(() => expect(fake().argumentsOf('library.forget')).toEqual([[]]));
    expect(fake().argumentsOf('edits.export')).toEqual([[null]]);
  });

  it('forgets nothing when the export is cancelled at the save dialog', async () => {
    withEdits(1);
    fake().respond('edits.export', { cancelled: true, path: null, count: 0 });
    render(<TopBar auth={signedIn} info={productionInfo} connectivity={online} onRetry={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Forget offline data' }));
    fireEvent.click(await within(screen.getByRole('alertdialog')).findByRole('button', { name: 'Export edits, then forget…' }));
    await waitFor(() => expect(fake().argumentsOf('edits.export')).toHaveLength(1));
    expect(fake().argumentsOf('library.forget')).toEqual([]);
  });
});
