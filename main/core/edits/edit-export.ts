/**
 * Exports what is not on Lokalise yet (pending, conflicting, orphaned, rejected and held edits) as a JSON file the
 * translator can keep or send. The path comes only from main's save dialog (the `SaveFileDialog` port): the
 * renderer never names a file. Exported edits are marked, so "forget local data" knows they are safe.
 */
import { writeFile } from 'node:fs/promises';
import type { EditExportResult } from '../../../common/contract';
import type { SaveFileDialog } from '../ports';
import { editError } from './edit-errors';
import type { Outbox, OutboxEdit } from './outbox';

/** What an export needs. */
export interface ExportDependencies {
  readonly outbox: Outbox;
  readonly dialog: SaveFileDialog;
  /** The project's name for the file, or null when unknown. */
  readonly projectName: (projectId: string) => string | null;
  readonly now?: () => number;
}

/** One exported edit: enough to redo it by hand in Lokalise. */
export interface ExportedEdit {
  readonly project: { readonly id: string; readonly name: string | null };
  readonly key: { readonly id: number; readonly name: string };
  readonly language: string;
  readonly state: string;
  readonly reason: string | null;
  readonly message: string | null;
  readonly mine: string | Readonly<Record<string, string>>;
  readonly base: string | Readonly<Record<string, string>>;
  readonly theirs: string | Readonly<Record<string, string>> | null;
  readonly theirsModifiedBy: string | null;
  readonly editedAt: string;
}

/** The file's content for `edits` (pure, for tests). */
export function exportDocument(edits: readonly OutboxEdit[], projectName: (projectId: string) => string | null, now: number): object {
  const entries: ExportedEdit[] = edits.map((edit) => ({
    project: { id: edit.projectId, name: projectName(edit.projectId) },
    key: { id: edit.keyId, name: edit.keyName },
    language: edit.languageIso,
    state: edit.state,
    reason: edit.reason,
    message: edit.message,
    mine: edit.pluralForms ?? edit.value,
    base: edit.base.pluralForms ?? edit.base.value,
    theirs: edit.theirs === null ? null : (edit.theirs.pluralForms ?? edit.theirs.value),
    theirsModifiedBy: edit.theirs?.modifiedBy ?? null,
    editedAt: new Date(edit.updatedAt).toISOString(),
  }));
  return { format: 'locdesk-edits', version: 1, exportedAt: new Date(now).toISOString(), count: entries.length, edits: entries };
}

/** Asks where to save, writes the file, marks the edits exported. */
export async function exportEdits(dependencies: ExportDependencies, projectId: string | null): Promise<EditExportResult> {
  const now = (dependencies.now ?? Date.now)();
  const edits = dependencies.outbox.list({ projectId });
  const day = new Date(now).toISOString().slice(0, 10);
  const path = await dependencies.dialog.choosePath({
    title: 'Export edits',
    defaultName: `locdesk-edits-${day}.json`,
    filters: [{ name: 'JSON', extensions: ['json'] }],
  });
  if (path === null) return { cancelled: true, path: null, count: 0 };
  try {
    await writeFile(path, `${JSON.stringify(exportDocument(edits, dependencies.projectName, now), null, 2)}\n`, 'utf8');
  } catch (error) {
    throw editError('edits.export_failed', undefined, { cause: error });
  }
  dependencies.outbox.markExported(edits.map((edit) => edit.editId));
  return { cancelled: false, path, count: edits.length };
}
