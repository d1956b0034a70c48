import { memo, useCallback, useRef, useState } from 'react';
import { minimumColumnWidth, type GridColumn } from './columns';

/** A language's progress as words, so the number is never a bare percentage. */
export function progressLabel(progress: number | null): string {
  return progress === null ? 'Progress not known yet' : `${Math.round(progress)}% translated`;
}

/** The width of the column a resize handle sits in. */
function widthOf(element: HTMLElement): number {
  return element.parentElement?.getBoundingClientRect().width ?? minimumColumnWidth;
}

function Resizer({ column, onResize }: { column: GridColumn; onResize: (columnId: string, width: number) => void }): React.JSX.Element {
  const start = useRef<{ x: number; width: number } | null>(null);
  // A focusable separator is a widget with a value (ARIA): the column's width in pixels, measured when it mounts,
  // when it takes the focus and after each resize, so a screen reader says how wide the column is.
  const [width, setWidth] = useState(minimumColumnWidth);
  const measure = useCallback((element: HTMLElement | null) => {
    if (element !== null) setWidth(Math.round(widthOf(element)));
  }, []);
  const resize = (next: number): void => {
    onResize(column.id, next);
    setWidth(Math.round(Math.max(minimumColumnWidth, next)));
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
      tabIndex={0}
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
        resize(widthOf(event.currentTarget) + (event.key === 'ArrowRight' ? 16 : -16));
      }}
    />
  );
}

/**
 * The grid's column headers: each language by name, code and labelled progress, with a handle to resize the column
 * (drag it, or focus it and press ←/→).
 */
export const GridHeader = memo(function GridHeader({ columns, onResize }: { columns: readonly GridColumn[]; onResize: (columnId: string, width: number) => void }): React.JSX.Element {
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-row grid-head-row">
        {columns.map((column, index) => (
          <div key={column.id} role="columnheader" aria-colindex={index + 1} className={`grid-column-head grid-cell-${column.kind}`}>
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
            <Resizer column={column} onResize={onResize} />
          </div>
        ))}
      </div>
    </div>
  );
});
