import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EditCommitInput, Language } from '../../../common/contract';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { fakeEdit } from '../../../test/support/renderer/fake-api';
import { arabic, english, german, makeCell } from '../../../test/support/renderer/fixtures';
import type { EditAccess } from './access';
import { TranslationEditor, type TranslationEditorProps } from './TranslationEditor';

const fake = freshFakeApiForEachTest();
const writable: EditAccess = { writable: true, isReviewer: false, note: null };
const russian: Language = { langId: 700, iso: 'ru', name: 'Russian', isRtl: false, pluralForms: [], progress: 0 };

function show(overrides: Partial<TranslationEditorProps> = {}): ReturnType<typeof render> {
  const props: TranslationEditorProps = {
    projectId: '100.abc',
    keyId: 7,
    isPlural: false,
    charLimit: 0,
    cell: makeCell('de', 'Hallo %s'),
    language: german,
    source: { languageIso: 'en', cell: makeCell('en', 'Hello %s') },
    access: writable,
    ...overrides,
  };
  return render(<TranslationEditor {...props} />);
}

const commits = (): EditCommitInput[] => fake().argumentsOf('edits.commit').map(([input]) => input);
const field = (name = 'German translation'): HTMLTextAreaElement => screen.getByRole<HTMLTextAreaElement>('textbox', { name });

/** Types as a textarea would: the new value and where the caret ends. */
function type(element: HTMLTextAreaElement, value: string, caret = value.length): void {
  fireEvent.change(element, { target: { value, selectionStart: caret, selectionEnd: caret } });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('TranslationEditor: committing', () => {
  it('commits on Enter, and Shift+Enter is a new line that does not commit', async () => {
    show();
    type(field(), 'Hallo, %s');
    fireEvent.keyDown(field(), { key: 'Enter', shiftKey: true });
    expect(commits()).toEqual([]);
    fireEvent.keyDown(field(), { key: 'Enter' });
    await waitFor(() => expect(commits()).toEqual([{ projectId: '100.abc', keyId: 7, languageIso: 'de', value: 'Hallo, %s' }]));
    expect((await screen.findByRole('status')).textContent).toBe('Saved on this computer.');
  });

  it('does not commit on Enter while an input method is composing', () => {
    show();
    type(field(), 'Hallo %s か');
    fireEvent.keyDown(field(), { key: 'Enter', isComposing: true });
    expect(commits()).toEqual([]);
  });

  it('commits on blur, and not when nothing changed', async () => {
    show();
    fireEvent.blur(field());
    expect(commits()).toEqual([]);
    type(field(), 'Servus %s');
    fireEvent.blur(field());
    await waitFor(() => expect(commits().map((input) => input.value)).toEqual(['Servus %s']));
  });

  it('commits after a second without typing', async () => {
    vi.useFakeTimers();
    show();
    type(field(), 'Hallo %s!');
    await act(async () => {
      vi.advanceTimersByTime(900);
      await Promise.resolve();
    });
    expect(commits()).toEqual([]);
    type(field(), 'Hallo %s!!');
    await act(async () => {
      vi.advanceTimersByTime(900);
      await Promise.resolve();
    });
    expect(commits()).toEqual([]);
    await act(async () => {
      vi.advanceTimersByTime(200);
      await Promise.resolve();
    });
    expect(commits().map((input) => input.value)).toEqual(['Hallo %s!!']);
  });

  it('puts back the last committed value on Escape, and commits nothing', () => {
    show();
    type(field(), 'Tschüss %s');
    fireEvent.keyDown(field(), { key: 'Escape' });
    expect(field().value).toBe('Hallo %s');
    fireEvent.blur(field());
    expect(commits()).toEqual([]);
  });

  it('keeps the text and says why when a commit fails, and saves it at the next Enter', async () => {
    show();
    fake().respond('edits.commit', Object.assign(new Error('The edit could not be saved on this computer.'), { code: 'internal' }));
    type(field(), 'Hallo lieber %s');
    fireEvent.keyDown(field(), { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('The edit could not be saved on this computer.'));
    expect(field().value).toBe('Hallo lieber %s');
    fake().respond('edits.commit', (input) => fakeEdit({ value: typeof input.value === 'string' ? input.value : '' }));
    fireEvent.keyDown(field(), { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved on this computer.'));
    expect(commits().map((input) => input.value)).toEqual(['Hallo lieber %s', 'Hallo lieber %s']);
  });

  it('commits what was typed when the editor goes away before a commit moment', async () => {
    const { unmount } = show();
    type(field(), 'Hallo %s, schön');
    unmount();
    await waitFor(() => expect(commits().map((input) => input.value)).toEqual(['Hallo %s, schön']));
  });

  it('shows the pending edit over the synced value, with where it stands', () => {
    show({ cell: makeCell('de', 'Hallo %s', { edit: { editId: 3, state: 'conflict', value: 'Moin %s', pluralForms: null, isReviewed: null, isUnverified: null } }) });
    expect(field().value).toBe('Moin %s');
    expect(screen.getByText(/Someone changed this on Lokalise/)).toBeTruthy();
  });
});

describe('TranslationEditor: placeholders', () => {
  it('deletes a placeholder whole on Backspace', () => {
    show();
    // Backspace after "%s" removes "s" in the textarea; the editor takes the "%" too.
    type(field(), 'Hallo %', 7);
    expect(field().value).toBe('Hallo ');
  });

  it('offers the source’s placeholders and inserts one at the caret', () => {
    show({ cell: makeCell('de', 'Hallo '), source: { languageIso: 'en', cell: makeCell('en', 'Hello %1$s, you have <b>%2$d</b> files') } });
    const palette = screen.getByRole('group', { name: 'Insert a placeholder from the source' });
    expect(within(palette).getAllByRole('button').map((button) => button.textContent)).toEqual(['%1$s', '<b>', '%2$d', '</b>']);
    field().setSelectionRange(6, 6);
    fireEvent.click(within(palette).getByRole('button', { name: 'Insert %1$s' }));
    expect(field().value).toBe('Hallo %1$s');
    expect(document.activeElement).toBe(field());
  });

  it('shows placeholders as tokens', () => {
    show({ cell: makeCell('de', 'Hallo %s und {name}') });
    expect([...document.querySelectorAll('.token')].map((token) => token.textContent)).toEqual(['%s', '{name}']);
  });
});

describe('TranslationEditor: checks while typing', () => {
  it('lists QA issues under the field once typing pauses, marking errors as invalid', async () => {
    show();
    type(field(), 'Hallo');
    expect(field().getAttribute('aria-invalid')).toBeNull();
    const list = await screen.findByRole('list', { name: 'Checks' });
    expect(list.textContent).toContain('%s');
    expect(list.textContent).toMatch(/^Error:/);
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(field().getAttribute('aria-describedby')).toContain(list.id);
    type(field(), 'Hallo %s');
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Checks' })).toBeNull());
  });

  it('does not call an untouched empty translation a mistake', () => {
    show({ cell: makeCell('de', '') });
    expect(screen.queryByRole('list', { name: 'Checks' })).toBeNull();
  });

  it('checks each plural form under its own field', async () => {
    show({ isPlural: true, cell: makeCell('de', '', { isEmpty: false, pluralForms: { one: 'Eine Datei', other: 'Dateien' } }), source: { languageIso: 'en', cell: makeCell('en', '', { pluralForms: { one: 'One file', other: '%d files' } }) } });
    type(field('German translation, plural form other'), '%d Dateien!');
    await waitFor(() => expect(field('German translation, plural form other').getAttribute('aria-invalid')).toBeNull());
    type(field('German translation, plural form other'), 'Viele Dateien');
    await waitFor(() => expect(field('German translation, plural form other').getAttribute('aria-invalid')).toBe('true'));
    expect(field('German translation, plural form one').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('TranslationEditor: plural keys', () => {
  it('shows one field per CLDR category of the language and commits every form', async () => {
    show({ language: russian, isPlural: true, cell: makeCell('ru', '', { isEmpty: true, pluralForms: {} }), source: { languageIso: 'en', cell: makeCell('en', '', { pluralForms: { one: '%d file', other: '%d files' } }) } });
    expect(screen.getAllByRole('textbox').map((element) => element.getAttribute('aria-label'))).toEqual(['one', 'few', 'many', 'other'].map((form) => `Russian translation, plural form ${form}`));
    type(field('Russian translation, plural form one'), '%d файл');
    type(field('Russian translation, plural form few'), '%d файла');
    fireEvent.keyDown(field('Russian translation, plural form few'), { key: 'Enter' });
    await waitFor(() => expect(commits().at(-1)?.value).toEqual({ one: '%d файл', few: '%d файла' }));
  });

  it('keeps a form the language does not list rather than dropping it', () => {
    show({ language: { ...english, pluralForms: [] }, isPlural: true, cell: makeCell('en', '', { pluralForms: { one: 'a', other: 'b', few: 'stray' } }), source: null });
    expect(screen.getAllByRole('textbox').map((element) => (element as HTMLTextAreaElement).value)).toEqual(['a', 'b', 'stray']);
  });
});

describe('TranslationEditor: rights and flags', () => {
  it('offers "reviewed" only to reviewers, and a toggle commits its flag', async () => {
    show();
    expect(screen.queryByRole('checkbox', { name: 'Reviewed' })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Unverified' }));
    await waitFor(() => expect(commits()).toEqual([{ projectId: '100.abc', keyId: 7, languageIso: 'de', value: 'Hallo %s', isUnverified: true }]));
  });

  it('lets a reviewer mark it reviewed', async () => {
    show({ access: { writable: true, isReviewer: true, note: null } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Reviewed' }));
    await waitFor(() => expect(commits()[0]?.isReviewed).toBe(true));
  });

  it('is read-only with the reason when the language is not writable', () => {
    show({ access: { writable: false, isReviewer: false, note: 'Read-only: your Lokalise role lets you read German in this project, not change it.' } });
    expect(screen.getByText(/Read-only: your Lokalise role/)).toBeTruthy();
    expect(field().readOnly).toBe(true);
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('group', { name: 'Insert a placeholder from the source' })).toBeNull();
    fireEvent.blur(field());
    expect(commits()).toEqual([]);
  });

  it('writes right to left for Arabic', () => {
    show({ language: arabic, cell: makeCell('ar', 'مرحبا %s') });
    expect(field('Arabic translation').getAttribute('dir')).toBe('rtl');
    expect(document.querySelector('.token-mirror')?.getAttribute('dir')).toBe('rtl');
  });
});

