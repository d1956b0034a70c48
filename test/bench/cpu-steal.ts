/**
 * The share of CPU time the hypervisor gave to other guests ("steal") while a trial ran, read from Linux's
 * /proc/stat. On the shared 2-core VM this bench runs on, steal went from 0 to over 30% between runs of the same
 * code, and the two sync ratios move with it (a latency-bound SDK fetch suffers more than a CPU-bound sync), so
 * every trial records it beside its timings: a reader can then tell a change in the code from a change in the
 * machine. Reported only; nothing is corrected for it.
 */
import { readFileSync } from 'node:fs';

/** Cumulative CPU time over all cores, in clock ticks: the stolen part and the total. */
export interface CpuTimes {
  readonly steal: number;
  readonly total: number;
}

/**
 * Reads the aggregate `cpu` line of a /proc/stat text (user nice system idle iowait irq softirq steal …). Guest
 * time is already counted in user and nice, so it is left out of the total. Null when the line is missing.
 */
export function parseCpuTimes(procStat: string): CpuTimes | null {
  const line = procStat.split('\n').find((entry) => entry.startsWith('cpu '));
  if (line === undefined) return null;
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 8 || fields.some((value) => !Number.isFinite(value))) return null;
  return { steal: fields[7] ?? 0, total: fields.reduce((sum, value) => sum + value, 0) };
}

/** The machine's CPU times now; null where /proc/stat does not exist (macOS, Windows). */
export function readCpuTimes(): CpuTimes | null {
  try {
    return parseCpuTimes(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** Stolen time between two readings as a percentage of all CPU time, one decimal; null if either is missing. */
export function stealPercent(before: CpuTimes | null, after: CpuTimes | null): number | null {
  if (before === null || after === null) return null;
  const total = after.total - before.total;
  if (total <= 0) return null;
  return Math.round(((after.steal - before.steal) / total) * 1000) / 10;
}

/** Runs `work` and returns its result with the steal percentage measured over it. */
export async function withSteal<T>(work: () => Promise<T>): Promise<T & { stealPercent: number | null }> {
  const before = readCpuTimes();
  const result = await work();
  return { ...result, stealPercent: stealPercent(before, readCpuTimes()) };
}
