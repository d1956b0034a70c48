/**
 * Bench child: the project-wide QA scan over a synced library, in a fresh process. Argument: the library folder
 * (the large sync's, 100,000 keys × 10 languages in the full run). Optional second argument: worker threads (2).
 *
 * The scan runs as the app runs it after a sync: QaService on this process's main thread, the checks on worker
 * threads writing qa.sqlite. While it runs, `monitorEventLoopDelay` samples how late this process's event loop
 * turns: the main thread must stay free for the window, so its longest stall is the figure to watch beside the
 * scan's wall time. Prints one JSON line.
 */
import { readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { QaProgress } from '../../common/contract-qa';
import { silentLogger } from '../../main/core/log';
import { QaService } from '../../main/core/qa/qa-service';
import { LibraryStore } from '../../main/core/store';
import { MemoryKeyValueStore } from '../support/memory-ports';

const [folder, threadArgument = '2'] = process.argv.slice(2);
if (folder === undefined) throw new Error('usage: qa-scan-child <library folder> [threads]');

const store = LibraryStore.open(folder);
const [project] = store.listProjects().filter((entry) => entry.sync.status === 'ok');
if (project === undefined) throw new Error('the library holds no synced project');
const languages = project.languages.length;

const events: QaProgress[] = [];
const qa = new QaService({ library: () => store, settingsStore: new MemoryKeyValueStore(), onProgress: (progress) => events.push(progress), logger: silentLogger, threads: Number(threadArgument) });

/**
 * CPU time of this process's main thread alone (Linux: /proc/self/task/<pid>/stat, in clock ticks of 10 ms), or null
 * elsewhere. Beside the stall it tells the main thread's own work from time it waited for a CPU: when this is small
 * and the stall large, the stall was the machine's other work, not the scan's part on the main thread.
 */
function mainThreadCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${String(process.pid)}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
const started = performance.now();
const cpuBefore = process.cpuUsage();
const mainCpuBefore = mainThreadCpuMs();
qa.scan(project.projectId);
await qa.whenIdle();
const wallMs = Math.round(performance.now() - started);
// The process's CPU time covers every thread: on a loaded machine (wall far above CPU ÷ threads) it says what the
// scan itself costs.
const cpu = process.cpuUsage(cpuBefore);
const mainCpuAfter = mainThreadCpuMs();
delay.disable();

const last = events.at(-1);
if (last?.status !== 'done') throw new Error(`the scan ended ${last?.status ?? 'without a word'}: ${last?.message ?? ''}`);
const status = await qa.status(project.projectId, []);
const keys = last.total;
const translations = keys * Math.max(0, languages - 1);
store.close();
process.stdout.write(
  `${JSON.stringify({
    keys,
    translations,
    threads: Number(threadArgument),
    wallMs,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    translationsPerSecond: Math.round(translations / (wallMs / 1000)),
    mainLoopMaxStallMs: Math.round((delay.max / 1e6) * 10) / 10,
    mainLoopP99StallMs: Math.round((delay.percentile(99) / 1e6) * 10) / 10,
    mainThreadCpuMs: mainCpuBefore === null || mainCpuAfter === null ? null : mainCpuAfter - mainCpuBefore,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    progressEvents: events.length,
    keysWithIssues: status.counts.any,
    resultsFileMb: Math.round((statSync(LibraryStore.filesIn(folder).qaResults).size / 1e6) * 10) / 10,
  })}\n`,
);
