/**
 * The counts behind the grid's QA filter (issue 17, "main never blocks"), kept per project, snapshot generation and
 * languages until the project's results change.
 *
 * Counting reads every stored result of a project: at 100,000 keys in ten languages 0.3–2 s of work that froze the
 * window when the main thread did it right after a project opened. So a count runs on a thread (`count`, see
 * `countOnThread`) and is answered asynchronously, rather than as a SQL aggregate (SQLite has no bitwise-or
 * aggregate; sixteen `max(mask & bit)` per key row still read every row, well over the 20 ms a main-thread call may
 * take) or as counts kept by the scan threads (every range would have to merge per key across languages, for every
 * language set the menu asks for).
 *
 * A key checked again after an edit does not start a new count: its old and new masks adjust the kept counts in
 * place, to the numbers a fresh count gives, so typing in a cell never sets a thread counting.
 */
import { type QaCounts } from '../../../common/contract-qa';
import { QA_CHECK_IDS } from '../../../common/qa';

/** Counts a project's stored results of `generation` in `isos` (every language when empty). */
export type CountResults = (projectId: string, generation: number, isos: readonly string[]) => Promise<QaCounts>;

interface Kept {
  readonly projectId: string;
  readonly generation: number;
  readonly isos: readonly string[];
  counts: QaCounts;
}

/** The union of `masks` over `isos` (every language when empty). */
function unionOf(masks: ReadonlyMap<string, number>, isos: readonly string[]): number {
  let union = 0;
  for (const [iso, mask] of masks) if (isos.length === 0 || isos.includes(iso)) union |= mask;
  return union;
}

/** `counts` with one key's union mask moved from `before` to `after`. */
function moved(counts: QaCounts, before: number, after: number): QaCounts {
  const byCheck = { ...counts.byCheck };
  QA_CHECK_IDS.forEach((id, index) => {
    const bit = 2 ** index;
    byCheck[id] += (after & bit ? 1 : 0) - (before & bit ? 1 : 0);
  });
  return { any: counts.any + (after !== 0 ? 1 : 0) - (before !== 0 ? 1 : 0), byCheck };
}

/** Counts kept until the results they were made from change. */
export class QaCountsCache {
  private readonly kept = new Map<string, Kept>();
  /** Counts being made, by cache key, with the version of the project's results they started from. */
  private readonly running = new Map<string, { readonly version: string; readonly counted: Promise<QaCounts> }>();
  /** Per project, how many times its results changed; with `epoch`, tells a count that raced with a change. */
  private readonly changes = new Map<string, number>();
  private epoch = 0;

  public constructor(private readonly count: CountResults) {}

  private version(projectId: string): string {
    return `${String(this.epoch)}:${String(this.changes.get(projectId) ?? 0)}`;
  }

  /**
   * The counts, kept or counted now. Two asks for the same counts while one is being made share it. A count that
   * the project's results changed under is answered (it was true when asked) but not kept.
   */
  public get(projectId: string, generation: number, isos: readonly string[]): Promise<QaCounts> {
    const cacheKey = `${projectId}\u0000${String(generation)}\u0000${isos.join(',')}`;
    const kept = this.kept.get(cacheKey);
    if (kept !== undefined) return Promise.resolve(kept.counts);
    const version = this.version(projectId);
    const running = this.running.get(cacheKey);
    if (running !== undefined && running.version === version) return running.counted;
    const counted = this.count(projectId, generation, isos)
      .then((counts) => {
        if (this.version(projectId) === version) this.kept.set(cacheKey, { projectId, generation, isos: [...isos], counts });
        return counts;
      })
      .finally(() => {
        if (this.running.get(cacheKey)?.counted === counted) this.running.delete(cacheKey);
      });
    this.running.set(cacheKey, { version, counted });
    return counted;
  }

  /** Forgets the project's counts (a scan stored a range, or finished). */
  public changed(projectId: string): void {
    this.changes.set(projectId, (this.changes.get(projectId) ?? 0) + 1);
    for (const [cacheKey, kept] of this.kept) if (kept.projectId === projectId) this.kept.delete(cacheKey);
  }

  /**
   * One key's stored masks went from `before` to `after` (by language, in `generation`): the kept counts of that
   * generation follow, when the key is one the counts include (neither archived nor hidden). Counts being made
   * meanwhile are answered but not kept, as after any change.
   */
  public keyChanged(projectId: string, generation: number, before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>, counted: boolean): void {
    this.changes.set(projectId, (this.changes.get(projectId) ?? 0) + 1);
    if (!counted) return;
    for (const kept of this.kept.values()) {
      if (kept.projectId === projectId && kept.generation === generation) kept.counts = moved(kept.counts, unionOf(before, kept.isos), unionOf(after, kept.isos));
    }
  }

  /** Forgets every count ("forget offline data" restarts the generation numbers they are kept by). */
  public clear(): void {
    this.epoch += 1;
    this.kept.clear();
  }
}
