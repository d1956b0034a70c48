/**
 * The signed-in session: sign-in through the system browser (loopback or paste-code), token refresh, sign-out.
 *
 * It is the only holder of tokens in the app. Everyone else sees an `AuthState` (no credentials, ever) or asks for an
 * access token through the `TokenSource` seam, where any number of concurrent callers share a single refresh. A
 * refreshed (possibly rotated) refresh token is written to the vault before any caller is told the refresh worked.
 */
import type { AuthReason, AuthState } from '../../../preload/contract';
import type { LocdeskConfig } from '../config';
import { CancelledError, isCancellation, LocdeskError } from '../errors';
import { isAllowedExternalUrl } from '../link-policy';
import type { Logger, Redactor } from '../log';
import type { BrowserOpener, ClipboardWriter, FetchFunction } from '../ports';
import type { StoredTokens, TokenVault, VaultPersistence } from '../vault/token-vault';
import { buildAuthorizeUrl } from './authorize-url';
import { LoopbackReceiver } from './loopback-receiver';
import { OAuthClient, type TokenSet } from './oauth-client';
import { providerPreset } from './providers';
import { messageFor, reasonForErrorCode } from './session-messages';
import type { TokenSource } from './token-source';

/** What the session needs from the composition root. */
export interface SessionDependencies {
  readonly config: LocdeskConfig;
  /** Non-null when the client id or secret is missing or invalid: sign-in is then refused with this sentence. */
  readonly configProblem: string | null;
  readonly fetch: FetchFunction;
  readonly vault: TokenVault;
  readonly browser: BrowserOpener;
  readonly clipboard: ClipboardWriter;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly now?: () => number;
}

interface Attempt {
  readonly mode: 'loopback' | 'manual';
  url: string | null;
  receiver: LoopbackReceiver | null;
  timer: NodeJS.Timeout | null;
}

/** Refresh when less than this is left on the access token. */
const proactiveWindowMs = 5 * 60_000;
const maximumBackoffMs = 5 * 60_000;

/** Owns tokens and the sign-in lifecycle; implements the `auth` calls of the contract. */
export class Session implements TokenSource {
  private current: AuthState;
  private tokens: StoredTokens | null = null;
  private attempt: Attempt | null = null;
  private refreshing: Promise<StoredTokens> | null = null;
  private refreshController = new AbortController();
  private sessionController = new AbortController();
  private backoffUntil = 0;
  private backoffMs = 5_000;
  private readonly listeners = new Set<(state: AuthState) => void>();
  private readonly client: OAuthClient | null;
  private readonly now: () => number;
  private readonly signInHost: string;

  public constructor(private readonly dependencies: SessionDependencies) {
    const { config } = dependencies;
    this.now = dependencies.now ?? Date.now;
    this.signInHost = URL.canParse(config.authUrl) ? new URL(config.authUrl).host : config.authUrl;
    this.current = this.compose({ status: 'signedOut' });
    const usable = config.clientId !== null && config.clientId !== '' && config.clientSecret !== null && config.clientSecret !== '';
    this.client = usable
      ? new OAuthClient({
          tokenUrl: config.tokenUrl,
          clientId: config.clientId,
          clientSecret: config.clientSecret,
          preset: providerPreset(config.provider),
          fetch: dependencies.fetch,
          now: this.now,
        })
      : null;
    dependencies.redactor.addSecret(config.clientSecret);
  }

  /** Aborted on sign-out, so API calls in flight for the old session stop. */
  public get signal(): AbortSignal {
    return this.sessionController.signal;
  }

  /** The state the renderer may see. */
  public getState(): AuthState {
    return this.current;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  public onStateChanged(listener: (state: AuthState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads a saved session at start-up. */
  public async restore(): Promise<AuthState> {
    const tokens = await this.dependencies.vault.load();
    if (tokens === null) return this.current;
    this.remember(tokens);
    this.tokens = tokens;
    const persistence = await this.dependencies.vault.persistence().catch((): VaultPersistence => 'encrypted');
    return this.publish({ status: 'signedIn', expiresAt: tokens.expiresAt, scopes: [...tokens.scopes], persistence });
  }

  /** Signs in through the system browser and the loopback receiver; resolves when the attempt ends. */
  public async signIn(): Promise<AuthState> {
    const client = this.client;
    if (client === null) return this.publish({ status: 'error', reason: 'configMissing', message: this.dependencies.configProblem });
    this.endAttempt();
    const attempt: Attempt = { mode: 'loopback', url: null, receiver: null, timer: null };
    this.attempt = attempt;
    this.publish({ status: 'signingIn', mode: 'loopback', signInHost: this.signInHost });
    try {
      await this.dependencies.vault.probe();
      const receiver = await LoopbackReceiver.start({
        ports: this.dependencies.config.redirectPorts,
        timeoutMs: this.dependencies.config.signInTimeoutMs,
        logger: this.dependencies.logger,
        exchange: (code, redirectUri) => this.redeem(attempt, client, code, redirectUri),
        onStaleCallback: () => {
          if (this.attempt === attempt) this.publish({ ...this.current, staleCallbackSeen: true });
        },
      });
      if (this.attempt !== attempt) {
        receiver.cancel();
        return this.current;
      }
      attempt.receiver = receiver;
      this.dependencies.redactor.addSecret(receiver.state);
      attempt.url = this.authorizeUrl(receiver.redirectUri, receiver.state);
      await this.openAttemptUrl(attempt);
      const outcome = await receiver.outcome;
      if (this.attempt !== attempt) return this.current;
      this.attempt = null;
      switch (outcome.kind) {
        case 'success':
          return this.current;
        case 'denied':
          return this.publish({ status: 'signedOut', reason: 'denied' });
        case 'timeout':
          return this.publish({ status: 'signedOut', reason: 'timeout' });
        case 'cancelled':
          return this.publish({ status: 'signedOut', reason: 'cancelled' });
        case 'failed':
          return this.fail(outcome.error);
      }
    } catch (error) {
      if (this.attempt !== attempt) return this.current;
      this.attempt = null;
      return this.fail(error);
    }
  }

  /** Starts the paste-code flow: the browser shows a code, which the user pastes into `submitCode`. */
  public async signInManually(): Promise<AuthState> {
    if (this.client === null) return this.publish({ status: 'error', reason: 'configMissing', message: this.dependencies.configProblem });
    this.endAttempt();
    const attempt: Attempt = { mode: 'manual', url: null, receiver: null, timer: null };
    this.attempt = attempt;
    try {
      await this.dependencies.vault.probe();
    } catch (error) {
      this.attempt = null;
      return this.fail(error);
    }
    attempt.url = this.authorizeUrl(undefined, undefined);
    attempt.timer = setTimeout(() => {
      if (this.attempt !== attempt) return;
      this.attempt = null;
      this.publish({ status: 'signedOut', reason: 'timeout' });
    }, this.dependencies.config.signInTimeoutMs);
    attempt.timer.unref();
    this.publish({ status: 'signingIn', mode: 'manual', signInHost: this.signInHost });
    await this.openAttemptUrl(attempt);
    return this.current;
  }

  /** Exchanges a pasted code after checking its format; a malformed code never reaches the server. */
  public async submitCode(code: string): Promise<AuthState> {
    const attempt = this.attempt;
    const client = this.client;
    if (attempt?.mode !== 'manual' || client === null) {
      throw new LocdeskError('auth.no_manual_attempt', 'Choose "Paste a code instead" first, then paste the code Lokalise shows you.');
    }
    const trimmed = code.trim();
    const preset = providerPreset(this.dependencies.config.provider);
    if (preset.codePattern !== null && !preset.codePattern.test(trimmed)) {
      return this.publish({ ...this.current, reason: 'invalidCode', message: `${messageFor('invalidCode')} ${preset.codeDescription}` });
    }
    this.dependencies.redactor.addSecret(trimmed);
    try {
      const tokens = await client.exchangeCode(trimmed, null, this.dependencies.config.scopes);
      if (this.attempt !== attempt) return this.current;
      this.endAttempt();
      return await this.adopt(tokens, null);
    } catch (error) {
      if (this.attempt !== attempt) return this.current;
      const failure = error instanceof LocdeskError ? error : new LocdeskError('auth.exchange_failed', messageFor('exchangeFailed'));
      return this.publish({ ...this.current, reason: reasonForErrorCode(failure.code), message: failure.message });
    }
  }

  /** Stops the running sign-in attempt, if any. */
  public cancelSignIn(): Promise<AuthState> {
    if (this.attempt === null) return Promise.resolve(this.current);
    this.endAttempt();
    return Promise.resolve(this.publish({ status: this.tokens === null ? 'signedOut' : 'signedIn', reason: 'cancelled' }));
  }

  /** Copies the running attempt's sign-in link; the link holds `state`, so it is copied in main, never sent to the renderer. */
  public copySignInLink(): Promise<boolean> {
    const url = this.attempt?.url ?? null;
    if (url === null) return Promise.resolve(false);
    this.dependencies.clipboard.writeText(url);
    return Promise.resolve(true);
  }

  /** Opens the running attempt's sign-in link again. */
  public async openSignInLink(): Promise<boolean> {
    const attempt = this.attempt;
    if (attempt?.url === null || attempt === null) return false;
    return this.openAttemptUrl(attempt);
  }

  /** Signs out: stops sign-in and refresh, aborts calls in flight, deletes the tokens. The offline library stays. */
  public signOut(): Promise<AuthState> {
    this.endAttempt();
    this.dropTokens();
    this.dependencies.logger.info('signed out');
    return Promise.resolve(this.publish({ status: 'signedOut', reason: 'signedOut' }));
  }

  /** A valid access token, refreshed first when it expires within five minutes. */
  public async accessToken(signal?: AbortSignal): Promise<string> {
    const tokens = this.requireTokens();
    const remaining = tokens.expiresAt - this.now();
    if (remaining > proactiveWindowMs) return tokens.accessToken;
    if (this.now() < this.backoffUntil) {
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

  /** After the API rejected `rejectedToken`: one shared refresh, unless the session already moved past that token. */
  public async refreshAfterRejection(rejectedToken: string, signal?: AbortSignal): Promise<string> {
    const tokens = this.requireTokens();
    if (tokens.accessToken !== rejectedToken) return tokens.accessToken;
    return (await this.refresh(signal)).accessToken;
  }

  /** Called when the computer wakes: refresh now if the token lapsed or is about to. */
  public handleWake(): void {
    if (this.tokens === null) return;
    this.backoffUntil = 0;
    this.accessToken().catch((error: unknown) => this.dependencies.logger.info('refresh after wake did not succeed', { error }));
  }

  /** Stops everything for quit. */
  public dispose(): Promise<void> {
    this.endAttempt();
    this.refreshController.abort();
    return Promise.resolve();
  }

  private requireTokens(): StoredTokens {
    if (this.tokens === null) throw new LocdeskError('auth.required', 'Sign in to Lokalise to sync. Your offline library stays available.');
    return this.tokens;
  }

  private refresh(signal?: AbortSignal): Promise<StoredTokens> {
    if (this.refreshing !== null) return this.refreshing;
    const client = this.client;
    const base = this.requireTokens();
    if (client === null) return Promise.reject(new LocdeskError('auth.required', messageFor('configMissing')));
    const controller = new AbortController();
    this.refreshController = controller;
    const run = async (): Promise<StoredTokens> => {
      try {
        const result = await client.refresh(base.refreshToken, base.scopes, controller.signal);
        if (this.tokens !== base) throw new CancelledError('The session changed during the refresh.');
        const next = this.toStored(result, base.refreshToken);
        this.remember(next);
        const persistence = await this.dependencies.vault.save(next);
        this.tokens = next;
        this.backoffMs = 5_000;
        this.backoffUntil = 0;
        this.dependencies.logger.info('access token refreshed', { rotated: result.refreshToken !== null });
        this.publish({ status: 'signedIn', expiresAt: next.expiresAt, scopes: [...next.scopes], persistence });
        return next;
      } catch (error) {
        throw this.refreshFailure(error);
      } finally {
        this.refreshing = null;
      }
    };
    const shared = run();
    this.refreshing = shared;
    if (signal === undefined) return shared;
    return Promise.race([
      shared,
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new CancelledError()), { once: true })),
    ]);
  }

  private refreshFailure(error: unknown): unknown {
    if (isCancellation(error)) return error;
    if (error instanceof LocdeskError && (error.code === 'auth.session_expired' || error.code === 'auth.invalid_client')) {
      this.dependencies.logger.warn('refresh token refused; signing out', { code: error.code });
      this.dropTokens();
      this.publish({ status: 'signedOut', reason: 'sessionExpired' });
      return new LocdeskError('auth.required', messageFor('sessionExpired'));
    }
    this.backoffUntil = this.now() + this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, maximumBackoffMs);
    this.dependencies.logger.info('refresh failed; keeping the session and retrying later', { retryInMs: this.backoffUntil - this.now() });
    return new LocdeskError('network.offline', messageFor('network'), { cause: error });
  }

  private async redeem(attempt: Attempt, client: OAuthClient, code: string, redirectUri: string): Promise<void> {
    this.dependencies.redactor.addSecret(code);
    const tokens = await client.exchangeCode(code, redirectUri, this.dependencies.config.scopes);
    if (this.attempt !== attempt) throw new CancelledError();
    await this.adopt(tokens, null);
  }

  private async adopt(result: TokenSet, previousRefreshToken: string | null): Promise<AuthState> {
    if (result.refreshToken === null && previousRefreshToken === null) {
      throw new LocdeskError('auth.exchange_failed', 'Lokalise did not send a refresh token, so Locdesk could not keep you signed in. Please try again.');
    }
    const tokens = this.toStored(result, previousRefreshToken ?? '');
    this.remember(tokens);
    const persistence = await this.dependencies.vault.save(tokens);
    this.sessionController = new AbortController();
    this.tokens = tokens;
    this.backoffUntil = 0;
    this.dependencies.logger.info('signed in', { persistence, scopes: tokens.scopes.join(' ') });
    return this.publish({ status: 'signedIn', expiresAt: tokens.expiresAt, scopes: [...tokens.scopes], persistence });
  }

  private toStored(result: TokenSet, previousRefreshToken: string): StoredTokens {
    return {
      accessToken: result.accessToken,
      refreshToken: result.refreshToken ?? previousRefreshToken,
      expiresAt: result.expiresAt,
      scopes: result.scopes,
      obtainedAt: this.now(),
    };
  }

  /** Registers credentials with the log redactor, so no line can ever contain them. */
  private remember(tokens: StoredTokens): void {
    this.dependencies.redactor.addSecret(tokens.accessToken);
    this.dependencies.redactor.addSecret(tokens.refreshToken);
  }

  private dropTokens(): void {
    this.refreshController.abort();
    this.sessionController.abort();
    this.tokens = null;
    this.dependencies.vault.clear();
  }

  private authorizeUrl(redirectUri: string | undefined, state: string | undefined): string {
    const { config } = this.dependencies;
    return buildAuthorizeUrl({
      authUrl: config.authUrl,
      clientId: config.clientId ?? '',
      scopes: config.scopes,
      preset: providerPreset(config.provider),
      ...(state === undefined ? {} : { state }),
      ...(redirectUri === undefined ? {} : { redirectUri }),
    });
  }

  private async openAttemptUrl(attempt: Attempt): Promise<boolean> {
    const url = attempt.url;
    if (url === null || !url.startsWith(this.dependencies.config.authUrl) || !isAllowedExternalUrl(url, this.dependencies.config.authUrl)) {
      this.dependencies.logger.error('refusing to open a sign-in URL that main did not build for the configured host');
      return false;
    }
    try {
      await this.dependencies.browser.open(url);
      return true;
    } catch (error) {
      this.dependencies.logger.warn('the system browser did not open', { error });
      if (this.attempt === attempt) this.publish({ ...this.current, reason: 'browserFailed', message: messageFor('browserFailed') });
      return false;
    }
  }

  private endAttempt(): void {
    const attempt = this.attempt;
    this.attempt = null;
    if (attempt === null) return;
    attempt.receiver?.cancel();
    if (attempt.timer !== null) clearTimeout(attempt.timer);
  }

  private fail(error: unknown): AuthState {
    const failure = error instanceof LocdeskError ? error : new LocdeskError('auth.exchange_failed', messageFor('exchangeFailed'));
    if (!(error instanceof LocdeskError)) this.dependencies.logger.error('sign-in failed unexpectedly', { error });
    return this.publish({ status: this.tokens === null ? 'error' : 'signedIn', reason: reasonForErrorCode(failure.code), message: failure.message });
  }

  private compose(partial: Partial<AuthState> & Pick<AuthState, 'status'>): AuthState {
    const reason: AuthReason | null = partial.reason ?? null;
    const signedIn = partial.status === 'signedIn';
    const signingIn = partial.status === 'signingIn';
    return {
      status: partial.status,
      reason,
      message: partial.message ?? (reason === null ? null : messageFor(reason, this.dependencies.config.signInTimeoutMs)),
      mode: signingIn ? (partial.mode ?? null) : null,
      signInHost: signingIn ? (partial.signInHost ?? this.signInHost) : null,
      staleCallbackSeen: signingIn ? (partial.staleCallbackSeen ?? false) : false,
      expiresAt: signedIn || this.tokens !== null ? (partial.expiresAt ?? this.tokens?.expiresAt ?? null) : null,
      scopes: partial.scopes !== undefined ? [...partial.scopes] : [...(this.tokens?.scopes ?? [])],
      persistence: partial.persistence ?? (signedIn ? this.current.persistence : null),
    };
  }

  private publish(partial: Partial<AuthState> & Pick<AuthState, 'status'>): AuthState {
    this.current = this.compose(partial);
    for (const listener of [...this.listeners]) listener(this.current);
    return this.current;
  }
}
