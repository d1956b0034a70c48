import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
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

  it('resizes a column from the keyboard and remembers the width for the project', async () => {
    render(<ProjectView project={makeProject({ keysTotal: 100_000 })} reloadToken={0} viewportHeight={600} />);
    await screen.findByText('screen.item_000000');
    // jsdom has no layout, so the header reads 0 px wide and the first step lands on the minimum width.
    const handle = screen.getByRole('separator', { name: 'Resize the Key column' });
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(JSON.parse(localStorage.getItem('locdesk.columns.100.abc') ?? '{}')).toEqual({ key: 120 });
    expect(screen.getByRole('grid', { name: 'Keys' }).style.getPropertyValue('--grid-template')).toMatch(/^120px /);
  });
});
