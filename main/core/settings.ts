/**
 * The user's in-app preferences, kept in a small key-value store beside (not inside) the token vault.
 *
 * Only a handful of switches live here; configuration that an administrator sets (endpoints, credentials) lives
 * in `config.ts` instead, so the renderer can never change where tokens are sent.
 */
import { SettingsSchema, type Settings } from '../../common/contract';
import type { KeyValueStore } from './ports';

const storageKey = 'settings';
/** Automatic updates default to on; the update service still keeps them off in the demo and in development. */
const defaults: Settings = { allowWeakTokenStorage: false, automaticUpdates: true };

/** Reads and updates the preferences; a stored value that no longer matches the schema falls back to defaults. */
export class SettingsService {
  public constructor(private readonly store: KeyValueStore) {}

  /** The current preferences. */
  public get(): Settings {
    const parsed = SettingsSchema.partial().safeParse(this.store.get(storageKey));
    return { ...defaults, ...(parsed.success ? parsed.data : {}) };
  }

  /** Applies a partial change and returns the full result. */
  public update(change: Partial<Settings>): Settings {
    const next = { ...this.get(), ...change };
    this.store.set(storageKey, next);
    return next;
  }
}
