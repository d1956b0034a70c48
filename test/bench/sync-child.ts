/**
 * Bench child: syncs every project of a fake into a fresh library and prints
 * `{"wallMs","peakRssMb","keys","translations","requests","rateLimitWaitMs","throttled429","status"}`.
 * Arguments: apiUrl, accessToken, folder, requestsPerSecond. The rate-limit patience and longest wait come from
 * the LOCDESK_* environment through the app's own config loader (the 429-storm run shortens the wait that way).
 */
import { loadConfig } from '../../main/core/config';
import { consoleSink, createLogger, Redactor, silentLogger } from '../../main/core/log';
import { LokaliseClient } from '../../main/core/lokalise/client';
import { LibraryStore } from '../../main/core/store';
import { SyncEngine } from '../../main/core/sync/sync-engine';
import { warmHttp } from './warm-up';

const [apiUrl = '', token = '', folder = '', rate = '6'] = process.argv.slice(2);
// Warnings (say, indexing falling back to the main thread) go to stderr, so a bench run shows them.
const store = LibraryStore.open(folder, { logger: createLogger(consoleSink('warn'), new Redactor(), 'bench') });
const { config } = loadConfig(process.env);
const client = new LokaliseClient({
  apiUrl,
  fetch: globalThis.fetch,
  tokens: { accessToken: () => Promise.resolve(token), refreshAfterRejection: () => Promise.resolve(token) },
  requestsPerSecond: Number(rate),
  rateLimitPatienceMs: config.rateLimitPatienceMs,
  rateLimitMaxWaitMs: config.rateLimitMaxWaitMs,
});
await warmHttp(apiUrl);
const started = performance.now();
store.saveProjectList(await client.listProjects(), []);
const engine = new SyncEngine({ store, client, logger: silentLogger, onProgress: () => undefined, onLibraryChanged: () => undefined });
engine.start(store.listProjects().map((project) => project.projectId));
await engine.whenIdle();
const wallMs = performance.now() - started;
// The kernel's high-water mark: exact, and free. (A timer calling process.memoryUsage() every 50 ms cost the sync
// itself about 1% of its main-thread time, and could miss a short peak between samples.)
const peakRss = process.resourceUsage().maxRSS * 1024;
const projects = store.listProjects();
store.close();
process.stdout.write(
  `${JSON.stringify({
    wallMs: Math.round(wallMs),
    peakRssMb: Math.round(peakRss / 1e6),
    keys: projects.reduce((sum, project) => sum + project.sync.keyCount, 0),
    translations: projects.reduce((sum, project) => sum + project.sync.translationCount, 0),
    requests: client.stats.requests,
    rateLimitWaitMs: Math.round(client.stats.rateLimitWaitMs),
    throttled429: client.stats.throttled429,
    status: engine.status().status,
  })}\n`,
);
