/**
 * Main's own confirmation dialog (the `ConfirmationPrompt` port): a native message box attached to the app window,
 * which the page cannot draw, answer or skip. "Cancel" is the default and the Escape answer, so closing the dialog
 * never agrees to anything.
 */
import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { ConfirmationPrompt, ConfirmationRequest } from '../core/ports';

const cancelIndex = 0;
const confirmIndex = 1;

/** Shows `dialog.showMessageBox`, modal to the app window when there is one. */
export class ElectronConfirmationPrompt implements ConfirmationPrompt {
  /** `window` gives the live app window, or null before it opens (the dialog is then shown on its own). */
  public constructor(private readonly window: () => BrowserWindow | null) {}

  /** True only when the user chose the confirming button. */
  public async confirm(request: ConfirmationRequest): Promise<boolean> {
    const options: MessageBoxOptions = {
      type: 'warning',
      title: request.title,
      message: request.message,
      detail: request.detail,
      buttons: [request.cancelLabel, request.confirmLabel],
      defaultId: cancelIndex,
      cancelId: cancelIndex,
      noLink: true,
    };
    const parent = this.window();
    const { response } = parent === null ? await dialog.showMessageBox(options) : await dialog.showMessageBox(parent, options);
    return response === confirmIndex;
  }
}
