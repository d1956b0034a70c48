import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl } from './authorize-url';
import { providerPreset } from './providers';

const lokalise = providerPreset('lokalise');

describe('buildAuthorizeUrl', () => {
  it('matches the Python SDK output for its documented example', () => {
    // lokalise/python-lokalise-api: auth(["read_projects","write_team_groups"], "http://example.com/redirect", "random123")
    expect(
      buildAuthorizeUrl({
        authUrl: 'https://app.lokalise.com/oauth2/auth',
        clientId: 'ID',
        scopes: ['read_projects', 'write_team_groups'],
        redirectUri: 'http://example.com/redirect',
        state: 'random123',
        preset: lokalise,
      }),
    ).toBe(
      'https://app.lokalise.com/oauth2/auth?client_id=ID&scope=read_projects+write_team_groups&state=random123&redirect_uri=http%3A%2F%2Fexample.com%2Fredirect',
    );
  });

  it('accepts scopes as a space-separated string and omits what is not given', () => {
    expect(buildAuthorizeUrl({ authUrl: 'https://app.lokalise.com/oauth2/auth', clientId: 'ID', scopes: 'read_projects  write_files', preset: lokalise })).toBe(
      'https://app.lokalise.com/oauth2/auth?client_id=ID&scope=read_projects+write_files',
    );
  });

  it('adds response_type=code last in the standard dialect', () => {
    const url = new URL(buildAuthorizeUrl({ authUrl: 'https://id.example/authorize', clientId: 'c', scopes: ['a'], state: 's', redirectUri: 'http://127.0.0.1:5/callback', preset: providerPreset('oauth2') }));
    expect([...url.searchParams.keys()]).toEqual(['client_id', 'scope', 'state', 'redirect_uri', 'response_type']);
    expect(url.searchParams.get('response_type')).toBe('code');
  });

  it('keeps any query the configured authorize URL already has', () => {
    const url = new URL(buildAuthorizeUrl({ authUrl: 'https://id.example/authorize?tenant=x', clientId: 'c', scopes: ['a'], preset: lokalise }));
    expect(url.searchParams.get('tenant')).toBe('x');
  });
});
