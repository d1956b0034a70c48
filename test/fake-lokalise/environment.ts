/**
 * The LOCDESK_* settings that point the app at a running fake, in one place for every harness that needs them
 * (the e2e fixture, the browser demo, the session tests, the `_electron` launcher).
 */
import type { FakeLokalise } from './server';

/** Environment variables for a fake; `demo` adds LOCDESK_MODE=demo. */
export function fakeEnvironment(fake: Pick<FakeLokalise, 'clientId' | 'clientSecret' | 'authUrl' | 'tokenUrl' | 'apiUrl'>, demo = true): Record<string, string> {
  return {
    LOCDESK_CLIENT_ID: fake.clientId,
    LOCDESK_CLIENT_SECRET: fake.clientSecret,
    LOCDESK_AUTH_URL: fake.authUrl,
    LOCDESK_TOKEN_URL: fake.tokenUrl,
    LOCDESK_API_URL: fake.apiUrl,
    ...(demo ? { LOCDESK_MODE: 'demo' } : {}),
  };
}
