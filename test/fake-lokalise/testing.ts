/**
 * Helpers for tests that drive the fake's consent page over plain HTTP instead of a browser.
 */
import type { FakeLokalise } from './server';

/** Loads the consent page for `authorizeUrl`, answers it, and returns the redirect target (or the page when there is none). */
export async function answerConsent(authorizeUrl: string, decision: 'allow' | 'deny'): Promise<{ location: string | null; html: string }> {
  const consent = await fetch(authorizeUrl);
  const html = await consent.text();
  const requestId = /name="request_id" value="([0-9a-f]+)"/.exec(html)?.[1];
  if (requestId === undefined) throw new Error(`No consent form (HTTP ${consent.status}): ${html.slice(0, 200)}`);
  const answer = await fetch(new URL('/oauth2/auth/decision', authorizeUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: requestId, decision }).toString(),
    redirect: 'manual',
  });
  return { location: answer.headers.get('location'), html: await answer.text() };
}

/** Builds an authorize URL for the fake the way the official SDKs order parameters. */
export function authorizeUrl(fake: FakeLokalise, parameters: { redirectUri?: string; state?: string; scope?: string; responseType?: boolean }): string {
  const url = new URL(fake.authUrl);
  url.searchParams.set('client_id', fake.clientId);
  url.searchParams.set('scope', parameters.scope ?? 'read_projects read_keys read_translations read_contributors');
  if (parameters.state !== undefined) url.searchParams.set('state', parameters.state);
  if (parameters.redirectUri !== undefined) url.searchParams.set('redirect_uri', parameters.redirectUri);
  if (parameters.responseType === true) url.searchParams.set('response_type', 'code');
  return url.toString();
}
