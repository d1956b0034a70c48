import { describe, expect, it } from 'vitest';
import { isAllowedSignInUrl, signInUrlProblem } from './sign-in-url-policy';

const lokalise = 'https://app.lokalise.com/oauth2/auth';
const fake = 'http://127.0.0.1:4567/oauth2/auth';

describe('sign-in URL policy', () => {
  it.each([
    [lokalise, `${lokalise}?client_id=ID&scope=read_projects&state=s`],
    [fake, `${fake}?client_id=ID&scope=a`],
    ['http://localhost:9/oauth2/auth', 'http://localhost:9/oauth2/auth?client_id=x'],
  ])('allows the configured endpoint %s', (authUrl, candidate) => {
    expect(signInUrlProblem(authUrl)).toBeNull();
    expect(isAllowedSignInUrl(candidate, authUrl)).toBe(true);
  });

  it.each([
    ['a look-alike host', 'https://app.lokalise.com.attacker.example/oauth2/auth?client_id=x'],
    ['another Lokalise host', 'https://docs.lokalise.com/oauth2/auth'],
    ['another path on the right host', 'https://app.lokalise.com/logout'],
    ['plain http to the right host', 'http://app.lokalise.com/oauth2/auth'],
    ['embedded credentials', 'https://user:pass@app.lokalise.com/oauth2/auth'],
    ['another port', 'https://app.lokalise.com:8443/oauth2/auth'],
    ['a file URL', 'file:///etc/passwd'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['not a URL at all', 'app.lokalise.com/oauth2/auth'],
  ])('refuses %s', (_name, candidate) => {
    expect(isAllowedSignInUrl(candidate, lokalise)).toBe(false);
  });

  it('refuses a fake endpoint on another loopback port', () => {
    expect(isAllowedSignInUrl('http://127.0.0.1:4568/oauth2/auth', fake)).toBe(false);
  });

  it.each([
    ['http://id.example/authorize', 'must use https'],
    ['ftp://app.lokalise.com/oauth2/auth', 'must use https'],
    ['https://user:secret@app.lokalise.com/oauth2/auth', 'user name or password'],
    ['not a url', 'not a valid URL'],
  ])('explains why the configured address %s cannot be used, and then allows nothing', (authUrl, text) => {
    expect(signInUrlProblem(authUrl)).toContain(text);
    expect(isAllowedSignInUrl(authUrl, authUrl)).toBe(false);
  });
});
