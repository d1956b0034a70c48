/**
 * The entry point as the integrators use it: settings switch checks off and change severities, plural keys are
 * checked form by form against the right source form, a realistic corpus gives no issue at all, and every issue is
 * valid data for IPC and storage.
 */
import { describe, expect, it } from 'vitest';
import { checkTranslation } from './check-translation';
import { blocksPush, defaultQaSettings, readQaSettings } from './settings';
import { QaIssueSchema, type QaInput } from './types';

const input = (source: QaInput['source'], target: QaInput['target'], more: Partial<QaInput> = {}): QaInput => ({
  sourceLanguage: 'en',
  targetLanguage: 'de',
  source,
  target,
  isPlural: false,
  ...more,
});

/** Translations a careful translator would write: no check may fire on any of them. */
const cleanCorpus: readonly QaInput[] = [
  input('Save changes', 'Änderungen speichern'),
  input('Delete project?', 'Projekt löschen?'),
  input('You have %d new messages from %s.', 'Sie haben %d neue Nachrichten von %s.'),
  input('Welcome back, {name}!', 'Willkommen zurück, {name}!'),
  input('<b>Warning:</b> unsaved changes will be lost.', '<b>Achtung:</b> Nicht gespeicherte Änderungen gehen verloren.'),
  input('Read our <a href="https://example.com/en/privacy">privacy policy</a>.', 'Lesen Sie unsere <a href="https://example.com/de/privacy">Datenschutzerklärung</a>.'),
  input('Upload up to 10 files (max. 25 MB each).', 'Laden Sie bis zu 10 Dateien hoch (max. 25 MB pro Datei).'),
  input('Questions? Write to support@example.com.', 'Fragen? Schreiben Sie an support@example.com.'),
  input('Click “Export” to download the report.', 'Klicken Sie auf „Exportieren“, um den Bericht herunterzuladen.'),
  input('Syncing with the server…', 'Synchronisierung mit dem Server…'),
  input('Settings were updated', 'Настройки обновлены', { targetLanguage: 'ru' }),
  input('Invite your team: %s', 'Пригласите команду: %s', { targetLanguage: 'ru' }),
  input('Your trial ends on %s.', 'تنتهي الفترة التجريبية في %s.', { targetLanguage: 'ar' }),
  input('Delete %s?', 'هل تريد حذف %s؟', { targetLanguage: 'ar' }),
  input('Price: 1,299.99 USD', 'السعر: ١٬٢٩٩٫٩٩ دولار أمريكي', { targetLanguage: 'ar' }),
  input('Save changes?', '変更を保存しますか？', { targetLanguage: 'ja' }),
  input('{count} files selected.', '{count}個のファイルを選択しました。', { targetLanguage: 'ja' }),
  input('Search translations', '搜索翻译', { targetLanguage: 'zh_CN' }),
  input('Downloaded 1,024 of 2,048 files.', '已下载 2,048 个文件中的 1,024 个。', { targetLanguage: 'zh_CN' }),
  input('Settings saved.', 'सेटिंग्स सहेजी गईं।', { targetLanguage: 'hi' }),
  input('%d users online', '%d उपयोगकर्ता ऑनलाइन', { targetLanguage: 'hi' }),
  input('Delete this file?', 'Διαγραφή αυτού του αρχείου;', { targetLanguage: 'el' }),
  input('Delete this file?', '¿Eliminar este archivo?', { targetLanguage: 'es' }),
  input('Name: ', 'Nom : ', { targetLanguage: 'fr' }),
  input('It’s done!', 'C’est fait !', { targetLanguage: 'fr' }),
  input('Team: %{team}\nRole: %{role}', 'Équipe : %{team}\nRôle : %{role}', { targetLanguage: 'fr' }),
  input('Hi {{name}}, you have {{count}} tasks', 'Olá {{name}}, você tem {{count}} tarefas', { targetLanguage: 'pt_BR' }),
  input('{gender, select, male {He} female {She} other {They}} liked your post', '{gender, select, male {Ему} female {Ей} other {Им}} понравился ваш пост', { targetLanguage: 'ru' }),
  input(
    { one: 'You have [%i:count] new message', other: 'You have [%i:count] new messages' },
    { one: 'У вас [%i:count] новое сообщение', few: 'У вас [%i:count] новых сообщения', many: 'У вас [%i:count] новых сообщений', other: 'У вас [%i:count] нового сообщения' },
    { targetLanguage: 'ru', isPlural: true },
  ),
  input(
    '{"one":"One file","other":"%d files"}',
    '{"zero":"لا توجد ملفات","one":"ملف واحد","two":"ملفان","few":"%d ملفات","many":"%d ملفًا","other":"%d ملف"}',
    { targetLanguage: 'ar', isPlural: true, charLimit: 30 },
  ),
  input({ one: '%d file', other: '%d files' }, { other: '%d 個のファイル' }, { targetLanguage: 'ja', isPlural: true }),
  input('Dark mode 🌙', 'Dunkler Modus 🌙', { charLimit: 20 }),
];

describe('checkTranslation', () => {
  it.each(cleanCorpus.map((entry) => [JSON.stringify(entry.target).slice(0, 60), entry] as const))('finds nothing in a careful translation: %s', (_name, entry) => {
    expect(checkTranslation(entry)).toEqual([]);
  });

  it('answers valid, serialisable issues with the configured severities', () => {
    const issues = checkTranslation(input('Hello %s "there"', ' Hallo  "da', { charLimit: 5 }));
    expect(issues.length).toBeGreaterThan(4);
    for (const issue of issues) expect(QaIssueSchema.parse(JSON.parse(JSON.stringify(issue)))).toEqual(issue);
    expect(issues.find((issue) => issue.checkId === 'placeholders')?.severity).toBe('error');
    expect(issues.find((issue) => issue.checkId === 'doubleSpace')?.severity).toBe('warning');
  });

  it('skips checks that are off and uses the severity the project chose', () => {
    const settings = readQaSettings({ checks: { placeholders: 'warning', doubleSpace: 'off' } });
    const issues = checkTranslation(input('Hello %s', 'Hallo  Welt'), settings);
    expect(issues.map((issue) => [issue.checkId, issue.severity])).toEqual([['placeholders', 'warning']]);
    expect(blocksPush(issues)).toBe(false);
    expect(blocksPush(checkTranslation(input('Hello %s', 'Hallo  Welt')))).toBe(true);
  });

  it('is pure: the same input gives the same issues, whatever was checked before', () => {
    const first = checkTranslation(input('Up to 5 files', 'Bis zu 6 Dateien'));
    checkTranslation(input('Up to 7 files', 'Bis zu 7 Dateien'));
    expect(checkTranslation(input('Up to 5 files', 'Bis zu 6 Dateien'))).toEqual(first);
  });

  it('gives no issues for an empty source and only emptyTarget for an empty target', () => {
    expect(checkTranslation(input('', 'Etwas'))).toEqual([]);
    expect(checkTranslation(input('Save %s', '')).map((issue) => issue.checkId)).toEqual(['emptyTarget']);
    expect(checkTranslation(input({ one: '', other: '' }, { one: 'x', other: 'y' }, { isPlural: true }))).toEqual([]);
  });

  it('compares a plural form with the source form of its category, else the source other', () => {
    const issues = checkTranslation(
      input({ one: '1 file left', other: '%d files left' }, { one: '2 файл остался', few: '%d файла осталось', many: '%d файлов осталось', other: '%d файла осталось' }, {
        targetLanguage: 'ru',
        isPlural: true,
      }),
    );
    // Russian `one` covers 1, 21, 31…, so it needs the count (compared with the source's other); the English one's
    // "1" is its count written out (compared with the source's one), while "2" is no `one` number in Russian.
    expect(issues.map((issue) => [issue.checkId, issue.form, issue.token])).toEqual([
      ['placeholders', 'one', '%d'],
      ['numbers', 'one', '2'],
    ]);
  });

  it('lists missing plural forms in CLDR order with the numbers they are for', () => {
    const issues = checkTranslation(input({ one: '%d file', other: '%d files' }, { other: '%d ملف' }, { targetLanguage: 'ar', isPlural: true }));
    expect(issues.map((issue) => issue.form)).toEqual(['zero', 'one', 'two', 'few', 'many']);
    expect(issues[3]?.message).toContain('3, 4, 5');
  });

  it('reads a plural-shaped value of a non-plural key as its other form', () => {
    expect(checkTranslation(input({ other: 'Save %s' }, 'Speichern'))).toHaveLength(1);
  });

  it('treats plural values that are not Lokalise JSON as one other form', () => {
    const issues = checkTranslation(input('{"one":"%d file","other":"%d files"}', 'not json %d', { isPlural: true }));
    expect(issues.map((issue) => [issue.checkId, issue.form])).toEqual([['pluralForms', 'one']]);
  });

  it('defaults to the default settings', () => {
    expect(checkTranslation(input('Save %s', 'Speichern'), defaultQaSettings())).toEqual(checkTranslation(input('Save %s', 'Speichern')));
  });
});
