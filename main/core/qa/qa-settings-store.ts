/**
 * Each project's QA settings (which checks run, at which severity), kept in the preferences store under one key,
 * `qaSettings`, as `{ [projectId]: settings }`. Not in qa.sqlite: that file is derived data and may be set aside
 * when damaged, while a translator's choice of checks must survive it. Stored settings are read leniently (see
 * common/qa/settings.ts), so settings written by another version of Locdesk always load.
 */
import { defaultQaSettings, readQaSettings, type QaSettings } from '../../../common/qa';
import type { KeyValueStore } from '../ports';

const storageKey = 'qaSettings';

/** Reads and writes per-project QA settings. */
export class QaSettingsStore {
  public constructor(private readonly store: KeyValueStore) {}

  private all(): Record<string, unknown> {
    const stored = this.store.get(storageKey);
    return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  }

  /** The project's settings; the defaults until someone changes them. */
  public get(projectId: string): QaSettings {
    const stored = this.all()[projectId];
    return stored === undefined ? defaultQaSettings() : readQaSettings(stored);
  }

  /** Stores the project's settings and answers them as they will be read back. */
  public set(projectId: string, settings: QaSettings): QaSettings {
    const next = readQaSettings(settings);
    this.store.set(storageKey, { ...this.all(), [projectId]: next });
    return next;
  }
}
