import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './link-policy';
import { keyEditorUrl } from './lokalise-web';

describe('keyEditorUrl', () => {
  it('points at the key in the web editor on the sign-in host, and passes the link allowlist', () => {
    const authUrl = 'https://app.lokalise.com/oauth2/auth';
    const url = keyEditorUrl(authUrl, '3281927257bc7c2eb0ea58.72374530', 42);
    expect(url).toBe('https://app.lokalise.com/project/3281927257bc7c2eb0ea58.72374530/?k=42');
    expect(isAllowedExternalUrl(url ?? '', authUrl)).toBe(true);
  });

  it('follows a configured sign-in host (the fake Lokalise) and escapes the project id', () => {
    expect(keyEditorUrl('http://127.0.0.1:4010/oauth2/auth', 'a/b?c', 7)).toBe('http://127.0.0.1:4010/project/a%2Fb%3Fc/?k=7');
  });

  it('answers null for a sign-in URL that does not parse', () => {
    expect(keyEditorUrl('not a url', '1.a', 1)).toBeNull();
  });
});
