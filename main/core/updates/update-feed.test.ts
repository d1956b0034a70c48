import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpdateServer, type FakeUpdateServer } from '../../../test/fake-updates/server';
import { releaseFiles } from '../../../test/fake-updates/metadata';
import { channelFileName, parseFeed, readFeed, UpdateFeedError } from './update-feed';

let server: FakeUpdateServer;
beforeEach(async () => {
  server = await startFakeUpdateServer('0.2.0');
});
afterEach(async () => {
  await server.close();
});

describe('channelFileName', () => {
  it('names the files electron-builder writes for each platform', () => {
    expect(channelFileName('win32', 'x64')).toBe('latest.yml');
    expect(channelFileName('darwin', 'arm64')).toBe('latest-mac.yml');
    expect(channelFileName('linux', 'x64')).toBe('latest-linux.yml');
    expect(channelFileName('linux', 'arm64')).toBe('latest-linux-arm64.yml');
  });
});

describe('readFeed', () => {
  it.each([
    ['win32', 'Locdesk-Setup-0.2.0.exe'],
    ['darwin', 'Locdesk-0.2.0-arm64-mac.zip'],
    ['linux', 'Locdesk-0.2.0.AppImage'],
  ] as const)('reads the %s metadata electron-builder produces', async (platform, firstFile) => {
    const outcome = await readFeed({ feedUrl: server.feedUrl, fileName: channelFileName(platform, 'x64'), fetch });
    expect(outcome.kind).toBe('release');
    if (outcome.kind !== 'release') return;
    expect(outcome.release.version).toBe('0.2.0');
    expect(outcome.release.releaseDate).toBe('2026-12-01T09:30:12.345Z');
    expect(outcome.release.files[0]?.url).toBe(firstFile);
    expect(outcome.release.files[0]?.sha512).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(server.requests).toEqual([`/releases/latest/download/${channelFileName(platform, 'x64')}`]);
  });

  it('accepts a feed URL without a trailing slash', async () => {
    const outcome = await readFeed({ feedUrl: server.feedUrl.replace(/\/$/, ''), fileName: 'latest-linux.yml', fetch });
    expect(outcome.kind).toBe('release');
  });

  it('treats a feed with nothing published (404) as no release, not as an error', async () => {
    server.publish(null);
    await expect(readFeed({ feedUrl: server.feedUrl, fileName: 'latest.yml', fetch })).resolves.toEqual({ kind: 'none' });
  });

  it('reports a server error with a safe message and the status in the detail', async () => {
    server.failNext(1, 502);
    const failure = await readFeed({ feedUrl: server.feedUrl, fileName: 'latest.yml', fetch }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpdateFeedError);
    expect((failure as UpdateFeedError).message).toBe('The update server did not answer as expected.');
    expect((failure as UpdateFeedError).detail).toContain('502');
  });

  it('reports an unreachable server', async () => {
    const feedUrl = server.feedUrl;
    await server.close();
    await expect(readFeed({ feedUrl, fileName: 'latest.yml', fetch })).rejects.toThrow('The update server cannot be reached.');
    server = await startFakeUpdateServer();
  });

  it('refuses text that is not update metadata', async () => {
    server.overrideMetadata('latest.yml', '<html>captive portal</html>');
    await expect(readFeed({ feedUrl: server.feedUrl, fileName: 'latest.yml', fetch })).rejects.toBeInstanceOf(UpdateFeedError);
  });

  it('stops when its signal is aborted, without calling that a server problem', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = await readFeed({ feedUrl: server.feedUrl, fileName: 'latest.yml', fetch, signal: controller.signal }).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(UpdateFeedError);
  });
});

describe('parseFeed', () => {
  it('reads every file electron-builder lists, with sizes', () => {
    const release = parseFeed(releaseFiles('1.4.0').metadata['latest-mac.yml'] ?? '', 'latest-mac.yml');
    expect(release.files.map((file) => file.url)).toEqual(['Locdesk-1.4.0-arm64-mac.zip', 'Locdesk-1.4.0-arm64.dmg']);
    expect(release.files.every((file) => typeof file.size === 'number' && file.size > 0)).toBe(true);
  });

  it('names the missing field when the metadata is incomplete', () => {
    let detail = '';
    try {
      parseFeed('version: 1.0.0\npath: x.exe\n', 'latest.yml');
    } catch (error) {
      detail = (error as UpdateFeedError).detail;
    }
    expect(detail).toContain('files');
  });

  it('refuses invalid YAML', () => {
    expect(() => parseFeed('version: [1.0.0\n', 'latest.yml')).toThrow(UpdateFeedError);
  });
});
