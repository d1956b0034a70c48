import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyRow } from '../../../../common/contract';
import type { KeyWindow } from '../use-key-window';
import { copyText } from './cell-text';
import { gridMinimumWidth, gridTemplate, minimumColumnWidth, type GridColumn } from './columns';
import { headerAbove, moveCell, moveHeader, type CellPosition } from './grid-keys';
import { GridHeader } from './GridHeader';
import { GridRow, type CellRenderer } from './GridRow';
import { RowMenu, rowMenuItems } from './RowMenu';
import { firstPaintRows, useProgressiveCount } from './use-progressive-count';

/** A row's height when not selected: one line of text (32 px keeps 18+ rows on a 1280×800 screen). */
export const gridRowHeight = 32;
/** The header's height, kept in step with `.grid-head-row` in styles.css. */
const headerHeight = 44;

/** Reports a fixed viewport instead of measuring one: for environments without layout (jsdom). */
function fixedViewport(height: number): (instance: unknown, report: (rect: { width: number; height: number }) => void) => () => void {
  return (_instance, report) => {
    report({ width: 1000, height });
    return () => undefined;
  };
}

/** The text Ctrl/Cmd+C copies from a cell, and what to call it when saying so. */
export function cellCopy(row: KeyRow, column: GridColumn): { text: string; what: string } | null {
  if (column.iso === null) return { text: row.name, what: 'key name' };
  const cell = row.translations.find((entry) => entry.languageIso === column.iso);
  if (cell === undefined || cell.isEmpty) return null;
  return { text: copyText(cell, column.language), what: `${column.label} text` };
}

/** Keeps the selected row's rendered height, so the virtualizer can make room for it as it grows. */
function useMeasuredHeight(): [number, (element: HTMLElement | null) => void] {
  const [height, setHeight] = useState(gridRowHeight);
  const observer = useRef<ResizeObserver | null>(null);
  const measure = useCallback((element: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (element === null || typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver(() => setHeight(Math.max(gridRowHeight, Math.ceil(element.getBoundingClientRect().height))));
    observer.current.observe(element);
  }, []);
  return [height, measure];
}

/** What the grid tells its owner. */
export interface KeyGridProps {
  readonly keys: KeyWindow;
  readonly columns: readonly GridColumn[];
  readonly widths: Readonly<Record<string, number>>;
  readonly onResize: (columnId: string, width: number) => void;
  readonly search: string;
  readonly selected: CellPosition | null;
  /** The focused cell moved (arrows, click, Tab): the row grows and the detail panel follows it. */
  readonly onSelect: (position: CellPosition, row: KeyRow | undefined) => void;
  /** Enter or a double click on a cell: open it (the detail panel today, an editor on the write path). */
  readonly onOpen: (position: CellPosition, row: KeyRow | undefined) => void;
  /** Ctrl/Cmd+C on a cell: copy this text through main. Resolves to whether it was copied. */
  readonly onCopy: (text: string) => Promise<boolean>;
  /** "Open in Lokalise" from the row menu: opens the key in the web editor. Resolves to whether it was opened. */
  readonly onOpenInLokalise?: (row: KeyRow) => Promise<boolean>;
  readonly cellRenderer?: CellRenderer;
  /** A fixed viewport height instead of measuring the element, for environments without layout (jsdom tests). */
  readonly viewportHeight?: number;
}

/**
 * The key grid (ARIA grid pattern): key name, source and target columns, virtualized so only the rows in view
 * exist in the DOM whatever the project's size, with pages fetched as they come into view. One cell at a time is in
 * the tab order (roving tabindex); arrows, Home/End, PageUp/PageDown move it, Enter opens it, Ctrl/Cmd+C copies it,
 * and Shift+F10, the context-menu key, a right click or the row's "⋯" button open the row menu (copy, open in Lokalise).
 */
export function KeyGrid({ keys, columns, widths, onResize, search, selected, onSelect, onOpen, onCopy, onOpenInLokalise, cellRenderer, viewportHeight }: KeyGridProps): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const focusWanted = useRef<CellPosition | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [menu, setMenu] = useState<{ position: CellPosition; x: number; y: number } | null>(null);
  // The column header that holds the grid's one tab stop after ↑ from the first row; null while a cell holds it.
  const [headerTab, setHeaderTab] = useState<number | null>(null);
  const menuCell = useRef<CellPosition | null>(null);
  menuCell.current = menu?.position ?? null;
  const [selectedHeight, measureSelected] = useMeasuredHeight();
  const total = keys.total ?? 0;
  const selectedRow = selected?.row ?? null;
  // Within the first rows, a large list is sized in full only after its first rows are painted (see the hook).
  const margin = firstPaintRows - 100;
  const nearTop = (scroller.current?.scrollTop ?? 0) < margin * gridRowHeight && (selectedRow ?? 0) < margin;
  const count = useProgressiveCount(total, nearTop);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (index === selectedRow ? selectedHeight : gridRowHeight),
    // A few rows either side: each is a full mount when the view jumps, so every extra row costs every frame.
    overscan: 4,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
    initialRect: { width: 1000, height: viewportHeight ?? 600 },
    // One render per frame: with flushSync every scroll event re-rendered the window synchronously inside it.
    useFlushSync: false,
    ...(viewportHeight === undefined ? {} : { observeElementRect: fixedViewport(viewportHeight) }),
  });
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, selectedRow, selectedHeight]);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (total > 0) keys.ensure(first, last);
  }, [first, last, total, keys]);

  // Focus follows a keyboard move once the target row is rendered (it may first need scrolling into the window).
  useEffect(() => {
    const wanted = focusWanted.current;
    if (wanted === null) return;
    const element = scroller.current?.querySelector<HTMLElement>(`[data-cell="${wanted.row}:${wanted.column}"]`);
    if (element === null || element === undefined) return;
    focusWanted.current = null;
    element.focus();
  });

  const template = useMemo(() => gridTemplate(columns, widths), [columns, widths]);
  const minimumWidth = useMemo(() => gridMinimumWidth(columns, widths), [columns, widths]);
  const rendered = selectedRow !== null && items.some((item) => item.index === selectedRow);
  const tabRow = rendered ? selectedRow : (items[0]?.index ?? null);
  const tabColumn = rendered && selected !== null ? selected.column : 1;
  const pageRows = Math.max(1, Math.floor((viewportHeight ?? scroller.current?.clientHeight ?? 600) / gridRowHeight) - 2);

  const go = (position: CellPosition): void => {
    focusWanted.current = position;
    virtualizer.scrollToIndex(position.row, { align: 'auto' });
    onSelect(position, keys.row(position.row));
  };

  const headerOf = (target: EventTarget): number | null => {
    if (!(target instanceof HTMLElement) || target.getAttribute('role') !== 'columnheader') return null;
    const index = Number(target.dataset.header);
    return Number.isInteger(index) ? index : null;
  };
  const focusHeader = (index: number): void => {
    setHeaderTab(index);
    scroller.current?.querySelector<HTMLElement>(`[data-header="${index}"]`)?.focus();
  };

  const positionOf = (target: EventTarget): CellPosition | null => {
    if (!(target instanceof HTMLElement)) return null;
    const address = target.closest<HTMLElement>('[data-cell]')?.dataset.cell;
    if (address === undefined) return null;
    const [row, column] = address.split(':').map(Number);
    return row === undefined || column === undefined ? null : { row, column };
  };

  const copy = (position: CellPosition): void => {
    const row = keys.row(position.row);
    const column = columns[position.column];
    const chosen = row === undefined || column === undefined ? null : cellCopy(row, column);
    if (chosen === null) {
      setAnnouncement('Nothing to copy: the cell is empty.');
      return;
    }
    onCopy(chosen.text)
      .then((copied) => setAnnouncement(copied ? `Copied the ${chosen.what}.` : `Could not copy the ${chosen.what}.`))
      .catch(() => setAnnouncement(`Could not copy the ${chosen.what}.`));
  };

  const openMenu = (position: CellPosition, x: number, y: number): void => {
    if (keys.row(position.row) === undefined) return;
    if (position.row !== selected?.row || position.column !== selected.column) onSelect(position, keys.row(position.row));
    setMenu({ position, x, y });
  };
  // Stable, so the open menu does not take the focus back on every render; the focus returns to the menu's cell.
  const closeMenu = useCallback(() => {
    const position = menuCell.current;
    setMenu(null);
    if (position !== null) scroller.current?.querySelector<HTMLElement>(`[data-cell="${position.row}:${position.column}"]`)?.focus();
  }, []);
  const menuRow = menu === null ? undefined : keys.row(menu.position.row);
  const openInLokalise = (row: KeyRow): void => {
    onOpenInLokalise?.(row)
      .then((opened) => setAnnouncement(opened ? `Opened ${row.name} in Lokalise in your browser.` : `Could not open ${row.name} in Lokalise.`))
      .catch(() => setAnnouncement(`Could not open ${row.name} in Lokalise.`));
  };

  return (
    <div className="key-grid-frame">
      {total === 0 && keys.total !== null && <p className="empty grid-empty">No keys match.</p>}
      <div
        ref={scroller}
        className="key-grid"
        role="grid"
        aria-label="Keys"
        aria-rowcount={total + 1}
        aria-colcount={columns.length}
        style={{ '--grid-template': template, '--grid-min-width': `${minimumWidth}px` } as React.CSSProperties}
        onFocus={(event) => {
          const header = headerOf(event.target);
          if (header !== null) {
            setHeaderTab(header);
            return;
          }
          const position = positionOf(event.target);
          if (position !== null) setHeaderTab(null);
          if (position !== null && (position.row !== selected?.row || position.column !== selected.column)) onSelect(position, keys.row(position.row));
        }}
        onContextMenu={(event) => {
          const position = positionOf(event.target);
          if (position === null) return;
          event.preventDefault();
          openMenu(position, event.clientX, event.clientY);
        }}
        onClick={(event) => {
          if (!(event.target instanceof HTMLElement) || event.target.closest('[data-row-menu]') === null) return;
          const position = positionOf(event.target);
          if (position === null) return;
          const box = event.target.getBoundingClientRect();
          openMenu(position, box.left, box.bottom);
        }}
        onDoubleClick={(event) => {
          const position = positionOf(event.target);
          if (position !== null) onOpen(position, keys.row(position.row));
        }}
        onKeyDown={(event) => {
          const header = headerOf(event.target);
          if (header !== null) {
            const move = moveHeader(header, event.key, columns.length, event.shiftKey, total);
            const column = columns[header];
            if (move === null || column === undefined || !(event.target instanceof HTMLElement)) return;
            event.preventDefault();
            if ('header' in move) focusHeader(move.header);
            else if ('cell' in move) go(move.cell);
            else {
              const width = Math.max(minimumColumnWidth, Math.round(event.target.getBoundingClientRect().width + move.resize));
              onResize(column.id, width);
              setAnnouncement(`${column.label} column ${String(width)} pixels wide.`);
            }
            return;
          }
          const position = positionOf(event.target);
          // Keys typed inside a cell's own control (an editor) belong to that control.
          if (position === null || !(event.target instanceof HTMLElement) || event.target.getAttribute('role') !== 'gridcell') return;
          const control = event.ctrlKey || event.metaKey;
          if (control && event.key.toLowerCase() === 'c' && (window.getSelection()?.toString() ?? '') === '') {
            event.preventDefault();
            copy(position);
            return;
          }
          if (event.key === 'Enter') {
            event.preventDefault();
            onOpen(position, keys.row(position.row));
            return;
          }
          if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
            event.preventDefault();
            const box = event.target.getBoundingClientRect();
            openMenu(position, box.left, box.bottom);
            return;
          }
          if (headerAbove(position, event.key, control)) {
            event.preventDefault();
            focusHeader(position.column);
            return;
          }
          const next = moveCell(position, event.key, { rows: total, columns: columns.length, pageRows }, control);
          if (next === null) return;
          event.preventDefault();
          go(next);
        }}
      >
        <GridHeader columns={columns} widths={widths} tabColumn={headerTab} onResize={onResize} />
        <div role="rowgroup" className="grid-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {items.map((item) => {
            const isSelected = item.index === selectedRow;
            return (
              <GridRow
                key={item.key}
                row={keys.row(item.index)}
                index={item.index}
                top={item.start - headerHeight}
                columns={columns}
                selected={isSelected}
                tabColumn={headerTab === null && item.index === tabRow ? tabColumn : null}
                search={search}
                cellRenderer={cellRenderer}
                measure={isSelected ? measureSelected : undefined}
              />
            );
          })}
        </div>
      </div>
      {menu !== null && menuRow !== undefined && (
        <RowMenu
          keyName={menuRow.name}
          x={menu.x}
          y={menu.y}
          onClose={closeMenu}
          items={rowMenuItems(menuRow, columns, {
            copyColumn: (column) => copy({ row: menu.position.row, column }),
            openInLokalise: onOpenInLokalise === undefined ? null : () => openInLokalise(menuRow),
          })}
        />
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
