import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyQueryInput } from '../../../common/contract';
import { setBridge } from '../api';
import { createFakeApi, type FakeApi } from '../../../test/support/renderer/fake-api';
import { facets, pluralDetail, project, row } from '../../../test/support/renderer/key-fixtures';
import { ProjectView } from './ProjectView';

let fake: FakeApi;
const total = 100_000;

beforeEach(() => {
  localStorage.clear();
  fake = createFakeApi({
    'projects.facets': facets,
    'keys.page': (query: KeyQueryInput) => {
      const offset = query.offset ?? 0;
      return { total, offset, items: Array.from({ length: Math.min(query.limit ?? 100, total - offset) }, (_, index) => row(offset + index)) };
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

async function renderView(): Promise<void> {
  render(<ProjectView project={project} reloadToken={0} viewportHeight={600} />);
  await screen.findByText('100,000 keys');
  await screen.findByText('screen.key_0');
}

describe('ProjectView', () => {
  it('keeps fewer than 100 rows in the DOM for 100,000 keys and fetches only the first page', async () => {
    await renderView();
    const rows = screen.getAllByRole('option').filter((element) => element.closest('[role="listbox"]')?.getAttribute('aria-label') === 'Keys');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(pageQueries().map((query) => query.offset)).toEqual([0]);
  });

  it('defaults to the base language as source and the first other language as target, and remembers changes per project', async () => {
    await renderView();
    expect(pageQueries()[0]).toMatchObject({ sourceIso: 'en', targetIsos: ['ar'] });
    fireEvent.click(screen.getByRole('checkbox', { name: 'ja' }));
    await waitFor(() => expect(pageQueries().at(-1)?.targetIsos).toEqual(['ar', 'ja']));
    expect(JSON.parse(localStorage.getItem('locdesk.view.p.1') ?? '{}')).toEqual({ sourceIso: 'en', targetIsos: ['ar', 'ja'] });
  });

  it('sends each filter in the query', async () => {
    await renderView();
    fireEvent.change(screen.getByLabelText('Status filter'), { target: { value: 'untranslated' } });
    fireEvent.change(screen.getByLabelText('Status language'), { target: { value: 'ja' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'legal' }));
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
    await renderView();
    const box = screen.getByRole('searchbox', { name: 'Search keys' });
    fireEvent.change(box, { target: { value: 'S' } });
    fireEvent.change(box, { target: { value: 'Save' } });
    await waitFor(() => expect(pageQueries().at(-1)?.search).toBe('Save'));
    expect(pageQueries().filter((query) => query.search === 'S')).toEqual([]);
    await waitFor(() => expect(document.querySelectorAll('mark.match').length).toBeGreaterThan(0));
    fireEvent.keyDown(box, { key: 'Escape' });
    expect((box as HTMLInputElement).value).toBe('');
    fireEvent.change(box, { target: { value: 'Save' } });
    fireEvent.keyDown(screen.getByRole('listbox', { name: 'Keys' }), { key: 'Escape' });
    expect((box as HTMLInputElement).value).toBe('');
  });

  it('focuses the search on "/" and moves through keys with the arrow keys', async () => {
    await renderView();
    fireEvent.keyDown(window, { key: '/' });
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search keys' }));
    const list = screen.getByRole('listbox', { name: 'Keys' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(list.getAttribute('aria-activedescendant')).toBe('key-row-1');
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(list.getAttribute('aria-activedescendant')).toBe('key-row-0');
    await waitFor(() => expect(fake.calls.some((call) => call.name === 'keys.detail')).toBe(true));
  });

  it('renders Arabic cells right to left and highlights placeholders in the list', async () => {
    await renderView();
    const firstRow = screen.getAllByRole('option').find((element) => element.id === 'key-row-0');
    expect(firstRow?.querySelector('[dir="rtl"]')?.textContent).toBe('حفظ 0');
    expect(firstRow?.querySelector('mark.placeholder')?.textContent).toBe('%s');
  });

  it('shows the key detail: plural forms in CLDR order, badges, char-limit warning, RTL', async () => {
    await renderView();
    act(() => screen.getByText('screen.key_0').click());
    const detail = await screen.findByRole('region', { name: 'Key details' });
    const arabic = await within(detail).findByRole('region', { name: 'Arabic' });
    expect([...arabic.querySelectorAll('.plural-label')].map((label) => label.textContent)).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(arabic.querySelector('textarea[dir="rtl"]')).not.toBeNull();
    expect(within(arabic).getByRole<HTMLInputElement>('checkbox', { name: 'Unverified' }).checked).toBe(true);
    expect(within(detail).getByRole('region', { name: 'English' }).textContent).toContain('Reviewed');
    expect(within(detail).getByRole('region', { name: 'English' }).querySelector('.char-count-over')?.textContent).toBe('25 of 10 characters');
    expect(within(within(detail).getByRole('region', { name: 'Japanese' })).getByRole('textbox').getAttribute('placeholder')).toContain('Untranslated');
    expect(within(detail).getByText('keyIos')).toBeTruthy();
    expect(within(detail).getByText('Shown in the toolbar.')).toBeTruthy();
    fireEvent.click(within(detail).getByRole('button', { name: 'Copy key name' }));
    await waitFor(() => expect(fake.calls.find((call) => call.name === 'app.copyText')?.args).toEqual(['screen.key_0']));
  });
});
