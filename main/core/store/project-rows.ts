/**
 * The project list as the library keeps it: what Lokalise last reported for each project, the user's "keep
 * offline" choice, whether the user can still see the project, and the facts of its last sync.
 */
import type { Language, ProjectSummary, SyncFacts } from '../../../common/contract';
import type { LokaliseProject, LokaliseTeam } from '../lokalise/types';
import type { Connection } from './connection';
import { cachedStatement } from './statements';

type Row = Record<string, unknown>;

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function nullableNumber(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Saves projects from Lokalise. With `complete` (a full project list), projects that disappeared from it are
 * marked `lost`, never deleted.
 */
export function saveProjectList(connection: Connection, projects: readonly LokaliseProject[], teams: readonly LokaliseTeam[], now: number, complete = true): void {
  const upsert = connection.prepare(
    `INSERT INTO projects (project_id, name, description, base_language_id, base_language_iso, team_id, created_at, progress_total,
       keys_total, language_progress, access, listed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', ?)
     ON CONFLICT (project_id) DO UPDATE SET name = excluded.name, description = excluded.description,
       base_language_id = excluded.base_language_id, base_language_iso = excluded.base_language_iso, team_id = excluded.team_id,
       created_at = excluded.created_at, progress_total = excluded.progress_total, keys_total = excluded.keys_total,
       language_progress = excluded.language_progress, access = 'ok', listed_at = excluded.listed_at`,
  );
  const upsertTeam = connection.prepare('INSERT INTO teams (team_id, name) VALUES (?, ?) ON CONFLICT (team_id) DO UPDATE SET name = excluded.name');
  connection.transaction(() => {
    for (const team of teams) upsertTeam.run(team.teamId, team.name);
    for (const project of projects) {
      upsert.run(
        project.projectId, project.name, project.description, project.baseLanguageId, project.baseLanguageIso, project.teamId,
        project.createdAt, project.progressTotal, project.keysTotal, JSON.stringify(project.languages), now,
      );
    }
    if (!complete) return;
    const seen = new Set(projects.map((project) => project.projectId));
    const known = connection.prepare('SELECT project_id FROM projects').raw(true).all() as [string][];
    const markLost = connection.prepare("UPDATE projects SET access = 'lost' WHERE project_id = ?");
    for (const [projectId] of known) if (!seen.has(projectId)) markLost.run(projectId);
  })();
}

/** Ensures a row exists for a project about to be synced (e.g. when its list entry predates this library). */
export function ensureProject(connection: Connection, project: LokaliseProject): void {
  saveProjectList(connection, [project], [], Date.now(), false);
}

/** Marks a project as no longer visible to the user; its offline data stays browsable. */
export function markAccessLost(connection: Connection, projectId: string): void {
  connection.prepare("UPDATE projects SET access = 'lost' WHERE project_id = ?").run(projectId);
}

/** Records the user's choice to keep a project offline; false when the project is unknown. */
export function setKeepOffline(connection: Connection, projectId: string, keep: boolean): boolean {
  return connection.prepare('UPDATE projects SET keep_offline = ? WHERE project_id = ?').run(keep ? 1 : 0, projectId).changes > 0;
}

/** Records a sync that did not complete; the previous snapshot and its "last synced" time stay. */
export function recordSyncOutcome(connection: Connection, projectId: string, status: 'failed' | 'cancelled' | 'running', message: string | null): void {
  connection
    .prepare(
      `INSERT INTO sync_facts (project_id, status, last_error) VALUES (?, ?, ?)
       ON CONFLICT (project_id) DO UPDATE SET status = excluded.status, last_error = excluded.last_error`,
    )
    .run(projectId, status, message);
}

/** The ids of projects marked "keep offline" that the user can still access. */
export function keptOfflineProjectIds(connection: Connection): string[] {
  return (connection.prepare("SELECT project_id FROM projects WHERE keep_offline = 1 AND access = 'ok' ORDER BY name").raw(true).all() as [string][]).map(
    (row) => row[0],
  );
}

function languagesOf(connection: Connection, projectId: string, generation: number, progressJson: string): Language[] {
  const progress = new Map<string, number>();
  // Before the first sync the languages are known only from the project's statistics, with Lokalise's own ids.
  const listed: { langId: number; iso: string; progress: number }[] = [];
  try {
    for (const entry of JSON.parse(progressJson) as { iso?: unknown; progress?: unknown; languageId?: unknown }[]) {
      if (typeof entry.iso !== 'string' || typeof entry.progress !== 'number') continue;
      progress.set(entry.iso, entry.progress);
      if (typeof entry.languageId === 'number') listed.push({ langId: entry.languageId, iso: entry.iso, progress: entry.progress });
    }
  } catch {
    // A malformed progress list only loses the percentages.
  }
  const rows = connection
    .prepare('SELECT lang_id, iso, name, is_rtl, plural_forms FROM languages WHERE project_id = ? AND generation = ? ORDER BY position')
    .raw(true)
    .all(projectId, generation) as [number, string, string, number, string][];
  if (rows.length === 0) {
    return listed.map(({ langId, iso, progress: value }) => ({ langId, iso, name: iso, isRtl: false, pluralForms: [], progress: value }));
  }
  return rows.map(([langId, iso, name, isRtl, pluralForms]) => ({
    langId,
    iso,
    name,
    isRtl: isRtl === 1,
    pluralForms: JSON.parse(pluralForms) as string[],
    progress: progress.get(iso) ?? null,
  }));
}

function syncFacts(row: Row): SyncFacts {
  const status = text(row.status);
  return {
    status: status === 'ok' || status === 'failed' || status === 'cancelled' || status === 'running' ? status : 'never',
    lastSyncedAt: nullableNumber(row.last_synced_at),
    durationMs: nullableNumber(row.duration_ms),
    keyCount: numberOr(row.key_count, 0),
    translationCount: numberOr(row.translation_count, 0),
    lastError: typeof row.last_error === 'string' ? row.last_error : null,
    changes:
      row.kind === 'incremental'
        ? { updated: numberOr(row.keys_updated, 0), added: numberOr(row.keys_added, 0), removed: numberOr(row.keys_removed, 0) }
        : null,
  };
}

function summary(connection: Connection, row: Row): ProjectSummary {
  const projectId = text(row.project_id);
  const languages = languagesOf(connection, projectId, numberOr(row.generation, 0), text(row.language_progress));
  return {
    projectId,
    name: text(row.name),
    description: text(row.description),
    baseLanguageIso: typeof row.base_language_iso === 'string' ? row.base_language_iso : null,
    teamId: nullableNumber(row.team_id),
    teamName: typeof row.team_name === 'string' ? row.team_name : null,
    keysTotal: numberOr(row.keys_total, 0),
    languageCount: languages.length,
    progressPercent: Math.min(100, Math.max(0, numberOr(row.progress_total, 0))),
    languages,
    keepOffline: row.keep_offline === 1,
    access: row.access === 'lost' ? 'lost' : 'ok',
    sync: syncFacts(row),
  };
}

const summarySql = `SELECT p.*, t.name AS team_name, s.status, s.last_synced_at, s.duration_ms, s.key_count, s.translation_count, s.last_error,
    s.kind, s.keys_updated, s.keys_added, s.keys_removed
  FROM projects p LEFT JOIN teams t ON t.team_id = p.team_id LEFT JOIN sync_facts s ON s.project_id = p.project_id`;

/** Every project in the library, by name. */
export function listProjectSummaries(connection: Connection): ProjectSummary[] {
  return (connection.prepare(`${summarySql} ORDER BY p.name COLLATE NOCASE, p.project_id`).all() as Row[]).map((row) => summary(connection, row));
}

/** One project, or null. */
export function projectSummary(connection: Connection, projectId: string): ProjectSummary | null {
  const row = connection.prepare(`${summarySql} WHERE p.project_id = ?`).get(projectId) as Row | undefined;
  return row === undefined ? null : summary(connection, row);
}

/** The generation readers see for a project, or null when the project is unknown. */
export function currentGeneration(connection: Connection, projectId: string): number | null {
  // Every read of a project's keys starts here: the statement is kept (statements.ts).
  const row = cachedStatement(connection, 'SELECT generation FROM projects WHERE project_id = ?', true).get(projectId) as [number] | undefined;
  return row?.[0] ?? null;
}
