import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './link-policy';
import { keyEditorUrl } from './lokalise-web';

describe('keyEditorUrl', () => {
  it('opens the multi-language editor on the sign-in host searching for the key, and passes the link allowlist', () => {
    const authUrl = 'https://app.lokalise.com/oauth2/auth';
    const url = keyEditorUrl(authUrl, '3281927257bc7c2eb0ea58.72374530', 'checkout.pay_button');
    expect(url).toBe('https://app.lokalise.com/project/3281927257bc7c2eb0ea58.72374530/?view=multi&search=checkout.pay_button');
    expect(isAllowedExternalUrl(url ?? '', authUrl)).toBe(true);
  });

  it('follows a configured sign-in host (the fake Lokalise) and escapes the project id and the key name', () => {
    const url = keyEditorUrl('http://127.0.0.1:4010/oauth2/auth', 'a/b?c', 'menu::file & edit #1');
    expect(url).toBe('http://127.0.0.1:4010/project/a%2Fb%3Fc/?view=multi&search=menu%3A%3Afile+%26+edit+%231');
    expect(new URL(url ?? '').searchParams.get('search')).toBe('menu::file & edit #1');
  });

  it('answers null for a sign-in URL that does not parse', () => {
    expect(keyEditorUrl('not a url', '1.a', 'a')).toBeNull();
  });
});
