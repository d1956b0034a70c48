/**
 * The sentences the renderer shows for each session reason: what happened, and what the translator can do next.
 */
import type { AuthReason } from '../../../common/contract';
import type { ErrorCode } from '../../../common/errors';

/** A default sentence for each reason; callers may pass a more specific one (e.g. naming the ports tried). */
export function messageFor(reason: AuthReason, timeoutMs = 300_000): string {
  switch (reason) {
    case 'denied':
      return 'You chose not to give Locdesk access in the browser. Sign in again whenever you are ready.';
    case 'timeout':
      return `The sign-in was not finished within ${Math.round(timeoutMs / 60_000)} minutes, so Locdesk stopped waiting. Try again.`;
    case 'cancelled':
      return 'Sign-in cancelled.';
    case 'network':
      return 'Lokalise could not be reached. Check your internet connection and try again; your offline library stays available.';
    case 'configMissing':
      return 'Sign-in is not configured on this computer.';
    case 'portUnavailable':
      return 'Locdesk could not listen for the browser’s answer. Use "Paste a code instead", or change LOCDESK_REDIRECT_PORT.';
    case 'sessionExpired':
      return 'Your Lokalise session has expired or was revoked. Sign in again to sync; your offline library stays available.';
    case 'vaultUnavailable':
      return 'Locdesk cannot use your system’s keychain to protect the sign-in. Unlock or set up the keychain and try again.';
    case 'exchangeFailed':
      return 'Lokalise did not accept the sign-in. Please try again.';
    case 'invalidCode':
      return 'That does not look like a sign-in code. Copy the whole code Lokalise shows you.';
    case 'browserFailed':
      return 'Your browser did not open. Copy the sign-in link and paste it into your browser, or try "Open again".';
    case 'scopeMissing':
      return 'Your Lokalise sign-in does not give Locdesk every permission it needs. Sign in again and allow them all on Lokalise’s page.';
    case 'signedOut':
      return 'You are signed out and your tokens are deleted from this computer. To revoke Locdesk completely, remove it from the connected apps in your Lokalise profile settings.';
  }
}

/** Maps an error code from the OAuth client or receiver to the reason the renderer understands. */
export function reasonForErrorCode(code: ErrorCode): AuthReason {
  if (code === 'network.offline' || code === 'network.no_answer' || code === 'network.proxy_auth' || code === 'auth.server_error') return 'network';
  if (code === 'auth.scope_missing') return 'scopeMissing';
  if (code === 'auth.port_unavailable') return 'portUnavailable';
  if (code === 'auth.vault_unavailable') return 'vaultUnavailable';
  if (code === 'auth.session_expired') return 'sessionExpired';
  return 'exchangeFailed';
}
