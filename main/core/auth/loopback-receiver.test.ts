import { EventEmitter } from 'node:events';
import { request as httpRequest, createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LocdeskError } from '../errors';
import { silentLogger } from '../log';
import { createReceiverServer, listenOnAnyLoopback, listenOnLoopback, LoopbackReceiver, type LoopbackOptions } from './loopback-receiver';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a request with full control over method, path and Host (fetch cannot set Host). */
function raw(port: number, options: { method?: string; path: string; host?: string | null }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.host !== null) headers.Host = options.host ?? `127.0.0.1:${port}`;
    const outgoing = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers, setHost: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const receivers: LoopbackReceiver[] = [];
const blockers: Server[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) receiver.cancel();
  for (const blocker of blockers.splice(0)) await new Promise((resolve) => blocker.close(resolve));
});

async function start(overrides: Partial<LoopbackOptions> = {}): Promise<{ receiver: LoopbackReceiver; port: number; codes: string[] }> {
  const codes: string[] = [];
  const receiver = await LoopbackReceiver.start({
    ports: [],
    timeoutMs: 10_000,
    logger: silentLogger,
    closeDelayMs: 50,
    exchange: (code) => {
      codes.push(code);
      return Promise.resolve();
    },
    ...overrides,
  });
  receivers.push(receiver);
  return { receiver, port: Number(new URL(receiver.redirectUri).port), codes };
}

const goodCode = 'a'.repeat(40);

type Hostile = (port: number, state: string) => { method?: string; path: string; host?: string | null };

const hostile: [string, Hostile, number][] = [
  ['a wrong state', () => ({ path: `/callback?code=${goodCode}&state=wrong` }), 400],
  ['a missing state', () => ({ path: `/callback?code=${goodCode}` }), 400],
  ['an empty state', () => ({ path: `/callback?code=${goodCode}&state=` }), 400],
  ['a state one character short', (_, state) => ({ path: `/callback?code=${goodCode}&state=${state.slice(1)}` }), 400],
  ['a state with changed case', (_, state) => ({ path: `/callback?code=${goodCode}&state=${state.toUpperCase() === state ? state.toLowerCase() : state.toUpperCase()}` }), 400],
  ['the right state twice', (_, state) => ({ path: `/callback?code=${goodCode}&state=${state}&state=${state}` }), 400],
  ['the right state plus a wrong one', (_, state) => ({ path: `/callback?code=${goodCode}&state=x&state=${state}` }), 400],
  ['error=access_denied without state', () => ({ path: '/callback?error=access_denied' }), 400],
  ['error=access_denied with a wrong state', () => ({ path: '/callback?error=access_denied&state=nope' }), 400],
  ['error=server_error without state', () => ({ path: '/callback?error=server_error&error_description=boom' }), 400],
  ['a state in a differently named parameter', (_, state) => ({ path: `/callback?code=${goodCode}&State=${state}` }), 400],
  ['malformed percent-encoding', () => ({ path: '/callback?code=x&state=%E0%A4%A' }), 400],
  ['an injected script in the state', () => ({ path: '/callback?code=x&state=%3Cscript%3Ealert(1)%3C%2Fscript%3E' }), 400],
  ['a wrong path', (_, state) => ({ path: `/callbackx?code=${goodCode}&state=${state}` }), 404],
  ['a trailing slash', (_, state) => ({ path: `/callback/?code=${goodCode}&state=${state}` }), 404],
  ['an encoded path', (_, state) => ({ path: `/%63allback?code=${goodCode}&state=${state}` }), 404],
  ['the root path', () => ({ path: '/' }), 404],
  ['a favicon request', () => ({ path: '/favicon.ico' }), 404],
  ['robots.txt', () => ({ path: '/robots.txt' }), 404],
  ['/done before the outcome', () => ({ path: '/done' }), 200],
  ['POST with the right state', (_, state) => ({ method: 'POST', path: `/callback?code=${goodCode}&state=${state}` }), 405],
  ['PUT with the right state', (_, state) => ({ method: 'PUT', path: `/callback?code=${goodCode}&state=${state}` }), 405],
  ['DELETE', () => ({ method: 'DELETE', path: '/callback' }), 405],
  ['OPTIONS', () => ({ method: 'OPTIONS', path: '/callback' }), 405],
  ['a foreign Host with the right state', (_, state) => ({ host: 'evil.example', path: `/callback?code=${goodCode}&state=${state}` }), 421],
  ['Host localhost instead of the IP', (port, state) => ({ host: `localhost:${port}`, path: `/callback?code=${goodCode}&state=${state}` }), 421],
  ['Host without the port', (_, state) => ({ host: '127.0.0.1', path: `/callback?code=${goodCode}&state=${state}` }), 421],
  ['Host with another port', (port, state) => ({ host: `127.0.0.1:${port + 1}`, path: `/callback?code=${goodCode}&state=${state}` }), 421],
  ['a DNS-rebinding Host', (port, state) => ({ host: `attacker.example:${port}`, path: `/callback?code=${goodCode}&state=${state}` }), 421],
  ['no Host header at all', () => ({ host: null, path: '/callback?code=x&state=y' }), 400],
  ['a huge query', () => ({ path: `/callback?code=x&state=${'s'.repeat(40_000)}` }), 431],
];

describe('LoopbackReceiver against hostile callbacks', () => {
  it.each(hostile)('answers %s without ending the attempt, then accepts the right callback', async (_name, build, status) => {
    const stale: number[] = [];
    const { receiver, port, codes } = await start({ onStaleCallback: () => stale.push(1) });
    const response = await raw(port, build(port, receiver.state));
    expect(response.status).toBe(status);
    expect(receiver.isOpen).toBe(true);
    expect(codes).toEqual([]);
    if (response.status !== 431 && response.status !== 400) expect(response.body).not.toMatch(/script|alert/);
    if (response.status === 200 || response.status === 404) expect(response.headers['cache-control']).toBe('no-store');
    const good = await raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` });
    expect(good.status).toBe(302);
    expect(good.headers.location).toBe('/done');
    expect(await receiver.outcome).toEqual({ kind: 'success' });
    expect(codes).toEqual([goodCode]);
  });

  it('counts stale callbacks so the app can say a response did not match', async () => {
    const stale: number[] = [];
    const { port } = await start({ onStaleCallback: () => stale.push(1) });
    await raw(port, { path: '/callback?code=x&state=wrong' });
    expect(stale).toHaveLength(1);
  });
});

/** Opens `count` connections that never send a byte; resolves once each is connected, or closed by the server. */
async function idleSockets(port: number, count: number): Promise<{ sockets: Socket[]; closed: () => number; closedAt: number[] }> {
  const closedAt: number[] = [];
  const started = performance.now();
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket));
          socket.on('error', () => undefined);
          socket.on('close', () => {
            closedAt.push(performance.now() - started);
            resolve(socket);
          });
        }),
    ),
  );
  return { sockets, closed: () => closedAt.length, closedAt };
}

const pause = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('LoopbackReceiver against idle connections', () => {
  it('keeps at most 16 connections open and closes the rest as they arrive', async () => {
    const { port } = await start();
    const idle = await idleSockets(port, 30);
    await pause(300);
    expect(idle.closed()).toBe(14);
    for (const socket of idle.sockets) socket.destroy();
  });

  it('closes a connection that sends nothing, so idle ones cannot hold the receiver, and still takes the callback', async () => {
    const { receiver, port } = await start({ idleTimeoutMs: 300 });
    const idle = await idleSockets(port, 16);
    await pause(1000);
    expect(idle.closed()).toBe(16);
    expect(Math.min(...idle.closedAt)).toBeGreaterThan(250);
    const good = await raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` });
    expect(good.status).toBe(302);
  });

  it('lets a slow code exchange finish even though it outlasts the idle limit', async () => {
    const { receiver, port } = await start({ idleTimeoutMs: 150, exchange: () => pause(600) });
    const good = await raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` });
    expect(good.status).toBe(302);
    expect(await receiver.outcome).toEqual({ kind: 'success' });
  });

  it('has every limit in place before it listens', () => {
    const server = createReceiverServer({}, () => undefined);
    expect(server.listening).toBe(false);
    expect({ maxConnections: server.maxConnections, headersTimeout: server.headersTimeout, requestTimeout: server.requestTimeout }).toEqual({
      maxConnections: 16,
      headersTimeout: 10_000,
      requestTimeout: 30_000,
    });
    expect(server.listenerCount('connection')).toBeGreaterThan(0);
  });
});

describe('LoopbackReceiver outcomes', () => {
  it('exchanges the code, redirects to /done, shows success there and closes soon after', async () => {
    const { receiver, port } = await start();
    const callback = await raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` });
    expect(callback.status).toBe(302);
    expect(callback.headers['referrer-policy']).toBe('no-referrer');
    const done = await raw(port, { path: '/done' });
    expect(done.body).toContain('You are signed in');
    expect(done.body).not.toContain(goodCode);
    expect(done.headers['content-security-policy']).toContain("default-src 'none'");
    expect(done.headers['x-content-type-options']).toBe('nosniff');
    const duplicate = await raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` });
    expect(duplicate.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await expect(raw(port, { path: '/done' })).rejects.toThrow();
  });

  it('ends as denied on a matching access_denied, without echoing the description', async () => {
    const { receiver, port, codes } = await start();
    const response = await raw(port, { path: `/callback?error=access_denied&error_description=%3Cb%3Eno%3C%2Fb%3E&state=${receiver.state}` });
    expect(response.status).toBe(302);
    expect(await receiver.outcome).toEqual({ kind: 'denied' });
    expect((await raw(port, { path: '/done' })).body).not.toContain('<b>no');
    expect(codes).toEqual([]);
  });

  it('ends as failed on a matching callback without a code', async () => {
    const { receiver, port } = await start();
    await raw(port, { path: `/callback?state=${receiver.state}` });
    const outcome = await receiver.outcome;
    expect(outcome.kind).toBe('failed');
  });

  it('reports an exchange failure and shows the failure page', async () => {
    const { receiver, port } = await start({ exchange: () => Promise.reject(new LocdeskError('auth.exchange_failed', 'The code was refused.')) });
    await raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` });
    expect(await receiver.outcome).toMatchObject({ kind: 'failed', error: { message: 'The code was refused.' } });
    expect((await raw(port, { path: '/done' })).body).toContain('did not finish');
  });

  it('uses the state only once even when the exchange fails', async () => {
    const { receiver, port } = await start({ exchange: () => Promise.reject(new Error('boom')) });
    await raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` });
    expect((await raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` })).status).toBe(400);
  });

  it('times out and stops listening', async () => {
    const { receiver, port } = await start({ timeoutMs: 50 });
    expect(await receiver.outcome).toEqual({ kind: 'timeout' });
    await expect(raw(port, { path: '/done' })).rejects.toThrow();
  });

  it('is cancelled and stops listening, and a late callback finds nobody', async () => {
    const { receiver, port } = await start();
    receiver.cancel();
    expect(await receiver.outcome).toEqual({ kind: 'cancelled' });
    await expect(raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` })).rejects.toThrow();
  });

  it('answers a request that arrives while shutting down with the stale page', async () => {
    const { receiver, port } = await start({ closeDelayMs: 200 });
    await raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` });
    const late = await raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` });
    expect(late.status).toBe(400);
  });

  it('binds 127.0.0.1 only, on an ephemeral port by default', async () => {
    const { receiver } = await start();
    expect(receiver.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(receiver.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('skips configured ports that are taken and uses the next one', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    blockers.push(blocker);
    const taken = (blocker.address() as AddressInfo).port;
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const free = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    const { receiver } = await start({ ports: [taken, free] });
    expect(receiver.redirectUri).toBe(`http://127.0.0.1:${free}/callback`);
  });

  it('names every port it tried when all are taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    blockers.push(blocker);
    const taken = (blocker.address() as AddressInfo).port;
    await expect(start({ ports: [taken, taken] })).rejects.toMatchObject({
      code: 'auth.port_unavailable',
      message: expect.stringContaining(`ports ${taken}, ${taken}`) as string,
    });
  });
});

/** A server stand-in whose listen fails with a chosen errno per port, as Windows' reserved ranges do (EACCES). */
function refusingServer(failures: Record<number, string>): { server: Server; tried: [number, string][] } {
  const tried: [number, string][] = [];
  const emitter = new EventEmitter();
  let bound = 0;
  const server = Object.assign(emitter, {
    listen: (port: number, host: string, onListening: () => void) => {
      tried.push([port, host]);
      const code = failures[port];
      if (code === undefined) {
        bound = port;
        setImmediate(onListening);
      } else {
        setImmediate(() => emitter.emit('error', Object.assign(new Error(`listen ${code}`), { code })));
      }
      return server;
    },
    address: () => ({ address: '127.0.0.1', family: 'IPv4', port: bound }),
  });
  return { server: server as unknown as Server, tried };
}

describe('listenOnLoopback', () => {
  it('treats EACCES like EADDRINUSE and moves on to the next port, on 127.0.0.1 only', async () => {
    const { server, tried } = refusingServer({ 50001: 'EACCES', 50002: 'EADDRINUSE' });
    expect(await listenOnLoopback(server, [50001, 50002, 50003])).toBe(50003);
    expect(tried).toEqual([
      [50001, '127.0.0.1'],
      [50002, '127.0.0.1'],
      [50003, '127.0.0.1'],
    ]);
  });

  it('names every port in the error when all are refused', async () => {
    const { server } = refusingServer({ 50001: 'EACCES', 50002: 'EACCES' });
    const error = (await listenOnLoopback(server, [50001, 50002]).catch((caught: unknown) => caught)) as LocdeskError;
    expect(error.code).toBe('auth.port_unavailable');
    expect(error.message).toContain('ports 50001, 50002');
  });

  it('does not hide other bind failures behind "port unavailable"', async () => {
    const { server } = refusingServer({ 50001: 'EADDRNOTAVAIL' });
    await expect(listenOnLoopback(server, [50001, 50002])).rejects.toMatchObject({ code: 'EADDRNOTAVAIL' });
  });
});

describe('LoopbackReceiver while the code is being exchanged', () => {
  function slowExchange(): { exchange: LoopbackOptions['exchange']; finish: () => void; started: Promise<void> } {
    let finish: () => void = () => undefined;
    let markStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const exchange = (): Promise<void> =>
      new Promise((resolve) => {
        finish = resolve;
        markStarted();
      });
    return { exchange, finish: () => finish(), started };
  }

  it('lets a running exchange finish even when the sign-in timeout passes meanwhile', async () => {
    const slow = slowExchange();
    const { receiver, port } = await start({ timeoutMs: 80, exchange: slow.exchange });
    const callback = raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` });
    await slow.started;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.isOpen).toBe(true);
    slow.finish();
    expect((await callback).status).toBe(302);
    expect(await receiver.outcome).toEqual({ kind: 'success' });
  });

  it('does not report a reload of the accepted callback as a stale sign-in', async () => {
    const slow = slowExchange();
    const stale: number[] = [];
    const { receiver, port } = await start({ exchange: slow.exchange, onStaleCallback: () => stale.push(1) });
    const callback = raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` });
    await slow.started;
    expect((await raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` })).status).toBe(400);
    expect(stale).toEqual([]);
    slow.finish();
    await callback;
  });

  it('holds the browser only for a bounded time, then shows the waiting page on /done', async () => {
    const slow = slowExchange();
    const { receiver, port } = await start({ exchange: slow.exchange, exchangeWaitMs: 60 });
    const callback = await raw(port, { path: `/callback?code=${goodCode}&state=${receiver.state}` });
    expect(callback.status).toBe(302);
    const done = await raw(port, { path: '/done' });
    expect(done.body).toContain('Locdesk is waiting');
    slow.finish();
    expect(await receiver.outcome).toEqual({ kind: 'success' });
    expect((await raw(port, { path: '/done' })).body).toContain('You are signed in');
  });
});

describe('IPv6 loopback fallback', () => {
  it('falls back to ::1 when this system has no IPv4 loopback', async () => {
    const tried: string[] = [];
    const server = {
      once: () => server,
      off: () => server,
      listen(port: number, address: string, callback: () => void) {
        tried.push(address);
        if (address === '127.0.0.1') {
          queueMicrotask(() => onError?.(Object.assign(new Error('no IPv4'), { code: 'EADDRNOTAVAIL' })));
        } else queueMicrotask(callback);
        return server;
      },
      address: () => ({ address: '::1', family: 'IPv6', port: 50010 }),
    };
    let onError: ((error: Error) => void) | undefined;
    server.once = ((_event: string, listener: (error: Error) => void) => {
      onError = listener;
      return server;
    }) as typeof server.once;
    expect(await listenOnAnyLoopback(server as unknown as Server, [], ['127.0.0.1', '::1'])).toEqual({ port: 50010, address: '::1' });
    expect(tried).toEqual(['127.0.0.1', '::1']);
  });

  it('serves the callback on [::1] with a matching redirect URI and Host check', async () => {
    const codes: string[] = [];
    const receiver = await LoopbackReceiver.start({
      ports: [],
      timeoutMs: 5000,
      logger: silentLogger,
      closeDelayMs: 20,
      addresses: ['::1'],
      exchange: (code) => {
        codes.push(code);
        return Promise.resolve();
      },
    });
    receivers.push(receiver);
    expect(receiver.redirectUri).toMatch(/^http:\/\/\[::1\]:\d+\/callback$/);
    const wrongHost = await fetch(receiver.redirectUri.replace('[::1]', '127.0.0.1')).catch(() => null);
    expect(wrongHost === null || wrongHost.status === 421).toBe(true);
    const response = await fetch(`${receiver.redirectUri}?code=${goodCode}&state=${receiver.state}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(await receiver.outcome).toEqual({ kind: 'success' });
    expect(codes).toEqual([goodCode]);
  });
});
