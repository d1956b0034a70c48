/**
 * Gets an access token from a fake running in another process the way a user would: consent page, Allow, code
 * exchange at the token endpoint.
 */
import { answerConsent } from '../fake-lokalise/testing';
import type { FakeEndpoints } from '../fake-lokalise/server';

/** Signs in against the fake and returns the access token. */
export async function signInToFake(endpoints: FakeEndpoints): Promise<string> {
  const authorize = new URL(endpoints.authUrl);
  authorize.searchParams.set('client_id', endpoints.clientId);
  authorize.searchParams.set('scope', 'read_projects read_keys read_translations write_translations read_languages read_contributors read_team_users');
  authorize.searchParams.set('redirect_uri', 'http://127.0.0.1:9/callback');
  const { location } = await answerConsent(authorize.toString(), 'allow');
  const code = new URL(location ?? '').searchParams.get('code');
  const response = await fetch(endpoints.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_id: endpoints.clientId, client_secret: endpoints.clientSecret, code, grant_type: 'authorization_code' }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (body.access_token === undefined) throw new Error('the fake did not issue a token');
  return body.access_token;
}
