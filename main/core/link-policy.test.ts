import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './link-policy';

const production = 'https://app.lokalise.com/oauth2/auth';
const fake = 'http://127.0.0.1:41234/oauth2/auth';

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://app.lokalise.com/project/123/', production],
    ['https://docs.lokalise.com/en/articles/1400460-projects', production],
    ['https://lokalise.com/', production],
    ['http://127.0.0.1:41234/oauth2/auth?client_id=x', fake],
  ])('allows %s', (url, signIn) => {
    expect(isAllowedExternalUrl(url, signIn)).toBe(true);
  });

  it.each([
    ['http://app.lokalise.com/', 'plain http to Lokalise'],
    ['https://app.lokalise.com.attacker.example/', 'a look-alike host'],
    ['https://evil.example/?next=https://app.lokalise.com', 'another host'],
    ['file:///etc/passwd', 'a file URL'],
    ['javascript:alert(1)', 'a javascript URL'],
    ['smb://server/share', 'an smb URL'],
    ['https://user:pass@app.lokalise.com/', 'embedded credentials'],
    ['not a url', 'text'],
    ['http://127.0.0.1:9999/oauth2/auth', 'a different local port'],
  ])('refuses %s (%s)', (url) => {
    expect(isAllowedExternalUrl(url, fake)).toBe(false);
  });
});
