import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore, ScriptedConfirmation } from '../../test/support/memory-ports';
import { SettingsService, weakStorageQuestion } from './settings';

const defaults = { allowWeakTokenStorage: false, automaticUpdates: true };

describe('SettingsService', () => {
  it('starts from safe defaults and persists a confirmed change', async () => {
    const store = new MemoryKeyValueStore();
    const confirmation = new ScriptedConfirmation(true);
    expect(new SettingsService(store, confirmation).get()).toEqual(defaults);
    expect(await new SettingsService(store, confirmation).update({ allowWeakTokenStorage: true })).toEqual({ ...defaults, allowWeakTokenStorage: true });
    expect(new SettingsService(store, confirmation).get()).toEqual({ ...defaults, allowWeakTokenStorage: true });
    expect(confirmation.asked).toEqual([weakStorageQuestion]);
    await new SettingsService(store, confirmation).update({ automaticUpdates: false });
    expect(new SettingsService(store, confirmation).get()).toEqual({ allowWeakTokenStorage: true, automaticUpdates: false });
    expect(confirmation.asked).toHaveLength(1);
  });

  it('turns weak token storage on only when the user confirms in main’s own dialog', async () => {
    const store = new MemoryKeyValueStore();
    const confirmation = new ScriptedConfirmation(false);
    const settings = new SettingsService(store, confirmation);
    expect(await settings.update({ allowWeakTokenStorage: true })).toEqual(defaults);
    expect(store.get('settings')).toBeUndefined();
    expect(confirmation.asked).toHaveLength(1);
    expect(confirmation.asked[0]?.detail).toContain('publicly known');
  });

  it('treats a dialog that cannot be shown as a no', async () => {
    const store = new MemoryKeyValueStore();
    const settings = new SettingsService(store, { confirm: () => Promise.reject(new Error('no window')) });
    expect(await settings.update({ allowWeakTokenStorage: true })).toEqual(defaults);
  });

  it('asks nothing to turn it off, or to set it to what it already is', async () => {
    const store = new MemoryKeyValueStore();
    store.set('settings', { allowWeakTokenStorage: true });
    const confirmation = new ScriptedConfirmation(false);
    const settings = new SettingsService(store, confirmation);
    expect(await settings.update({ allowWeakTokenStorage: true })).toEqual({ ...defaults, allowWeakTokenStorage: true });
    expect(await settings.update({ allowWeakTokenStorage: false })).toEqual(defaults);
    expect(confirmation.asked).toEqual([]);
  });

  it('ignores a stored value of the wrong shape', () => {
    const store = new MemoryKeyValueStore();
    store.set('settings', { allowWeakTokenStorage: 'yes please' });
    expect(new SettingsService(store, new ScriptedConfirmation()).get()).toEqual(defaults);
  });

  it('keeps preferences saved before automatic updates existed, and turns updates on for them', () => {
    const store = new MemoryKeyValueStore();
    store.set('settings', { allowWeakTokenStorage: true });
    expect(new SettingsService(store, new ScriptedConfirmation()).get()).toEqual({ allowWeakTokenStorage: true, automaticUpdates: true });
  });
});
