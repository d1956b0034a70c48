/**
 * Where tokens rest between runs: a small versioned envelope, encrypted by the OS (through the Cipher port) and kept
 * in a key-value store as ciphertext only.
 *
 * When the OS cannot really protect it (Linux without a keyring, where Chromium falls back to a fixed key), tokens are
 * kept in memory for this run instead, unless the user explicitly opted in. A blob that no longer decrypts (keychain
 * reset, corruption) is treated as "signed out" and removed, never as a crash.
 */
import { z } from 'zod';
import { LocdeskError } from '../errors';
import type { Logger } from '../log';
import type { Cipher, KeyValueStore } from '../ports';

/** The tokens and facts the session persists. */
export interface StoredTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: number;
  /** The scopes granted, or null when Lokalise has not said yet (its code exchange does not; its refresh does). */
  readonly scopes: readonly string[] | null;
  readonly obtainedAt: number;
  /** When the refresh token stops working, for providers that say so; absent when unknown (Lokalise). */
  readonly refreshTokenExpiresAt?: number;
}

const EnvelopeSchema = z.object({
  format: z.literal('locdesk-tokens'),
  version: z.literal(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number(),
  scopes: z.array(z.string()).nullable(),
  obtainedAt: z.number(),
  refreshTokenExpiresAt: z.number().optional(),
});

const StoredValueSchema = z.object({ format: z.literal('safeStorage-v1'), data: z.string().min(1) });

/** Where the vault keeps tokens: encrypted at rest, or in memory for this run only. */
export type VaultPersistence = 'encrypted' | 'sessionOnly';

/** The store key; one entry per installation. */
export const vaultKey = 'tokens';

/** Encrypts, stores, loads and forgets the token envelope. */
export class TokenVault {
  private memory: StoredTokens | null = null;

  public constructor(
    private readonly cipher: Cipher,
    private readonly store: KeyValueStore,
    private readonly allowWeakStorage: () => boolean,
    private readonly logger: Logger,
  ) {}

  /**
   * Checks, before a sign-in opens the browser, that tokens can be kept: a full encrypt/decrypt round trip.
   * Throws `auth.vault_unavailable` when encryption is impossible, so a fresh sign-in is never lost to a failed write.
   */
  public async probe(): Promise<VaultPersistence> {
    try {
      const persistence = await this.persistence();
      if (persistence === 'sessionOnly') return persistence;
      const sample = `probe-${Date.now()}`;
      const { plain } = await this.cipher.decrypt(await this.cipher.encrypt(sample));
      if (plain !== sample) throw new Error('round trip changed the value');
      return persistence;
    } catch (error) {
      this.logger.warn('token vault probe failed', { error });
      throw new LocdeskError(
        'auth.vault_unavailable',
        'Locdesk cannot use your system’s keychain to protect the sign-in, so it did not start one. Unlock or set up the keychain and try again.',
      );
    }
  }

  /** Where tokens will be kept now, given the cipher's strength and the user's opt-in. */
  public async persistence(): Promise<VaultPersistence> {
    const strength = await this.cipher.strength();
    if (strength === 'secure') return 'encrypted';
    if (strength === 'weak' && this.allowWeakStorage()) return 'encrypted';
    if (strength === 'weak') return 'sessionOnly';
    throw new LocdeskError('auth.vault_unavailable', 'Locdesk cannot protect a sign-in on this system right now: encryption is unavailable.');
  }

  /** Saves `tokens` and reports where they went. The write completes before this resolves. */
  public async save(tokens: StoredTokens): Promise<VaultPersistence> {
    const persistence = await this.persistence();
    if (persistence === 'sessionOnly') {
      this.memory = tokens;
      this.store.delete(vaultKey);
      return persistence;
    }
    const envelope = {
      format: 'locdesk-tokens',
      version: 1,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: tokens.expiresAt,
      scopes: tokens.scopes === null ? null : [...tokens.scopes],
      obtainedAt: tokens.obtainedAt,
      ...(tokens.refreshTokenExpiresAt === undefined ? {} : { refreshTokenExpiresAt: tokens.refreshTokenExpiresAt }),
    };
    const data = await this.cipher.encrypt(JSON.stringify(envelope));
    this.store.set(vaultKey, { format: 'safeStorage-v1', data });
    this.memory = null;
    return persistence;
  }

  /**
   * Loads saved tokens, or null. An entry that cannot be read (keychain changed, corrupt blob) is deleted and
   * reported as null. While the OS reports encryption as unavailable (keychain locked, not ready yet) the entry is
   * kept for a later run, since it may well decrypt then; this run simply starts signed out.
   */
  public async load(): Promise<StoredTokens | null> {
    if (this.memory !== null) return this.memory;
    const raw = this.store.get(vaultKey);
    if (raw === undefined) return null;
    const stored = StoredValueSchema.safeParse(raw);
    if (!stored.success) return this.discard('the stored entry has an unknown format');
    const strength = await this.cipher.strength().catch((): 'unavailable' => 'unavailable');
    if (strength === 'unavailable') {
      this.logger.warn('saved sign-in kept but not loaded: encryption is unavailable right now');
      return null;
    }
    let decrypted: { plain: string; shouldReEncrypt: boolean };
    let parsed: unknown;
    try {
      decrypted = await this.cipher.decrypt(stored.data.data);
      parsed = JSON.parse(decrypted.plain);
    } catch {
      return this.discard('it could not be decrypted (the keychain may have changed)');
    }
    const envelope = EnvelopeSchema.safeParse(parsed);
    if (!envelope.success) return this.discard('the decrypted envelope is not valid');
    const tokens: StoredTokens = {
      accessToken: envelope.data.accessToken,
      refreshToken: envelope.data.refreshToken,
      expiresAt: envelope.data.expiresAt,
      scopes: envelope.data.scopes,
      obtainedAt: envelope.data.obtainedAt,
      ...(envelope.data.refreshTokenExpiresAt === undefined ? {} : { refreshTokenExpiresAt: envelope.data.refreshTokenExpiresAt }),
    };
    if (decrypted.shouldReEncrypt) {
      // The OS rotated its key: write a fresh blob. A failed rewrite loses nothing, the old blob still decrypts.
      await this.save(tokens).catch((error: unknown) => this.logger.warn('could not re-encrypt the saved sign-in', { error }));
    }
    return tokens;
  }

  /** Forgets the tokens everywhere. */
  public clear(): void {
    this.memory = null;
    this.store.delete(vaultKey);
  }

  private discard(reason: string): null {
    this.logger.warn(`discarding saved sign-in: ${reason}`);
    this.clear();
    return null;
  }
}
