/**
 * Where a key press moves the focused cell of the grid (the ARIA grid pattern's keyboard model), as a pure function
 * so every path can be tested without a layout engine.
 */

/** A cell of the grid: row index in the query's result, column index in the grid's columns. */
export interface CellPosition {
  readonly row: number;
  readonly column: number;
}

/** The grid's size and how many rows a page holds. */
export interface GridBounds {
  readonly rows: number;
  readonly columns: number;
  readonly pageRows: number;
}

/**
 * The cell focus moves to for `key` from `from`, or null when the key is not a movement key. Arrows move one cell,
 * Home/End to the row's ends (with Ctrl/Cmd: the grid's first/last row), PageUp/PageDown by a page. The result
 * always lies inside the grid.
 */
export function moveCell(from: CellPosition, key: string, bounds: GridBounds, withControl: boolean): CellPosition | null {
  if (bounds.rows === 0) return null;
  const clamp = (row: number, column: number): CellPosition => ({
    row: Math.max(0, Math.min(bounds.rows - 1, row)),
    column: Math.max(0, Math.min(bounds.columns - 1, column)),
  });
  switch (key) {
    case 'ArrowDown':
      return clamp(from.row + 1, from.column);
    case 'ArrowUp':
      return clamp(from.row - 1, from.column);
    case 'ArrowRight':
      return clamp(from.row, from.column + 1);
    case 'ArrowLeft':
      return clamp(from.row, from.column - 1);
    case 'PageDown':
      return clamp(from.row + bounds.pageRows, from.column);
    case 'PageUp':
      return clamp(from.row - bounds.pageRows, from.column);
    case 'Home':
      return withControl ? clamp(0, from.column) : clamp(from.row, 0);
    case 'End':
      return withControl ? clamp(bounds.rows - 1, from.column) : clamp(from.row, bounds.columns - 1);
    default:
      return null;
  }
}

/** Where a key press on a focused column header leads: another header, the first row, a resize, or nowhere. */
export type HeaderMove = { readonly header: number } | { readonly cell: CellPosition } | { readonly resize: number } | null;

/** How many pixels Shift+←/→ on a focused column header widens or narrows its column. */
export const resizeStep = 16;

/**
 * The header row's part of the keyboard model: ←/→ and Home/End move along the headers, ↓ goes to the first key's
 * cell in that column, Shift+←/→ resizes the column by `resizeStep` (so the resize handles need no tab stops of
 * their own). ↑ on the first key's row comes here (see `headerAbove`).
 */
export function moveHeader(column: number, key: string, columns: number, withShift: boolean, rows: number): HeaderMove {
  const clamp = (next: number): number => Math.max(0, Math.min(columns - 1, next));
  if (withShift && (key === 'ArrowLeft' || key === 'ArrowRight')) return { resize: key === 'ArrowRight' ? resizeStep : -resizeStep };
  switch (key) {
    case 'ArrowLeft':
      return { header: clamp(column - 1) };
    case 'ArrowRight':
      return { header: clamp(column + 1) };
    case 'Home':
      return { header: 0 };
    case 'End':
      return { header: columns - 1 };
    case 'ArrowDown':
      return rows > 0 ? { cell: { row: 0, column } } : null;
    default:
      return null;
  }
}

/** Whether `key` on cell `from` leaves the rows for the column header above it (↑ on the first row). */
export function headerAbove(from: CellPosition, key: string, withControl: boolean): boolean {
  return from.row === 0 && key === 'ArrowUp' && !withControl;
}
