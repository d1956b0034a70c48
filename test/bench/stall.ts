/**
 * The main-loop stall measurement on its own (`npx tsx test/bench/stall.ts [keys]`): starts the fake Lokalise in a
 * process of its own, signs in and runs stall-child.ts against it. `npm run bench` runs the same through
 * `mainLoopStalls`; this entry exists so the slow full-size run (100,000 keys) can be taken alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild, startFakeProcess } from './processes';
import { signInToFake } from './tokens';

/** See stall-child.ts for the fields. */
export interface StallResult {
  readonly phases: Partial<Record<'firstSync' | 'fullResync' | 'incrementalResync', { maxStallMs: number; searchP95Ms: number | null; wallMs: number }>>;
  readonly mainLoopMaxStallMs: number;
  readonly searchDuringSyncP95Ms: number;
  readonly keys: number;
  readonly peakRssMb: number;
  readonly status: string;
}

/** Runs stall-child.ts against a fake of `keys` keys × 10 languages in a fresh library. */
export async function mainLoopStalls(keys: number, environment: Record<string, string> = {}): Promise<StallResult> {
  const fake = await startFakeProcess(['--port', '0', '--projects', '1', '--keys', String(keys), '--languages', '10', '--seed', '1']);
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-bench-'));
  try {
    const token = await signInToFake(fake.endpoints);
    return await runChild<StallResult>('stall-child.ts', [fake.endpoints.apiUrl, token, folder], environment);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await fake.stop();
  }
}

if (process.argv[1]?.endsWith('stall.ts') === true) {
  const profile: Record<string, string> = process.argv[3] === undefined ? {} : { LOCDESK_BENCH_PROFILE: process.argv[3] };
  const result = await mainLoopStalls(Number(process.argv[2] ?? '20000'), profile);
  process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
}
