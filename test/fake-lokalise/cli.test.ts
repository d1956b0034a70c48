import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeEndpoints } from './server';
import { answerConsent } from './testing';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];

function run(args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: 'pipe' });
  children.push(child);
  return child;
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Reads stdout until the JSON endpoints line; the rest of the lines keep arriving in `later`. */
async function endpointsOf(child: ChildProcessWithoutNullStreams): Promise<{ endpoints: FakeEndpoints; later: string[]; lines: ReturnType<typeof createInterface> }> {
  const lines = createInterface({ input: child.stdout });
  const later: string[] = [];
  const endpoints = await new Promise<FakeEndpoints>((resolve) => {
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line) as FakeEndpoints);
      else later.push(line);
    });
  });
  return { endpoints, later, lines };
}

describe('npm run fake-lokalise', () => {
  it('goes offline and back on "offline" and "online" lines on its stdin', async () => {
    const child = run(['--port', '0', '--projects', '1', '--keys', '5']);
    const { endpoints, later } = await endpointsOf(child);
    expect((await fetch(endpoints.origin, { method: 'HEAD' })).status).toBe(404);
    child.stdin.write('offline\n');
    await expect.poll(() => later.includes('Fake Lokalise is offline: every connection is dropped.')).toBe(true);
    await expect(fetch(endpoints.origin, { method: 'HEAD' })).rejects.toThrow(TypeError);
    child.stdin.write('online\n');
    await expect.poll(() => later.includes('Fake Lokalise is back online.')).toBe(true);
    expect((await fetch(endpoints.origin, { method: 'HEAD' })).status).toBe(404);
  });

  it('prints its URLs, credentials and env lines, serves with the flags given, and stops on SIGTERM', async () => {
    const child = run(['--port', '0', '--projects', '2', '--keys', '40', '--languages', '4', '--token-lifetime', '90', '--dialect', 'lokalise']);
    const lines: string[] = [];
    let printed: FakeEndpoints | undefined;
    for await (const line of createInterface({ input: child.stdout })) {
      lines.push(line);
      if (line.startsWith('{')) {
        printed = JSON.parse(line) as FakeEndpoints;
        break;
      }
    }
    expect(printed?.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines).toContain(`  LOCDESK_AUTH_URL=${printed?.authUrl}`);
    expect(lines).toContain(`  LOCDESK_CLIENT_ID=${printed?.clientId}`);
    expect(lines.some((line) => line.startsWith('  LOCDESK_API_URL='))).toBe(true);

    const authorize = new URL(printed?.authUrl ?? '');
    authorize.searchParams.set('client_id', printed?.clientId ?? '');
    authorize.searchParams.set('scope', 'read_projects');
    const code = /<code id="code">([0-9a-f]{40})<\/code>/.exec((await answerConsent(authorize.toString(), 'allow')).html)?.[1];
    const exchange = await fetch(printed?.tokenUrl ?? '', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: printed?.clientId, client_secret: printed?.clientSecret, code, grant_type: 'authorization_code' }),
    });
    const tokens = (await exchange.json()) as { access_token: string; expires_in: number };
    expect(tokens.expires_in).toBe(90);
    const projects = await fetch(`${printed?.apiUrl}projects`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(projects.headers.get('x-pagination-total-count')).toBe('2');

    child.kill('SIGTERM');
    const [exitCode, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    // Windows has no signals: kill() ends the process at once, so only POSIX can show the graceful stop.
    if (process.platform === 'win32') expect(signal).toBe('SIGTERM');
    else expect(exitCode).toBe(0);
  });

  it('refuses a bad flag with a message and exit code 2', async () => {
    const child = run(['--dialect', 'soap']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [exitCode] = (await once(child, 'exit')) as [number | null];
    expect(exitCode).toBe(2);
    expect(stderr).toContain('--dialect must be "lokalise" or "oauth2"');
  });

  it('refuses an unknown --fault kind', async () => {
    const child = run(['--fault', 'explode']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [exitCode] = (await once(child, 'exit')) as [number | null];
    expect(exitCode).toBe(2);
    expect(stderr).toContain('--fault must be one of html500, html502, html503, drop, truncate, truncate-chunked, 429, hang, stall');
  });

  it('puts a burst of faults where --fault-after and --fault-count say, on --fault-path only', async () => {
    const child = run(['--port', '0', '--projects', '1', '--keys', '5', '--fault', '429', '--fault-count', '2', '--fault-after', '1', '--fault-path', '/teams$']);
    let printed: FakeEndpoints | undefined;
    for await (const line of createInterface({ input: child.stdout })) {
      if (line.startsWith('{')) {
        printed = JSON.parse(line) as FakeEndpoints;
        break;
      }
    }
    const authorize = new URL(printed?.authUrl ?? '');
    authorize.searchParams.set('client_id', printed?.clientId ?? '');
    authorize.searchParams.set('scope', 'read_projects');
    const code = /<code id="code">([0-9a-f]{40})<\/code>/.exec((await answerConsent(authorize.toString(), 'allow')).html)?.[1];
    const exchange = await fetch(printed?.tokenUrl ?? '', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: printed?.clientId, client_secret: printed?.clientSecret, code, grant_type: 'authorization_code' }),
    });
    const headers = { Authorization: `Bearer ${((await exchange.json()) as { access_token: string }).access_token}` };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await fetch(`${printed?.apiUrl}teams`, { headers })).status);
    expect((await fetch(`${printed?.apiUrl}projects`, { headers })).status).toBe(200);
    expect(statuses).toEqual([200, 429, 429, 200]);
  });
});
