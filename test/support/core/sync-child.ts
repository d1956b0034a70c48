/**
 * A child process for the kill test: syncs one project from a fake Lokalise into a library folder, printing
 * progress lines, until it is killed. Arguments: apiUrl, accessToken, folder, projectId.
 */
import { silentLogger } from '../../../main/core/log';
import { LokaliseClient } from '../../../main/core/lokalise/client';
import { LibraryStore } from '../../../main/core/store';
import { SyncEngine } from '../../../main/core/sync/sync-engine';

const [apiUrl, token, folder, projectId] = process.argv.slice(2);
if (apiUrl === undefined || token === undefined || folder === undefined || projectId === undefined) {
  process.stderr.write('usage: sync-child <apiUrl> <accessToken> <folder> <projectId>\n');
  process.exit(2);
}
const store = LibraryStore.open(folder);
const client = new LokaliseClient({ apiUrl, fetch: globalThis.fetch, tokens: { accessToken: () => Promise.resolve(token), refreshAfterRejection: () => Promise.resolve(token) }, requestsPerSecond: 1000 });
const engine = new SyncEngine({
  store,
  client,
  logger: silentLogger,
  progressIntervalMs: 0,
  onProgress: (progress) => process.stdout.write(`${progress.status} ${progress.phase ?? '-'} ${progress.done}\n`),
  onLibraryChanged: () => undefined,
});
engine.start([projectId]);
await engine.whenIdle();
store.close();
