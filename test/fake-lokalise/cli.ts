/**
 * Runs the fake Lokalise on its own: `npm run fake-lokalise -- --port 0 --projects 3 --keys 2000`.
 *
 * Prints the URLs and the client credentials to use, the matching LOCDESK_* environment lines, and one JSON line
 * (`{"origin":…}`) that scripts such as the demo launcher parse. Runs until interrupted.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startFakeLokalise, type FailureKind, type FakeEndpoints } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    projects: { type: 'string', default: '3' },
    keys: { type: 'string', default: '2000' },
    languages: { type: 'string', default: '6' },
    seed: { type: 'string', default: '1' },
    dialect: { type: 'string', default: 'lokalise' },
    'rate-limit': { type: 'boolean', default: false },
    'token-lifetime': { type: 'string', default: '3600' },
    latency: { type: 'string', default: '0' },
    fault: { type: 'string', default: 'html500' },
    'fault-count': { type: 'string', default: '0' },
    'fault-after': { type: 'string', default: '0' },
    'fault-path': { type: 'string', default: '' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    'Usage: npm run fake-lokalise -- [--port 0] [--projects 3] [--keys 2000] [--languages 6] [--seed 1]\n' +
      '         [--dialect lokalise|oauth2] [--rate-limit] [--token-lifetime 3600] [--latency 0]\n' +
      '         [--fault html500|html502|html503|drop|truncate|truncate-chunked|429|hang|stall --fault-count 0\n' +
      '          --fault-after 0 --fault-path REGEX]   (after N matching API requests, the next --fault-count fail)\n' +
      'While it runs, a line "offline" on stdin (or SIGUSR1) takes it off the network, "online" (or SIGUSR2) brings it back.\n',
  );
  process.exit(0);
}

function integer(name: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    process.stderr.write(`--${name} must be an integer of at least ${minimum}, not "${text}"\n`);
    process.exit(2);
  }
  return value;
}

const failureKinds: readonly FailureKind[] = ['html500', 'html502', 'html503', 'drop', 'truncate', 'truncate-chunked', '429', 'hang', 'stall'];
const failureKind = failureKinds.find((kind) => kind === values.fault);
if (failureKind === undefined) {
  process.stderr.write(`--fault must be one of ${failureKinds.join(', ')}, not "${values.fault}"\n`);
  process.exit(2);
}

if (values.dialect !== 'lokalise' && values.dialect !== 'oauth2') {
  process.stderr.write(`--dialect must be "lokalise" or "oauth2", not "${values.dialect}"\n`);
  process.exit(2);
}

const fake = await startFakeLokalise({
  port: integer('port', values.port, 0),
  projects: integer('projects', values.projects, 0),
  keysPerProject: integer('keys', values.keys, 0),
  languages: integer('languages', values.languages, 4),
  seed: integer('seed', values.seed, 0),
  switches: {
    dialect: values.dialect,
    accessTokenLifetimeSeconds: integer('token-lifetime', values['token-lifetime'], 1),
    rateLimit: { enabled: values['rate-limit'], requestsPerSecond: 6, maxConcurrentPerProject: 10, sendRetryAfter: false },
    faults: {
      latencyMs: integer('latency', values.latency, 0),
      failNextRequests: integer('fault-count', values['fault-count'], 0),
      spareRequests: integer('fault-after', values['fault-after'], 0),
      failureKind,
      failureRate: 0,
      matchPath: values['fault-path'] === '' ? null : new RegExp(values['fault-path']),
    },
  },
});

const endpoints: FakeEndpoints = { origin: fake.origin, authUrl: fake.authUrl, tokenUrl: fake.tokenUrl, apiUrl: fake.apiUrl, clientId: fake.clientId, clientSecret: fake.clientSecret };
process.stdout.write(
  [
    `Fake Lokalise is listening on ${fake.origin}`,
    `  consent page  ${fake.authUrl}`,
    `  token         ${fake.tokenUrl}`,
    `  API v2        ${fake.apiUrl}`,
    `  projects      ${fake.dataset.projects.map((project) => `${project.name} (${project.projectId})`).join(', ')}`,
    '',
    'Point Locdesk at it with:',
    `  LOCDESK_CLIENT_ID=${fake.clientId}`,
    `  LOCDESK_CLIENT_SECRET=${fake.clientSecret}`,
    `  LOCDESK_AUTH_URL=${fake.authUrl}`,
    `  LOCDESK_TOKEN_URL=${fake.tokenUrl}`,
    `  LOCDESK_API_URL=${fake.apiUrl}`,
    '',
    JSON.stringify(endpoints),
    '',
  ].join('\n'),
);

// Going offline and back, for the demo (`npm run demo`) and anyone trying Locdesk's offline state by hand.
const reachability = (reachable: boolean): void => {
  fake.setReachable(reachable);
  process.stdout.write(reachable ? 'Fake Lokalise is back online.\n' : 'Fake Lokalise is offline: every connection is dropped.\n');
};
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'offline' || command === 'online') reachability(command === 'online');
});
if (process.platform !== 'win32') {
  process.on('SIGUSR1', () => reachability(false));
  process.on('SIGUSR2', () => reachability(true));
}

const stop = (): void => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
