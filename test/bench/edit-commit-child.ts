/**
 * Bench child: committing one edit, durably, through the real call path (`edits:commit` through dispatch, as the IPC
 * handler calls it: validation, the library lookup, the outbox's `synchronous = FULL` transaction), over the large
 * sync's library (100,000 keys × 10 languages in the full run). Arguments: the library folder, the fake's endpoints
 * as JSON, and how many commits to time. Prints one JSON line.
 *
 * The key's QA recheck runs right after the commit answers, in the next turn of the event loop, and is announced as
 * a QA progress event. In the app each commit is its own IPC message, so that turn comes between two commits; here
 * each commit waits for the announcement before the next one starts, so the recheck's work is done between commits
 * (not hidden by piling up behind a loop that never yields), and `qaFollowsP95Ms` (start of the commit to the
 * announcement) says how soon the QA filter follows an edit.
 */
import { performance } from 'node:perf_hooks';
import type { KeyPage } from '../../common/contract';
import type { QaStatus } from '../../common/contract-qa';
import { fakeEnvironment } from '../fake-lokalise/environment';
import type { FakeEndpoints } from '../fake-lokalise/server';
import { composeCore } from '../support/core/edits-rig';

const [folder, endpointsJson, countArgument = '300'] = process.argv.slice(2);
if (folder === undefined || endpointsJson === undefined) throw new Error('usage: edit-commit-child <library folder> <endpoints JSON> [commits]');
const count = Number(countArgument);
const { core, call } = await composeCore(fakeEnvironment(JSON.parse(endpointsJson) as FakeEndpoints, false), folder);
const [project] = (await core.api.projects.list()).filter((entry) => entry.sync.status === 'ok');
if (project === undefined) throw new Error('the library holds no synced project');
const target = project.languages.find((language) => language.iso !== project.baseLanguageIso)?.iso ?? '';
const keys: number[] = [];
for (let offset = 0; keys.length < count; offset += 500) {
  const page = await call<KeyPage>('keys:page', { projectId: project.projectId, sourceIso: project.baseLanguageIso ?? 'en', targetIsos: [target], offset, limit: 500 });
  if (page.items.length === 0) break;
  for (const item of page.items) if (!item.isPlural && keys.length < count) keys.push(item.keyId);
}
// A scan running meanwhile announces only its own end; the commits are timed against settled QA results.
while ((await call<QaStatus>('qa:status', project.projectId, [])).progress.status === 'running') await new Promise((resolve) => setTimeout(resolve, 50));
let announced: (() => void) | null = null;
core.events.subscribe((event) => {
  if (event.domain === 'qa' && event.payload.projectId === project.projectId) announced?.();
});
const times: number[] = [];
const follows: number[] = [];
for (const [index, keyId] of keys.entries()) {
  const checked = new Promise<void>((resolve) => (announced = resolve));
  const started = performance.now();
  await call('edits:commit', { projectId: project.projectId, keyId, languageIso: target, value: `Bench edit ${index}: the quick brown fox` });
  times.push(performance.now() - started);
  await checked;
  follows.push(performance.now() - started);
}
await core.close();
const at = (values: readonly number[], share: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0) * 100) / 100;
};
const result = {
  commits: times.length,
  translations: project.keysTotal * project.languages.length,
  p50Ms: at(times, 0.5),
  p95Ms: at(times, 0.95),
  maxMs: at(times, 1),
  qaFollowsP50Ms: at(follows, 0.5),
  qaFollowsP95Ms: at(follows, 0.95),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
