import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { KeyRow, Language } from '../../../common/contract';
import { HighlightedText } from '../shared/HighlightedText';
import type { KeyWindow } from './use-key-window';

const rowHeight = 76;

/** Reports a fixed viewport instead of measuring one: for environments without layout (jsdom). */
function fixedViewport(height: number): (instance: unknown, report: (rect: { width: number; height: number }) => void) => () => void {
  return (_instance, report) => {
    report({ width: 800, height });
    return () => undefined;
  };
}

function KeyRowView({ row, languages, search }: { row: KeyRow; languages: ReadonlyMap<string, Language>; search: string }): React.JSX.Element {
  return (
    <>
      <div className="key-name">
        <HighlightedText text={row.name} search={search} />
        {row.isPlural && <span className="tag">plural</span>}
        {row.isArchived && <span className="tag">archived</span>}
        {row.isHidden && <span className="tag">hidden</span>}
      </div>
      <div className="key-cells">
        {row.translations.map((cell) => {
          const language = languages.get(cell.languageIso);
          const text = cell.pluralForms === null ? cell.value : (Object.values(cell.pluralForms).find((form) => form !== '') ?? '');
          return (
            <div key={cell.languageIso} className={`key-cell ${cell.isEmpty ? 'key-cell-empty' : ''}`}>
              {cell.isEmpty ? (
                <span className="untranslated">Untranslated</span>
              ) : (
                <HighlightedText text={text} search={search} dir={language?.isRtl === true ? 'rtl' : 'ltr'} lang={cell.languageIso.replace('_', '-')} />
              )}
            </div>
          );
        })}
      </div>
    </>
  );
}

/**
 * The key list: virtualized, so only the rows in view (plus a few) exist in the DOM at any size, and pages are
 * fetched as they come into view. ↑/↓, Home and End move the selection.
 */
export function KeyList({
  keys,
  languages,
  search,
  selectedIndex,
  onSelect,
  viewportHeight,
}: {
  keys: KeyWindow;
  languages: readonly Language[];
  search: string;
  selectedIndex: number | null;
  onSelect: (index: number, row: KeyRow | undefined) => void;
  /** A fixed viewport height instead of measuring the element, for environments without layout (jsdom tests). */
  viewportHeight?: number;
}): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const total = keys.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    initialRect: { width: 800, height: viewportHeight ?? 600 },
    ...(viewportHeight === undefined ? {} : { observeElementRect: fixedViewport(viewportHeight) }),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (total > 0) keys.ensure(first, last);
  }, [first, last, total, keys]);
  const byIso = new Map(languages.map((language) => [language.iso, language]));

  const move = (index: number): void => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    onSelect(next, keys.row(next));
  };

  return (
    <div
      ref={scroller}
      className="key-list"
      role="listbox"
      aria-label="Keys"
      tabIndex={0}
      aria-activedescendant={selectedIndex === null ? undefined : `key-row-${selectedIndex}`}
      onKeyDown={(event) => {
        const current = selectedIndex ?? -1;
        const handled: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: total - 1, PageDown: current + 8, PageUp: current - 8 };
        const target = handled[event.key];
        if (target === undefined) return;
        event.preventDefault();
        move(target);
      }}
    >
      {total === 0 && keys.total !== null && <p className="empty">No keys match.</p>}
      <div className="key-list-inner" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => {
          const row = keys.row(item.index);
          return (
            <div
              key={item.key}
              id={`key-row-${item.index}`}
              role="option"
              aria-selected={item.index === selectedIndex}
              className={`key-row ${item.index === selectedIndex ? 'key-row-selected' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, height: `${rowHeight}px` }}
              onClick={() => onSelect(item.index, row)}
            >
              {row === undefined ? <div className="key-loading">Loading…</div> : <KeyRowView row={row} languages={byIso} search={search} />}
            </div>
          );
        })}
      </div>
    </div>
  );
}
