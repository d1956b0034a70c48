import '@testing-library/react';

// jsdom has no layout: give the virtualizer a ResizeObserver that never fires, so it keeps its initial size.
class NoLayoutResizeObserver {
  public observe(): void {}
  public unobserve(): void {}
  public disconnect(): void {}
}
if (!('ResizeObserver' in globalThis)) Object.assign(globalThis, { ResizeObserver: NoLayoutResizeObserver });
