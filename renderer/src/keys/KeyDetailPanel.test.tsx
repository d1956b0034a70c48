import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { makeCell, makeDetail, sampleLanguages } from '../../../test/support/renderer/fixtures';
import { KeyDetailPanel } from './KeyDetailPanel';

const fake = freshFakeApiForEachTest();

async function showDetail(): Promise<HTMLElement> {
  render(<KeyDetailPanel projectId="100.abc" keyId={1} languages={sampleLanguages} search="" />);
  const panel = screen.getByRole('region', { name: 'Key details' });
  await within(panel).findByRole('heading', { level: 2 });
  return panel;
}

describe('KeyDetailPanel', () => {
  it('asks for a key before showing anything', () => {
    render(<KeyDetailPanel projectId="100.abc" keyId={null} languages={sampleLanguages} search="" />);
    expect(screen.getByRole('region', { name: 'Key details' }).textContent).toContain('Select a key');
    expect(fake().calls.filter((call) => call.name === 'keys.detail')).toEqual([]);
  });

  it('shows the key name on every platform, its description, context, tags and modified time', async () => {
    fake().respond(
      'keys.detail',
      makeDetail({
        name: 'welcome.title',
        keyNames: { ios: 'WelcomeTitle', android: 'welcome_title', web: 'welcome.title', other: 'welcome-title' },
        description: 'Greets a new user.',
        context: 'Home screen header',
        tags: ['onboarding', 'v2'],
        modifiedAt: Date.UTC(2026, 0, 2, 3, 4),
      }),
    );
    const panel = await showDetail();
    expect(fake().calls.filter((call) => call.name === 'keys.detail')).toEqual([{ name: 'keys.detail', args: ['100.abc', 1] }]);
    for (const name of ['WelcomeTitle', 'welcome_title', 'welcome-title', 'Greets a new user.', 'Home screen header', 'onboarding, v2']) {
      expect(within(panel).getByText(name)).toBeTruthy();
    }
    expect(within(panel).getByText('Modified').nextElementSibling?.textContent).toMatch(/2026/);
  });

  it('counts each translation against the character limit, the way the QA check counts', async () => {
    fake().respond('keys.detail', makeDetail({ charLimit: 5, translations: [makeCell('en', 'Short'), makeCell('de', 'Zu lang hier')] }));
    const panel = await showDetail();
    const english = within(panel).getByRole('region', { name: 'English' }).querySelector('.char-count');
    const german = within(panel).getByRole('region', { name: 'German' }).querySelector('.char-count');
    expect(english?.textContent).toBe('5 of 5 characters');
    expect(english?.classList.contains('char-count-over')).toBe(false);
    expect(german?.textContent).toBe('12 of 5 characters');
    expect(german?.classList.contains('char-count-over')).toBe(true);
  });

  it('counts an emoji with a skin-tone modifier as two characters, as Lokalise’s limit does (code points)', async () => {
    fake().respond('keys.detail', makeDetail({ charLimit: 3, translations: [makeCell('en', 'Hi👋🏽')] }));
    const panel = await showDetail();
    expect(within(panel).getByRole('region', { name: 'English' }).querySelector('.char-count')?.textContent).toBe('4 of 3 characters');
  });

  it('edits all six Arabic plural forms in CLDR order, right to left, with the empty ones waiting', async () => {
    fake().respond(
      'keys.detail',
      makeDetail({ isPlural: true, translations: [makeCell('ar', '', { isEmpty: false, pluralForms: { other: '{count} ملفات', one: 'ملف واحد' } })] }),
    );
    const panel = await showDetail();
    const arabic = within(panel).getByRole('region', { name: 'Arabic' });
    expect([...arabic.querySelectorAll('.plural-label')].map((label) => label.textContent)).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    const fields = within(arabic).getAllByRole<HTMLTextAreaElement>('textbox');
    expect(fields.map((field) => field.value)).toEqual(['', 'ملف واحد', '', '', '', '{count} ملفات']);
    const other = within(arabic).getByRole('textbox', { name: 'Arabic translation, plural form other' });
    expect(other.getAttribute('dir')).toBe('rtl');
    expect(other.getAttribute('lang')).toBe('ar');
    expect(arabic.querySelector('.token')?.textContent).toBe('{count}');
  });

  it('edits German with its two plural forms, left to right', async () => {
    fake().respond('keys.detail', makeDetail({ isPlural: true, translations: [makeCell('de', '', { isEmpty: false, pluralForms: { one: 'Eine Datei', other: '%d Dateien' } })] }));
    const panel = await showDetail();
    const german = within(panel).getByRole('region', { name: 'German' });
    expect([...german.querySelectorAll('.plural-label')].map((label) => label.textContent)).toEqual(['one', 'other']);
    expect(within(german).getByDisplayValue('Eine Datei').getAttribute('dir')).toBe('ltr');
  });

  it('says when the key is gone from the library', async () => {
    fake().respond('keys.detail', null);
    render(<KeyDetailPanel projectId="100.abc" keyId={9} languages={sampleLanguages} search="" />);
    await screen.findByText(/no longer in the offline library/);
  });

  it('shows why the detail could not be loaded', async () => {
    fake().respond('keys.detail', new Error('The offline library is unavailable.'));
    render(<KeyDetailPanel projectId="100.abc" keyId={9} languages={sampleLanguages} search="" />);
    expect((await screen.findByRole('alert')).textContent).toBe('The offline library is unavailable.');
  });

  it('Escape in an editor first puts back uncommitted typing, and closes the panel only when nothing is left to undo', async () => {
    fake().respond('keys.detail', makeDetail({ translations: [makeCell('en', 'Hello'), makeCell('de', 'Hallo')] }));
    const onClose = vi.fn();
    render(<KeyDetailPanel projectId="100.abc" keyId={1} languages={sampleLanguages} search="" onClose={onClose} />);
    const panel = screen.getByRole('region', { name: 'Key details' });
    const german = await within(panel).findByRole<HTMLTextAreaElement>('textbox', { name: 'German translation' });
    fireEvent.change(german, { target: { value: 'Hallo, typed by mistake' } });
    expect(german.value).toBe('Hallo, typed by mistake');
    fireEvent.keyDown(german, { key: 'Escape' });
    expect(german.value).toBe('Hallo');
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(german, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(fake().calls.filter((call) => call.name === 'edits.commit')).toEqual([]);
  });

  it('Escape on the panel itself closes it, and other keys do not', async () => {
    fake().respond('keys.detail', makeDetail({}));
    const onClose = vi.fn();
    render(<KeyDetailPanel projectId="100.abc" keyId={1} languages={sampleLanguages} search="" onClose={onClose} />);
    const close = await screen.findByRole('button', { name: 'Close key details (Esc)' });
    fireEvent.keyDown(close, { key: 'Enter' });
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(close, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
