/**
 * The system clipboard as the core's `ClipboardWriter`, so a sign-in link (which carries `state`) is copied by main
 * and never passes through the renderer.
 */
import { clipboard } from 'electron';
import type { ClipboardWriter } from '../core/ports';

/**
 * Writes plain text to the OS clipboard. Electron 45's `writeText` is asynchronous while the port is not, so a
 * failure is reported through `onFailure` (the composition root logs it) instead of being lost.
 */
export class ElectronClipboard implements ClipboardWriter {
  public constructor(private readonly onFailure: (error: unknown) => void = () => undefined) {}

  /** Replaces the clipboard's text. */
  public writeText(text: string): void {
    clipboard.writeText(text).catch(this.onFailure);
  }
}
