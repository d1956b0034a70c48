/**
 * The seam between the session and everything that calls Lokalise.
 *
 * The API client never holds a token of its own: it asks the session for one before each request, and tells the
 * session when the API rejected one. Keeping this to two methods is what lets any number of concurrent callers
 * share a single refresh. Two optional methods let a 403 be told apart (a missing scope, or no access to the
 * project) and let the session ask the user to sign in again when a scope is missing; sources that cannot say
 * (the bench's fixed token) leave them out.
 */
export interface TokenSource {
  /**
   * A valid access token. Refreshes first when the token expires within the proactive window.
   * Throws a `LocdeskError` with code `auth.required` when nobody is signed in.
   */
  accessToken(signal?: AbortSignal): Promise<string>;

  /**
   * Called after the API rejected `rejectedToken` (401, or a 400 about the token). Refreshes once, shared by all
   * concurrent callers; if the session already moved past `rejectedToken`, returns the newer token without a new
   * refresh. Throws `auth.required` when the refresh token is no longer accepted.
   */
  refreshAfterRejection(rejectedToken: string, signal?: AbortSignal): Promise<string>;

  /**
   * The scopes the current token grants, or null when the provider never said (Lokalise's code exchange does not;
   * its refresh does). Absent means "unknown" too.
   */
  grantedScopes?(): readonly string[] | null;

  /** Told when the API refused a call because the token lacks `scope`, so the session can ask for a new sign-in. */
  scopeMissing?(scope: string): void;
}
