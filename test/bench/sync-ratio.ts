/**
 * The unthrottled sync ratio on its own (`npx tsx test/bench/sync-ratio.ts [keys] [trials]`): one fake process,
 * then SDK fetch and Locdesk sync alternating, as run.ts's largeSyncs does, without the search, QA and grid runs
 * that follow each trial there. Prints each trial and the median ratio with the load average.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild, startFakeProcess } from './processes';
import { signInToFake } from './tokens';

const keys = Number(process.argv[2] ?? '100000');
const trials = Number(process.argv[3] ?? '3');
const fake = await startFakeProcess(['--port', '0', '--projects', '1', '--keys', String(keys), '--languages', '10', '--seed', '1']);
const ratios: number[] = [];
try {
  const token = await signInToFake(fake.endpoints);
  await fetch(`${fake.endpoints.apiUrl}projects`, { headers: { Authorization: `Bearer ${token}` } });
  for (let trial = 1; trial <= trials; trial += 1) {
    const folder = mkdtempSync(join(tmpdir(), 'locdesk-bench-'));
    try {
      const sdk = await runChild<{ wallMs: number }>('sdk-child.ts', [fake.endpoints.apiUrl, token]);
      const sync = await runChild<{ wallMs: number; peakRssMb: number; translations: number }>('sync-child.ts', [fake.endpoints.apiUrl, token, folder, '1000000'], process.env.SYNC_ENV === undefined ? {} : { LOCDESK_SYNC_PROFILE: process.env.SYNC_ENV });
      const ratio = Math.round((sync.wallMs / sdk.wallMs) * 1000) / 1000;
      ratios.push(ratio);
      process.stdout.write(`trial ${String(trial)}: sdk ${String(sdk.wallMs)} ms, sync ${String(sync.wallMs)} ms (${String(sync.translations)} translations, ${String(sync.peakRssMb)} MB), ratio ${String(ratio)}, load ${loadavg().map((value) => value.toFixed(2)).join(' ')}\n`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
} finally {
  await fake.stop();
}
const sorted = [...ratios].sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ ratios, median: sorted[Math.floor((sorted.length - 1) / 2)] })}\n`);
