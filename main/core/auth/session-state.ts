/**
 * Builds the `AuthState` the renderer sees from what the session knows.
 *
 * Kept apart from the session so the one place that decides what leaves main is small enough to review: it copies
 * only non-secret facts (status, reason, sentence, mode, host, expiry, scopes, persistence) and fills every field the
 * strict contract schema requires, so a state can never carry a token, a code, `state` or the authorize URL.
 */
import type { AuthReason, AuthState } from '../../../common/contract';
import { messageFor } from './session-messages';

/** What a caller changes; everything else is derived. */
export type AuthStateChange = Partial<AuthState> & Pick<AuthState, 'status'>;

/** The non-secret facts of the session that the state is derived from. */
export interface SessionFacts {
  /** The previous state, for the persistence of a session that stays signed in. */
  readonly previous: AuthState | null;
  /** Expiry and scopes of the tokens held now, or null when none are held. */
  readonly tokens: { readonly expiresAt: number; readonly scopes: readonly string[] | null } | null;
  /** The host the browser should show during sign-in. */
  readonly signInHost: string;
  readonly signInTimeoutMs: number;
}

/** The complete state for `change`, given `facts`. */
export function composeAuthState(change: AuthStateChange, facts: SessionFacts): AuthState {
  const reason: AuthReason | null = change.reason ?? null;
  const signedIn = change.status === 'signedIn';
  const signingIn = change.status === 'signingIn';
  return {
    status: change.status,
    reason,
    message: change.message ?? (reason === null ? null : messageFor(reason, facts.signInTimeoutMs)),
    mode: signingIn ? (change.mode ?? null) : null,
    signInHost: signingIn ? (change.signInHost ?? facts.signInHost) : null,
    staleCallbackSeen: signingIn ? (change.staleCallbackSeen ?? false) : false,
    expiresAt: signedIn || facts.tokens !== null ? (change.expiresAt ?? facts.tokens?.expiresAt ?? null) : null,
    scopes: copyScopes(change.scopes !== undefined ? change.scopes : facts.tokens === null ? [] : facts.tokens.scopes),
    persistence: change.persistence ?? (signedIn ? (facts.previous?.persistence ?? null) : null),
  };
}

/** A copy of a scope list, keeping null ("Lokalise has not said") as it is. */
function copyScopes(scopes: readonly string[] | null): string[] | null {
  return scopes === null ? null : [...scopes];
}
