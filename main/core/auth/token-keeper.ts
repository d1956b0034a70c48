/**
 * Holds the tokens of the signed-in session and keeps them fresh.
 *
 * Any number of concurrent callers share one refresh (a refresh stampede burns rotating refresh tokens and
 * Lokalise's rate limit). A refreshed — possibly rotated — refresh token is written to the vault before any caller
 * learns that the refresh worked. The vault writes are serialised, so a sign-out that lands in the middle of a
 * write still leaves nothing behind, and a refresh that finishes after a sign-out never brings the tokens back.
 *
 * The verdicts are kept apart: a refused refresh token (`invalid_grant`) ends the session, while a network failure
 * or a server error keeps it, backs off and reports "offline".
 */
import { abortReason } from '../abort-reason';
import { CancelledError, isCancellation, LocdeskError } from '../errors';
import type { Logger, Redactor } from '../log';
import type { StoredTokens, TokenVault, VaultPersistence } from '../vault/token-vault';
import type { OAuthClient, TokenSet } from './oauth-client';
import { messageFor } from './session-messages';

/** Refresh when less than this is left on the access token. */
export const proactiveWindowMs = 5 * 60_000;
const firstBackoffMs = 5_000;
const maximumBackoffMs = 5 * 60_000;

/** Tokens together with where they are kept. */
export interface HeldTokens {
  readonly tokens: StoredTokens;
  readonly persistence: VaultPersistence;
}

/** What the keeper needs; the callbacks let the session turn token events into states. */
export interface TokenKeeperDependencies {
  /** null when sign-in is not configured: restored tokens can then not be refreshed. */
  readonly client: OAuthClient | null;
  readonly vault: TokenVault;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly now: () => number;
  /** A refresh succeeded and its tokens are stored. */
  readonly onRefreshed: (held: HeldTokens) => void;
  /** The refresh token is no longer accepted (or known to have expired); the tokens are already gone. */
  readonly onExpired: () => void;
}

/** The error every caller gets once the session has ended. */
export function signInRequired(message = 'Sign in to Lokalise to sync. Your offline library stays available.'): LocdeskError {
  return new LocdeskError('auth.required', message);
}

/** The error of the call that found out the session ended: the refresh token was refused or has expired. */
export function sessionExpired(): LocdeskError {
  return new LocdeskError('auth.session_expired', messageFor('sessionExpired'));
}

/** Owns tokens, their persistence and their refresh. */
export class TokenKeeper {
  private held: StoredTokens | null = null;
  private refreshing: Promise<StoredTokens> | null = null;
  private refreshController = new AbortController();
  private writes: Promise<unknown> = Promise.resolve();
  private backoffUntil = 0;
  private backoffMs = firstBackoffMs;

  public constructor(private readonly dependencies: TokenKeeperDependencies) {}

  /** The tokens held now, or null when signed out. */
  public get tokens(): StoredTokens | null {
    return this.held;
  }

  /**
   * Loads saved tokens at start-up. Returns null when there are none, and `expired` (after deleting them) when the
   * provider said the refresh token would have stopped working by now.
   */
  public async restore(): Promise<HeldTokens | 'expired' | null> {
    const tokens = await this.dependencies.vault.load();
    if (tokens === null) return null;
    this.remember(tokens);
    if (this.refreshTokenExpired(tokens)) {
      await this.write(() => this.dependencies.vault.clear());
      return 'expired';
    }
    this.held = tokens;
    const persistence = await this.dependencies.vault.persistence().catch((): VaultPersistence => 'encrypted');
    return { tokens, persistence };
  }

  /**
   * Takes tokens from a code exchange: stores them, then holds them. `stillWanted` is asked after the write, so a
   * sign-in cancelled meanwhile leaves neither tokens in memory nor an entry in the vault.
   */
  public async adopt(result: TokenSet, stillWanted: () => boolean): Promise<HeldTokens> {
    if (result.refreshToken === null) {
      throw new LocdeskError('auth.exchange_failed', 'Lokalise did not send a refresh token, so Locdesk could not keep you signed in. Please try again.');
    }
    const tokens = this.toStored(result, null);
    this.remember(tokens);
    const persistence = await this.store(tokens, stillWanted, true);
    if (!stillWanted()) {
      await this.write(() => this.dependencies.vault.clear());
      throw new CancelledError('The sign-in was cancelled.');
    }
    this.stopRefresh();
    this.held = tokens;
    this.resetBackoff();
    return { tokens, persistence };
  }

  /** Forgets the tokens: stops a refresh in flight and deletes the vault entry (after any write under way). */
  public async drop(): Promise<void> {
    this.stopRefresh();
    this.held = null;
    await this.write(() => this.dependencies.vault.clear());
  }

  /** Stops a refresh in flight without forgetting anything (quit). */
  public stopRefresh(): void {
    this.refreshController.abort();
  }

  /** A valid access token, refreshed first when it expires within the proactive window. */
  public async accessToken(signal?: AbortSignal): Promise<string> {
    const tokens = this.require();
    const remaining = tokens.expiresAt - this.dependencies.now();
    if (remaining > proactiveWindowMs) return tokens.accessToken;
    if (this.dependencies.now() < this.backoffUntil) {
      if (remaining > 0) return tokens.accessToken;
      throw new LocdeskError('network.offline', messageFor('network'));
    }
    try {
      return (await this.refresh(signal)).accessToken;
    } catch (error) {
      if (remaining > 0 && error instanceof LocdeskError && error.code === 'network.offline') return tokens.accessToken;
      throw error;
    }
  }

  /** After the API rejected `rejectedToken`: one shared refresh, unless the tokens already moved past it. */
  public async refreshAfterRejection(rejectedToken: string, signal?: AbortSignal): Promise<string> {
    const tokens = this.require();
    if (tokens.accessToken !== rejectedToken) return tokens.accessToken;
    return (await this.refresh(signal)).accessToken;
  }

  /** The computer woke up: forget the backoff, so the next check may refresh at once. */
  public resetBackoff(): void {
    this.backoffUntil = 0;
    this.backoffMs = firstBackoffMs;
  }

  private require(): StoredTokens {
    if (this.held === null) throw signInRequired();
    return this.held;
  }

  private refresh(signal?: AbortSignal): Promise<StoredTokens> {
    if (signal?.aborted === true) return Promise.reject(abortReason(signal));
    let shared = this.refreshing;
    if (shared === null) {
      const flight = this.runRefresh(this.require()).finally(() => {
        if (this.refreshing === flight) this.refreshing = null;
      });
      this.refreshing = flight;
      shared = flight;
    }
    if (signal === undefined) return shared;
    return new Promise<StoredTokens>((resolve, reject) => {
      const onAbort = (): void => reject(abortReason(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private async runRefresh(base: StoredTokens): Promise<StoredTokens> {
    const controller = new AbortController();
    this.refreshController = controller;
    const stillCurrent = (): boolean => this.held === base && !controller.signal.aborted;
    try {
      const client = this.dependencies.client;
      if (client === null) throw signInRequired(messageFor('configMissing'));
      if (this.refreshTokenExpired(base)) throw sessionExpired();
      const result = await client.refresh(base.refreshToken, base.scopes, controller.signal);
      const next = this.toStored(result, base);
      this.remember(next);
      if (!stillCurrent()) throw new CancelledError('The session ended during the refresh.');
      const persistence = await this.store(next, stillCurrent, result.refreshToken !== null);
      if (!stillCurrent()) throw new CancelledError('The session ended during the refresh.');
      this.held = next;
      this.resetBackoff();
      this.dependencies.logger.info('access token refreshed', { rotated: result.refreshToken !== null, persistence });
      this.dependencies.onRefreshed({ tokens: next, persistence });
      return next;
    } catch (error) {
      throw await this.refreshFailure(error, base);
    }
  }

  private async refreshFailure(error: unknown, base: StoredTokens): Promise<unknown> {
    if (isCancellation(error)) return error;
    if (error instanceof LocdeskError && (error.code === 'auth.session_expired' || error.code === 'auth.invalid_client')) {
      this.dependencies.logger.warn('refresh token refused; signing out', { code: error.code });
      if (this.held === base) {
        this.held = null;
        await this.write(() => this.dependencies.vault.clear()).catch((clearError: unknown) => this.dependencies.logger.warn('could not delete the saved sign-in', { error: clearError }));
        this.dependencies.onExpired();
      }
      return sessionExpired();
    }
    if (error instanceof LocdeskError && error.code === 'auth.required') return error;
    this.backoffUntil = this.dependencies.now() + this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, maximumBackoffMs);
    this.dependencies.logger.info('refresh failed; keeping the session and retrying later', { retryInMs: this.backoffUntil - this.dependencies.now() });
    return new LocdeskError('network.offline', messageFor('network'), { cause: error });
  }

  /**
   * Writes `tokens` to the vault in turn. If the write fails, the tokens are kept for this run rather than lost (a
   * rotated refresh token cannot be fetched again); a saved entry these tokens replace is removed, so a later start
   * does not bring back a dead refresh token or a previous sign-in.
   */
  private async store(tokens: StoredTokens, stillWanted: () => boolean, replacesSavedRefreshToken = false): Promise<VaultPersistence> {
    try {
      const persistence = await this.write(() => (stillWanted() ? this.dependencies.vault.save(tokens) : Promise.resolve<VaultPersistence>('sessionOnly')));
      return persistence;
    } catch (error) {
      this.dependencies.logger.warn('could not save the sign-in; keeping it for this run only', { error });
      if (replacesSavedRefreshToken) await this.write(() => this.dependencies.vault.clear()).catch(() => undefined);
      return 'sessionOnly';
    }
  }

  /** Runs vault operations one after another, in the order they were asked for. */
  private write<T>(operation: () => T | Promise<T>): Promise<T> {
    const next = this.writes.then(operation, operation);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private refreshTokenExpired(tokens: StoredTokens): boolean {
    return tokens.refreshTokenExpiresAt !== undefined && tokens.refreshTokenExpiresAt <= this.dependencies.now();
  }

  private toStored(result: TokenSet, previous: StoredTokens | null): StoredTokens {
    const rotated = result.refreshToken !== null;
    const refreshTokenExpiresAt = rotated ? result.refreshTokenExpiresAt : (previous?.refreshTokenExpiresAt ?? null);
    return {
      accessToken: result.accessToken,
      refreshToken: result.refreshToken ?? previous?.refreshToken ?? '',
      expiresAt: result.expiresAt,
      scopes: result.scopes,
      obtainedAt: this.dependencies.now(),
      ...(refreshTokenExpiresAt === null ? {} : { refreshTokenExpiresAt }),
    };
  }

  /** Registers credentials with the log redactor, so no line can ever contain them. */
  private remember(tokens: StoredTokens): void {
    this.dependencies.redactor.addSecret(tokens.accessToken);
    this.dependencies.redactor.addSecret(tokens.refreshToken);
  }
}
