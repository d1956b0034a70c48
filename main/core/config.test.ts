import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, lokaliseDefaults, readSettingsFile } from './config';

const credentials = { LOCDESK_CLIENT_ID: 'client-id', LOCDESK_CLIENT_SECRET: 'client-secret' };

describe('loadConfig', () => {
  it('defaults to Lokalise production endpoints and an ephemeral port', () => {
    const { config, problem } = loadConfig(credentials);
    expect(problem).toBeNull();
    expect(config.authUrl).toBe('https://app.lokalise.com/oauth2/auth');
    expect(config.tokenUrl).toBe('https://app.lokalise.com/oauth2/token');
    expect(config.apiUrl).toBe('https://api.lokalise.com/api2/');
    expect(config.redirectPorts).toEqual([]);
    expect(config.provider).toBe('lokalise');
    expect(config.scopes).toEqual(lokaliseDefaults.scopes);
    expect(config.signInTimeoutMs).toBe(300_000);
    expect(config.maxConcurrentPerProject).toBe(10);
    expect(config.rateLimitPatienceMs).toBe(600_000);
    expect(config.rateLimitMaxWaitMs).toBe(30_000);
    expect(config.noAnswerTimeoutMs).toBe(15_000);
  });

  it('reads the rate-limit patience, the longest wait and the no-answer timeout in seconds', () => {
    const { config, problem } = loadConfig(
      { ...credentials, LOCDESK_RATE_LIMIT_PATIENCE_SECONDS: '1200', LOCDESK_RATE_LIMIT_MAX_WAIT_SECONDS: '0.05' },
      { noAnswerTimeoutSeconds: '40' },
    );
    expect(problem).toBeNull();
    expect(config).toMatchObject({ rateLimitPatienceMs: 1_200_000, rateLimitMaxWaitMs: 50, noAnswerTimeoutMs: 40_000 });
  });

  it.each(['0.5', '2.5', '0', '-3', 'ten'])('refuses maxConcurrentPerProject %s with a clear sentence, keeping the default', (value) => {
    const { config, problem } = loadConfig({ ...credentials, LOCDESK_MAX_CONCURRENT_PER_PROJECT: value });
    expect(problem).toBe(`LOCDESK_MAX_CONCURRENT_PER_PROJECT must be a whole number of at least 1, not "${value}"`);
    expect(config.maxConcurrentPerProject).toBe(10);
  });

  it.each([
    ['LOCDESK_TOKEN_URL', 'http://lokalise.example/oauth2/token', 'tokenUrl'],
    ['LOCDESK_API_URL', 'http://api.lokalise.example/api2/', 'apiUrl'],
    ['LOCDESK_API_URL', 'http://10.0.0.8:8080/api2/', 'apiUrl'],
  ] as const)('refuses plain http to another computer for %s (%s)', (name, value, key) => {
    const { config, problem } = loadConfig({ ...credentials, [name]: value });
    expect(problem).toContain(`${name} must use https`);
    expect(config[key]).toMatch(/^https:\/\//);
  });

  it.each(['http://127.0.0.1:9000/api2/', 'http://localhost:9000/api2/', 'http://[::1]:9000/api2/'])('accepts plain http to this computer (%s)', (value) => {
    const { config, problem } = loadConfig({ ...credentials, LOCDESK_API_URL: value, LOCDESK_TOKEN_URL: value });
    expect(problem).toBeNull();
    expect(config.apiUrl).toBe(value);
    expect(config.tokenUrl).toBe(value);
  });

  it('names both missing credentials and points at the demo', () => {
    const { config, problem } = loadConfig({});
    expect(config.clientId).toBeNull();
    expect(problem).toContain('LOCDESK_CLIENT_ID and LOCDESK_CLIENT_SECRET');
    expect(problem).toContain('npm run demo');
  });

  it('names only the missing secret when the id is present', () => {
    const { problem } = loadConfig({ LOCDESK_CLIENT_ID: 'x' });
    expect(problem).toContain('set LOCDESK_CLIENT_SECRET');
    expect(problem).not.toContain('LOCDESK_CLIENT_ID');
  });

  it('lets the environment win over the settings file', () => {
    const { config } = loadConfig(
      { ...credentials, LOCDESK_API_URL: 'http://127.0.0.1:9000/api2/' },
      { apiUrl: 'http://127.0.0.1:1/api2/', tokenUrl: 'http://127.0.0.1:2/oauth2/token' },
    );
    expect(config.apiUrl).toBe('http://127.0.0.1:9000/api2/');
    expect(config.tokenUrl).toBe('http://127.0.0.1:2/oauth2/token');
  });

  it('parses a list of redirect ports in order', () => {
    const { config, problem } = loadConfig({ ...credentials, LOCDESK_REDIRECT_PORT: '53682, 53683,53684' });
    expect(problem).toBeNull();
    expect(config.redirectPorts).toEqual([53682, 53683, 53684]);
  });

  it.each([
    ['LOCDESK_REDIRECT_PORT', 'seventy', 'port number'],
    ['LOCDESK_REDIRECT_PORT', '70000', 'port number'],
    ['LOCDESK_AUTH_URL', 'ftp://example.com/x', 'http or https URL'],
    ['LOCDESK_TOKEN_URL', 'not a url', 'http or https URL'],
    ['LOCDESK_OAUTH_PROVIDER', 'github', '"lokalise" or "oauth2"'],
    ['LOCDESK_REQUESTS_PER_SECOND', '-1', 'positive number'],
  ])('reports a bad %s value instead of throwing', (name, value, expected) => {
    const { config, problem } = loadConfig({ ...credentials, [name]: value });
    expect(problem).toContain(name);
    expect(problem).toContain(expected);
    expect(config.authUrl).toMatch(/^https?:/);
  });

  it('accepts the standard OAuth 2 dialect and custom scopes', () => {
    const { config } = loadConfig({ ...credentials, LOCDESK_OAUTH_PROVIDER: 'oauth2', LOCDESK_SCOPES: 'read_projects, read_keys' });
    expect(config.provider).toBe('oauth2');
    expect(config.scopes).toEqual(['read_projects', 'read_keys']);
  });
});

describe('readSettingsFile', () => {
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-config-'));

  it('treats a missing file as empty', () => {
    expect(readSettingsFile(join(folder, 'absent.json'))).toEqual({ values: {}, problem: null });
  });

  it('reads known settings', () => {
    const path = join(folder, 'good.json');
    writeFileSync(path, JSON.stringify({ clientId: 'abc', redirectPort: 53682 }));
    expect(readSettingsFile(path)).toEqual({ values: { clientId: 'abc', redirectPort: '53682' }, problem: null });
  });

  it.each([
    ['{not json', 'not valid JSON'],
    ['[1,2]', 'must hold a JSON object'],
    ['{"clientIdd":"x"}', 'unknown setting "clientIdd"'],
    ['{"clientId":{"nested":true}}', 'must be a string or a number'],
  ])('reports a malformed file (%s)', (text, expected) => {
    const path = join(folder, `bad-${expected.length}.json`);
    writeFileSync(path, text);
    const result = readSettingsFile(path);
    expect(result.values).toEqual({});
    expect(result.problem).toContain(expected);
  });
});
