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

  it('lets go of pages far from the view and asks again when scrolled back, sending the cursor of the nearest page before', { timeout: 20_000 }, async () => {
    const pages = syntheticKeys(100_000);
    fake.respond('keys.page', (query) => {
      const page = pages(query);
      const offset = query.offset ?? 0;
      return { ...page, cursor: { generation: 1, offset: offset + page.items.length - 1, position: offset + page.items.length - 1, total: 100_000 } };
    });
    render(<ProjectView project={makeProject({ keysTotal: 100_000 })} reloadToken={0} viewportHeight={600} />);
    await screen.findByText('screen.item_000000');
    const grid = screen.getByRole('grid', { name: 'Keys' });
    const scrollTo = (row: number): void => {
      Object.defineProperty(grid, 'scrollTop', { configurable: true, value: row * gridRowHeight + 44 });
      act(() => {
        fireEvent.scroll(grid);
      });
    };
    // Each view straddles two pages of 50 (rows 10,040 to about 10,062: pages 200 and 201).
    for (const row of [10_040, 20_040, 30_040, 40_040]) {
      scrollTo(row);
      await screen.findByText(`screen.item_0${String(row)}`);
    }
    const queries = fake.argumentsOf('keys.page').map(([query]) => query);
    expect(queries.find((query) => query.offset === 40_000)?.after).toMatchObject({ offset: 30_099 });
    expect(queries.filter((query) => query.offset === 0)).toHaveLength(1);
    scrollTo(0);
    await screen.findByText('screen.item_000000');
    // Page 0 was let go (more than five pages away), so it is asked for again.
    expect(fake.argumentsOf('keys.page').filter(([query]) => query.offset === 0)).toHaveLength(2);
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
