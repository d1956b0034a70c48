/**
 * Table-driven tests of every check: cases that must fire (naming the offending token and the plural form) and
 * realistic cases that must not, in Latin, Cyrillic, Greek, Arabic, CJK and Devanagari scripts.
 */
import { describe, expect, it } from 'vitest';
import { checkTranslation } from './check-translation';
import { QA_CHECK_IDS, QaIssueSchema, type QaCheckId, type QaInput, type QaText } from './types';

interface Case {
  readonly name: string;
  readonly source: QaText;
  readonly target: QaText;
  /** `source→target` Lokalise codes; `en→de` when left out. */
  readonly languages?: string;
  readonly isPlural?: boolean;
  readonly charLimit?: number;
  readonly targetPluralForms?: readonly string[];
  /** The token the first issue names (null: the issue is about the whole text). */
  readonly token?: string | null;
  /** The plural form the first issue is in. */
  readonly form?: string | null;
  /** How many issues of the check; 1 when left out. */
  readonly count?: number;
}

interface CheckTable {
  readonly fires: readonly Case[];
  readonly quiet: readonly Case[];
}

function inputOf(entry: Case): QaInput {
  const [sourceLanguage = 'en', targetLanguage = 'de'] = (entry.languages ?? 'en→de').split('→');
  return {
    sourceLanguage,
    targetLanguage,
    source: entry.source,
    target: entry.target,
    isPlural: entry.isPlural ?? false,
    charLimit: entry.charLimit ?? 0,
    ...(entry.targetPluralForms === undefined ? {} : { targetPluralForms: entry.targetPluralForms }),
  };
}

const tables: Record<QaCheckId, CheckTable> = {
  placeholders: {
    fires: [
      { name: 'printf %s missing', source: 'Hello, %s!', target: 'Hallo!', token: '%s' },
      { name: 'printf %d extra (Cyrillic)', source: 'New messages', target: 'Новых сообщений: %d', languages: 'en→ru', token: '%d' },
      { name: 'printf non-positional reordered', source: 'You have %d messages from %s', target: 'Von %s haben Sie %d Nachrichten', token: '%s' },
      { name: 'printf type changed', source: 'Saved %d files', target: '%s Dateien gespeichert', count: 2, token: '%d' },
      { name: 'positional printf missing', source: '%1$s invited %2$s', target: '%2$s wurde eingeladen', token: '%1$s' },
      { name: 'objective-c %@ missing (Japanese)', source: 'Delete %@?', target: '削除しますか？', languages: 'en→ja', token: '%@' },
      { name: 'ICU argument renamed', source: 'Hello {name}', target: 'Hola {nombre}', languages: 'en→es', count: 2, token: '{name}' },
      { name: 'ICU argument in a nested plural missing', source: '{count, plural, one {{name} has # file} other {{name} has # files}}', target: '{count, plural, one {# Datei} other {# Dateien}}', token: '{name}' },
      { name: 'ICU select case translated', source: '{gender, select, male {He} female {She} other {They}} left', target: '{gender, select, männlich {Er} female {Sie} other {Sie}} ging', count: 2, token: 'male' },
      { name: 'ICU plural other without #', source: '{n, plural, one {# file} other {# files}}', target: '{n, plural, one {# Datei} other {Dateien}}', token: '#' },
      { name: "ICU apostrophe quotes the argument (French l')", source: 'Delete {item}?', target: "Supprimer l'{item} ?", languages: 'en→fr', token: '{item}' },
      { name: 'Ruby %{name} missing', source: 'Welcome, %{user}', target: 'Willkommen', token: '%{user}' },
      { name: 'i18next {{name}} misspelled', source: 'Hi {{firstName}}', target: 'Hallo {{firstname}}', count: 2, token: '{{firstName}}' },
      { name: 'universal [%s] missing (Arabic)', source: 'Sent to [%s]', target: 'تم الإرسال', languages: 'en→ar', token: '[%s]' },
      { name: 'universal named [%s:name] changed', source: 'Hi [%s:name]', target: 'Hallo [%s:nombre]', count: 2, token: '[%s:name]' },
      { name: 'universal [%1$s] missing (Devanagari)', source: '[%1$s] of [%2$s]', target: '[%2$s] में से', languages: 'en→hi', token: '[%1$s]' },
      { name: 'plural form compared with source other', source: { one: 'One file', other: '%d files' }, target: { one: '%d файл', few: '%d файла', many: 'файлов', other: '%d файла' }, languages: 'en→ru', isPlural: true, token: '%d', form: 'many' },
      { name: 'Russian one still needs the count (21 files)', source: { one: 'One file', other: '%d files' }, target: { one: 'Один файл', few: '%d файла', many: '%d файлов', other: '%d файла' }, languages: 'en→ru', isPlural: true, token: '%d', form: 'one' },
    ],
    quiet: [
      { name: 'same printf placeholders', source: 'You have %d messages from %s', target: 'Sie haben %d Nachrichten von %s' },
      { name: '%% is a percent sign', source: 'Save 20%% today', target: 'Heute 20%% sparen' },
      { name: 'numbered printf reorders the source', source: 'You have %d messages from %s', target: 'Von %2$s haben Sie %1$d Nachrichten' },
      { name: 'positional printf may move', source: '%1$s invited %2$s', target: '%2$s wurde von %1$s eingeladen' },
      { name: 'prose percent in German', source: 'Are you 100% sure?', target: 'Sind Sie sich zu 100%ig sicher?' },
      { name: 'Spanish percent with a space', source: '50% off', target: '50% de descuento', languages: 'en→es' },
      { name: 'a URL with %20 is no placeholder', source: 'See https://example.com/a%20b', target: 'Siehe https://example.com/a%20b' },
      { name: 'ICU arguments may move (Japanese)', source: '{user} invited {guest}', target: '{guest}さんを{user}さんが招待しました', languages: 'en→ja' },
      { name: 'ICU plural with more cases in Russian', source: '{n, plural, one {# file} other {# files}}', target: '{n, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}', languages: 'en→ru' },
      { name: 'ICU escaped apostrophe', source: "Don't delete {item}", target: "N''effacez pas {item}", languages: 'en→fr' },
      { name: 'Ruby and i18next kept', source: '%{count} items for {{user}}', target: '%{count} Artikel für {{user}}' },
      { name: 'i18next format part is not the name', source: 'Total: {{amount, currency}}', target: 'Summe: {{amount, currency}}' },
      { name: 'universal placeholders kept (Arabic)', source: 'Hi [%s:name], you have [%i:count] files', target: 'مرحبًا [%s:name]، لديك [%i:count] ملفات', languages: 'en→ar' },
      { name: 'English one spelled out', source: { one: 'One file', other: '%d files' }, target: { one: 'Eine Datei', other: '%d Dateien' }, isPlural: true },
      { name: 'Arabic zero, one and two spelled out', source: { one: '1 file', other: '[%i:count] files' }, target: { zero: 'لا ملفات', one: 'ملف واحد', two: 'ملفان', few: '[%i:count] ملفات', many: '[%i:count] ملفًا', other: '[%i:count] ملف' }, languages: 'en→ar', isPlural: true },
      { name: 'braces in a non-ICU i18next project', source: 'Hi {{name}}', target: 'Hallo {{name}}' },
    ],
  },
  icuSyntax: {
    fires: [
      { name: 'unclosed plural', source: '{count, plural, one {# file} other {# files}}', target: '{count, plural, one {# Datei} other {# Dateien}', token: '{' },
      { name: 'translated argument type', source: '{count, plural, one {# file} other {# files}}', target: '{count, plurielle, one {# fichier} other {# fichiers}}', languages: 'en→fr', token: 'plurielle' },
      { name: 'missing other case (Russian)', source: '{n, plural, one {# file} other {# files}}', target: '{n, plural, one {# файл} few {# файла}}', languages: 'en→ru', token: null },
      { name: 'empty braces (Japanese)', source: 'Hello {name}', target: 'こんにちは{}さん', languages: 'en→ja', token: '{}' },
    ],
    quiet: [
      { name: 'valid nested ICU', source: '{count, plural, one {# file} other {# files}}', target: '{count, plural, one {# Datei} other {# Dateien}}' },
      { name: 'the source is no ICU message', source: 'Use { and } to group', target: 'Verwenden Sie { und } zum Gruppieren' },
      { name: 'i18next double braces are no ICU', source: 'Hi {{name}}', target: 'Hallo {{name}}' },
      { name: 'Ruby %{} is no ICU', source: 'Hi %{name}', target: 'Hallo %{name}' },
      { name: 'select in Arabic', source: '{g, select, male {He} other {They}}', target: '{g, select, male {هو} other {هم}}', languages: 'en→ar' },
    ],
  },
  htmlTags: {
    fires: [
      { name: 'closing tag lost', source: '<b>Save</b> now', target: '<b>Jetzt speichern', token: '</b>' },
      { name: 'link lost (Cyrillic)', source: 'Read the <a href="/terms">terms</a>', target: 'Прочтите условия', languages: 'en→ru', count: 2, token: '<a href="/terms">' },
      { name: 'extra tag (CJK)', source: 'Save now', target: '<i>今すぐ保存</i>', languages: 'en→zh_CN', count: 2, token: '<i>' },
      { name: 'tags crossed', source: '<b><i>Hi</i></b>', target: '<b><i>Hallo</b></i>', token: '</b>' },
      { name: 'closing before opening', source: '<b>Hi</b> there', target: '</b>Hallo<b> da', token: '</b>' },
    ],
    quiet: [
      { name: 'tags around other words (Arabic)', source: 'Click <b>Save</b> to continue', target: 'انقر على <b>حفظ</b> للمتابعة', languages: 'en→ar' },
      { name: 'tags may swap places (Japanese)', source: '<b>Save</b> or <i>cancel</i>', target: '<i>キャンセル</i>または<b>保存</b>', languages: 'en→ja' },
      { name: 'br written either way', source: 'Line one<br>line two', target: 'Zeile eins<br />Zeile zwei' },
      { name: 'numbered rich-text tags', source: 'Accept the <0>terms</0>', target: 'Akzeptieren Sie die <0>Bedingungen</0>' },
      { name: 'a less-than sign is no tag', source: 'Use a < b when sorting', target: 'Verwenden Sie a < b beim Sortieren' },
    ],
  },
  pluralForms: {
    fires: [
      { name: 'Russian few missing', source: { one: '%d file', other: '%d files' }, target: { one: '%d файл', many: '%d файлов', other: '%d файла' }, languages: 'en→ru', isPlural: true, token: 'few', form: 'few' },
      { name: 'Arabic forms empty', source: { one: '1 file', other: '%d files' }, target: { zero: '', one: 'ملف واحد', two: 'ملفان', few: '%d ملفات', many: '', other: '%d ملف' }, languages: 'en→ar', isPlural: true, count: 2, token: 'zero', form: 'zero' },
      { name: 'Lokalise JSON string with an empty form (pt_BR)', source: '{"one":"%d file","other":"%d files"}', target: '{"one":"%d arquivo","many":"%d de arquivos","other":" "}', languages: 'en→pt_BR', isPlural: true, token: 'other', form: 'other' },
      { name: "project's plural forms decide (Polish)", source: { one: '%d file', other: '%d files' }, target: { one: '%d plik', few: '%d pliki', other: '%d pliku' }, languages: 'en→pl', isPlural: true, targetPluralForms: ['one', 'few', 'many', 'other'], token: 'many', form: 'many' },
    ],
    quiet: [
      { name: 'Japanese needs only other', source: { one: '%d file', other: '%d files' }, target: { other: '%d 個のファイル' }, languages: 'en→ja', isPlural: true },
      { name: 'French without many when the project has none', source: { one: '%d file', other: '%d files' }, target: { one: '%d fichier', other: '%d fichiers' }, languages: 'en→fr', isPlural: true, targetPluralForms: ['one', 'other'] },
      { name: 'Russian complete', source: { one: '%d file', other: '%d files' }, target: { one: '%d файл', few: '%d файла', many: '%d файлов', other: '%d файла' }, languages: 'en→ru', isPlural: true },
      { name: 'extra forms are ignored (Chinese)', source: { one: '%d file', other: '%d files' }, target: { one: '', other: '%d 个文件' }, languages: 'en→zh_CN', isPlural: true },
      { name: 'unknown language: no guessing', source: { one: '%d file', other: '%d files' }, target: { other: '%d tlhegh' }, languages: 'en→tlh', isPlural: true },
    ],
  },
  charLimit: {
    fires: [
      { name: 'over the limit', source: 'Save', target: 'Änderungen speichern', charLimit: 10, token: null },
      { name: 'Devanagari over the limit', source: 'Save', target: 'परिवर्तन सहेजें', charLimit: 10, languages: 'en→hi', token: null },
      { name: 'a ZWJ emoji counts as its code points', source: 'Hi', target: 'Hallo 👩‍💻', charLimit: 7, token: null },
      { name: 'per plural form', source: { one: '%d file', other: '%d files' }, target: { one: '%d файл', few: '%d файла', many: '%d файлов в папке', other: '%d файла' }, charLimit: 10, languages: 'en→ru', isPlural: true, form: 'many', token: null },
    ],
    quiet: [
      { name: 'at the limit (CJK)', source: 'Save changes', target: '変更を保存', charLimit: 5, languages: 'en→ja' },
      { name: 'combining accents typed apart count once', source: 'Cafe', target: 'Cafe\u0301', charLimit: 4, languages: 'en→fr' },
      { name: 'Arabic within the limit', source: 'Save changes', target: 'حفظ التغييرات', charLimit: 13, languages: 'en→ar' },
      { name: 'no limit', source: 'Hi', target: 'A very long translation indeed', charLimit: 0 },
    ],
  },
  leadingWhitespace: {
    fires: [
      { name: 'leading line break lost', source: '\nDetails', target: 'Details anzeigen', token: null },
      { name: 'leading space added (Cyrillic)', source: 'Details', target: ' Подробнее', languages: 'en→ru', token: ' ' },
    ],
    quiet: [
      { name: 'leading space kept (Arabic)', source: ' and more', target: ' والمزيد', languages: 'en→ar' },
      { name: 'no-break space counts as a space', source: ' and more', target: '\u00a0et plus', languages: 'en→fr' },
    ],
  },
  trailingWhitespace: {
    fires: [
      { name: 'trailing space lost', source: 'Total: ', target: 'Summe:', token: null },
      { name: 'trailing space added (Devanagari)', source: 'Total', target: 'कुल ', languages: 'en→hi', token: ' ' },
      { name: 'trailing line break lost in Japanese', source: 'Done\n', target: '完了', languages: 'en→ja', token: null },
    ],
    quiet: [
      { name: 'Japanese needs no space before the next part', source: 'Name: ', target: '名前：', languages: 'en→ja' },
      { name: 'trailing space kept (Cyrillic)', source: 'Total: ', target: 'Итого: ', languages: 'en→ru' },
    ],
  },
  doubleSpace: {
    fires: [
      { name: 'double space (Latin)', source: 'Save changes', target: 'Änderungen  speichern', token: '  ' },
      { name: 'space and no-break space (Cyrillic)', source: 'Save changes', target: 'Сохранить \u00a0изменения', languages: 'en→ru', token: ' \u00a0' },
    ],
    quiet: [
      { name: 'the source has one too', source: 'Name:  value', target: 'Name:  Wert' },
      { name: 'French no-break space before colon', source: 'Name: %s', target: 'Nom\u00a0: %s', languages: 'en→fr' },
      { name: 'edges are the whitespace checks', source: 'Total  ', target: 'Summe  ' },
    ],
  },
  numbers: {
    fires: [
      { name: 'number changed', source: 'Up to 25 files', target: 'Bis zu 20 Dateien', count: 2, token: '25' },
      { name: 'Arabic-Indic digits of another number', source: 'Wait 5 minutes', target: 'انتظر ٦ دقائق', languages: 'en→ar', count: 2, token: '5' },
      { name: 'number dropped (Devanagari)', source: 'Version 2 is ready', target: 'नया संस्करण तैयार है', languages: 'en→hi', token: '2' },
    ],
    quiet: [
      { name: 'thousands separators differ', source: 'Over 1,000 users', target: 'Über 1.000 Nutzer' },
      { name: 'decimal comma', source: 'Only 1.5 GB left', target: 'Nur noch 1,5 GB frei' },
      { name: 'grouped and decimals', source: 'Price: 1,000.50 EUR', target: 'Preis: 1.000,50 EUR' },
      { name: 'French spaces', source: '10,000 files', target: '10 000 fichiers', languages: 'en→fr' },
      { name: 'Arabic-Indic digits and separator', source: 'Price: 1,000 EUR', target: 'السعر: ١٬٠٠٠ يورو', languages: 'en→ar' },
      { name: 'Persian digits', source: '25 files', target: '۲۵ فایل', languages: 'en→fa' },
      { name: 'Devanagari digits, Indian grouping', source: '100,000 users', target: '१,००,००० उपयोगकर्ता', languages: 'en→hi' },
      { name: 'full-width digits', source: '3 items', target: '３件', languages: 'en→ja' },
      { name: 'dates reorder', source: 'Due 12/31/2024', target: 'Fällig am 31.12.2024' },
      { name: 'Chinese counts in 万', source: '10,000 users', target: '1万用户', languages: 'en→zh_CN' },
      { name: 'numbers in placeholders and tags are not numbers', source: '<h1>%1$s</h1> has {0} files', target: '<h1>%1$s</h1> hat {0} Dateien' },
      { name: 'the count of a one form', source: { one: 'One file', other: '%d files' }, target: { one: '1 Datei', other: '%d Dateien' }, isPlural: true },
      { name: 'ICU plural syntax is not numbers', source: '{n, plural, =0 {No files} one {# file} other {# files}}', target: '{n, plural, =0 {Keine Dateien} one {# Datei} other {# Dateien}}' },
    ],
  },
  urls: {
    fires: [
      { name: 'link changed', source: 'See https://example.com/help', target: 'Siehe https://example.org/hilfe', token: 'https://example.org/hilfe' },
      { name: 'link dropped (CJK)', source: 'Visit www.example.com today', target: '今すぐアクセス', languages: 'en→ja', token: 'www.example.com' },
    ],
    quiet: [
      { name: 'localised language code in the path', source: 'Help: https://example.com/help/en', target: 'Hilfe: https://example.com/help/de' },
      { name: 'localised subdomain (pt_BR)', source: 'See https://en.example.com/a', target: 'Veja https://pt-br.example.com/a', languages: 'en→pt_BR' },
      { name: 'sentence punctuation after a link', source: 'Go to https://example.com.', target: 'Gehen Sie zu https://example.com.' },
      { name: 'link in parentheses (Arabic)', source: 'Docs (https://example.com/docs)', target: 'المستندات (https://example.com/docs)', languages: 'en→ar' },
    ],
  },
  emails: {
    fires: [
      { name: 'address translated', source: 'Write to help@example.com', target: 'Schreiben Sie an hilfe@example.com', token: 'hilfe@example.com' },
      { name: 'address dropped (Cyrillic)', source: 'Contact sales@example.com', target: 'Свяжитесь с нами', languages: 'en→ru', token: 'sales@example.com' },
    ],
    quiet: [
      { name: 'same address (Arabic)', source: 'Write to help@example.com', target: 'اكتب إلى help@example.com', languages: 'en→ar' },
      { name: 'letter case aside', source: 'Mail Help@Example.com', target: 'Mail an help@example.com' },
    ],
  },
  unpairedBrackets: {
    fires: [
      { name: 'parenthesis not closed', source: 'Files (all)', target: 'Dateien (alle', token: '(' },
      { name: 'full-width bracket not closed', source: 'Files (all)', target: 'ファイル（すべて', languages: 'en→ja', token: '（' },
      { name: 'CJK corner bracket closed only', source: 'Press "Save"', target: '按下保存」', languages: 'en→zh_CN', token: '」' },
      { name: 'crossed brackets (Cyrillic)', source: 'List [a (b)]', target: 'Список [а (б])', languages: 'en→ru', count: 2, token: '[' },
    ],
    quiet: [
      { name: 'balanced full-width brackets', source: 'Files (all)', target: 'ファイル（すべて）', languages: 'en→ja' },
      { name: 'lenticular brackets', source: '[Notice] Update', target: '【通知】更新', languages: 'en→zh_CN' },
      { name: 'a smiley is no bracket', source: 'Thanks!', target: 'Danke :)' },
      { name: 'list markers the source has too', source: '1) Open the file', target: '1) Öffnen Sie die Datei' },
      { name: 'list marker in Arabic translation', source: 'a) Open the file', target: 'a) افتح الملف', languages: 'en→ar' },
      { name: 'ICU braces are syntax', source: '{n, plural, one {# file} other {# files}}', target: '{n, plural, one {# Datei} other {# Dateien}}' },
    ],
  },
  unpairedQuotes: {
    fires: [
      { name: 'straight quote not closed', source: 'Click "Save"', target: 'Klicken Sie auf "Speichern', token: '"' },
      { name: 'German low quote not closed', source: 'Click “Save”', target: 'Klicken Sie auf „Speichern', token: '„' },
      { name: 'guillemet not closed (Cyrillic)', source: 'Click “Save”', target: 'Нажмите «Сохранить', languages: 'en→ru', token: '«' },
      { name: 'single curly quote not closed', source: 'Click ‘Save’', target: 'Click ‘Save', languages: 'en→en_GB', token: '‘' },
    ],
    quiet: [
      { name: 'German quotes', source: 'Click “Save”', target: 'Klicken Sie auf „Speichern“' },
      { name: 'French guillemets with spaces', source: 'Click “Save”', target: 'Cliquez sur « Enregistrer »', languages: 'en→fr' },
      { name: 'Danish reversed guillemets', source: 'Click “Save”', target: 'Klik på »Gem«', languages: 'en→da' },
      { name: 'Polish quotes', source: 'Click “Save”', target: 'Kliknij „Zapisz”', languages: 'en→pl' },
      { name: 'Swedish quotes', source: 'Click “Save”', target: 'Klicka på ”Spara”', languages: 'en→sv' },
      { name: 'apostrophes inside words', source: 'Don’t stop', target: 'N’arrêtez pas l’été', languages: 'en→fr' },
      { name: 'straight apostrophes', source: "It's done", target: "C'est fait, aujourd'hui", languages: 'en→fr' },
      { name: 'German single quotes', source: 'Say ‘hi’', target: 'Sag ‚hallo‘' },
      { name: 'quotes in HTML attributes are markup', source: '<a href="/x">Go</a>', target: '<a href="/x">Los</a>' },
      { name: 'the source has an inch mark', source: 'A 27" screen', target: 'Ein 27"-Bildschirm' },
    ],
  },
  endPunctuation: {
    fires: [
      { name: 'question mark lost', source: 'Delete this file?', target: 'Diese Datei löschen.', token: '.' },
      { name: 'full stop lost in Japanese', source: 'Settings saved.', target: '設定を保存しました', languages: 'en→ja', token: null },
      { name: 'Spanish question without ¿', source: 'Delete this file?', target: 'Eliminar este archivo?', languages: 'en→es', token: '?' },
      { name: 'colon lost (Devanagari)', source: 'Name:', target: 'नाम', languages: 'en→hi', token: null },
      { name: 'exclamation added (Cyrillic)', source: 'Saved', target: 'Сохранено!', languages: 'en→ru', token: '!' },
    ],
    quiet: [
      { name: 'full-width CJK marks', source: 'Delete this file?', target: 'このファイルを削除しますか？', languages: 'en→ja' },
      { name: 'Chinese full stop', source: 'Settings saved.', target: '设置已保存。', languages: 'en→zh_CN' },
      { name: 'Arabic question mark', source: 'Delete this file?', target: 'حذف هذا الملف؟', languages: 'en→ar' },
      { name: 'Greek question mark is a semicolon', source: 'Delete this file?', target: 'Διαγραφή αυτού του αρχείου;', languages: 'en→el' },
      { name: 'Hindi danda', source: 'Settings saved.', target: 'सेटिंग्स सहेजी गईं।', languages: 'en→hi' },
      { name: 'Spanish question with ¿', source: 'Delete this file?', target: '¿Eliminar este archivo?', languages: 'en→es' },
      { name: 'French space before ! and ellipsis kinds', source: 'Loading...', target: 'Chargement…', languages: 'en→fr' },
      { name: 'punctuation inside closing quotes', source: 'Click "Save."', target: 'Klicken Sie auf „Speichern“.' },
      { name: 'trailing emoji and tags', source: '<b>Done!</b> 🎉', target: '<b>Fertig!</b> 🎉' },
      { name: 'a lone question mark as link text is no Spanish question', source: 'Privacy policy <a href="/help">?</a>', target: 'Política de privacidad <a href="/help">?</a>', languages: 'en→es' },
      { name: 'Thai has no full stop', source: 'Settings saved.', target: 'บันทึกการตั้งค่าแล้ว', languages: 'en→th' },
    ],
  },
  sameAsSource: {
    fires: [
      { name: 'untranslated sentence', source: 'Save your changes', target: 'Save your changes', token: null },
      { name: 'untranslated Japanese source', source: '設定を保存しました', target: '設定を保存しました', languages: 'ja→zh_CN', token: null },
    ],
    quiet: [
      { name: 'one word that reads the same', source: 'Email', target: 'Email' },
      { name: 'a brand and a number', source: 'iPhone 15', target: 'iPhone 15' },
      { name: 'placeholders only', source: '%s / %d', target: '%s / %d' },
      { name: 'regional variant of the same language', source: 'Save your changes', target: 'Save your changes', languages: 'en_US→en_GB' },
      { name: 'short CJK term', source: '設定', target: '設定', languages: 'ja→zh_TW' },
    ],
  },
  emptyTarget: {
    fires: [
      { name: 'empty translation', source: 'Save', target: '', token: null },
      { name: 'blank translation (Arabic)', source: 'Save', target: '   ', languages: 'en→ar', token: null },
      { name: 'every plural form empty', source: { one: '%d file', other: '%d files' }, target: { one: '', few: '', many: '', other: '' }, languages: 'en→ru', isPlural: true, token: null },
    ],
    quiet: [
      { name: 'empty source', source: '', target: '' },
      { name: 'translated (Devanagari)', source: 'Save', target: 'सहेजें', languages: 'en→hi' },
    ],
  },
};

describe('every check has a table with cases that fire and cases that must not', () => {
  it('covers every check id', () => {
    expect(Object.keys(tables).sort()).toEqual([...QA_CHECK_IDS].sort());
    for (const table of Object.values(tables)) {
      expect(table.fires.length).toBeGreaterThan(0);
      expect(table.quiet.length).toBeGreaterThan(0);
    }
  });
});

for (const [checkId, table] of Object.entries(tables) as [QaCheckId, CheckTable][]) {
  describe(checkId, () => {
    it.each(table.fires.map((entry) => [entry.name, entry] as const))('fires: %s', (_name, entry) => {
      const issues = checkTranslation(inputOf(entry)).filter((issue) => issue.checkId === checkId);
      expect(issues.map((issue) => issue.message)).toHaveLength(entry.count ?? 1);
      const first = issues[0]!;
      expect(QaIssueSchema.parse(first)).toEqual(first);
      if (entry.token !== undefined) expect(first.token).toBe(entry.token);
      if (entry.form !== undefined) expect(first.form).toBe(entry.form);
      if (first.token !== null && /\S/u.test(first.token) && first.token.length > 0 && checkId !== 'pluralForms') expect(first.message).toContain(first.token.slice(0, 20));
      for (const issue of issues) {
        if (issue.range === null || issue.token === null) continue;
        const text = typeof entry.target === 'string' && !(entry.isPlural ?? false) ? entry.target : null;
        if (text !== null && checkId !== 'icuSyntax' && checkId !== 'charLimit') expect(text.slice(issue.range.start, issue.range.end)).toBe(issue.token);
      }
    });
    it.each(table.quiet.map((entry) => [entry.name, entry] as const))('stays quiet: %s', (_name, entry) => {
      const issues = checkTranslation(inputOf(entry)).filter((issue) => issue.checkId === checkId);
      expect(issues.map((issue) => issue.message)).toEqual([]);
    });
  });
}
