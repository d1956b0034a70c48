/**
 * Bench child: how long the process that plays Electron's main is unable to answer while a sync runs (issue 17, "main
 * never blocks"). Syncs one project of a fake Lokalise (running in its own process, so serving costs nothing here)
 * into a fresh library three times: a first sync, a full resync (every key downloaded again, the old snapshot
 * removed: the heaviest write path) and an incremental resync with no change on the server (every key listed and
 * carried over). During each phase it measures the event loop's delay two ways, and keeps the larger:
 *
 * - `perf_hooks.monitorEventLoopDelay` at a 10 ms resolution (its max, less the resolution it adds itself);
 * - a 10 ms `setInterval` probe: how much later than due each tick ran.
 *
 * During both resyncs it also searches every 50 ms, as a translator typing would, through the same steps a renderer
 * call takes in main (the contract's validation of the query, then the store); each search's time runs from when it
 * was due, so a search that had to wait for the loop counts the wait.
 *
 * Arguments: apiUrl, accessToken, folder. Prints `{"phases": {...}, "mainLoopMaxStallMs", "searchDuringSyncP95Ms",
 * "searches", "keys", "peakRssMb", "status"}`.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { constants as perfConstants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { KeyQuerySchema } from '../../common/contract';
import { consoleSink, createLogger, Redactor, silentLogger } from '../../main/core/log';
import { LokaliseClient } from '../../main/core/lokalise/client';
import { LibraryStore } from '../../main/core/store';
import { SyncEngine } from '../../main/core/sync/sync-engine';
import { warmHttp } from './warm-up';

const [apiUrl = '', token = '', folder = ''] = process.argv.slice(2);
const resolutionMs = 10;
const searchEveryMs = 50;
const searches = ['settings', 'Projekt', 'ttings', '設定', 'Save changes', 'qqqzzz'];

const store = LibraryStore.open(folder, { logger: createLogger(consoleSink('warn'), new Redactor(), 'bench') });
const client = new LokaliseClient({
  apiUrl,
  fetch: globalThis.fetch,
  tokens: { accessToken: () => Promise.resolve(token), refreshAfterRejection: () => Promise.resolve(token) },
  requestsPerSecond: 1_000_000,
});
/** When the last swap was announced (performance.now()): a phase ends with its swap, so this is the previous phase's. */
const swap = { at: Number.NaN };
const engine = new SyncEngine({
  store,
  client,
  logger: silentLogger,
  onProgress: () => undefined,
  onLibraryChanged: () => {
    swap.at = performance.now();
  },
});
/** A stall or search over this many ms is listed with when it happened, so a profile is not needed to place it. */
const slowMs = 30;

/** A slow moment: when it ended (ms since the phase started, and since the last swap, if any), and how long it took. */
interface SlowMoment {
  readonly what: string;
  readonly atMs: number;
  readonly sinceSwapMs: number | null;
  readonly ms: number;
}

/** What one phase measured. */
interface PhaseResult {
  readonly wallMs: number;
  /** The larger of the histogram's and the probe's maximum, in ms. */
  readonly maxStallMs: number;
  readonly histogramMaxMs: number;
  readonly probeMaxMs: number;
  readonly p99StallMs: number;
  readonly searches: number;
  readonly searchP50Ms: number | null;
  readonly searchP95Ms: number | null;
  readonly searchMaxMs: number | null;
  /** The longest garbage collection pause on this thread, and its kind (a stall no profile of our code shows). */
  readonly gcMaxMs: number;
  readonly gcMaxKind: string;
  /** The slowest moments over `slowMs` (probe stalls and searches), at most 8, slowest first. */
  readonly slow: readonly SlowMoment[];
  /** How many probe stalls reached `slowMs`. */
  readonly slowStalls: number;
  readonly status: string;
}

const gcKinds: Record<number, string> = {
  [perfConstants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [perfConstants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [perfConstants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

function percentile(values: readonly number[], share: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0) * 10) / 10;
}

/** Runs one sync of `projectId` while measuring; searches meanwhile when `search` is set. */
async function phase(projectId: string, full: boolean, search: boolean): Promise<PhaseResult> {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  const gc = { maxMs: 0, kind: 'none' };
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration <= gc.maxMs) continue;
      gc.maxMs = entry.duration;
      gc.kind = gcKinds[(entry as PerformanceEntry & { readonly detail?: { readonly kind?: number } | null }).detail?.kind ?? -1] ?? 'other';
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  let probeMax = 0;
  const slow: SlowMoment[] = [];
  const phaseStart = performance.now();
  const note = (what: string, ms: number): void => {
    if (ms < slowMs) return;
    const now = performance.now();
    slow.push({ what, atMs: Math.round(now - phaseStart), sinceSwapMs: Number.isNaN(swap.at) ? null : Math.round(now - swap.at), ms: Math.round(ms) });
  };
  let due = performance.now() + resolutionMs;
  const probe = setInterval(() => {
    const now = performance.now();
    probeMax = Math.max(probeMax, now - due);
    note('stall', now - due);
    due = now + resolutionMs;
  }, resolutionMs);
  const searchTimes: number[] = [];
  const state = { searching: search };
  const stopped = (): boolean => !state.searching;
  const started = performance.now();
  const searchLoop = (async () => {
    let round = 0;
    let nextAt = performance.now() + searchEveryMs;
    while (state.searching) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextAt - performance.now())));
      if (stopped()) break;
      const query = KeyQuerySchema.parse({ projectId, sourceIso: 'en', targetIsos: ['de', 'ja'], limit: 100, search: searches[round % searches.length] });
      round += 1;
      store.keyPage(query);
      const answered = performance.now();
      searchTimes.push(answered - nextAt);
      note(`search ${query.search}`, answered - nextAt);
      nextAt = Math.max(nextAt + searchEveryMs, answered);
    }
  })();
  histogram.enable();
  engine.start([projectId], { full });
  await engine.whenIdle();
  histogram.disable();
  state.searching = false;
  await searchLoop;
  clearInterval(probe);
  gcObserver.disconnect();
  const wallMs = performance.now() - started;
  // The histogram's samples include its own resolution timer's period; what exceeds it is the stall.
  const histogramMaxMs = Math.max(0, histogram.max / 1e6 - resolutionMs);
  return {
    wallMs: Math.round(wallMs),
    maxStallMs: Math.round(Math.max(histogramMaxMs, probeMax)),
    histogramMaxMs: Math.round(histogramMaxMs),
    probeMaxMs: Math.round(probeMax),
    p99StallMs: Math.round(Math.max(0, histogram.percentile(99) / 1e6 - resolutionMs)),
    searches: searchTimes.length,
    searchP50Ms: percentile(searchTimes, 0.5),
    searchP95Ms: percentile(searchTimes, 0.95),
    searchMaxMs: percentile(searchTimes, 1),
    gcMaxMs: Math.round(gc.maxMs),
    gcMaxKind: gc.kind,
    slowStalls: slow.filter((moment) => moment.what === 'stall').length,
    slow: slow.sort((a, b) => b.ms - a.ms).slice(0, 8),
    status: engine.status().status,
  };
}

// A CPU profile of this thread when asked (`npx tsx test/bench/stall.ts 20000 profile.cpuprofile`), to find a stall.
const profileFile = process.env.LOCDESK_BENCH_PROFILE;
const session = profileFile === undefined ? null : new Session();
if (session !== null) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
}
await warmHttp(apiUrl);
store.saveProjectList(await client.listProjects(), []);
const projectId = store.listProjects()[0]?.projectId ?? '';
const firstSync = await phase(projectId, false, false);
const fullResync = await phase(projectId, true, true);
const incrementalResync = await phase(projectId, false, true);
const peakRss = process.resourceUsage().maxRSS * 1024;
if (session !== null && profileFile !== undefined) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profileFile, JSON.stringify(profile));
}
const keys = store.project(projectId)?.sync.keyCount ?? 0;
store.close();
const searchTimes = [fullResync, incrementalResync];
process.stdout.write(
  `${JSON.stringify({
    phases: { firstSync, fullResync, incrementalResync },
    mainLoopMaxStallMs: Math.max(firstSync.maxStallMs, fullResync.maxStallMs, incrementalResync.maxStallMs),
    // The worse of the two resyncs' p95 (each phase's own is in `phases`).
    searchDuringSyncP95Ms: Math.max(...searchTimes.map((result) => result.searchP95Ms ?? 0)),
    keys,
    peakRssMb: Math.round(peakRss / 1e6),
    status: [firstSync.status, fullResync.status, incrementalResync.status].join(','),
  })}\n`,
);
