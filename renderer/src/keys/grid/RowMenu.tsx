import { useEffect, useRef } from 'react';
import type { KeyRow } from '../../../../common/contract';
import type { GridColumn } from './columns';

/** One thing the row menu offers. */
export interface RowMenuItem {
  readonly label: string;
  readonly run: () => void;
}

/** The menu's items for a key: copy its name and each shown language's text (when there is any), open it in Lokalise. */
export function rowMenuItems(
  row: KeyRow,
  columns: readonly GridColumn[],
  actions: { copyColumn: (columnIndex: number) => void; openInLokalise: (() => void) | null },
): RowMenuItem[] {
  const items: RowMenuItem[] = [];
  columns.forEach((column, index) => {
    if (column.iso === null) {
      items.push({ label: 'Copy key name', run: () => actions.copyColumn(index) });
      return;
    }
    const cell = row.translations.find((entry) => entry.languageIso === column.iso);
    if (cell !== undefined && !cell.isEmpty) items.push({ label: `Copy ${column.label} text`, run: () => actions.copyColumn(index) });
  });
  if (actions.openInLokalise !== null) items.push({ label: 'Open in Lokalise', run: actions.openInLokalise });
  return items;
}

/**
 * A key row's menu (ARIA menu pattern): opened by the row's "⋯" button, a right click, Shift+F10 or the context-menu
 * key on a cell. The first item takes the focus; arrows, Home and End move it, Enter runs an item, Escape or Tab
 * closes the menu, and the owner then gives the focus back to the cell.
 */
export function RowMenu({ keyName, items, x, y, onClose }: { keyName: string; items: readonly RowMenuItem[]; x: number; y: number; onClose: () => void }): React.JSX.Element {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (event: PointerEvent): void => {
      if (event.target instanceof Node && menu.current?.contains(event.target) !== true) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose]);

  const move = (current: EventTarget, key: string): void => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = entries.findIndex((entry) => entry === current);
    const next = key === 'Home' ? 0 : key === 'End' ? entries.length - 1 : (index + (key === 'ArrowDown' ? 1 : -1) + entries.length) % entries.length;
    entries[next]?.focus();
  };

  // Kept inside the window: a menu opened near the right or bottom edge opens towards the middle.
  const left = Math.max(4, Math.min(x, window.innerWidth - 264));
  const top = Math.max(4, Math.min(y, window.innerHeight - (items.length * 34 + 16)));
  return (
    <div
      ref={menu}
      role="menu"
      aria-label={`Actions for ${keyName}`}
      className="row-menu"
      style={{ left, top }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' || event.key === 'Tab') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        } else if (['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) {
          event.preventDefault();
          move(event.target, event.key);
        }
      }}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
