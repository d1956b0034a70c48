/**
 * Bench child: pushing edits with the rate limit on. Against a fake that enforces Lokalise's 6 requests per second,
 * it signs in through the core (consent page, Allow), syncs the project, commits `count` edits of distinct keys and
 * pushes them, timing the push from its start to its end. The push's floor is its requests at 6 per second, so
 * wall ÷ (requests ÷ 6 s) says how close to the limit it runs (1.0 = exactly at it). QA is off here, so every edit
 * is written. Arguments: the fake's endpoints as JSON, the edit count. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { KeyPage, PushStatus } from '../../common/contract';
import { QA_CHECK_IDS, type QaCheckId, type QaLevel } from '../../common/qa';
import { fakeEnvironment } from '../fake-lokalise/environment';
import type { FakeEndpoints } from '../fake-lokalise/server';
import { answerConsent } from '../fake-lokalise/testing';
import { composeCore } from '../support/core/edits-rig';

const [endpointsJson, countArgument = '1000'] = process.argv.slice(2);
if (endpointsJson === undefined) throw new Error('usage: push-child <endpoints JSON> [edits]');
const count = Number(countArgument);
const folder = mkdtempSync(join(tmpdir(), 'locdesk-bench-push-'));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
try {
  // The app's own pacing (6 requests/s, the default), not the tests' unthrottled setting.
  const { core, browser, call } = await composeCore(fakeEnvironment(JSON.parse(endpointsJson) as FakeEndpoints, false), folder, { config: { requestsPerSecond: 6, noAnswerTimeoutMs: 30_000 } });
  const opened = browser.nextUrl();
  const signingIn = core.api.auth.signIn();
  const { location } = await answerConsent(await opened, 'allow');
  await fetch(location ?? '', { redirect: 'manual' });
  await signingIn;
  const [project] = await core.api.projects.refresh();
  if (project === undefined) throw new Error('no project');
  await core.api.projects.setKeepOffline(project.projectId, true);
  await core.api.sync.start([project.projectId]);
  while ((await core.api.sync.status()).status === 'running') await sleep(50);
  await core.api.qa.updateSettings(project.projectId, { checks: Object.fromEntries(QA_CHECK_IDS.map((id) => [id, 'off'])) as Record<QaCheckId, QaLevel> });
  const summary = (await core.api.projects.list())[0];
  const target = summary?.languages.find((language) => language.iso !== summary.baseLanguageIso)?.iso ?? '';
  let committed = 0;
  for (let offset = 0; committed < count; offset += 500) {
    const page = await call<KeyPage>('keys:page', { projectId: project.projectId, sourceIso: summary?.baseLanguageIso ?? 'en', targetIsos: [target], offset, limit: 500 });
    if (page.items.length === 0) break;
    for (const item of page.items) {
      if (item.isPlural || committed >= count) continue;
      await call('edits:commit', { projectId: project.projectId, keyId: item.keyId, languageIso: target, value: `Pushed by the bench ${committed}` });
      committed += 1;
    }
  }
  // A full window with no request, so the push starts with the server's limit untouched.
  await sleep(1100);
  const started = performance.now();
  await call('edits:push', null, null);
  let status: PushStatus = await core.api.edits.pushStatus();
  while (status.status === 'running') {
    await sleep(20);
    status = await core.api.edits.pushStatus();
  }
  const wallMs = Math.round(performance.now() - started);
  await core.close();
  const boundMs = Math.round((status.requests / 6) * 1000);
  process.stdout.write(`${JSON.stringify({ edits: committed, pushed: status.pushed, status: status.status, requests: status.requests, wallMs, boundMs })}\n`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
