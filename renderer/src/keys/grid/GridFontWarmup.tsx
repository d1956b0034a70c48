import { useEffect, useState } from 'react';
import type { KeyRow, Language, TranslationCell } from '../../../../common/contract';
import type { GridColumn } from './columns';
import { GridRow } from './GridRow';

/**
 * Text in the scripts translators most often work in, one column each, with the language code its cells carry
 * (`lang` picks the fallback font: Japanese and Chinese Han text resolve to different faces).
 */
const samples: readonly (readonly [iso: string, isRtl: boolean, text: string])[] = [
  ['en', false, 'Save changes — Ünïcödé %s'],
  ['ar', true, 'حفظ التغييرات %s'],
  ['he', true, 'שמור שינויים'],
  ['ja', false, '変更を保存 ファイル %s'],
  ['zh_CN', false, '保存更改 下载报告 %s'],
  ['zh_TW', false, '儲存變更 %s'],
  ['ko', false, '변경 사항 저장 %s'],
  ['ru', false, 'Сохранить изменения %s'],
  ['el', false, 'Αποθήκευση αλλαγών'],
  ['th', false, 'บันทึกการเปลี่ยนแปลง'],
  ['hi', false, 'परिवर्तन सहेजें 🌍'],
  // An empty cell, drawn as the italic "Untranslated".
  ['fr', false, ''],
];

function language(iso: string, isRtl: boolean): Language {
  return { langId: 0, iso, name: iso, isRtl, pluralForms: ['one', 'other'], progress: null };
}

const columns: GridColumn[] = [
  { id: 'key', kind: 'key', iso: null, language: undefined, label: 'Key' },
  ...samples.map(([iso, isRtl], index): GridColumn => ({ id: iso, kind: index === 0 ? 'source' : 'target', iso, language: language(iso, isRtl), label: iso })),
];

/** The statuses in turn, so every status glyph is drawn (an empty sample is "Untranslated"). */
function cell(iso: string, text: string, index: number, plural: boolean): TranslationCell {
  const empty = text === '';
  return {
    languageIso: iso,
    value: empty ? '' : text,
    pluralForms: plural && !empty ? { one: text, other: text } : null,
    isEmpty: empty,
    isReviewed: index % 3 === 0,
    isUnverified: index % 3 === 1,
    modifiedAt: null,
  };
}

function sampleRow(plural: boolean): KeyRow {
  return {
    keyId: plural ? -2 : -1,
    name: 'settings.save_changes.title',
    description: '',
    isPlural: plural,
    isArchived: !plural,
    isHidden: false,
    tags: [],
    platforms: [],
    charLimit: 0,
    modifiedAt: null,
    translations: samples.map(([iso, , text], index) => cell(iso, text, index, plural)),
  };
}

const rows = [sampleRow(false), sampleRow(true)];

/**
 * Draws two sample key rows, out of sight, once while the app starts, then removes them.
 *
 * Why: the first layout of a key grid asks the system for every font its cells use: each family, size, weight and
 * style (the monospaced key names, bold status glyphs, italic "Untranslated", the placeholder marks) and a fallback
 * face for each script and symbol. On Linux each of those is a round trip to the browser process and fontconfig; in
 * the grid bench (100k keys, Arabic, Japanese and Chinese columns) they made the first rows' layout 42–96 ms instead
 * of 13–21 ms. Laid out here, right after the first paint while the window waits for its session and project list,
 * the fonts are in the renderer's cache by the time a project's rows arrive. The rows are the grid's own (GridRow),
 * so the sizes and styles resolved are exactly the grid's.
 */
export function GridFontWarmup(): React.JSX.Element | null {
  const [phase, setPhase] = useState<'waiting' | 'drawing' | 'done'>('waiting');
  useEffect(() => {
    if (phase === 'waiting') {
      // After the first paint, so the window's first frame is not held up by the fonts.
      setPhase('drawing');
      return;
    }
    if (phase !== 'drawing') return;
    // Two frames: the first lays the rows out (which resolves the fonts), the second is after it.
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => setPhase('done'));
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [phase]);
  if (phase !== 'drawing') return null;
  return (
    <div className="grid-font-warmup" aria-hidden="true" inert>
      <div className="grid-body">
        {rows.map((row, index) => (
          <GridRow key={row.keyId} row={row} index={index} top={index * 32} columns={columns} selected={index === 1} tabColumn={null} search="" cellRenderer={undefined} measure={undefined} />
        ))}
      </div>
    </div>
  );
}
