import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultQaSettings, QA_CHECKS, type QaSettings } from '../../../common/qa';
import { setBridge } from '../api';
import { createFakeApi, type FakeApi } from '../../../test/support/renderer/fake-api';
import { QaSettingsButton } from './QaSettingsButton';
import { QaSettingsDialog } from './QaSettingsDialog';

let fake: FakeApi;

function stored(): QaSettings {
  const settings = defaultQaSettings();
  return { checks: { ...settings.checks, doubleSpace: 'off' } };
}

beforeEach(() => {
  fake = createFakeApi({ 'qa.settings': stored() });
  setBridge(fake.bridge);
});
afterEach(() => {
  cleanup();
  setBridge(null);
});

describe('QaSettingsDialog', () => {
  it("shows every check at the project's stored level", async () => {
    render(<QaSettingsDialog projectId="p1" projectName="Shop" onClose={() => undefined} />);
    const doubleSpace = await screen.findByLabelText('Double space', undefined, { timeout: 5000 });
    expect((doubleSpace as HTMLSelectElement).value).toBe('off');
    expect(screen.getByLabelText<HTMLSelectElement>('Placeholders').value).toBe('error');
    expect(screen.getAllByRole('combobox')).toHaveLength(QA_CHECKS.length);
    expect(fake.argumentsOf('qa.settings')[0]).toEqual(['p1']);
    expect(screen.getByRole('dialog', { name: 'QA checks for Shop' })).toBeTruthy();
  });

  it('saves a change at once for this project, keeping the other checks as they were', async () => {
    render(<QaSettingsDialog projectId="p1" projectName="Shop" onClose={() => undefined} />);
    fireEvent.change(await screen.findByLabelText('Numbers', undefined, { timeout: 5000 }), { target: { value: 'error' } });
    await screen.findByText('Saved. The project is being checked again.');
    const [call] = fake.argumentsOf('qa.updateSettings');
    expect(call?.[0]).toBe('p1');
    const sent = call?.[1] as QaSettings;
    expect(sent.checks.numbers).toBe('error');
    expect(sent.checks.doubleSpace).toBe('off');
    expect(sent.checks.placeholders).toBe('error');
    expect(screen.getByLabelText<HTMLSelectElement>('Numbers').value).toBe('error');
  });

  it('goes back to what main holds and says why when a change cannot be saved', async () => {
    fake.respond('qa.updateSettings', Object.assign(new Error('The offline library cannot be opened.'), { code: 'store.unavailable' }));
    render(<QaSettingsDialog projectId="p1" projectName="Shop" onClose={() => undefined} />);
    fireEvent.change(await screen.findByLabelText('Numbers', undefined, { timeout: 5000 }), { target: { value: 'off' } });
    await screen.findByRole('alert');
    await waitFor(() => expect(screen.getByLabelText<HTMLSelectElement>('Numbers').value).toBe('warning'));
    expect(screen.queryByText('Saved. The project is being checked again.')).toBeNull();
  });

  it('puts every check back to its default with one button', async () => {
    render(<QaSettingsDialog projectId="p1" projectName="Shop" onClose={() => undefined} />);
    await screen.findByLabelText('Double space', undefined, { timeout: 5000 });
    fireEvent.click(screen.getByRole('button', { name: 'Use the defaults' }));
    await screen.findByText('Saved. The project is being checked again.');
    expect(fake.argumentsOf('qa.updateSettings')[0]?.[1]).toEqual(defaultQaSettings());
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Use the defaults' }).disabled).toBe(true);
  });

  it('opens from its button and closes with Escape, giving focus back', async () => {
    render(<QaSettingsButton projectId="p1" projectName="Shop" />);
    const button = screen.getByRole('button', { name: 'QA settings' });
    button.focus();
    fireEvent.click(button);
    await screen.findByLabelText('Placeholders', undefined, { timeout: 5000 });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Placeholders')));
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});
