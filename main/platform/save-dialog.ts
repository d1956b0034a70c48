/**
 * Main's own save dialog (the `SaveFileDialog` port), modal to the app window: the only way an export gets a path,
 * so the renderer can never choose where Locdesk writes.
 */
import { dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { SaveFileDialog, SaveFileRequest } from '../core/ports';

/** Shows `dialog.showSaveDialog`, modal to the app window when there is one. */
export class ElectronSaveDialog implements SaveFileDialog {
  /** `window` gives the live app window, or null before it opens. */
  public constructor(private readonly window: () => BrowserWindow | null) {}

  /** The chosen path, or null when the user cancelled. */
  public async choosePath(request: SaveFileRequest): Promise<string | null> {
    const options: SaveDialogOptions = {
      title: request.title,
      defaultPath: request.defaultName,
      filters: request.filters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] })),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const parent = this.window();
    const result = parent === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(parent, options);
    return result.canceled || result.filePath === '' ? null : result.filePath;
  }
}
