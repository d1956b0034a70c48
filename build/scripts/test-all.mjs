#!/usr/bin/env node
// `npm test`: every check and every test tier, in order, with one tally at the end.
//
// Steps: typecheck (node + web), lint, the workflow lint (actionlint), vitest (unit + component + electron-edge),
// build, Playwright end-to-end in Chromium, the `_electron` suite (skipped with one clear line where no Electron
// binary exists), and the packaging smoke test (Linux only; skipped with one line elsewhere) with the build
// scripts' own node:test suites, then the quick benchmark. The last line is `N passed, N failed`, counting every test
// of every tier; a failing check (typecheck, lint, build) counts as a failure too, so the line can never read
// "0 failed" over a broken tree.
//
// It runs the same on Linux, macOS and Windows (the release workflow runs it on all three): tools are started through
// this Node and their package's own script (node-bin.mjs), never through `npx` or a shell.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { binCommand, npmCommand } from './node-bin.mjs';

const root = join(import.meta.dirname, '..', '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

/** @type {{ step: string; passed: number; failed: number; skipped: number; note?: string }[]} */
const tally = [];

function run(step, command, args, options = {}) {
  process.stdout.write(`\n=== ${step}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: options.shell ?? false, env: { ...process.env, ...options.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`=== ${step}: exit ${outcome.status ?? outcome.signal} in ${seconds}s\n`);
  return outcome.status === 0;
}

function check(step, command, args, options = {}) {
  const ok = run(step, command, args, options);
  tally.push({ step, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, note: 'check' });
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function vitestTier() {
  const report = join(results, 'vitest.json');
  const vitest = binCommand('vitest', 'vitest', ['run', '--mode', 'test', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  const ok = run('vitest', vitest.command, vitest.args);
  const json = readJson(report);
  if (json === null) {
    tally.push({ step: 'vitest', passed: 0, failed: 1, skipped: 0, note: 'no report written' });
    return;
  }
  const failed = json.numFailedTests + (ok || json.numFailedTests > 0 ? 0 : 1);
  tally.push({ step: 'vitest', passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests });
}

function countPlaywright(suites, counts) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'skipped') counts.skipped += 1;
        else if (test.status === 'expected' || test.status === 'flaky') counts.passed += 1;
        else counts.failed += 1;
      }
    }
    countPlaywright(suite.suites, counts);
  }
}

function playwrightTier(step, configFile) {
  if (!existsSync(join(root, configFile))) {
    tally.push({ step, passed: 0, failed: 1, skipped: 0, note: `${configFile} is missing` });
    return;
  }
  const report = join(results, `${step}.json`);
  const playwright = binCommand('@playwright/test', 'playwright', ['test', '-c', configFile, '--reporter=list,json']);
  const ok = run(step, playwright.command, playwright.args, {
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: report },
  });
  const json = readJson(report);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (json !== null) countPlaywright(json.suites, counts);
  if (!ok && counts.failed === 0) counts.failed = 1;
  tally.push({ step, ...counts });
}

function checkBin(step, packageName, bin, args) {
  const { command, args: fullArgs } = binCommand(packageName, bin, args);
  return check(step, command, fullArgs);
}

checkBin('typecheck (common, runtime-neutral)', 'typescript', 'tsc', ['-p', 'tsconfig.common.json']);
checkBin('typecheck (main, preload, tests)', 'typescript', 'tsc', ['-p', 'tsconfig.node.json']);
checkBin('typecheck (renderer)', 'typescript', 'tsc', ['-p', 'tsconfig.web.json']);
checkBin('lint', 'eslint', 'eslint', ['.']);
checkBin('import circles (dependency-cruiser)', 'dependency-cruiser', 'depcruise', ['main', 'common', 'preload', 'renderer', 'test', 'build', '--config', '.dependency-cruiser.cjs']);
check('workflow lint (actionlint)', process.execPath, [join('build', 'scripts', 'lint-workflows.mjs')]);
vitestTier();
function nodeTestTier(step, files) {
  const outcome = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...files], { cwd: root, encoding: 'utf8', env: process.env });
  process.stdout.write(`\n=== ${step}: node --test ${files.join(' ')}\n${outcome.stdout.split('\n').filter((line) => /^(not )?ok |^# /.test(line.trim())).join('\n')}\n`);
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(outcome.stdout)?.[1] ?? 0);
  const failed = count('fail') + count('cancelled') + (outcome.status !== 0 && count('fail') === 0 ? 1 : 0);
  tally.push({ step, passed: count('pass'), failed, skipped: count('skipped') + count('todo') });
}

// The quick benchmark runs so that it cannot rot; its figures are reported, never judged here (targets belong to
// the full run, see docs/benchmarks.md). It counts as one check: it must finish and print every summary field as a number
// (or, for the pass/fail fields, as a boolean).
function benchTier() {
  const step = 'bench --quick';
  process.stdout.write(`\n=== ${step}: tsx test/bench/run.ts --quick\n`);
  const tsx = binCommand('tsx', 'tsx', [join('test', 'bench', 'run.ts'), '--quick']);
  const outcome = spawnSync(tsx.command, tsx.args, { cwd: root, encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(`${outcome.stdout}${outcome.stderr}`);
  const fields = ['sync_throttled_ratio_to_bound', 'sync_unthrottled_ratio_to_sdk_fetch', 'search_p50_ms', 'search_p95_ms', 'bare_fts_p95_ms', 'first_page_ms', 'peak_rss_mb', 'translations', 'renderer_js_gzip_kb', 'qa_project_1m_s', 'qa_scan_main_loop_max_stall_ms'];
  let summary = null;
  try {
    summary = JSON.parse(outcome.stdout.trim().split('\n').at(-1) ?? '');
  } catch {
    summary = null;
  }
  const flags = ['sync_429_storm_ok'];
  const missing =
    summary === null
      ? [...fields, ...flags]
      : [...fields.filter((field) => typeof summary[field] !== 'number' || !Number.isFinite(summary[field])), ...flags.filter((flag) => typeof summary[flag] !== 'boolean')];
  const ok = outcome.status === 0 && missing.length === 0;
  tally.push({ step, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, note: ok ? 'check' : `missing: ${missing.join(', ') || 'exit ' + outcome.status}` });
}

const npmBuild = npmCommand(['run', 'build']);
const built = check('build', npmBuild.command, npmBuild.args, { shell: npmBuild.shell });
if (built) {
  playwrightTier('e2e-chromium', 'playwright.config.ts');
  playwrightTier('electron', 'test/electron/playwright.electron.config.ts');
  if (process.platform !== 'linux') {
    process.stdout.write('\n=== packaging smoke test: skipped, it packs a Linux dir build and runs on Linux only (the release workflow builds real installers here instead)\n');
    tally.push({ step: 'packaging smoke test', passed: 0, failed: 0, skipped: 1, note: 'Linux only' });
  } else if (existsSync(join(root, 'build/scripts/package-smoke.mjs'))) {
    check('packaging smoke test', process.execPath, [join('build', 'scripts', 'package-smoke.mjs')]);
  }
  const scriptTests = readdirSync(join(root, 'build', 'scripts')).filter((name) => name.endsWith('.test.mjs'));
  if (scriptTests.length > 0) nodeTestTier('build-script tests', scriptTests.map((name) => join('build', 'scripts', name)));
  benchTier();
} else {
  tally.push({ step: 'end-to-end tiers', passed: 0, failed: 1, skipped: 0, note: 'not run: the build failed' });
}

process.stdout.write('\n=== Summary\n');
for (const row of tally) {
  const note = row.note === undefined ? '' : ` (${row.note})`;
  process.stdout.write(`${row.step.padEnd(34)} ${row.passed} passed, ${row.failed} failed, ${row.skipped} skipped${note}\n`);
}
const passed = tally.reduce((sum, row) => sum + row.passed, 0);
const failed = tally.reduce((sum, row) => sum + row.failed, 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
