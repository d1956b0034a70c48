import { describe, expect, it } from 'vitest';
import { arabic, english, makeCell } from '../../../../test/support/renderer/fixtures';
import { keyCountText } from '../key-count';
import { defaultPreferences } from '../use-view-preferences';
import { cellStatus, compactText, copyText, textDirection } from './cell-text';
import { gridColumns, gridMinimumWidth, gridTemplate } from './columns';
import { headerAbove, moveCell, moveHeader, resizeStep } from './grid-keys';

describe('cell text', () => {
  it('reads a status from the flags: untranslated wins, then unverified, then reviewed', () => {
    expect(cellStatus(undefined)).toBe('untranslated');
    expect(cellStatus(makeCell('ar', '', { isUnverified: true }))).toBe('untranslated');
    expect(cellStatus(makeCell('ar', 'x', { isUnverified: true, isReviewed: true }))).toBe('unverified');
    expect(cellStatus(makeCell('ar', 'x', { isReviewed: true }))).toBe('reviewed');
    expect(cellStatus(makeCell('ar', 'x'))).toBe('translated');
  });

  it('joins plural forms in the language order, skipping empty ones, and copies every form by name', () => {
    const cell = makeCell('ar', '', { isEmpty: false, pluralForms: { other: 'ملفات', one: 'ملف', zero: '', two: 'ملفان', few: '', many: '' } });
    expect(compactText(cell, arabic)).toBe('ملف · ملفان · ملفات');
    expect(copyText(cell, arabic).split('\n')).toEqual(['zero: ', 'one: ملف', 'two: ملفان', 'few: ', 'many: ', 'other: ملفات']);
    expect(compactText(makeCell('en', 'Save'), english)).toBe('Save');
  });

  it('gives right-to-left languages rtl and an HTML language tag', () => {
    expect(textDirection('ar', arabic)).toEqual({ dir: 'rtl', lang: 'ar' });
    expect(textDirection('zh_CN', undefined)).toEqual({ dir: 'ltr', lang: 'zh-CN' });
  });
});

describe('columns', () => {
  const columns = gridColumns('en', ['ar', 'xx'], [english, arabic]);
  it('puts the key, the source and the targets in order, naming unknown languages by code', () => {
    expect(columns.map((column) => [column.kind, column.label])).toEqual([
      ['key', 'Key'],
      ['source', 'English'],
      ['target', 'Arabic'],
      ['target', 'xx'],
    ]);
  });
  it('gives dragged columns their width and lets the others share the space', () => {
    expect(gridTemplate(columns, { ar: 300 })).toBe('220px minmax(160px, 1fr) 300px minmax(160px, 1fr)');
    expect(gridMinimumWidth(columns, { ar: 300 })).toBe(220 + 160 + 300 + 160);
  });
});

describe('moving through the grid', () => {
  const bounds = { rows: 10, columns: 4, pageRows: 3 };
  it('moves by cell, page and to the ends, never out of the grid', () => {
    expect(moveCell({ row: 0, column: 1 }, 'ArrowUp', bounds, false)).toEqual({ row: 0, column: 1 });
    expect(moveCell({ row: 0, column: 1 }, 'ArrowDown', bounds, false)).toEqual({ row: 1, column: 1 });
    expect(moveCell({ row: 0, column: 3 }, 'ArrowRight', bounds, false)).toEqual({ row: 0, column: 3 });
    expect(moveCell({ row: 0, column: 0 }, 'ArrowLeft', bounds, false)).toEqual({ row: 0, column: 0 });
    expect(moveCell({ row: 8, column: 1 }, 'PageDown', bounds, false)).toEqual({ row: 9, column: 1 });
    expect(moveCell({ row: 5, column: 1 }, 'PageUp', bounds, false)).toEqual({ row: 2, column: 1 });
    expect(moveCell({ row: 5, column: 2 }, 'Home', bounds, false)).toEqual({ row: 5, column: 0 });
    expect(moveCell({ row: 5, column: 2 }, 'End', bounds, false)).toEqual({ row: 5, column: 3 });
    expect(moveCell({ row: 5, column: 2 }, 'Home', bounds, true)).toEqual({ row: 0, column: 2 });
    expect(moveCell({ row: 5, column: 2 }, 'End', bounds, true)).toEqual({ row: 9, column: 2 });
  });
  it('ignores other keys and empty grids', () => {
    expect(moveCell({ row: 0, column: 0 }, 'a', bounds, false)).toBeNull();
    expect(moveCell({ row: 0, column: 0 }, 'ArrowDown', { ...bounds, rows: 0 }, false)).toBeNull();
  });
});

describe('the count sentence', () => {
  const counts = { visible: 1898, archivedOnly: 100, hiddenOnly: 0, archivedAndHidden: 2 };
  it('names the archived keys it leaves out', () => {
    expect(keyCountText(1898, counts, { includeArchived: false, includeHidden: false, narrowed: false })).toBe('1,898 of 2,000 keys — 102 archived keys not shown');
  });
  it('says the whole project when nothing is left out', () => {
    expect(keyCountText(2000, counts, { includeArchived: true, includeHidden: true, narrowed: false })).toBe('2,000 keys');
  });
  it('counts an archived hidden key as hidden once archived keys are shown', () => {
    expect(keyCountText(1998, counts, { includeArchived: true, includeHidden: false, narrowed: false })).toBe('1,998 of 2,000 keys — 2 hidden keys not shown');
  });
  it('speaks of matches while searching, and of the bare total when counts are unknown', () => {
    expect(keyCountText(12, counts, { includeArchived: false, includeHidden: false, narrowed: true })).toBe('12 of 2,000 keys match the search and filters (102 archived keys not searched)');
    expect(keyCountText(1, null, { includeArchived: false, includeHidden: false, narrowed: false })).toBe('1 key');
    expect(keyCountText(null, counts, { includeArchived: false, includeHidden: false, narrowed: false })).toBe('Counting keys…');
  });
});

describe('default target columns', () => {
  const languages = [english, arabic, { ...english, iso: 'de', name: 'German' }, { ...english, iso: 'ja', name: 'Japanese' }];
  it('prefers my writable languages, then the most recent choice, then the first two targets', () => {
    expect(defaultPreferences(languages, 'en', { writableIsos: ['ja', 'xx'], recentIsos: ['de'] })).toEqual({ sourceIso: 'en', targetIsos: ['ja'] });
    expect(defaultPreferences(languages, 'en', { writableIsos: ['xx'], recentIsos: ['de'] })).toEqual({ sourceIso: 'en', targetIsos: ['de'] });
    expect(defaultPreferences(languages, 'en', { writableIsos: null, recentIsos: [] })).toEqual({ sourceIso: 'en', targetIsos: ['ar', 'de'] });
  });
});

describe('column header keys', () => {
  it('moves along the headers, down to the first row, and resizes with Shift+arrows', () => {
    expect(moveHeader(1, 'ArrowRight', 4, false, 10)).toEqual({ header: 2 });
    expect(moveHeader(3, 'ArrowRight', 4, false, 10)).toEqual({ header: 3 });
    expect(moveHeader(0, 'ArrowLeft', 4, false, 10)).toEqual({ header: 0 });
    expect(moveHeader(2, 'Home', 4, false, 10)).toEqual({ header: 0 });
    expect(moveHeader(0, 'End', 4, false, 10)).toEqual({ header: 3 });
    expect(moveHeader(2, 'ArrowDown', 4, false, 10)).toEqual({ cell: { row: 0, column: 2 } });
    expect(moveHeader(2, 'ArrowDown', 4, false, 0)).toBeNull();
    expect(moveHeader(2, 'ArrowRight', 4, true, 10)).toEqual({ resize: resizeStep });
    expect(moveHeader(2, 'ArrowLeft', 4, true, 10)).toEqual({ resize: -resizeStep });
    expect(moveHeader(2, 'Enter', 4, false, 10)).toBeNull();
  });

  it('goes up to the header only from the first row', () => {
    expect(headerAbove({ row: 0, column: 2 }, 'ArrowUp', false)).toBe(true);
    expect(headerAbove({ row: 1, column: 2 }, 'ArrowUp', false)).toBe(false);
    expect(headerAbove({ row: 0, column: 2 }, 'ArrowUp', true)).toBe(false);
    expect(headerAbove({ row: 0, column: 2 }, 'ArrowDown', false)).toBe(false);
  });
});
