/**
 * What the renderer says for each session reason: a short headline in the translator's terms, a sentence to
 * fall back on when main sent none, and the way forward the screen should offer. Main's sentence (`AuthState.message`)
 * carries the specifics (ports tried, the timeout); this table decides the tone and the next step, so every reason
 * leads somewhere instead of ending in a dead "error".
 */
import type { AuthReason } from '../../../common/contract';

/** The next step offered for a reason. */
export type ReasonAction =
  /** Start the browser sign-in again. */
  | 'retry'
  /** The loopback cannot work here: paste the code Lokalise shows instead. */
  | 'pasteCode'
  /** The app is not configured; sign-in stays impossible until the settings are fixed. */
  | 'fixConfiguration'
  /** Lokalise is unreachable; check the connection, the library stays browsable. */
  | 'checkConnection'
  /** The browser did not open; copy the link or open it again. */
  | 'openLink'
  /** Nothing to fix: an outcome the user chose. */
  | 'none';

/** How the sign-in screen presents one reason. */
export interface ReasonGuide {
  readonly headline: string;
  readonly fallback: string;
  readonly action: ReasonAction;
  /** `problem` reasons are announced as alerts; `outcome` reasons politely. */
  readonly tone: 'problem' | 'outcome';
}

const guides: Record<AuthReason, ReasonGuide> = {
  denied: {
    headline: 'Access was not given',
    fallback: 'Lokalise reported that access was declined in the browser. Sign in again whenever you are ready.',
    action: 'retry',
    tone: 'outcome',
  },
  timeout: {
    headline: 'Sign-in timed out',
    fallback: 'The browser sign-in was not finished in time, so Locdesk stopped waiting. Try again.',
    action: 'retry',
    tone: 'problem',
  },
  cancelled: { headline: 'Sign-in cancelled', fallback: 'You cancelled the sign-in.', action: 'none', tone: 'outcome' },
  network: {
    headline: 'Lokalise cannot be reached',
    fallback: 'Check your internet connection or proxy, then try again. Your offline library stays available.',
    action: 'checkConnection',
    tone: 'problem',
  },
  configMissing: {
    headline: 'Sign-in is not set up on this computer',
    fallback: 'Locdesk needs a Lokalise OAuth client id and secret before anyone can sign in.',
    action: 'fixConfiguration',
    tone: 'problem',
  },
  portUnavailable: {
    headline: 'Locdesk cannot hear back from the browser',
    fallback: 'The local port for the browser’s answer is not available. Paste the code Lokalise shows instead.',
    action: 'pasteCode',
    tone: 'problem',
  },
  sessionExpired: {
    headline: 'Your session has ended',
    fallback: 'Your Lokalise session has expired or was revoked. Sign in again to sync; browsing keeps working.',
    action: 'retry',
    tone: 'problem',
  },
  vaultUnavailable: {
    headline: 'Your sign-in cannot be protected',
    fallback: 'The system keychain is locked or missing. Unlock or set it up, then sign in again.',
    action: 'retry',
    tone: 'problem',
  },
  exchangeFailed: {
    headline: 'Lokalise did not accept the sign-in',
    fallback: 'The sign-in could not be completed. Try again; if it keeps failing, paste the code instead.',
    action: 'retry',
    tone: 'problem',
  },
  invalidCode: {
    headline: 'That code did not work',
    fallback: 'Copy the whole code Lokalise shows you and paste it again.',
    action: 'pasteCode',
    tone: 'problem',
  },
  browserFailed: {
    headline: 'Your browser did not open',
    fallback: 'Copy the sign-in link into your browser, or try opening it again.',
    action: 'openLink',
    tone: 'problem',
  },
  scopeMissing: {
    headline: 'Locdesk needs another permission',
    fallback: 'Your Lokalise sign-in does not give Locdesk every permission it needs. Sign in again and allow them all.',
    action: 'retry',
    tone: 'problem',
  },
  signedOut: {
    headline: 'You are signed out',
    fallback: 'Your tokens were deleted from this computer.',
    action: 'none',
    tone: 'outcome',
  },
};

/** The presentation of `reason`. */
export function guideFor(reason: AuthReason): ReasonGuide {
  return guides[reason];
}
