/**
 * Bench child: what an incremental resync downloads. Starts a fake Lokalise in this process (its byte counter and
 * its change functions are needed), syncs one project of `keys` keys × 10 languages in full into a fresh library,
 * then resyncs with no change on the server, then again after 1% of the keys had a translation edited. Prints
 * `{"fullBytes","unchangedBytes","unchangedMs","onePercentBytes","onePercentMs","keys","status"}`.
 * Arguments: keys, folder. Unthrottled, like the bench's large syncs; the fake shares this process's CPU, so the
 * times include serving the answers.
 */
import { startFakeLokalise } from '../fake-lokalise/server';
import { silentLogger } from '../../main/core/log';
import { LokaliseClient } from '../../main/core/lokalise/client';
import { LibraryStore } from '../../main/core/store';
import { SyncEngine } from '../../main/core/sync/sync-engine';

const [keysArgument = '5000', folder = ''] = process.argv.slice(2);
const keys = Number(keysArgument);
const fake = await startFakeLokalise({ projects: 1, keysPerProject: keys, languages: 10, seed: 1 });
const token = fake.issueTokens().accessToken;
const store = LibraryStore.open(folder);
const client = new LokaliseClient({
  apiUrl: fake.apiUrl,
  fetch: globalThis.fetch,
  tokens: { accessToken: () => Promise.resolve(token), refreshAfterRejection: () => Promise.resolve(token) },
  requestsPerSecond: 1_000_000,
});
const engine = new SyncEngine({ store, client, logger: silentLogger, onProgress: () => undefined, onLibraryChanged: () => undefined });
const project = fake.dataset.projects[0];
if (project === undefined) throw new Error('the fake has no project');
store.saveProjectList(await client.listProjects(), []);

/** Syncs the project and returns the bytes the fake served for it and the wall time. */
async function measure(): Promise<{ bytes: number; ms: number; status: string }> {
  const before = fake.stats.apiBytes;
  const started = performance.now();
  engine.start([project?.projectId ?? '']);
  await engine.whenIdle();
  return { bytes: fake.stats.apiBytes - before, ms: performance.now() - started, status: engine.status().status };
}

const full = await measure();
const unchanged = await measure();
// 1% of the keys get one translation edited, spread over the project.
const step = 100;
for (let index = 0; index < keys; index += step) {
  const keyId = fake.dataset.keyIdAt(project, index);
  const plural = fake.dataset.flags(project, index).isPlural;
  fake.updateTranslation(project.projectId, keyId, 'de', plural ? { one: 'Eine Datei neu', other: '%d Dateien neu' } : `Neu ${String(index)}`, 2_000_000_000);
}
const onePercent = await measure();
const facts = store.project(project.projectId)?.sync;
store.close();
await fake.close();
process.stdout.write(
  `${JSON.stringify({
    fullBytes: full.bytes,
    unchangedBytes: unchanged.bytes,
    unchangedMs: Math.round(unchanged.ms),
    onePercentBytes: onePercent.bytes,
    onePercentMs: Math.round(onePercent.ms),
    fullMs: Math.round(full.ms),
    keys: facts?.keyCount ?? 0,
    changes: facts?.changes ?? null,
    status: [full.status, unchanged.status, onePercent.status].join(','),
  })}\n`,
);
