import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ shell: { openExternal: vi.fn(() => Promise.resolve()) } }));
vi.mock('electron', () => electron);

const { ExternalLinkOpener } = await import('./external-links');

const signInUrl = 'https://app.lokalise.com/oauth2/auth';

beforeEach(() => vi.clearAllMocks());

describe('ExternalLinkOpener', () => {
  it.each([
    'https://lokalise.com/pricing',
    'https://app.lokalise.com/project/123/',
    'https://docs.lokalise.com/en/',
    'https://developers.lokalise.com/reference',
    'https://app.lokalise.com/oauth2/auth?client_id=abc&state=xyz',
  ])('hands %s to shell.openExternal', async (url) => {
    await new ExternalLinkOpener(signInUrl).open(url);
    expect(electron.shell.openExternal).toHaveBeenCalledWith(url);
  });

  it('allows the configured sign-in host, e.g. the fake Lokalise on loopback in demo mode', async () => {
    const opener = new ExternalLinkOpener('http://127.0.0.1:4010/oauth2/auth');
    await opener.open('http://127.0.0.1:4010/oauth2/auth?client_id=demo');
    expect(electron.shell.openExternal).toHaveBeenCalledOnce();
  });

  it.each([
    'http://app.lokalise.com/',
    'https://app.lokalise.com.attacker.example/',
    'https://attacker.example/?to=https://app.lokalise.com',
    'file:///etc/passwd',
    'smb://share/x',
    'javascript:alert(1)',
    'ms-msdt:/id PCWDiagnostic',
  ])('refuses %s without touching the OS', async (url) => {
    await expect(new ExternalLinkOpener(signInUrl).open(url)).rejects.toMatchObject({ code: 'link.not_allowed' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('uses an injected opener when given one', async () => {
    const opened: string[] = [];
    await new ExternalLinkOpener(signInUrl, (url) => {
      opened.push(url);
      return Promise.resolve();
    }).open('https://docs.lokalise.com/');
    expect(opened).toEqual(['https://docs.lokalise.com/']);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });
});
