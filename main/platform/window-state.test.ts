import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../test/support/memory-ports';
import { clampToDisplays, defaultWindowSize, WindowStateStore, type Rectangle } from './window-state';

const laptop: Rectangle = { x: 0, y: 0, width: 1440, height: 875 };
const externalRight: Rectangle = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('clampToDisplays', () => {
  it('uses the default size without a position on first run, so Electron centres the window', () => {
    expect(clampToDisplays(null, [laptop])).toEqual({ ...defaultWindowSize, maximized: false });
  });

  it('shrinks the first-run size to a small screen', () => {
    expect(clampToDisplays(null, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({ width: 1024, height: 700, maximized: false });
  });

  it('keeps a placement that is fully visible', () => {
    const saved = { x: 100, y: 50, width: 1000, height: 700, maximized: false };
    expect(clampToDisplays(saved, [laptop, externalRight])).toEqual(saved);
  });

  it('keeps a window on the second monitor when that monitor is still attached', () => {
    const saved = { x: 2000, y: 200, width: 1600, height: 1000, maximized: true };
    expect(clampToDisplays(saved, [laptop, externalRight])).toEqual(saved);
  });

  it('moves a window whose monitor was unplugged back onto the primary display, shrunk to fit', () => {
    const saved = { x: 2000, y: 200, width: 1600, height: 1000, maximized: false };
    expect(clampToDisplays(saved, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: false });
  });

  it('pulls a window hanging off the bottom-right edge fully into view', () => {
    const saved = { x: 1200, y: 700, width: 1000, height: 700, maximized: false };
    expect(clampToDisplays(saved, [laptop])).toEqual({ x: 440, y: 175, width: 1000, height: 700, maximized: false });
  });

  it('respects work areas that do not start at the origin (menu bar, left dock)', () => {
    const area = { x: 80, y: 25, width: 1360, height: 850 };
    expect(clampToDisplays({ x: -300, y: -40, width: 1000, height: 700, maximized: false }, [area])).toEqual({
      x: 80,
      y: 25,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });
});

describe('WindowStateStore', () => {
  it('round-trips a placement through the key-value store', () => {
    const store = new WindowStateStore(new MemoryKeyValueStore());
    store.save({ x: 10.4, y: 20.6, width: 1100, height: 720 }, true);
    expect(store.load([laptop])).toEqual({ x: 10, y: 21, width: 1100, height: 720, maximized: true });
  });

  it('ignores a corrupted stored value instead of trusting it', () => {
    const backing = new MemoryKeyValueStore();
    backing.set('mainWindow', { x: 'left', width: -5 });
    expect(new WindowStateStore(backing).load([laptop])).toEqual({ ...defaultWindowSize, maximized: false });
  });

  it('does not store bounds that make no sense (a zero-sized minimised window)', () => {
    const backing = new MemoryKeyValueStore();
    new WindowStateStore(backing).save({ x: 0, y: 0, width: 0, height: 0 }, false);
    expect(backing.values.size).toBe(0);
  });
});
