/**
 * Runs the read path of a project's first screen once, in the background, before the translator opens a project.
 *
 * Why: the first `keys:page` after start costs 60–200 ms on main at 100k keys where a warm one costs a few ms. The
 * difference is not the data (the files are in the OS's cache after a sync) but first use: V8 runs the query,
 * overlay and result-check code cold, SQLite prepares statements and reads the b-tree pages into the connection's
 * cache. In the app the window takes far longer than that to load, and main is idle meanwhile; spending that idle
 * time here means the translator's first page arrives warm.
 *
 * It goes through `dispatchCall`, as a renderer's call would, so the contract's schemas are exercised too, and it
 * yields to the event loop between its steps so a call arriving meanwhile waits for one step at most.
 */
import type { CoreApi, ProjectSummary } from '../../common/contract';
import { checkTranslation, type QaInput } from '../../common/qa';
import { dispatchCall } from './dispatch';
import type { Logger } from './log';

/** How many rows the warm-up page reads: about what a first screen shows. */
const warmUpRows = 50;

/**
 * A search that matches nothing in any library (a made-up word of letters): it takes a search's own path (the
 * query's words cut by the index's tokenizer, looked up in the word list, the index asked) without caching an
 * answer any real search would use. It has a letter beyond ASCII, so its words are cut by SQLite's tokenizer rather
 * than in JavaScript (search-vocabulary.ts): the first such search sets that up (temporary tables, statements), which
 * cost the translator's first search in another script (Japanese, Chinese, an accented word) 1.5–2 ms more.
 */
export const warmUpSearch = 'qxwärmupzq';

/**
 * A made-up translation into `iso` that trips the QA checks with one-time costs: over its character limit with a
 * character that counts as several (the first grapheme segmenter: ICU's data, 25–45 ms the first time), placeholders,
 * a URL, a double space, a number; and each language's plural rules are looked up once.
 */
export function warmUpTranslation(sourceIso: string, iso: string): QaInput {
  return {
    sourceLanguage: sourceIso,
    targetLanguage: iso,
    source: 'Open {name} at https://example.com/help — 100% of {count} files.',
    target: 'Öffne  {name} auf https://example.com/hilfe e\u0301 👍🏽 — 100 % von {count} Dateien!',
    isPlural: false,
    charLimit: 8,
  };
}

/** Runs the QA checks once per language of `isos` (see warmUpTranslation): a page's QA overlay runs them on its flagged rows. */
export function warmQaChecks(sourceIso: string, isos: readonly string[]): void {
  for (const iso of isos) checkTranslation(warmUpTranslation(sourceIso, iso));
}

/** The project a translator most likely opens first: the largest one kept offline, else the largest. */
export function projectToWarm(projects: readonly ProjectSummary[]): ProjectSummary | null {
  const synced = projects.filter((project) => project.sync.keyCount > 0);
  const kept = synced.filter((project) => project.keepOffline);
  const pool = kept.length > 0 ? kept : synced;
  return [...pool].sort((a, b) => b.sync.keyCount - a.sync.keyCount)[0] ?? null;
}

/**
 * Reads one first page (then the detail of its first key, and a second page by its cursor) of the project
 * `projectToWarm` picks, with up to three target languages, runs the QA checks once per language of the project
 * (warmQaChecks), and last a search (warmUpSearch), which also waits for the project's search arrays (read on a
 * thread). `isClosed` is asked between steps, so a core closing meanwhile stops it. Never throws: a failure here
 * only means the first real call is cold, and is logged.
 */
export async function warmReadPath(api: CoreApi, isClosed: () => boolean, logger: Logger): Promise<void> {
  const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  try {
    await nextTurn();
    if (isClosed()) return;
    const listed = await dispatchCall(api, 'projects:list', []);
    if (!listed.ok) return;
    const project = projectToWarm(listed.value as ProjectSummary[]);
    if (project === null) return;
    const sourceIso = project.baseLanguageIso ?? project.languages[0]?.iso ?? 'en';
    const targetIsos = project.languages.map((language) => language.iso).filter((iso) => iso !== sourceIso).slice(0, 3);
    const query = { projectId: project.projectId, sourceIso, targetIsos, limit: warmUpRows };
    await nextTurn();
    if (isClosed()) return;
    const first = await dispatchCall(api, 'keys:page', [query]);
    if (!first.ok) return;
    // The detail of a key is the next thing a translator asks for (a click on a row): its read, its QA and edits
    // overlays over every language, and its reply's check run once here instead of on that click.
    const firstKey = (first.value as { items: { keyId: number }[] }).items[0];
    if (firstKey !== undefined) {
      await nextTurn();
      if (isClosed()) return;
      await dispatchCall(api, 'keys:detail', [project.projectId, firstKey.keyId]);
    }
    const cursor = (first.value as { cursor?: unknown }).cursor;
    if (cursor !== undefined && cursor !== null) {
      await nextTurn();
      if (isClosed()) return;
      await dispatchCall(api, 'keys:page', [{ ...query, offset: warmUpRows, after: cursor }]);
    }
    await nextTurn();
    if (isClosed()) return;
    warmQaChecks(sourceIso, project.languages.map((language) => language.iso));
    await nextTurn();
    if (isClosed()) return;
    await dispatchCall(api, 'keys:page', [{ ...query, search: warmUpSearch }]);
  } catch (error) {
    logger.warn('the read path could not be warmed up', { error });
  }
}
