/**
 * Bench child: committing one edit, durably, through the real call path (`edits:commit` through dispatch, as the IPC
 * handler calls it: validation, the library lookup, the outbox's `synchronous = FULL` transaction, the key's QA
 * recheck), over the large sync's library (100,000 keys × 10 languages in the full run). Arguments: the library
 * folder, the fake's endpoints as JSON, and how many commits to time. Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import type { KeyPage } from '../../common/contract';
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
const times: number[] = [];
for (const [index, keyId] of keys.entries()) {
  const started = performance.now();
  await call('edits:commit', { projectId: project.projectId, keyId, languageIso: target, value: `Bench edit ${index}: the quick brown fox` });
  times.push(performance.now() - started);
}
await core.close();
const sorted = [...times].sort((a, b) => a - b);
const at = (share: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0) * 100) / 100;
process.stdout.write(`${JSON.stringify({ commits: times.length, translations: project.keysTotal * project.languages.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) })}\n`);
