import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
}));
vi.mock('electron', () => electron);

const {
  appEntryUrl,
  handleAppProtocol,
  registerAppScheme,
  rendererContentSecurityPolicy,
  resolveRendererFile,
  serveRendererRequest,
} = await import('./app-protocol');

let workspace: string;
let renderer: string;

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'locdesk-protocol-'));
  renderer = join(workspace, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Locdesk</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(workspace, 'secret.txt'), 'outside the renderer folder');
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));
beforeEach(() => vi.clearAllMocks());

describe('the app: scheme', () => {
  it('is registered as standard and secure (needed for a real origin, fetch and the sender check), with V8 code cache', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, codeCache: true }) }),
    ]);
  });

  it('routes every app: request to the renderer folder', async () => {
    handleAppProtocol(renderer);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = electron.protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    const response = await handler(new Request(appEntryUrl));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Locdesk</title>');
  });
});

describe('resolveRendererFile', () => {
  it('maps the root and asset paths into the folder', () => {
    expect(resolveRendererFile(renderer, 'app://locdesk/')).toBe(join(renderer, 'index.html'));
    expect(resolveRendererFile(renderer, 'app://locdesk/assets/index-abc.js')).toBe(join(renderer, 'assets', 'index-abc.js'));
  });

  it.each([
    ['app://locdesk/../secret.txt', 'secret.txt', 'dot segments, which URL parsing folds inside the folder'],
    ['app://locdesk/%2e%2e/secret.txt', 'secret.txt', 'encoded dot segments, folded the same way'],
  ])('keeps %s inside the folder (%s)', (url, inside) => {
    expect(resolveRendererFile(renderer, url)).toBe(join(renderer, inside));
  });

  it.each([
    ['app://locdesk/assets/..%2F..%2Fsecret.txt', 'encoded separators'],
    ['app://locdesk/..%5Csecret.txt', 'backslashes'],
    ['app://locdesk/index.html%00.js', 'a NUL byte'],
    ['app://locdesk/%E0%A4%A', 'broken percent-encoding'],
    ['app://elsewhere/index.html', 'another host'],
    ['https://locdesk/index.html', 'another scheme'],
  ])('refuses %s (%s)', (url) => {
    expect(resolveRendererFile(renderer, url)).toBeNull();
  });
});

describe('serveRendererRequest', () => {
  it('serves files with their content type, the CSP and nosniff', async () => {
    const response = await serveRendererRequest(renderer, new Request('app://locdesk/assets/index-abc.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(rendererContentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers 404 for a file outside the folder, without echoing the path', async () => {
    const response = await serveRendererRequest(renderer, new Request('app://locdesk/%2e%2e/secret.txt'));
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).not.toContain('outside');
    expect(text).not.toContain(workspace);
  });

  it('answers 404 for a missing file', async () => {
    expect((await serveRendererRequest(renderer, new Request('app://locdesk/missing.js'))).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await serveRendererRequest(renderer, new Request('app://locdesk/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });
});
