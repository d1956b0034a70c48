import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../api';
import { createFakeApi, type FakeApi } from '../../../../test/support/renderer/fake-api';
import { makeFacets, makeProject, syntheticKeys } from '../../../../test/support/renderer/fixtures';
import { ProjectView } from '../ProjectView';
import { gridRowHeight } from './KeyGrid';

let fake: FakeApi;

beforeEach(() => {
  localStorage.clear();
  fake = createFakeApi({ 'projects.facets': makeFacets(), 'keys.page': syntheticKeys(100_000) });
  setBridge(fake.bridge);
});

afterEach(() => {
  cleanup();
  setBridge(null);
});

describe('KeyGrid', () => {
  it('fetches the page under the viewport lazily when scrolled deep into the grid, keeping the DOM small', { timeout: 20_000 }, async () => {
    render(<ProjectView project={makeProject({ keysTotal: 100_000 })} reloadToken={0} viewportHeight={600} />);
    await screen.findByText('screen.item_000000');
    const grid = screen.getByRole('grid', { name: 'Keys' });
    Object.defineProperty(grid, 'scrollTop', { configurable: true, value: 50_000 * gridRowHeight + 44 });
    act(() => {
      fireEvent.scroll(grid);
    });
    await screen.findByText('screen.item_050000');
    expect(screen.getAllByRole('row').length).toBeLessThan(100);
    expect(screen.queryByText('screen.item_000000')).toBeNull();
    const offsets = fake.argumentsOf('keys.page').map(([query]) => query.offset);
    expect(offsets).toContain(50_000);
    expect(offsets).not.toContain(25_000);
  });

  it('resizes a column from its focused header with Shift+arrows, keeping one tab stop, and remembers the width for the project', async () => {
    render(<ProjectView project={makeProject({ keysTotal: 100_000 })} reloadToken={0} viewportHeight={600} />);
    await screen.findByText('screen.item_000000');
    const grid = screen.getByRole('grid', { name: 'Keys' });
    const tabStops = (): Element[] => [...grid.querySelectorAll('[tabindex="0"]')];
    // The handles are no tab stops of their own: the grid keeps exactly one, a cell of the first row.
    expect(screen.getByRole('separator', { name: 'Resize the Key column' }).tabIndex).toBe(-1);
    const first = grid.querySelector<HTMLElement>('[data-cell="0:1"]')!;
    expect(tabStops()).toEqual([first]);
    act(() => first.focus());
    fireEvent.keyDown(first, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(screen.getAllByRole('columnheader')[1]);
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    const header = screen.getAllByRole('columnheader')[0]!;
    expect(document.activeElement).toBe(header);
    expect(tabStops()).toEqual([header]);
    // jsdom has no layout, so the header reads 0 px wide and the first step lands on the minimum width.
    fireEvent.keyDown(header, { key: 'ArrowRight', shiftKey: true });
    expect(JSON.parse(localStorage.getItem('locdesk.columns.100.abc') ?? '{}')).toEqual({ key: 120 });
    expect(grid.style.getPropertyValue('--grid-template')).toMatch(/^120px /);
    expect(await screen.findByText('Key column 120 pixels wide.')).toBeTruthy();
    expect(screen.getByRole('separator', { name: 'Resize the Key column' }).getAttribute('aria-valuenow')).toBe('120');
    // Arrows move along the headers; down goes back to the first row's cell in that column.
    fireEvent.keyDown(header, { key: 'ArrowRight' });
    const second = screen.getAllByRole('columnheader')[1]!;
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(grid.querySelector('[data-cell="0:1"]')));
    expect(tabStops()).toEqual([grid.querySelector('[data-cell="0:1"]')]);
    // The handle itself still answers ←/→ when a click gave it the focus.
    fireEvent.keyDown(screen.getByRole('separator', { name: 'Resize the Key column' }), { key: 'ArrowRight' });
    expect(JSON.parse(localStorage.getItem('locdesk.columns.100.abc') ?? '{}')).toEqual({ key: 120 });
  });
});
