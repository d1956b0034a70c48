import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBridge } from '../api';
import { createFakeApi, type FakeApi } from '../../../test/support/renderer/fake-api';
import { makeDetail, makeFacets, makeProject, syntheticKeys } from '../../../test/support/renderer/fixtures';
import { ProjectView } from './ProjectView';

const rowHeight = 76;
let fake: FakeApi;

beforeEach(() => {
  localStorage.clear();
  fake = createFakeApi({ 'projects.facets': makeFacets(), 'keys.page': syntheticKeys(100_000) });
  fake.respond('keys.detail', (_projectId, keyId) => makeDetail({ keyId, name: `detail of ${keyId}` }));
  setBridge(fake.bridge);
});

afterEach(() => {
  cleanup();
  setBridge(null);
});

async function renderLargeProject(): Promise<HTMLElement> {
  render(<ProjectView project={makeProject({ keysTotal: 100_000 })} reloadToken={0} viewportHeight={600} />);
  await screen.findByText('100,000 keys');
  await screen.findByText('screen.item_000000');
  return screen.getByRole('listbox', { name: 'Keys' });
}

function selectedOption(): HTMLElement | undefined {
  return screen.getAllByRole('option').find((option) => option.getAttribute('aria-selected') === 'true');
}

describe('KeyList', () => {
  it('keeps fewer than 100 rows in the DOM for 100 000 keys and fetches only the first page', async () => {
    await renderLargeProject();
    const rows = screen.getAllByRole('option');
    // A 600 px viewport holds eight 76 px rows; with overscan the list renders a handful more, never thousands.
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows.length).toBeLessThan(100);
    expect(fake.argumentsOf('keys.page').map(([query]) => [query.offset, query.limit])).toEqual([[0, 100]]);
  });

  it('fetches the page under the viewport lazily when scrolled deep into the list', async () => {
    const list = await renderLargeProject();
    Object.defineProperty(list, 'scrollTop', { configurable: true, value: 50_000 * rowHeight });
    act(() => {
      fireEvent.scroll(list);
    });
    await screen.findByText('screen.item_050000');
    expect(screen.getAllByRole('option').length).toBeLessThan(100);
    expect(screen.queryByText('screen.item_000000')).toBeNull();
    const offsets = fake.argumentsOf('keys.page').map(([query]) => query.offset);
    expect(offsets).toContain(50_000);
    expect(offsets).not.toContain(25_000);
  });

  it('moves the selection with the arrow keys and opens each key in the detail panel', async () => {
    const list = await renderLargeProject();
    list.focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(selectedOption()?.id).toBe('key-row-0');
    await screen.findByText('detail of 1');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(selectedOption()?.id).toBe('key-row-2');
    expect(list.getAttribute('aria-activedescendant')).toBe('key-row-2');
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(selectedOption()?.id).toBe('key-row-1');
    await screen.findByText('detail of 2');
    expect(fake.argumentsOf('keys.detail').map(([, keyId]) => keyId)).toEqual(expect.arrayContaining([1, 3, 2]));
  });

  it('does not move above the first key', async () => {
    const list = await renderLargeProject();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(selectedOption()?.id).toBe('key-row-0');
  });

  it('selects a key with a click', async () => {
    await renderLargeProject();
    fireEvent.click(screen.getByText('screen.item_000003'));
    expect(selectedOption()?.id).toBe('key-row-3');
    await waitFor(() => expect(fake.argumentsOf('keys.detail')).toEqual([['100.abc', 4]]));
  });
});
