import { memo, useCallback, useRef, useState } from 'react';
import { minimumColumnWidth, type GridColumn } from './columns';
import { resizeStep } from './grid-keys';

/** A language's progress as words, so the number is never a bare percentage. */
export function progressLabel(progress: number | null): string {
  return progress === null ? 'Progress not known yet' : `${Math.round(progress)}% translated`;
}

/** The width of the column a resize handle sits in. */
function widthOf(element: HTMLElement): number {
  return element.parentElement?.getBoundingClientRect().width ?? minimumColumnWidth;
}

/**
 * A column's resize handle: dragged with the pointer. It is out of the tab order (the grid keeps one tab stop);
 * from the keyboard the focused column header resizes its column with Shift+←/→ (see grid-keys.ts), and the
 * handle still answers ←/→ if it gets the focus by a click. Its value is the column's width in pixels.
 */
function Resizer({ column, width: chosen, onResize }: { column: GridColumn; width: number | undefined; onResize: (columnId: string, width: number) => void }): React.JSX.Element {
  const start = useRef<{ x: number; width: number } | null>(null);
  // A separator with a value (ARIA): the column's width, measured when it mounts and on focus, or the chosen width.
  const [measured, setMeasured] = useState(minimumColumnWidth);
  const measure = useCallback((element: HTMLElement | null) => {
    if (element !== null) setMeasured(Math.round(widthOf(element)));
  }, []);
  const width = chosen ?? measured;
  const resize = (next: number): void => {
    onResize(column.id, next);
    setMeasured(Math.round(Math.max(minimumColumnWidth, next)));
  };
  return (
    <div
      ref={measure}
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize the ${column.label} column`}
      aria-valuenow={width}
      aria-valuemin={minimumColumnWidth}
      aria-valuemax={Math.max(width, window.innerWidth)}
      aria-valuetext={`${width} pixels wide`}
      tabIndex={-1}
      className="column-resizer"
      onFocus={(event) => measure(event.currentTarget)}
      onPointerDown={(event) => {
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        start.current = { x: event.clientX, width: widthOf(event.currentTarget) };
      }}
      onPointerMove={(event) => {
        if (start.current === null) return;
        resize(start.current.width + event.clientX - start.current.x);
      }}
      onPointerUp={() => {
        start.current = null;
      }}
      onKeyDown={(event) => {
        // Arrows resize from the keyboard by 16 px; the grid must not also treat them as a move.
        if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
        event.preventDefault();
        event.stopPropagation();
        resize(widthOf(event.currentTarget) + (event.key === 'ArrowRight' ? resizeStep : -resizeStep));
      }}
    />
  );
}

/** What the header row gets from the grid. */
interface GridHeaderProps {
  readonly columns: readonly GridColumn[];
  readonly widths: Readonly<Record<string, number>>;
  /** The header that holds the grid's one tab stop (the keyboard went up to it), or null when a cell holds it. */
  readonly tabColumn: number | null;
  readonly onResize: (columnId: string, width: number) => void;
}

/**
 * The grid's column headers: each language by name, code and labelled progress, with a handle to resize the column.
 * A header is reached with ↑ from the first row; Shift+←/→ there resizes its column (the grid handles the keys).
 */
export const GridHeader = memo(function GridHeader({ columns, widths, tabColumn, onResize }: GridHeaderProps): React.JSX.Element {
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-row grid-head-row">
        {columns.map((column, index) => (
          <div
            key={column.id}
            role="columnheader"
            aria-colindex={index + 1}
            tabIndex={tabColumn === index ? 0 : -1}
            data-header={index}
            title="Shift+← or Shift+→ resizes the column"
            className={`grid-column-head grid-cell-${column.kind}`}
          >
            <span className="column-title">
              {column.label}
              {column.iso !== null && <span className="iso"> {column.iso}</span>}
              {column.kind === 'source' && <span className="column-role"> · source</span>}
            </span>
            {column.language !== undefined && (
              <span className="column-progress">
                <span className="progress-track" aria-hidden="true">
                  <span className="progress-fill" style={{ width: `${column.language.progress ?? 0}%` }} />
                </span>
                {progressLabel(column.language.progress)}
              </span>
            )}
            <Resizer column={column} width={widths[column.id]} onResize={onResize} />
          </div>
        ))}
      </div>
    </div>
  );
});
