/**
 * Remembers the main window's size and position between runs.
 *
 * A saved position can point at a monitor that is no longer attached (a laptop undocked), which would open the
 * window off-screen where the user cannot reach it; so every restore is clamped into the work areas of the displays
 * present now. The arithmetic is pure so it can be tested without a screen.
 */
import { z } from 'zod';
import type { KeyValueStore } from '../core/ports';

/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What is saved and restored. `x`/`y` are absent on first run, which lets Electron centre the window. */
export interface WindowPlacement {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** The size of a first-run window and the smallest window the layout supports. */
export const defaultWindowSize = { width: 1280, height: 820 } as const;
export const minimumWindowSize = { width: 900, height: 600 } as const;

const storageKey = 'mainWindow';
const placementSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});

function overlapArea(first: Rectangle, second: Rectangle): number {
  const width = Math.min(first.x + first.width, second.x + second.width) - Math.max(first.x, second.x);
  const height = Math.min(first.y + first.height, second.y + second.height) - Math.max(first.y, second.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clampNumber(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/**
 * Fits `saved` into the display it overlaps most (or the first work area, the primary display, when it overlaps
 * none): the size shrinks to the work area and the position moves so the whole window is visible.
 * Without a saved placement or any display, returns the default size with no position.
 */
export function clampToDisplays(saved: WindowPlacement | null, workAreas: readonly Rectangle[]): WindowPlacement {
  const primary = workAreas[0];
  if (saved?.x === undefined || saved.y === undefined || primary === undefined) {
    const width = primary === undefined ? defaultWindowSize.width : Math.min(defaultWindowSize.width, primary.width);
    const height = primary === undefined ? defaultWindowSize.height : Math.min(defaultWindowSize.height, primary.height);
    return { width, height, maximized: saved?.maximized ?? false };
  }
  const frame: Rectangle = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
  let target = primary;
  let best = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(frame, area);
    if (overlap > best) {
      best = overlap;
      target = area;
    }
  }
  const width = clampNumber(saved.width, Math.min(minimumWindowSize.width, target.width), target.width);
  const height = clampNumber(saved.height, Math.min(minimumWindowSize.height, target.height), target.height);
  return {
    x: clampNumber(saved.x, target.x, target.x + target.width - width),
    y: clampNumber(saved.y, target.y, target.y + target.height - height),
    width,
    height,
    maximized: saved.maximized,
  };
}

/** Reads and writes the placement; a stored value that no longer parses is ignored, never trusted. */
export class WindowStateStore {
  public constructor(private readonly store: KeyValueStore) {}

  /** The saved placement fitted into `workAreas` (primary display first). */
  public load(workAreas: readonly Rectangle[]): WindowPlacement {
    const parsed = placementSchema.safeParse(this.store.get(storageKey));
    return clampToDisplays(parsed.success ? parsed.data : null, workAreas);
  }

  /** Remembers the window's normal (un-maximized) bounds and whether it was maximized. */
  public save(bounds: Rectangle, maximized: boolean): void {
    const placement = {
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.round(bounds.width),
      height: Math.round(bounds.height),
      maximized,
    };
    if (placementSchema.safeParse(placement).success) this.store.set(storageKey, placement);
  }
}
