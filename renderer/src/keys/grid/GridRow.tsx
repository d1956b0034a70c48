import { memo } from 'react';
import type { KeyRow, TranslationCell } from '../../../../common/contract';
import { HighlightedText } from '../../shared/HighlightedText';
import { cellStatus, compactText, orderedForms, textDirection } from './cell-text';
import type { GridColumn } from './columns';
import { StatusIcon } from './StatusIcon';

/**
 * What a custom cell renderer gets: the key, the column and its translation. The write path uses it to turn a
 * target cell into an editor without the grid knowing about editing.
 */
export interface CellContext {
  readonly row: KeyRow;
  readonly column: GridColumn;
  readonly cell: TranslationCell | undefined;
  readonly selected: boolean;
  readonly search: string;
}

/** Renders a cell's content, or returns undefined to keep the grid's own rendering. */
export type CellRenderer = (context: CellContext) => React.ReactNode;

/** Characters a placeholder (printf, ICU braces, Lokalise's `[%i:…]`, markup) starts with; see shared/highlight.ts. */
const placeholderStart = /[%{[<]/;

/**
 * A cell's text: as HighlightedText marks it (search matches, placeholders), or, with no search and nothing that
 * could start a placeholder, as the same span without splitting it into segments, which is most cells while scrolling.
 */
function CellText({ text, search, dir, lang, className }: { text: string; search: string; dir?: 'rtl' | 'ltr'; lang?: string; className?: string }): React.JSX.Element {
  if (search.trim() === '' && !placeholderStart.test(text)) {
    return (
      <span className={className === undefined ? 'translation-text' : `translation-text ${className}`} dir={dir} lang={lang}>
        {text}
      </span>
    );
  }
  return <HighlightedText text={text} search={search} dir={dir} lang={lang} className={className} />;
}

/**
 * A translation's text: one compact line, or when the row is selected the whole value and every plural form. Its
 * root element is the cell's text box (`cell-text`), with no wrapper: fewer elements for a screen's first render.
 */
export function TranslationText({ context }: { context: CellContext }): React.JSX.Element {
  const { cell, column, selected, search } = context;
  const iso = column.iso ?? '';
  const { dir, lang } = textDirection(iso, column.language);
  if (cell === undefined || cell.isEmpty) return <span className="cell-text cell-empty">Untranslated</span>;
  if (selected && cell.pluralForms !== null) {
    return (
      <dl className="cell-text cell-forms">
        {orderedForms(cell, column.language).map(([form, text]) => (
          <div key={form}>
            <dt>{form}</dt>
            <dd>{text === '' ? <span className="cell-empty">Missing</span> : <CellText text={text} search={search} dir={dir} lang={lang} />}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <CellText text={compactText(cell, column.language)} search={search} dir={dir} lang={lang} className="cell-text" />;
}

function cellOf(row: KeyRow, iso: string | null): TranslationCell | undefined {
  return iso === null ? undefined : row.translations.find((cell) => cell.languageIso === iso);
}

interface GridRowProps {
  readonly row: KeyRow | undefined;
  readonly index: number;
  readonly top: number;
  readonly columns: readonly GridColumn[];
  readonly selected: boolean;
  /** The column whose cell is in the tab order (roving tabindex), or null when none of this row's cells is. */
  readonly tabColumn: number | null;
  readonly search: string;
  readonly cellRenderer: CellRenderer | undefined;
  readonly measure: ((element: HTMLElement | null) => void) | undefined;
}

/**
 * One key as a grid row. Memoized and free of hooks: while scrolling, only rows entering the view render, so a
 * frame costs a few rows, not the whole window.
 */
export const GridRow = memo(function GridRow({ row, index, top, columns, selected, tabColumn, search, cellRenderer, measure }: GridRowProps): React.JSX.Element {
  return (
    <div
      ref={measure}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      className={selected ? 'grid-row grid-row-selected' : 'grid-row'}
      // A row of fixed size paints and lays out on its own (contain: strict); the selected one grows to its text.
      style={{ transform: `translateY(${top}px)`, contain: selected ? undefined : 'strict' }}
    >
      {columns.map((column, columnIndex) => {
        const cell = row === undefined ? undefined : cellOf(row, column.iso);
        const direction = column.iso === null ? undefined : textDirection(column.iso, column.language).dir;
        const status = column.iso === null || row === undefined ? null : cellStatus(cell);
        const context = row === undefined ? null : { row, column, cell, selected, search };
        const custom = context === null || cellRenderer === undefined ? undefined : cellRenderer(context);
        return (
          <div
            key={column.id}
            role="gridcell"
            aria-colindex={columnIndex + 1}
            tabIndex={tabColumn === columnIndex ? 0 : -1}
            data-cell={`${index}:${columnIndex}`}
            dir={direction}
            className={`grid-cell grid-cell-${column.kind}${status === 'untranslated' ? ' grid-cell-untranslated' : ''}`}
          >
            {row === undefined ? (
              columnIndex === 0 && <span className="cell-loading">Loading…</span>
            ) : column.iso === null ? (
              <span className="cell-key">
                <CellText text={row.name} search={search} />
                {row.isPlural && <span className="tag">plural</span>}
                {row.isArchived && <span className="tag">archived</span>}
                {row.isHidden && <span className="tag">hidden</span>}
                {selected && (
                  // Out of the tab order (the cell is the stop; Shift+F10 opens the same menu); the grid handles the click.
                  <button type="button" className="row-menu-button" tabIndex={-1} data-row-menu aria-haspopup="menu" aria-label={`Actions for ${row.name}`} title="Copy, open in Lokalise (Shift+F10)">
                    ⋯
                  </button>
                )}
              </span>
            ) : (
              <>
                {status !== null && <StatusIcon status={status} />}
                {custom !== undefined ? <span className="cell-text">{custom}</span> : context !== null && <TranslationText context={context} />}
              </>
            )}
          </div>
        );
      })}
    </div>
  );
});
