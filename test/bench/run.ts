/**
 * `npm run bench` (add `-- --quick` for the small CI-sized run): sync, search and size measurements, written in full
 * to test-results/bench.json. The last line printed is one JSON object with the summary fields. Figures, not
 * pass/fail: the targets are in the README and the issue, never in tests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild, startFakeProcess } from './processes';
import { rendererInitialJsGzipKb } from './renderer-size';
import { signInToFake } from './tokens';
import { compareTokenizers } from './tokenizers';

interface SyncResult { wallMs: number; peakRssMb: number; keys: number; translations: number; requests: number; rateLimitWaitMs: number; status: string }
interface SdkResult { wallMs: number; keys: number; requests: number }
interface SearchResult { firstPageMs: number; searchP50Ms: number; searchP95Ms: number; bareFtsP95Ms: number; hits: Record<string, number> }

const quick = process.argv.includes('--quick');
const root = join(import.meta.dirname, '..', '..');
const scale = quick ? { keys: 5000, throttledKeys: 1500 } : { keys: 100_000, throttledKeys: 5000 };
const log = (message: string): void => void process.stdout.write(`${message}\n`);

async function largeSync(): Promise<{ sync: SyncResult; sdk: SdkResult; search: SearchResult }> {
  const fake = await startFakeProcess(['--port', '0', '--projects', '1', '--keys', String(scale.keys), '--languages', '10', '--seed', '1']);
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-bench-'));
  try {
    const token = await signInToFake(fake.endpoints);
    await fetch(`${fake.endpoints.apiUrl}projects`, { headers: { Authorization: `Bearer ${token}` } });
    log(`large: ${scale.keys} keys x 10 languages; official SDK fetching…`);
    const sdk = await runChild<SdkResult>('sdk-child.ts', [fake.endpoints.apiUrl, token]);
    log(`large: SDK fetched ${sdk.keys} keys in ${sdk.wallMs} ms (${sdk.requests} requests); Locdesk syncing…`);
    const sync = await runChild<SyncResult>('sync-child.ts', [fake.endpoints.apiUrl, token, folder, '1000000']);
    log(`large: Locdesk synced ${sync.translations} translations in ${sync.wallMs} ms, peak RSS ${sync.peakRssMb} MB; searching…`);
    const search = await runChild<SearchResult>('search-child.ts', [folder]);
    return { sync, sdk, search };
  } finally {
    await fake.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function throttledSync(): Promise<SyncResult & { boundMs: number }> {
  const fake = await startFakeProcess(['--port', '0', '--projects', '1', '--keys', String(scale.throttledKeys), '--languages', '4', '--rate-limit']);
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-bench-'));
  try {
    const token = await signInToFake(fake.endpoints);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    log(`throttled: ${scale.throttledKeys} keys at 6 requests/s…`);
    const sync = await runChild<SyncResult>('sync-child.ts', [fake.endpoints.apiUrl, token, folder, '6']);
    return { ...sync, boundMs: Math.round((sync.requests / 6) * 1000) };
  } finally {
    await fake.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

const throttled = await throttledSync();
log(`throttled: ${throttled.requests} requests in ${throttled.wallMs} ms (bound ${throttled.boundMs} ms)`);
const large = await largeSync();
const tokenizers = compareTokenizers(quick ? 2000 : 20_000);
log(
  `tokenizers (${tokenizers.documents} documents): trigram build ${tokenizers.trigramBuildMs} ms, ${tokenizers.trigramSizeMb} MB, query p50 ${tokenizers.trigramQueryP50Ms} ms; ` +
    `unicode61 build ${tokenizers.unicode61BuildMs} ms, ${tokenizers.unicode61SizeMb} MB, query p50 ${tokenizers.unicode61QueryP50Ms} ms; ` +
    `hits trigram ${JSON.stringify(tokenizers.trigramHits)} unicode61 ${JSON.stringify(tokenizers.unicode61Hits)}`,
);
const summary = {
  mode: quick ? 'quick' : 'full',
  sync_throttled_ratio_to_bound: Math.round((throttled.wallMs / throttled.boundMs) * 1000) / 1000,
  sync_unthrottled_ratio_to_sdk_fetch: Math.round((large.sync.wallMs / large.sdk.wallMs) * 1000) / 1000,
  search_p50_ms: large.search.searchP50Ms,
  search_p95_ms: large.search.searchP95Ms,
  bare_fts_p95_ms: large.search.bareFtsP95Ms,
  first_page_ms: large.search.firstPageMs,
  peak_rss_mb: large.sync.peakRssMb,
  translations: large.sync.translations,
  renderer_js_gzip_kb: rendererInitialJsGzipKb(join(root, 'out', 'renderer')),
};
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(join(root, 'test-results', 'bench.json'), `${JSON.stringify({ summary, throttled, large, tokenizers }, null, 2)}\n`);
log('details: test-results/bench.json');
log(JSON.stringify(summary));
