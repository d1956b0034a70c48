/**
 * Which sign-in links main may hand to the system browser.
 *
 * `shell.openExternal` with an unchecked URL can launch arbitrary programs (Electron security checklist #15), and a
 * prefix test lets `https://app.lokalise.com.attacker.example` through. So the link is parsed and must point at the
 * configured authorize endpoint itself: same protocol, host (with port) and path, no embedded credentials. Plain
 * http is accepted only when the configured endpoint is on this computer (the fake Lokalise in tests and the demo).
 */

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why a configured authorize URL cannot be used, or null when it is fine. */
export function signInUrlProblem(authUrl: string): string | null {
  if (!URL.canParse(authUrl)) return 'The configured sign-in address (LOCDESK_AUTH_URL) is not a valid URL.';
  const url = new URL(authUrl);
  if (url.username !== '' || url.password !== '') return 'The configured sign-in address (LOCDESK_AUTH_URL) must not contain a user name or password.';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && loopbackHosts.has(url.hostname)) return null;
  return 'The configured sign-in address (LOCDESK_AUTH_URL) must use https (plain http is allowed only for a test server on this computer).';
}

/** True when `candidate` is a link to the configured authorize endpoint that is safe to open in the browser. */
export function isAllowedSignInUrl(candidate: string, authUrl: string): boolean {
  if (signInUrlProblem(authUrl) !== null || !URL.canParse(candidate)) return false;
  const url = new URL(candidate);
  const configured = new URL(authUrl);
  return (
    url.username === '' &&
    url.password === '' &&
    url.protocol === configured.protocol &&
    url.host === configured.host &&
    url.pathname === configured.pathname
  );
}
