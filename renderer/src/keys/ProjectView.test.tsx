import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyQueryInput, KeyRow } from '../../../common/contract';
import { setBridge } from '../api';
import { createFakeApi, type FakeApi } from '../../../test/support/renderer/fake-api';
import { makeCell } from '../../../test/support/renderer/fixtures';
import { facets, pluralDetail, project, row } from '../../../test/support/renderer/key-fixtures';
import { ProjectView } from './ProjectView';

let fake: FakeApi;
const total = 100_000;

/** Key 1 is plural (English one/other, Arabic unverified), key 2 is reviewed in Arabic; the rest come from `row`. */
function sampleRow(index: number): KeyRow {
  if (index === 1) {
    return {
      ...row(1),
      name: 'files.count',
      isPlural: true,
      translations: [
        makeCell('en', '', { pluralForms: { one: 'One file', other: '{n} files' }, isEmpty: false }),
        makeCell('ar', '', { pluralForms: { zero: 'لا ملفات', one: 'ملف', two: '', few: '', many: '', other: 'ملفات' }, isEmpty: false, isUnverified: true }),
      ],
    };
  }
  if (index === 2) return { ...row(2), translations: [makeCell('en', 'Done'), makeCell('ar', 'تم', { isReviewed: true })] };
  return row(index);
}

beforeEach(() => {
  localStorage.clear();
  fake = createFakeApi({
    'projects.facets': facets,
    'keys.page': (query: KeyQueryInput) => {
      const offset = query.offset ?? 0;
      return { total, offset, items: Array.from({ length: Math.min(query.limit ?? 100, total - offset) }, (_, index) => sampleRow(offset + index)) };
    },
    'keys.detail': pluralDetail,
  });
  setBridge(fake.bridge);
});
afterEach(() => {
  cleanup();
  setBridge(null);
});

function pageQueries(): KeyQueryInput[] {
  return fake.calls.filter((call) => call.name === 'keys.page').map((call) => call.args[0] as KeyQueryInput);
}

async function renderView(): Promise<HTMLElement> {
  render(<ProjectView project={project} reloadToken={0} viewportHeight={600} />);
  await screen.findByText('100,000 keys');
  await screen.findByText('screen.key_0');
  return screen.getByRole('grid', { name: 'Keys' });
}

function bodyRows(grid: HTMLElement): HTMLElement[] {
  return within(grid).getAllByRole('row').filter((element) => element.getAttribute('aria-rowindex') !== '1');
}

function cell(grid: HTMLElement, rowIndex: number, column: number): HTMLElement {
  const found = grid.querySelector<HTMLElement>(`[data-cell="${rowIndex}:${column}"]`);
  if (found === null) throw new Error(`no cell ${rowIndex}:${column}`);
  return found;
}

describe('ProjectView', { timeout: 20_000 }, () => {
  it('keeps fewer than 100 rows in the DOM for 100,000 keys, with ARIA grid counts, and fetches only the first page', async () => {
    const grid = await renderView();
    const rows = bodyRows(grid);
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.length).toBeLessThan(100);
    expect(grid.getAttribute('aria-rowcount')).toBe('100001');
    expect(rows[0]?.getAttribute('aria-rowindex')).toBe('2');
    expect(pageQueries().map((query) => query.offset)).toEqual([0]);
  });

  it('asks for the first page before the facets and QA counts, and shows rows while those have not answered', async () => {
    fake.respond('projects.facets', () => new Promise<never>(() => undefined));
    render(<ProjectView project={project} reloadToken={0} viewportHeight={600} />);
    await screen.findByText('screen.key_0');
    await waitFor(() => expect(fake.calls.map((call) => call.name)).toEqual(expect.arrayContaining(['projects.facets', 'qa.status'])));
    const order = fake.calls.map((call) => call.name);
    expect(order.indexOf('keys.page')).toBeLessThan(order.indexOf('projects.facets'));
    expect(order.indexOf('keys.page')).toBeLessThan(order.indexOf('qa.status'));
    expect(pageQueries()[0]?.limit).toBeLessThanOrEqual(50);
    expect(screen.getByText('100,000 keys')).toBeTruthy();
  });

  it('names each column: key, the source and each target with its code and labelled progress', async () => {
    const grid = await renderView();
    const headers = within(grid).getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers[0]).toBe('Key');
    expect(headers[1]).toContain('English en · source');
    expect(headers[1]).toContain('100% translated');
    expect(headers[2]).toContain('Arabic ar');
    expect(headers[2]).toContain('80% translated');
  });

  it('defaults to the first two targets, remembers changes per project, and offers them as the next project default', async () => {
    await renderView();
    expect(pageQueries()[0]).toMatchObject({ sourceIso: 'en', targetIsos: ['ar', 'ja'] });
    fireEvent.click(screen.getByRole('checkbox', { name: /Japanese \(ja\)/ }));
    await waitFor(() => expect(pageQueries().at(-1)?.targetIsos).toEqual(['ar']));
    expect(JSON.parse(localStorage.getItem('locdesk.view.p.1') ?? '{}')).toEqual({ sourceIso: 'en', targetIsos: ['ar'] });
    expect(JSON.parse(localStorage.getItem('locdesk.view.recent-targets') ?? '[]')).toEqual(['ar']);
  });

  it('shows my writable languages first when Lokalise says which they are', async () => {
    fake.respond('projects.contributor', {
      languages: [
        { iso: 'ar', isWritable: false },
        { iso: 'ja', isWritable: true },
      ],
      isReviewer: false,
      isAdmin: false,
      fetchedAt: 1,
    });
    await renderView();
    expect(pageQueries().map((query) => query.targetIsos)).toEqual([['ja']]);
  });

  it('sends each filter in the query', async () => {
    await renderView();
    fireEvent.change(screen.getByLabelText('Status filter'), { target: { value: 'untranslated' } });
    fireEvent.change(screen.getByLabelText('Status language'), { target: { value: 'ja' } });
    // The tags come with the facets, asked for once the first rows have been painted.
    fireEvent.click(await screen.findByRole('checkbox', { name: 'legal' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'ios' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show archived' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show hidden' }));
    fireEvent.change(screen.getByLabelText('Sort'), { target: { value: 'modified' } });
    await waitFor(() =>
      expect(pageQueries().at(-1)).toMatchObject({
        status: 'untranslated',
        statusIso: 'ja',
        tags: ['legal'],
        platforms: ['ios'],
        includeArchived: true,
        includeHidden: true,
        sort: 'modified',
      }),
    );
  });

  it('debounces search, highlights matches, and clears with Escape', async () => {
    const grid = await renderView();
    const box = screen.getByRole('searchbox', { name: 'Search keys' });
    fireEvent.change(box, { target: { value: 'S' } });
    fireEvent.change(box, { target: { value: 'Save' } });
    await waitFor(() => expect(pageQueries().at(-1)?.search).toBe('Save'));
    expect(pageQueries().filter((query) => query.search === 'S')).toEqual([]);
    await waitFor(() => expect(document.querySelectorAll('mark.match').length).toBeGreaterThan(0));
    fireEvent.keyDown(box, { key: 'Escape' });
    expect((box as HTMLInputElement).value).toBe('');
    fireEvent.change(box, { target: { value: 'Save' } });
    fireEvent.keyDown(grid, { key: 'Escape' });
    expect((box as HTMLInputElement).value).toBe('');
  });

  it('says beside the count when a search ran out of time, and when the typed text was longer than the search uses', async () => {
    await renderView();
    const notice = (): HTMLElement | null => document.querySelector('.search-notice');
    expect(notice()).toBeNull();
    fake.respond('keys.page', (query: KeyQueryInput) =>
      query.search === 'dat' ? { total: 3, offset: 0, items: [row(0), row(1), row(2)], partial: { searchedKeys: 41_200, totalKeys: 100_000 } } : { total: 1, offset: 0, items: [row(0)] },
    );
    const box = screen.getByRole('searchbox', { name: 'Search keys' });
    fireEvent.change(box, { target: { value: 'dat' } });
    await waitFor(() => expect(notice()?.textContent).toBe('Searched 41,200 of 100,000 keys — refine the search to see all matches'));
    fireEvent.change(box, { target: { value: Array.from({ length: 14 }, (_, index) => `term${index}`).join(' ') } });
    await waitFor(() => expect(notice()?.textContent).toBe('Search uses the first 12 words'));
    fireEvent.change(box, { target: { value: 'save' } });
    await waitFor(() => expect(notice()).toBeNull());
  });

  it('focuses the search with Ctrl+F, moves the focused cell with the arrows, opens with Enter and closes with Escape', async () => {
    const grid = await renderView();
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search keys' }));
    const start = cell(grid, 0, 1);
    expect(start.tabIndex).toBe(0);
    act(() => start.focus());
    fireEvent.keyDown(start, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(cell(grid, 1, 1)));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement).toBe(cell(grid, 1, 2)));
    // Roving tabindex: only the focused cell is in the tab order, and its row is the selected one.
    expect(grid.querySelectorAll('[role="gridcell"][tabindex="0"]')).toHaveLength(1);
    expect(cell(grid, 1, 2).closest('[role="row"]')?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    await waitFor(() => expect(document.activeElement).toBe(cell(grid, 1, 0)));
    expect(screen.queryByRole('region', { name: 'Key details' })).toBeNull();
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    await screen.findByRole('region', { name: 'Key details' });
    await waitFor(() => expect(fake.argumentsOf('keys.detail').at(-1)).toEqual(['p.1', 2]));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('region', { name: 'Key details' })).toBeNull();
  });

  it('Enter on a target cell focuses that language’s editor; moving to another key afterwards keeps the focus in the grid', async () => {
    const grid = await renderView();
    act(() => cell(grid, 1, 2).focus());
    fireEvent.keyDown(cell(grid, 1, 2), { key: 'Enter' });
    const panel = await screen.findByRole('region', { name: 'Key details' });
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Arabic translation/));
    expect(panel.contains(document.activeElement)).toBe(true);
    // Back in the grid, selecting another key loads it into the open panel without pulling the focus there again.
    act(() => cell(grid, 3, 2).focus());
    await waitFor(() => expect(fake.argumentsOf('keys.detail').at(-1)).toEqual(['p.1', 4]));
    await within(panel).findAllByRole('textbox');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.activeElement).toBe(cell(grid, 3, 2));
  });

  it('copies the focused cell with Ctrl+C: the key name, a target, or a plural with every form', async () => {
    const grid = await renderView();
    act(() => cell(grid, 0, 0).focus());
    fireEvent.keyDown(cell(grid, 0, 0), { key: 'c', ctrlKey: true });
    await waitFor(() => expect(fake.argumentsOf('app.copyText').at(-1)).toEqual(['screen.key_0']));
    expect(await screen.findByText('Copied the key name.')).toBeTruthy();
    act(() => cell(grid, 1, 2).focus());
    fireEvent.keyDown(cell(grid, 1, 2), { key: 'c', metaKey: true });
    await waitFor(() => expect(fake.argumentsOf('app.copyText').at(-1)).toEqual(['zero: لا ملفات\none: ملف\ntwo: \nfew: \nmany: \nother: ملفات']));
  });

  it('opens a row menu with Shift+F10 that copies the key name, the source or a target, and opens the key in Lokalise', async () => {
    const grid = await renderView();
    act(() => cell(grid, 2, 2).focus());
    fireEvent.keyDown(cell(grid, 2, 2), { key: 'F10', shiftKey: true });
    const menu = await screen.findByRole('menu', { name: 'Actions for screen.key_2' });
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Copy key name', 'Copy English text', 'Copy Arabic text', 'Open in Lokalise']);
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(items[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(items[1]!, { key: 'ArrowUp' });
    fireEvent.keyDown(items[0]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(items[3]);
    fireEvent.click(items[2]!);
    await waitFor(() => expect(fake.argumentsOf('app.copyText').at(-1)).toEqual(['تم']));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(cell(grid, 2, 2));
    // The same menu from the row's "⋯" button; Open in Lokalise asks main with the project and key ids.
    fireEvent.click(within(grid).getByRole('button', { name: 'Actions for screen.key_2' }));
    fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Open in Lokalise' }));
    await waitFor(() => expect(fake.argumentsOf('keys.openInLokalise')).toEqual([['p.1', row(2).keyId]]));
    expect(await screen.findByText('Opened screen.key_2 in Lokalise in your browser.')).toBeTruthy();
  });

  it('opens the row menu at a right click, leaves out empty translations, and Escape closes it back to the cell', async () => {
    fake.respond('keys.page', (query: KeyQueryInput) => {
      const offset = query.offset ?? 0;
      const items = Array.from({ length: query.limit ?? 100 }, (_, index) => sampleRow(offset + index));
      if (offset === 0) items[0] = { ...row(0), translations: [makeCell('en', 'Save'), makeCell('ar', '', { isEmpty: true })] };
      return { total, offset, items };
    });
    const grid = await renderView();
    fireEvent.contextMenu(cell(grid, 0, 1), { clientX: 40, clientY: 60 });
    const menu = await screen.findByRole('menu', { name: 'Actions for screen.key_0' });
    expect(within(menu).getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Copy key name', 'Copy English text', 'Open in Lokalise']);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(cell(grid, 0, 1));
    expect(fake.argumentsOf('app.copyText')).toEqual([]);
  });

  it('gives each translation cell a status icon with words, and right-to-left cells their direction', async () => {
    const grid = await renderView();
    expect(within(cell(grid, 0, 2)).getByRole('img').getAttribute('aria-label')).toBe('Translated, not reviewed');
    expect(within(cell(grid, 1, 2)).getByRole('img').getAttribute('aria-label')).toBe('Unverified');
    expect(within(cell(grid, 2, 2)).getByRole('img').getAttribute('aria-label')).toBe('Reviewed');
    expect(within(cell(grid, 0, 3)).getByRole('img').getAttribute('aria-label')).toBe('Untranslated');
    expect(cell(grid, 0, 2).getAttribute('dir')).toBe('rtl');
    expect(cell(grid, 0, 1).getAttribute('dir')).toBe('ltr');
    expect(cell(grid, 0, 1).querySelector('mark.placeholder')?.textContent).toBe('%s');
  });

  it('shows plural forms compactly in the row and every form once the row is selected', async () => {
    const grid = await renderView();
    expect(cell(grid, 1, 1).textContent).toContain('One file · {n} files');
    act(() => cell(grid, 1, 2).focus());
    await waitFor(() => expect([...cell(grid, 1, 2).querySelectorAll('dt')].map((term) => term.textContent)).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']));
    expect(within(cell(grid, 1, 2)).getAllByText('Missing')).toHaveLength(3);
  });

  it('explains the count: how many keys of the project, and which are not shown', async () => {
    fake.respond('projects.facets', { ...facets, keyCounts: { visible: 99_000, archivedOnly: 900, hiddenOnly: 90, archivedAndHidden: 10 } });
    fake.respond('keys.page', (query: KeyQueryInput) => ({ total: query.includeHidden === true ? 99_090 : 99_000, offset: query.offset ?? 0, items: [] }));
    render(<ProjectView project={project} reloadToken={0} viewportHeight={600} />);
    expect(await screen.findByText('99,000 of 100,000 keys — 910 archived keys and 90 hidden keys not shown')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show hidden' }));
    expect(await screen.findByText('99,090 of 100,000 keys — 910 archived keys not shown')).toBeTruthy();
  });

  it('shows the key detail: plural forms in CLDR order, badges, char-limit warning, RTL', async () => {
    const grid = await renderView();
    fireEvent.doubleClick(cell(grid, 0, 0));
    const detail = await screen.findByRole('region', { name: 'Key details' });
    const arabic = await within(detail).findByRole('region', { name: 'Arabic' });
    expect([...arabic.querySelectorAll('.plural-label')].map((label) => label.textContent)).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(arabic.querySelector('textarea[dir="rtl"]')).not.toBeNull();
    expect(within(arabic).getByRole<HTMLInputElement>('checkbox', { name: 'Unverified' }).checked).toBe(true);
    expect(within(detail).getByRole('region', { name: 'English' }).textContent).toContain('Reviewed');
    expect(within(detail).getByRole('region', { name: 'English' }).querySelector('.char-count-over')?.textContent).toBe('25 of 10 characters');
    expect(within(within(detail).getByRole('region', { name: 'Japanese' })).getByRole('textbox').getAttribute('placeholder')).toContain('Untranslated');
    expect(within(detail).getByText('keyIos')).toBeTruthy();
    fireEvent.click(within(detail).getByRole('button', { name: 'Copy key name' }));
    await waitFor(() => expect(fake.calls.find((call) => call.name === 'app.copyText')?.args).toEqual(['screen.key_0']));
    fireEvent.click(within(detail).getByRole('button', { name: 'Close key details (Esc)' }));
    expect(screen.queryByRole('region', { name: 'Key details' })).toBeNull();
  });
});
