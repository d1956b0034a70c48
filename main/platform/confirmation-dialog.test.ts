import { beforeEach, describe, expect, it, vi } from 'vitest';
import { weakStorageQuestion } from '../core/settings';

const electron = vi.hoisted(() => ({
  dialog: { showMessageBox: vi.fn<(...args: unknown[]) => Promise<{ response: number; checkboxChecked: boolean }>>() },
}));
vi.mock('electron', () => electron);

const { ElectronConfirmationPrompt } = await import('./confirmation-dialog');

beforeEach(() => {
  electron.dialog.showMessageBox.mockReset();
});

describe('ElectronConfirmationPrompt', () => {
  it('shows a native warning modal to the app window, with Cancel as the default and the Escape answer', async () => {
    electron.dialog.showMessageBox.mockResolvedValue({ response: 0, checkboxChecked: false });
    const window = { id: 'the app window' };
    const prompt = new ElectronConfirmationPrompt(() => window as never);
    expect(await prompt.confirm(weakStorageQuestion)).toBe(false);
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(window, {
      type: 'warning',
      title: weakStorageQuestion.title,
      message: weakStorageQuestion.message,
      detail: weakStorageQuestion.detail,
      buttons: ['Keep only for this session', 'Keep me signed in'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
  });

  it('says yes only for the confirming button, and shows the dialog on its own when no window is open', async () => {
    electron.dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
    const prompt = new ElectronConfirmationPrompt(() => null);
    expect(await prompt.confirm(weakStorageQuestion)).toBe(true);
    expect(electron.dialog.showMessageBox.mock.calls[0]).toHaveLength(1);
  });
});
