import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { makeEdit, makeSnapshot } from '../../../test/support/renderer/edit-fixtures';
import { arabic, german } from '../../../test/support/renderer/fixtures';
import { ConflictList } from './ConflictList';
import { ConflictView } from './ConflictView';

const fake = freshFakeApiForEachTest();

const conflict = makeEdit({
  editId: 5,
  state: 'conflict',
  value: 'Willkommen zurück, Freund',
  base: makeSnapshot('Willkommen zurück'),
  theirs: makeSnapshot('Herzlich willkommen zurück', { modifiedBy: 'mara@example.com', modifiedAt: Date.UTC(2026, 2, 4, 9, 30) }),
});

function side(name: RegExp): HTMLElement {
  const term = screen.getByText(name, { selector: 'dt' });
  const definition = term.nextElementSibling;
  if (!(definition instanceof HTMLElement)) throw new Error('no side');
  return definition;
}

describe('ConflictView', () => {
  it('shows base, mine and theirs, with each side’s changes marked and who changed theirs when', () => {
    render(<ConflictView edit={conflict} language={german} />);
    expect(side(/^Base/).textContent).toBe('Willkommen zurück');
    expect([...side(/^Mine/).querySelectorAll('ins')].map((mark) => mark.textContent)).toEqual(['[added: , Freund]']);
    const theirs = side(/^Theirs/);
    expect([...theirs.querySelectorAll('ins')].map((mark) => mark.textContent)).toEqual(['[added: Herzlich willkommen ]']);
    expect([...theirs.querySelectorAll('del')].map((mark) => mark.textContent)).toEqual(['[removed: Willkommen ]']);
    expect(screen.getByText(/^Theirs/, { selector: 'dt' }).textContent).toMatch(/Changed by mara@example\.com, .*2026/);
  });

  it('keeps mine', async () => {
    const onResolved = vi.fn();
    render(<ConflictView edit={conflict} language={german} onResolved={onResolved} />);
    fireEvent.click(screen.getByRole('button', { name: 'Keep mine' }));
    await waitFor(() => expect(fake().argumentsOf('edits.resolve')).toEqual([[5, { kind: 'keepMine' }]]));
    expect(onResolved).toHaveBeenCalledOnce();
  });

  it('takes theirs', async () => {
    render(<ConflictView edit={conflict} language={german} />);
    fireEvent.click(screen.getByRole('button', { name: 'Take theirs' }));
    await waitFor(() => expect(fake().argumentsOf('edits.resolve')).toEqual([[5, { kind: 'takeTheirs' }]]));
  });

  it('saves a merged value edited from mine', async () => {
    render(<ConflictView edit={conflict} language={german} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit a merged value' }));
    const merged = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Merged German value' });
    expect(merged.value).toBe('Willkommen zurück, Freund');
    fireEvent.change(merged, { target: { value: 'Herzlich willkommen zurück, Freund' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save merged value' }));
    await waitFor(() => expect(fake().argumentsOf('edits.resolve')).toEqual([[5, { kind: 'merged', value: 'Herzlich willkommen zurück, Freund' }]]));
  });

  it('says why a resolution failed and keeps the view', async () => {
    fake().respond('edits.resolve', new Error('The edit is no longer in the outbox.'));
    render(<ConflictView edit={conflict} language={german} />);
    fireEvent.click(screen.getByRole('button', { name: 'Keep mine' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The edit is no longer in the outbox.');
  });

  it('compares a plural key form by form, right to left for Arabic', async () => {
    const plural = makeEdit({
      editId: 9,
      languageIso: 'ar',
      isPlural: true,
      state: 'conflict',
      value: '',
      pluralForms: { one: 'ملف واحد', other: '%d ملفات جديدة' },
      base: makeSnapshot('', { pluralForms: { one: 'ملف واحد', other: '%d ملفات' } }),
      theirs: makeSnapshot('', { pluralForms: { one: 'ملف', other: '%d ملفات' } }),
    });
    render(<ConflictView edit={plural} language={arabic} />);
    expect(screen.getAllByRole('heading', { level: 4 }).map((heading) => heading.textContent)).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(document.querySelector('.diff-text')?.getAttribute('dir')).toBe('rtl');
    fireEvent.click(screen.getByRole('button', { name: 'Edit a merged value' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Merged Arabic value, plural form one' }), { target: { value: 'ملف' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save merged value' }));
    await waitFor(() => expect(fake().argumentsOf('edits.resolve')).toEqual([[9, { kind: 'merged', value: { one: 'ملف', other: '%d ملفات جديدة' } }]]));
  });
});

describe('ConflictList', () => {
  const many = Array.from({ length: 7 }, (_, index) => makeEdit({ ...conflict, editId: 10 + index, keyName: `screen.title_${index}` }));

  it('collapses more than five conflicts to one line each and opens one at a time', () => {
    render(<ConflictList conflicts={many} languageOf={() => german} />);
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: /screen\.title_3/ }));
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(screen.getByRole('button', { name: /screen\.title_3/ }).getAttribute('aria-expanded')).toBe('true');
  });

  it('shows a few conflicts all open', () => {
    render(<ConflictList conflicts={many.slice(0, 3)} languageOf={() => german} />);
    expect(screen.getAllByRole('article')).toHaveLength(3);
  });

  it('keeps mine or takes theirs for the chosen conflicts in one call', async () => {
    render(<ConflictList conflicts={many} languageOf={() => german} />);
    const bulk = screen.getByRole('group', { name: 'Settle the chosen conflicts' });
    expect(within(bulk).getByRole<HTMLButtonElement>('button', { name: 'Keep mine for 0' }).disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Choose screen.title_1, German' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Choose screen.title_4, German' }));
    fireEvent.click(within(bulk).getByRole('button', { name: 'Take theirs for 2' }));
    await waitFor(() => expect(fake().argumentsOf('edits.resolveMany')).toEqual([[[11, 14], 'takeTheirs']]));
    fireEvent.click(within(bulk).getByRole('checkbox', { name: /Choose all/ }));
    fireEvent.click(within(bulk).getByRole('button', { name: 'Keep mine for 7' }));
    await waitFor(() => expect(fake().argumentsOf('edits.resolveMany').at(-1)).toEqual([many.map((edit) => edit.editId), 'keepMine']));
  });
});
