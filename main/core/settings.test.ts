import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../test/support/memory-ports';
import { SettingsService } from './settings';

describe('SettingsService', () => {
  it('starts from safe defaults and persists changes', () => {
    const store = new MemoryKeyValueStore();
    expect(new SettingsService(store).get()).toEqual({ allowWeakTokenStorage: false });
    new SettingsService(store).update({ allowWeakTokenStorage: true });
    expect(new SettingsService(store).get()).toEqual({ allowWeakTokenStorage: true });
  });

  it('ignores a stored value of the wrong shape', () => {
    const store = new MemoryKeyValueStore();
    store.set('settings', { allowWeakTokenStorage: 'yes please' });
    expect(new SettingsService(store).get()).toEqual({ allowWeakTokenStorage: false });
  });
});
