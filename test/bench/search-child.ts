/**
 * Bench child: opens a synced library through AppCore and measures what a translator waits for: the first page of
 * keys, and searches over a fixed mix of queries (Latin words, substrings, CJK, no-hit), each returning a page of
 * matching keys with source and target values through the same validated call path the renderer uses; each query's
 * first run is also reported on its own (its median), since a query's first run is the slow one. The bare FTS query
 * on the same database is measured as the floor. Arguments: folder.
 */
import { createAppCore } from '../../main/core/app-core';
import { loadConfig } from '../../main/core/config';
import { dispatchCall } from '../../main/core/dispatch';
import { Redactor, silentLogger } from '../../main/core/log';
import Database from 'libsql';
import { LibraryStore } from '../../main/core/store';
import { buildSearch } from '../../main/core/store/search';
import { indexVocabulary } from '../../main/core/store/search-vocabulary';
import { MemoryCipher, MemoryClipboard, MemoryKeyValueStore, RecordingBrowser, ScriptedConfirmation } from '../support/memory-ports';

const [folder = ''] = process.argv.slice(2);
const queries = ['settings', 'Save changes', 'Projekt', 'ttings', 'ownloa', 'chang', '設定が更新', '下载报告', 'アップロード', 'xylophone', 'qqqzzz'];
const rounds = 10;
/**
 * What a translator might type or paste that the index cannot simply answer (issue 17): each must answer, with
 * results or a partial page, within the search budget, never with an error.
 */
const hostile: Record<string, string> = {
  repeatedWords: Array.from({ length: 100 }, () => 'settings').join(' '),
  distinctWords: Array.from({ length: 200 }, (_, index) => `word${String(index)}`).join(' '),
  paste2000: 'Your changes were saved. '.repeat(80),
  punctuationOnly: '%_*"()[]',
  backslash: '\\',
  ftsSyntax: 'NEAR( "unterminated',
  emoji: '😀',
  mixedScripts: '設定 settings 保存 Projekt',
};

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0) * 100) / 100;
}

const loaded = loadConfig({ LOCDESK_CLIENT_ID: 'bench', LOCDESK_CLIENT_SECRET: 'bench-secret-000000', LOCDESK_API_URL: 'http://127.0.0.1:9/api2/' });
const core = await createAppCore({
  config: loaded.config,
  configProblem: null,
  dataFolder: folder,
  fetch: globalThis.fetch,
  cipher: new MemoryCipher(),
  tokenStore: new MemoryKeyValueStore(),
  settingsStore: new MemoryKeyValueStore(),
  confirmation: new ScriptedConfirmation(false),
  browser: new RecordingBrowser(),
  clipboard: new MemoryClipboard(),
  logger: silentLogger,
  redactor: new Redactor(),
  appVersion: 'bench',
});
const projects = await core.api.projects.list();
const project = [...projects].sort((a, b) => b.sync.keyCount - a.sync.keyCount)[0];
if (project === undefined) throw new Error('the library is empty');
const base = { projectId: project.projectId, sourceIso: 'en', targetIsos: ['ja'], limit: 100 };

async function timed(query: object): Promise<{ ms: number; total: number }> {
  const started = performance.now();
  const envelope = await dispatchCall(core.api, 'keys:page', [query]);
  const ms = performance.now() - started;
  if (!envelope.ok) throw new Error(envelope.error.message);
  return { ms, total: (envelope.value as { total: number }).total };
}

const firstPage: number[] = [];
for (let round = 0; round < rounds; round += 1) firstPage.push((await timed(base)).ms);
const searches: number[] = [];
/** Each query's first run (round 0), which no cache of its own answers: the cold cost, reported on its own. */
const firstRuns: number[] = [];
const hits: Record<string, number> = {};
for (let round = 0; round < rounds; round += 1) {
  for (const search of queries) {
    const { ms, total } = await timed({ ...base, search });
    searches.push(ms);
    if (round === 0) firstRuns.push(ms);
    hits[search] = total;
  }
}
const hostileMs: Record<string, number> = {};
const hostilePartial: Record<string, boolean> = {};
for (const [name, search] of Object.entries(hostile)) {
  const times: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const started = performance.now();
    const envelope = await dispatchCall(core.api, 'keys:page', [{ ...base, search }]);
    times.push(performance.now() - started);
    if (!envelope.ok) throw new Error(`hostile query ${name} answered an error: ${envelope.error.message}`);
    hostilePartial[name] = (envelope.value as { partial?: unknown }).partial !== undefined;
  }
  hostileMs[name] = percentile(times, 1);
}
await core.close();

// The floor is measured on a connection of the bench's own to the same files, set up and attached as the store's
// (which the store keeps to itself).
const files = LibraryStore.filesIn(folder);
const connection = new Database(files.library);
// The page cache and temporary storage the store's browsing connection uses (main/core/store/database.ts).
connection.exec('PRAGMA cache_size = -16000');
connection.exec('PRAGMA temp_store = MEMORY');
connection.prepare('ATTACH DATABASE ? AS search').run(files.searchIndex);
const bare = connection.prepare('SELECT rowid FROM key_words WHERE key_words MATCH ? LIMIT 200').raw(true);
// The index holds words, so the floor is the expression a search sends it (the terms already expanded through the
// term list, which is left out of the timing); every query in the mix is one the index answers alone.
const expressions = queries.map((search) => buildSearch(search, indexVocabulary(connection)).match ?? '""');
const bareTimes: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  for (const expression of expressions) {
    const started = performance.now();
    bare.all(expression);
    bareTimes.push(performance.now() - started);
  }
}
connection.close();
process.stdout.write(
  `${JSON.stringify({
    firstPageMs: percentile(firstPage, 0.5),
    searchP50Ms: percentile(searches, 0.5),
    searchP95Ms: percentile(searches, 0.95),
    searchFirstMs: percentile(firstRuns, 0.5),
    bareFtsP95Ms: percentile(bareTimes, 0.95),
    hostileMaxMs: Math.max(...Object.values(hostileMs)),
    hostileMs,
    hostilePartial,
    hits,
  })}\n`,
);
