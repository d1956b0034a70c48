/**
 * The `edits` calls and `projects.contributor`, behind one service: it checks a commit against the library and the
 * cached `contributors/me`, keeps the outbox, settles conflicts, exports, and hands pushing to the push engine.
 *
 * The outbox lives in its own file and is opened here, independent of the library: when the library cannot be
 * opened (damaged, too new) or is forgotten, the edits are still there, listable and exportable.
 */
import type { Contributor, CoreApi, Edit, EditCounts, EditSummary, KeyPage, Resolution } from '../../../common/contract';
import { emptyEditCounts } from '../../../common/contract';
import { LocdeskError } from '../errors';
import type { LokaliseContributor } from '../lokalise/types';
import type { Logger } from '../log';
import type { LibraryStore } from '../store';
import { editError } from './edit-errors';
import { exportEdits, type ExportDependencies } from './edit-export';
import { normalizeValue, snapshotOfCell } from './edit-values';
import { Outbox, publicEdit, type OutboxEdit } from './outbox';
import type { PushEngine } from './push-engine';

type EditsApi = CoreApi['edits'];

/** What the service needs. */
export interface EditsServiceDependencies {
  readonly dataFolder: string;
  /** The library now (it can be rebuilt); throws `store.unavailable` when there is none. */
  readonly library: () => LibraryStore;
  /** Reads `contributors/me` from Lokalise. */
  readonly fetchContributor: (projectId: string) => Promise<LokaliseContributor>;
  readonly export: Omit<ExportDependencies, 'outbox'>;
  readonly onChanged: (projectIds: string[], overall: EditCounts) => void;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** How long a fetched `contributors/me` is used without asking Lokalise again. */
const contributorFreshMs = 10 * 60_000;

/** The edits service. */
export class EditsService {
  private outboxOrNull: Outbox | null = null;
  private outboxProblem: LocdeskError | null = null;
  private engine: PushEngine | null = null;
  private readonly now: () => number;

  public constructor(private readonly dependencies: EditsServiceDependencies) {
    this.now = dependencies.now ?? Date.now;
    try {
      this.outboxOrNull = Outbox.open(dependencies.dataFolder, this.now);
    } catch (error) {
      this.outboxProblem = error instanceof LocdeskError ? error : editError('edits.unavailable', undefined, { cause: error });
      dependencies.logger.warn('could not open the edits outbox', { error });
    }
  }

  /** The outbox, or the reason it cannot be used. */
  public outbox(): Outbox {
    if (this.outboxOrNull === null) throw this.outboxProblem ?? editError('edits.unavailable');
    return this.outboxOrNull;
  }

  /** Connects the push engine (built after the service, since it reports through it). */
  public attachEngine(engine: PushEngine): void {
    this.engine = engine;
  }

  /** Tells listeners that edits of these projects changed. */
  public changed(projectIds: readonly string[]): void {
    this.dependencies.onChanged([...new Set(projectIds)], this.outboxOrNull?.counts(null) ?? emptyEditCounts());
  }

  /** How many edits wait (every state): sign-out reports it, forget refuses on it. */
  public count(): number {
    return this.outboxOrNull?.counts(null).total ?? 0;
  }

  /** True when forgetting the library would lose edits that were never exported. */
  public hasUnexported(): boolean {
    return (this.outboxOrNull?.unexportedCount() ?? 0) > 0;
  }

  /** Discards every edit (forget with `discardEdits`). */
  public discardAll(): void {
    const removed = this.outboxOrNull?.removeAll() ?? 0;
    if (removed > 0) this.changed([]);
  }

  /** Lays each cell's edit over a key page, so the grid shows the pending value with its marker. */
  public overlay(page: KeyPage, projectId: string): KeyPage {
    if (this.outboxOrNull === null || page.items.length === 0) return page;
    const edits = this.outboxOrNull.list({ projectId, keyIds: page.items.map((item) => item.keyId) });
    if (edits.length === 0) return page;
    const byCell = new Map(edits.map((edit) => [`${edit.keyId}/${edit.languageIso}`, edit]));
    return {
      ...page,
      items: page.items.map((item) => ({
        ...item,
        translations: item.translations.map((cell) => {
          const edit = byCell.get(`${item.keyId}/${cell.languageIso}`);
          if (edit === undefined) return cell;
          return {
            ...cell,
            edit: { editId: edit.editId, state: edit.state, value: edit.value, pluralForms: edit.pluralForms, isReviewed: edit.isReviewed, isUnverified: edit.isUnverified },
          };
        }),
      })),
    };
  }

  /** The cached `contributors/me`, refreshed from Lokalise when stale and reachable; null when never fetched. */
  public async contributor(projectId: string): Promise<Contributor | null> {
    const cached = this.outboxOrNull?.contributor(projectId) ?? null;
    if (cached !== null && this.now() - cached.fetchedAt < contributorFreshMs) return cached;
    try {
      const me = await this.dependencies.fetchContributor(projectId);
      const fresh: Contributor = { languages: me.languages.map((language) => ({ ...language })), isReviewer: me.isReviewer, isAdmin: me.isAdmin, fetchedAt: this.now() };
      this.outboxOrNull?.saveContributor(projectId, fresh);
      return fresh;
    } catch (error) {
      // Offline, signed out or refused: the cached answer (possibly old) is better than none for deciding what to show.
      this.dependencies.logger.info('contributors/me not refreshed', { error });
      return cached;
    }
  }

  /** The `edits` calls. */
  public api(): EditsApi {
    return {
      commit: (input) => Promise.resolve().then(() => publicEdit(this.commit(input))),
      list: (projectId, filter) =>
        Promise.resolve(
          this.outbox()
            .list({ projectId, states: filter.states, keyIds: filter.keyIds, offset: filter.offset, limit: filter.limit })
            .map(publicEdit),
        ),
      summary: (projectId) => Promise.resolve(this.summary(projectId)),
      push: (projectId, editIds) => Promise.resolve().then(() => this.requireEngine().start(projectId, editIds)),
      cancelPush: () => Promise.resolve(this.requireEngine().cancel()),
      pushStatus: () => Promise.resolve(this.requireEngine().status()),
      resolve: (editId, resolution) => Promise.resolve().then(() => this.resolve(editId, resolution)),
      resolveMany: (editIds, kind) =>
        Promise.resolve().then(() => {
          let settled = 0;
          for (const editId of editIds) {
            const edit = this.outbox().get(editId);
            if (edit?.state !== 'conflict') continue;
            this.resolve(editId, { kind });
            settled += 1;
          }
          return settled;
        }),
      discard: (editIds) =>
        Promise.resolve().then(() => {
          const projects: string[] = [];
          let removed = 0;
          for (const editId of editIds) {
            const edit = this.outbox().get(editId);
            if (edit === null || edit.state === 'pushing') continue;
            if (this.outbox().remove(editId)) {
              removed += 1;
              projects.push(edit.projectId);
            }
          }
          if (removed > 0) this.changed(projects);
          return removed;
        }),
      confirmQa: (editIds) =>
        Promise.resolve().then(() => {
          const projects: string[] = [];
          for (const editId of editIds) {
            const edit = this.outbox().get(editId);
            if (edit === null) continue;
            const held = edit.state === 'held';
            this.outbox().update(editId, { qaConfirmed: true, ...(held ? { state: 'pending', reason: null, message: null } : {}) });
            projects.push(edit.projectId);
          }
          if (projects.length > 0) this.changed(projects);
          return projects.length;
        }),
      export: (projectId) => exportEdits({ ...this.dependencies.export, outbox: this.outbox() }, projectId),
    };
  }

  /** The push engine, which exists once the core is wired. */
  private requireEngine(): PushEngine {
    if (this.engine === null) throw editError('edits.unavailable');
    return this.engine;
  }

  private summary(projectId: string | null): EditSummary {
    const outbox = this.outbox();
    return { project: projectId === null ? null : outbox.counts(projectId), overall: outbox.counts(null), projects: outbox.countsByProject() };
  }

  private commit(input: Parameters<EditsApi['commit']>[0]): OutboxEdit {
    const outbox = this.outbox();
    const library = this.dependencies.library();
    const project = library.project(input.projectId);
    const key = project === null ? null : library.keyDetail(input.projectId, input.keyId);
    const language = project?.languages.find((entry) => entry.iso === input.languageIso);
    if (project === null || key === null || language === undefined) throw editError('edits.unknown_key');
    const rights = outbox.contributor(input.projectId);
    if (rights?.languages.find((entry) => entry.iso === input.languageIso)?.isWritable === false) throw editError('edits.read_only');
    const normalized = normalizeValue(input.value, key.isPlural, language.pluralForms);
    const edit = outbox.commit({
      projectId: input.projectId,
      keyId: input.keyId,
      languageIso: input.languageIso,
      keyName: key.name,
      isPlural: key.isPlural,
      value: normalized.value,
      pluralForms: normalized.pluralForms,
      isReviewed: input.isReviewed ?? null,
      isUnverified: input.isUnverified ?? null,
      base: snapshotOfCell(key.translations.find((cell) => cell.languageIso === input.languageIso)),
    });
    this.changed([input.projectId]);
    this.engine?.edited();
    return edit;
  }

  private resolve(editId: number, resolution: Resolution): Edit | null {
    const outbox = this.outbox();
    const edit = outbox.get(editId);
    if (edit === null) throw editError('edits.unknown_edit');
    if (edit.state === 'pushing') throw editError('edits.push_running');
    // Theirs becomes the new base for keep-mine and merged; without a known theirs the base stays.
    const newBase = edit.theirs ?? edit.base;
    if (resolution.kind === 'takeTheirs') {
      outbox.remove(editId);
      if (edit.theirs !== null) this.engine?.applyToLibrary(edit, edit.theirs);
      this.changed([edit.projectId]);
      return null;
    }
    let value: { value: string; pluralForms: Readonly<Record<string, string>> | null } = { value: edit.value, pluralForms: edit.pluralForms };
    if (resolution.kind === 'merged') {
      const forms = edit.pluralForms === null ? [] : Object.keys(edit.pluralForms);
      value = normalizeValue(resolution.value, edit.isPlural, forms);
    }
    const updated = outbox.update(editId, { state: 'pending', base: newBase, theirs: null, reason: null, message: null, value: value.value, pluralForms: value.pluralForms });
    this.changed([edit.projectId]);
    this.engine?.edited();
    return updated === null ? null : publicEdit(updated);
  }

  /** Closes the outbox file. */
  public close(): void {
    this.outboxOrNull?.close();
  }
}
