/**
 * The user's in-app preferences, kept in a small key-value store beside (not inside) the token vault.
 *
 * Only a handful of switches live here; configuration that an administrator sets (endpoints, credentials) lives
 * in `config.ts` instead, so the renderer can never change where tokens are sent. A switch that weakens how tokens
 * are kept (`allowWeakTokenStorage`) is turned on only after the user confirms it in a dialog main shows itself:
 * the renderer can ask, but cannot decide.
 */
import { SettingsSchema, type Settings } from '../../common/contract';
import type { ConfirmationPrompt, ConfirmationRequest, KeyValueStore } from './ports';

const storageKey = 'settings';
/** Automatic updates default to on; the update service still keeps them off in the demo and in development. */
const defaults: Settings = { allowWeakTokenStorage: false, automaticUpdates: true };

/** What main asks before keeping tokens with Chromium's fixed, publicly known key. */
export const weakStorageQuestion: ConfirmationRequest = {
  title: 'Keep your sign-in without a keyring?',
  message: 'Keep your Lokalise sign-in on this computer with weaker protection?',
  detail:
    'This computer has no keyring, so Locdesk can only encrypt your sign-in with a fixed key that is publicly known. ' +
    'Anyone who can read your files could then use your Lokalise account. If you choose "Keep only for this session", ' +
    'you sign in again after each restart instead.',
  confirmLabel: 'Keep me signed in',
  cancelLabel: 'Keep only for this session',
};

/** Reads and updates the preferences; a stored value that no longer matches the schema falls back to defaults. */
export class SettingsService {
  public constructor(
    private readonly store: KeyValueStore,
    private readonly confirmation: ConfirmationPrompt,
  ) {}

  /** The current preferences. */
  public get(): Settings {
    const parsed = SettingsSchema.partial().safeParse(this.store.get(storageKey));
    return { ...defaults, ...(parsed.success ? parsed.data : {}) };
  }

  /**
   * Applies a partial change and returns the full result. Turning weak token storage on asks the user first; when
   * they decline (or the dialog cannot be shown) nothing changes and the unchanged settings are returned.
   */
  public async update(change: Partial<Settings>): Promise<Settings> {
    const current = this.get();
    if (change.allowWeakTokenStorage === true && !current.allowWeakTokenStorage) {
      const agreed = await this.confirmation.confirm(weakStorageQuestion).catch(() => false);
      if (!agreed) return this.get();
    }
    const next = { ...this.get(), ...change };
    this.store.set(storageKey, next);
    return next;
  }
}
