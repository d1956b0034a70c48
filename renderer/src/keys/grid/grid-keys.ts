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
