/**
 * The signed-in session: sign-in through the system browser (loopback or paste-code), token refresh, sign-out.
 *
 * It is the only holder of tokens in the app (through its `TokenKeeper`). Everyone else sees an `AuthState` (no
 * credentials, ever) or asks for an access token through the `TokenSource` seam, where any number of concurrent
 * callers share a single refresh. One sign-in attempt runs at a time: starting another, cancelling, signing out and
 * quitting all end the running one and close its loopback receiver.
 */
import type { AuthState } from '../../../common/contract';
import type { LocdeskConfig } from '../config';
import { CancelledError, LocdeskError } from '../errors';
import type { Logger, Redactor } from '../log';
import type { BrowserOpener, ClipboardWriter, FetchFunction } from '../ports';
import type { TokenVault } from '../vault/token-vault';
import { buildAuthorizeUrl } from './authorize-url';
import { missingScopes, scopeMissingMessage } from '../scopes';
import { LoopbackReceiver } from './loopback-receiver';
import { OAuthClient, type TokenSet } from './oauth-client';
import { providerPreset } from './providers';
import { messageFor, reasonForErrorCode } from './session-messages';
import { composeAuthState, type AuthStateChange } from './session-state';
import { isAllowedSignInUrl, signInUrlProblem } from './sign-in-url-policy';
import { sessionExpired, TokenKeeper, type HeldTokens } from './token-keeper';
import type { TokenSource } from './token-source';

/** What the session needs from the composition root. */
export interface SessionDependencies {
  readonly config: LocdeskConfig;
  /** Non-null when the client id or secret is missing or invalid: sign-in is then refused with this sentence. */
  readonly configProblem: string | null;
  readonly fetch: FetchFunction;
  /** Built with the user's `allowWeakTokenStorage` opt-in, which decides between keychain and memory-only. */
  readonly vault: TokenVault;
  readonly browser: BrowserOpener;
  readonly clipboard: ClipboardWriter;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly now?: () => number;
}

interface Attempt {
  readonly mode: 'loopback' | 'manual';
  /** Aborted when the attempt ends early, so a code exchange in flight stops too. */
  readonly controller: AbortController;
  url: string | null;
  receiver: LoopbackReceiver | null;
  timer: NodeJS.Timeout | null;
}

/** Owns the sign-in lifecycle and implements the `auth` calls of the contract. */
export class Session implements TokenSource {
  private current: AuthState;
  private attempt: Attempt | null = null;
  private sessionController = new AbortController();
  private readonly keeper: TokenKeeper;
  private readonly listeners = new Set<(state: AuthState) => void>();
  private readonly client: OAuthClient | null;
  private readonly signInHost: string;

  public constructor(private readonly dependencies: SessionDependencies) {
    const { config } = dependencies;
    const now = dependencies.now ?? Date.now;
    this.signInHost = URL.canParse(config.authUrl) ? new URL(config.authUrl).host : config.authUrl;
    const usable = config.clientId !== null && config.clientId !== '' && config.clientSecret !== null && config.clientSecret !== '';
    this.client = usable
      ? new OAuthClient({ tokenUrl: config.tokenUrl, clientId: config.clientId, clientSecret: config.clientSecret, preset: providerPreset(config.provider), fetch: dependencies.fetch, now })
      : null;
    dependencies.redactor.addSecret(config.clientSecret);
    this.keeper = new TokenKeeper({
      client: this.client,
      vault: dependencies.vault,
      logger: dependencies.logger,
      redactor: dependencies.redactor,
      now,
      onRefreshed: (held) => {
        if (this.current.status === 'signingIn') return;
        this.publishSignedIn(held);
      },
      onExpired: () => {
        // Calls in flight for this session answer "your session has expired", not "cancelled".
        this.sessionController.abort(sessionExpired());
        if (this.current.status !== 'signingIn') this.publish({ status: 'signedOut', reason: 'sessionExpired' });
      },
    });
    this.current = composeAuthState({ status: 'signedOut' }, { previous: null, tokens: null, signInHost: this.signInHost, signInTimeoutMs: config.signInTimeoutMs });
  }

  /** Aborted on sign-out (and when the session expires), so API calls in flight for that session stop. */
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
    const restored = await this.keeper.restore();
    if (restored === null) return this.current;
    if (restored === 'expired') return this.publish({ status: 'signedOut', reason: 'sessionExpired' });
    return this.publishSignedIn(restored);
  }

  /** Signs in through the system browser and the loopback receiver; resolves when the attempt ends. */
  public async signIn(): Promise<AuthState> {
    const client = this.client;
    const problem = this.configurationProblem();
    if (client === null || problem !== null) return this.publish({ status: 'error', reason: 'configMissing', message: problem });
    const attempt = this.beginAttempt('loopback');
    this.publish({ status: 'signingIn', mode: 'loopback' });
    try {
      await this.dependencies.vault.probe();
      if (this.attempt !== attempt) return this.current;
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
    const problem = this.configurationProblem();
    if (this.client === null || problem !== null) return this.publish({ status: 'error', reason: 'configMissing', message: problem });
    const attempt = this.beginAttempt('manual');
    try {
      await this.dependencies.vault.probe();
    } catch (error) {
      if (this.attempt !== attempt) return this.current;
      this.attempt = null;
      return this.fail(error);
    }
    if (this.attempt !== attempt) return this.current;
    attempt.url = this.authorizeUrl(undefined, undefined);
    attempt.timer = setTimeout(() => {
      if (this.attempt !== attempt) return;
      this.endAttempt();
      this.publish({ status: 'signedOut', reason: 'timeout' });
    }, this.dependencies.config.signInTimeoutMs);
    attempt.timer.unref();
    this.publish({ status: 'signingIn', mode: 'manual' });
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
    if (trimmed === '' || (preset.codePattern !== null && !preset.codePattern.test(trimmed))) {
      return this.publish({ ...this.current, reason: 'invalidCode', message: `${messageFor('invalidCode')} ${preset.codeDescription}` });
    }
    this.dependencies.redactor.addSecret(trimmed);
    try {
      const result = await client.exchangeCode(trimmed, null, attempt.controller.signal);
      const held = await this.keeper.adopt(result, () => this.attempt === attempt);
      this.endAttempt();
      return this.signedIn(held);
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
    return Promise.resolve(this.publish({ status: this.keeper.tokens === null ? 'signedOut' : 'signedIn', reason: 'cancelled' }));
  }

  /** Copies the running attempt's sign-in link; the link holds `state`, so it is copied in main, never sent to the renderer. */
  public copySignInLink(): Promise<boolean> {
    const url = this.attempt?.url ?? null;
    if (url === null || !isAllowedSignInUrl(url, this.dependencies.config.authUrl)) return Promise.resolve(false);
    this.dependencies.clipboard.writeText(url);
    return Promise.resolve(true);
  }

  /** Opens the running attempt's sign-in link again. */
  public async openSignInLink(): Promise<boolean> {
    const attempt = this.attempt;
    if (attempt?.url === null || attempt === null) return false;
    return this.openAttemptUrl(attempt);
  }

  /**
   * Signs out: stops sign-in and refresh, aborts calls in flight, deletes the tokens. The offline library stays.
   * It is local and always succeeds, online or not: the tokens leave memory at once, and if the saved copy cannot be
   * deleted the state says so rather than the call failing.
   */
  public async signOut(): Promise<AuthState> {
    this.endAttempt();
    this.sessionController.abort(new CancelledError('You signed out, so Locdesk stopped talking to Lokalise.'));
    const dropped = this.keeper.drop();
    const state = this.publish({ status: 'signedOut', reason: 'signedOut' });
    try {
      await dropped;
    } catch (error) {
      this.dependencies.logger.warn('signed out, but the saved sign-in could not be deleted', { error });
      return this.publish({
        status: 'signedOut',
        reason: 'signedOut',
        message: 'You are signed out for now, but Locdesk could not delete your saved sign-in from this computer. Sign out again before you quit, or remove Locdesk’s data folder.',
      });
    }
    this.dependencies.logger.info('signed out');
    return state;
  }

  /** The scopes the held tokens grant, or null when Lokalise has not said (the API client tells 403s apart with it). */
  public grantedScopes(): readonly string[] | null {
    return this.keeper.tokens?.scopes ?? null;
  }

  /** The API refused a call for want of `scope`: ask the user to sign in again, naming it. */
  public scopeMissing(scope: string): void {
    if (this.current.status !== 'signedIn') return;
    this.publish({ ...this.current, status: 'signedIn', reason: 'scopeMissing', message: scopeMissingMessage([scope]) });
  }

  /** A valid access token, refreshed first when it expires within five minutes. */
  public accessToken(signal?: AbortSignal): Promise<string> {
    return this.keeper.accessToken(signal);
  }

  /** After the API rejected `rejectedToken`: one shared refresh, unless the session already moved past that token. */
  public refreshAfterRejection(rejectedToken: string, signal?: AbortSignal): Promise<string> {
    return this.keeper.refreshAfterRejection(rejectedToken, signal);
  }

  /** Called when the computer wakes: refresh now if the token lapsed or is about to. */
  public handleWake(): void {
    if (this.keeper.tokens === null) return;
    this.keeper.resetBackoff();
    this.keeper.accessToken().catch((error: unknown) => this.dependencies.logger.info('refresh after wake did not succeed', { error }));
  }

  /** Stops everything for quit: the running attempt (and its receiver) and any refresh in flight. Tokens stay saved. */
  public dispose(): Promise<void> {
    this.endAttempt();
    this.keeper.stopRefresh();
    return Promise.resolve();
  }

  private configurationProblem(): string | null {
    if (this.client === null) return this.dependencies.configProblem ?? messageFor('configMissing');
    return signInUrlProblem(this.dependencies.config.authUrl);
  }

  private beginAttempt(mode: Attempt['mode']): Attempt {
    this.endAttempt();
    const attempt: Attempt = { mode, controller: new AbortController(), url: null, receiver: null, timer: null };
    this.attempt = attempt;
    return attempt;
  }

  private async redeem(attempt: Attempt, client: OAuthClient, code: string, redirectUri: string): Promise<void> {
    this.dependencies.redactor.addSecret(code);
    const result: TokenSet = await client.exchangeCode(code, redirectUri, attempt.controller.signal);
    if (this.attempt !== attempt) throw new CancelledError();
    this.signedIn(await this.keeper.adopt(result, () => this.attempt === attempt));
  }

  /** A fresh sign-in: a new signal for the new session's API calls, and the signed-in state. */
  private signedIn(held: HeldTokens): AuthState {
    this.sessionController = new AbortController();
    this.dependencies.logger.info('signed in', { persistence: held.persistence, scopes: held.tokens.scopes?.join(' ') ?? 'not named by Lokalise' });
    return this.publishSignedIn(held);
  }

  /**
   * Signed in; when the tokens are known to lack a scope Locdesk asks for (a sign-in from before a new feature
   * needed it, or one the user unticked), with the `scopeMissing` reason that leads to "Sign in again".
   */
  private publishSignedIn(held: HeldTokens): AuthState {
    const missing = missingScopes(this.dependencies.config.scopes, held.tokens.scopes);
    const lacking = missing.length === 0 ? {} : { reason: 'scopeMissing' as const, message: scopeMissingMessage(missing) };
    return this.publish({ status: 'signedIn', expiresAt: held.tokens.expiresAt, scopes: held.tokens.scopes === null ? null : [...held.tokens.scopes], persistence: held.persistence, ...lacking });
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
    if (url === null || !isAllowedSignInUrl(url, this.dependencies.config.authUrl)) {
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
    attempt.controller.abort();
    attempt.receiver?.cancel();
    if (attempt.timer !== null) clearTimeout(attempt.timer);
  }

  private fail(error: unknown): AuthState {
    const failure = error instanceof LocdeskError ? error : new LocdeskError('auth.exchange_failed', messageFor('exchangeFailed'));
    if (!(error instanceof LocdeskError)) this.dependencies.logger.error('sign-in failed unexpectedly', { error });
    return this.publish({ status: this.keeper.tokens === null ? 'error' : 'signedIn', reason: reasonForErrorCode(failure.code), message: failure.message });
  }

  private compose(change: AuthStateChange): AuthState {
    return composeAuthState(change, {
      previous: this.current,
      tokens: this.keeper.tokens,
      signInHost: this.signInHost,
      signInTimeoutMs: this.dependencies.config.signInTimeoutMs,
    });
  }

  private publish(change: AuthStateChange): AuthState {
    this.current = this.compose(change);
    for (const listener of [...this.listeners]) listener(this.current);
    return this.current;
  }
}
