import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../test/support/memory-ports';
import { SettingsService } from './settings';

describe('SettingsService', () => {
  it('starts from safe defaults and persists changes', () => {
    const store = new MemoryKeyValueStore();
    expect(new SettingsService(store).get()).toEqual({ allowWeakTokenStorage: false, automaticUpdates: true });
    new SettingsService(store).update({ allowWeakTokenStorage: true });
    expect(new SettingsService(store).get()).toEqual({ allowWeakTokenStorage: true, automaticUpdates: true });
    new SettingsService(store).update({ automaticUpdates: false });
    expect(new SettingsService(store).get()).toEqual({ allowWeakTokenStorage: true, automaticUpdates: false });
  });

  it('ignores a stored value of the wrong shape', () => {
    const store = new MemoryKeyValueStore();
    store.set('settings', { allowWeakTokenStorage: 'yes please' });
    expect(new SettingsService(store).get()).toEqual({ allowWeakTokenStorage: false, automaticUpdates: true });
  });

  it('keeps preferences saved before automatic updates existed, and turns updates on for them', () => {
    const store = new MemoryKeyValueStore();
    store.set('settings', { allowWeakTokenStorage: true });
    expect(new SettingsService(store).get()).toEqual({ allowWeakTokenStorage: true, automaticUpdates: true });
  });
});
