/**
 * Which URLs Locdesk will ever hand to the operating system to open, and which origin a URL belongs to (for the
 * trust checks of the IPC router, the window and the lifecycle, which all sit above the core).
 *
 * `shell.openExternal` can launch arbitrary programs for unusual schemes (Electron security checklist #15), so only
 * https links to Lokalise's own sites, plus the configured sign-in host, are allowed. The check parses the URL; a
 * prefix test would let `https://lokalise.com.attacker.example` through.
 */
const lokaliseHosts = ['lokalise.com', 'app.lokalise.com', 'docs.lokalise.com', 'developers.lokalise.com', 'api.lokalise.com'];

/** True when `candidate` is an https URL on an allowed host (or exactly the configured sign-in origin). */
export function isAllowedExternalUrl(candidate: string, signInUrl: string): boolean {
  if (!URL.canParse(candidate)) return false;
  const url = new URL(candidate);
  if (url.username !== '' || url.password !== '') return false;
  const signIn = URL.canParse(signInUrl) ? new URL(signInUrl) : null;
  if (signIn !== null && url.origin === signIn.origin) return url.protocol === 'https:' || isLoopback(url.hostname);
  return url.protocol === 'https:' && lokaliseHosts.includes(url.hostname);
}

/** `scheme://host[:port]` of `url`, computed by hand because WHATWG gives non-special schemes like app: a "null" origin. */
export function originOf(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
}

function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}
