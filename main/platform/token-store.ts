/**
 * The core's KeyValueStore port over electron-store: one small JSON file per store name in the user-data folder,
 * written atomically (write to a temporary file, then rename) by electron-store's `conf`. It holds settings and the
 * token vault's ciphertext; never plaintext credentials.
 */
import Store from 'electron-store';
import type { KeyValueStore } from '../core/ports';

/** A named electron-store file in `cwd`. */
export class ElectronKeyValueStore implements KeyValueStore {
  private readonly store: Store;

  public constructor(options: { name: string; cwd: string }) {
    this.store = new Store({ name: options.name, cwd: options.cwd, clearInvalidConfig: true });
  }

  public get(key: string): unknown {
    return this.store.get(key);
  }

  public set(key: string, value: unknown): void {
    this.store.set(key, value);
  }

  public delete(key: string): void {
    this.store.delete(key);
  }
}
