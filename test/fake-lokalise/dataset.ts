/**
 * The fake's data: projects, languages, keys and translations, generated on demand from a seed.
 *
 * Nothing per key is stored up front, so a 100,000-key project with ten languages costs almost no memory; key
 * `index` of project `p` is always the same key. Tests mutate the data through small overlays (deleted keys,
 * revoked projects) to simulate changes on the server between two syncs.
 */
import { hashIntegers, Sequence, unitAt } from './random';
import { drawTemplate, renderPluralForm, renderText, type TextTemplate } from './text';
import { keyNameParts, languageSpecs, platformNames, tagNames, type FakeLanguageSpec } from './vocabulary';

/** How much data to generate. */
export interface DatasetOptions {
  readonly seed?: number;
  readonly projects?: number;
  readonly keysPerProject?: number;
  /** Languages per project, base included: 4 to 10 (en, ar, ja, zh_CN, then de, fr, ru, es, pt_BR, ko). */
  readonly languages?: number;
}

/** A generated project. */
export interface FakeProject {
  readonly index: number;
  readonly projectId: string;
  readonly name: string;
  readonly description: string;
  readonly teamId: number;
  readonly createdAt: number;
  readonly languages: readonly FakeLanguageSpec[];
  readonly keyCount: number;
}

/** A generated translation; `plural` holds the forms when the key is plural. */
export interface FakeTranslation {
  readonly translationId: number;
  readonly keyId: number;
  readonly language: FakeLanguageSpec;
  readonly value: string;
  readonly plural: Readonly<Record<string, string>> | null;
  readonly isReviewed: boolean;
  readonly isUnverified: boolean;
  readonly modifiedAt: number;
  /** Who last changed it, when not the generated data's reviewer (a write, or a test's "other user"). */
  readonly modifiedBy?: FakeUser;
}

/** A Lokalise user, as `modified_by` and `modified_by_email` name them. */
export interface FakeUser {
  readonly userId: number;
  readonly email: string;
}

/** A change to one translation made through the fake's write side or by a test's "other user". */
export interface TranslationChange {
  /** The new value; absent keeps the current one (a flags-only change). */
  readonly value?: TranslationValue;
  readonly isReviewed?: boolean;
  readonly isUnverified?: boolean;
  /** Unix seconds. */
  readonly modifiedAt: number;
  readonly modifiedBy?: FakeUser;
}

/** A generated key with its translations in every language of its project. */
export interface FakeKey {
  readonly keyId: number;
  readonly index: number;
  readonly keyNames: { readonly ios: string; readonly android: string; readonly web: string; readonly other: string };
  readonly description: string;
  readonly platforms: readonly string[];
  readonly tags: readonly string[];
  readonly isPlural: boolean;
  readonly pluralName: string;
  readonly isHidden: boolean;
  readonly isArchived: boolean;
  readonly context: string;
  readonly charLimit: number;
  readonly createdAt: number;
  /** When anything about the key last changed: its own fields (see `editKey`) or any of its translations. */
  readonly modifiedAt: number;
  /** When any of its translations last changed; an edit of the key's own fields leaves it alone, as on Lokalise. */
  readonly translationsModifiedAt: number;
  readonly translations: readonly FakeTranslation[];
}

/** The fields of a key a test can change on the "server" (a rename is a change of `keyNames`). */
export interface KeyChanges {
  readonly keyNames?: FakeKey['keyNames'];
  readonly description?: string;
  readonly context?: string;
  readonly tags?: readonly string[];
}

interface KeyEdit extends KeyChanges {
  readonly modifiedAt: number;
}

/** Review state of one translation, cheap enough to compute for a million translations when filtering. */
export interface TranslationStatus {
  readonly isUntranslated: boolean;
  readonly isReviewed: boolean;
  readonly isUnverified: boolean;
}

/** A new value for one translation: a string, or the plural forms of a plural key. */
export type TranslationValue = string | Readonly<Record<string, string>>;

interface TranslationEdit {
  readonly value: string;
  readonly plural: Readonly<Record<string, string>> | null;
  readonly modifiedAt: number;
  /** Flags a write set; absent (a test's plain update) clears both, as before. */
  readonly isReviewed?: boolean;
  readonly isUnverified?: boolean;
  readonly modifiedBy?: FakeUser;
}

interface MutableProject extends Omit<FakeProject, 'keyCount' | 'languages'> {
  keyCount: number;
  languages: readonly FakeLanguageSpec[];
}

/** A team, as `GET /teams` lists it. */
export interface FakeTeam {
  readonly teamId: number;
  readonly name: string;
  readonly plan: string;
  readonly createdAt: number;
}

const projectNames = [
  'Acme Mobile App', 'Checkout Web', 'Help Center', 'Marketing Site', 'Design System', 'Partner Portal',
  'Desktop Client', 'Email Templates', 'Onboarding Flow', 'Admin Console',
];
const baseTime = 1_577_836_800; // 2020-01-01, seconds
const untranslatedRate = 0.15;
/** Language slots per key in a translation id or code (projects have at most 10 languages). */
const languageSlots = 16;

function projectIdFor(seed: number, index: number): string {
  const parts = [hashIntegers(seed, index, 11), hashIntegers(seed, index, 12), hashIntegers(seed, index, 13)];
  const hex = parts.map((part) => part.toString(16).padStart(8, '0')).join('').slice(0, 22);
  const digits = String(hashIntegers(seed, index, 14) % 100_000_000).padStart(8, '0');
  return `${hex}.${digits}`;
}

/** Generates and serves the fake's data deterministically from its options. */
export class Dataset {
  public readonly seed: number;
  public readonly projects: readonly FakeProject[];
  public readonly teams: readonly FakeTeam[];
  private readonly mutableProjects: MutableProject[];
  private readonly deleted = new Map<string, Set<number>>();
  /** Translations edited on the "server", by project id and translation code (see `translationCode`). */
  private readonly edits = new Map<string, Map<number, TranslationEdit>>();
  /** Keys whose own fields were edited on the "server", by project id and key index. */
  private readonly keyEdits = new Map<string, Map<number, KeyEdit>>();
  private readonly statisticsCache = new Map<string, ProjectStatistics>();

  public constructor(options: DatasetOptions = {}) {
    this.seed = options.seed ?? 1;
    const languageCount = Math.min(10, Math.max(4, options.languages ?? 5));
    const keysPerProject = options.keysPerProject ?? 200;
    this.teams = [
      { teamId: 176692, name: 'Northwind Localization', plan: 'Pro', createdAt: baseTime - 86_400 * 400 },
      { teamId: 176693, name: 'Contoso Freelancers', plan: 'Essential', createdAt: baseTime - 86_400 * 200 },
    ];
    this.mutableProjects = Array.from({ length: options.projects ?? 3 }, (_, index) => ({
      index,
      projectId: projectIdFor(this.seed, index),
      name: `${projectNames[index % projectNames.length] ?? 'Project'}${index >= projectNames.length ? ` ${Math.floor(index / projectNames.length) + 1}` : ''}`,
      description: index % 3 === 2 ? '' : `Strings for the ${(projectNames[index % projectNames.length] ?? 'product').toLowerCase()}.`,
      teamId: (this.teams[index % 2] ?? this.teams[0])?.teamId ?? 0,
      createdAt: baseTime + index * 86_400,
      languages: languageSpecs.slice(0, languageCount),
      keyCount: keysPerProject,
    }));
    this.projects = this.mutableProjects;
  }

  /** The project with this id, or undefined. */
  public project(projectId: string): FakeProject | undefined {
    return this.projects.find((project) => project.projectId === projectId);
  }

  /** Key ids ascend with the index, so keyset pagination by id follows generation order. */
  public keyIdAt(project: FakeProject, index: number): number {
    return 10_000_000 * (project.index + 1) + index + 1;
  }

  /** The index behind a key id of this project, or -1. */
  public indexOfKeyId(project: FakeProject, keyId: number): number {
    const index = keyId - 10_000_000 * (project.index + 1) - 1;
    return index >= 0 && index < project.keyCount && !this.isDeleted(project, keyId) ? index : -1;
  }

  /**
   * A dense number for translation (`index`, `languagePosition`) that sorts like its translation id, so the
   * translations endpoint can index a million matches in a compact typed array.
   */
  public translationCode(index: number, languagePosition: number): number {
    return index * languageSlots + languagePosition;
  }

  /** The inverse of `translationCode`. */
  public fromTranslationCode(code: number): { index: number; languagePosition: number } {
    return { index: Math.floor(code / languageSlots), languagePosition: code % languageSlots };
  }

  /** The translation id of (`index`, `languagePosition`); ids ascend with the code. */
  public translationIdAt(project: FakeProject, index: number, languagePosition: number): number {
    return this.keyIdAt(project, index) * languageSlots + languagePosition;
  }

  /** True when a test deleted the key on the "server". */
  public isDeleted(project: FakeProject, keyId: number): boolean {
    return this.deleted.get(project.projectId)?.has(keyId) === true;
  }

  /** Simulates keys deleted on the server since the last sync. */
  public deleteKeys(projectId: string, keyIds: readonly number[]): void {
    this.mutable(projectId);
    const set = this.deleted.get(projectId) ?? new Set<number>();
    for (const keyId of keyIds) set.add(keyId);
    this.deleted.set(projectId, set);
    this.statisticsCache.delete(projectId);
  }

  /** Simulates keys created on the server since the last sync; they get the next (higher) key ids. */
  public addKeys(projectId: string, count: number): number[] {
    const project = this.mutable(projectId);
    if (!Number.isInteger(count) || count < 0) throw new Error(`addKeys needs a whole number of keys, not ${count}`);
    const first = project.keyCount;
    project.keyCount += count;
    this.statisticsCache.delete(projectId);
    return Array.from({ length: count }, (_, offset) => this.keyIdAt(project, first + offset));
  }

  /**
   * Simulates a translator editing one translation on the server: the value changes, review flags clear, and the
   * modification time moves (to `modifiedAt`, unix seconds, or now). An empty value makes it untranslated.
   */
  public updateTranslation(projectId: string, keyId: number, languageIso: string, value: TranslationValue, modifiedAt = Math.floor(Date.now() / 1000)): void {
    const project = this.mutable(projectId);
    const index = this.indexOfKeyId(project, keyId);
    if (index < 0) throw new Error(`Project ${projectId} has no key ${keyId}`);
    const position = project.languages.findIndex((language) => language.iso === languageIso);
    const language = project.languages[position];
    if (language === undefined) throw new Error(`Project ${projectId} has no language ${languageIso}`);
    const isPlural = this.flags(project, index).isPlural;
    let edit: TranslationEdit;
    if (typeof value === 'string') {
      if (isPlural && value !== '') throw new Error(`Key ${keyId} is plural: give its forms (${language.pluralForms.join(', ')})`);
      edit = { value, plural: isPlural ? Object.fromEntries(language.pluralForms.map((form) => [form, ''])) : null, modifiedAt };
    } else {
      if (!isPlural) throw new Error(`Key ${keyId} is not plural: give a string`);
      const forms = Object.keys(value);
      if (forms.join() !== language.pluralForms.join()) throw new Error(`${languageIso} plural forms are ${language.pluralForms.join(', ')}, not ${forms.join(', ')}`);
      const empty = Object.values(value).every((form) => form === '');
      edit = { value: empty ? '' : JSON.stringify(value), plural: value, modifiedAt };
    }
    const edits = this.edits.get(projectId) ?? new Map<number, TranslationEdit>();
    edits.set(this.translationCode(index, position), edit);
    this.edits.set(projectId, edits);
    this.statisticsCache.delete(projectId);
  }

  /**
   * Simulates someone changing a key's own fields on the server (a rename, a new description, other tags): its
   * `modified_at` moves to `modifiedAt` (unix seconds), its `translations_modified_at` does not. Edits accumulate.
   */
  public editKey(projectId: string, keyId: number, changes: KeyChanges, modifiedAt = Math.floor(Date.now() / 1000)): void {
    const project = this.mutable(projectId);
    const index = this.indexOfKeyId(project, keyId);
    if (index < 0) throw new Error(`Project ${projectId} has no key ${keyId}`);
    const edits = this.keyEdits.get(projectId) ?? new Map<number, KeyEdit>();
    edits.set(index, { ...edits.get(index), ...changes, modifiedAt });
    this.keyEdits.set(projectId, edits);
  }

  /**
   * Simulates languages added to or removed from the project: it keeps the first `count` of the fake's language list
   * (4 to 10), so every remaining language keeps its position and translation ids. Edits in removed languages go.
   */
  public setLanguageCount(projectId: string, count: number): void {
    const project = this.mutable(projectId);
    if (!Number.isInteger(count) || count < 4 || count > 10) throw new Error(`A project has 4 to 10 languages, not ${count}`);
    project.languages = languageSpecs.slice(0, count);
    const edits = this.edits.get(projectId);
    for (const code of edits?.keys() ?? []) if (this.fromTranslationCode(code).languagePosition >= count) edits?.delete(code);
    this.statisticsCache.delete(projectId);
  }

  /**
   * Changes one translation the way a write does: the value (when given, else the current one is kept), the flags
   * (when given, else kept), the time and the author. Plural values must name the language's forms (missing ones
   * become empty). Returns the translation as it now stands. Throws on an unknown project, key or language.
   */
  public writeTranslation(projectId: string, keyId: number, languageIso: string, change: TranslationChange): FakeTranslation {
    const project = this.mutable(projectId);
    const index = this.indexOfKeyId(project, keyId);
    if (index < 0) throw new Error(`Project ${projectId} has no key ${keyId}`);
    const position = project.languages.findIndex((language) => language.iso === languageIso);
    const language = project.languages[position];
    if (language === undefined) throw new Error(`Project ${projectId} has no language ${languageIso}`);
    const current = this.key(project, index).translations[position];
    if (current === undefined) throw new Error(`Key ${keyId} has no ${languageIso} translation`);
    let value = current.value;
    let plural = current.plural;
    if (change.value !== undefined) {
      if (typeof change.value === 'string') {
        if (current.plural !== null && change.value !== '') throw new Error(`Key ${keyId} is plural: give its forms`);
        value = change.value;
        plural = current.plural === null ? null : Object.fromEntries(language.pluralForms.map((form) => [form, '']));
      } else {
        if (current.plural === null) throw new Error(`Key ${keyId} is not plural: give a string`);
        const forms = change.value;
        plural = Object.fromEntries(language.pluralForms.map((form) => [form, forms[form] ?? '']));
        value = Object.values(plural).every((form) => form === '') ? '' : JSON.stringify(plural);
      }
    }
    const edit: TranslationEdit = {
      value,
      plural,
      modifiedAt: change.modifiedAt,
      isReviewed: change.isReviewed ?? current.isReviewed,
      isUnverified: value === '' ? false : (change.isUnverified ?? current.isUnverified),
      ...(change.modifiedBy === undefined ? {} : { modifiedBy: change.modifiedBy }),
    };
    const edits = this.edits.get(projectId) ?? new Map<number, TranslationEdit>();
    edits.set(this.translationCode(index, position), edit);
    this.edits.set(projectId, edits);
    this.statisticsCache.delete(projectId);
    const written = this.key(project, index).translations[position];
    if (written === undefined) throw new Error('unreachable: the translation just written is missing');
    return written;
  }

  /** The position of `languageIso` in the project's languages (0 is the base language), or -1. */
  public languagePosition(project: FakeProject, languageIso: string): number {
    return project.languages.findIndex((language) => language.iso === languageIso);
  }

  /** The number of keys that still exist. */
  public liveKeyCount(project: FakeProject): number {
    return project.keyCount - (this.deleted.get(project.projectId)?.size ?? 0);
  }

  /** Every live key index at or after `fromIndex`, in ascending order. */
  public *liveIndexes(project: FakeProject, fromIndex = 0): Generator<number> {
    for (let index = Math.max(0, fromIndex); index < project.keyCount; index += 1) {
      if (!this.isDeleted(project, this.keyIdAt(project, index))) yield index;
    }
  }

  /** True when the translation of key `index` in `language` is empty (about 15% outside the base language). */
  public isUntranslated(project: FakeProject, index: number, languagePosition: number): boolean {
    const edit = this.edits.get(project.projectId)?.get(this.translationCode(index, languagePosition));
    if (edit !== undefined) return edit.value === '';
    return languagePosition > 0 && unitAt(this.seed, project.index, index, languagePosition, 3) < untranslatedRate;
  }

  /** The review state of one translation, without rendering its text. */
  public translationStatus(project: FakeProject, index: number, languagePosition: number): TranslationStatus {
    const { isUntranslated, isReviewed, isUnverified } = this.statusAndSequence(project, index, languagePosition);
    return { isUntranslated, isReviewed, isUnverified };
  }

  /** Flags that filters need, computed without generating the whole key. */
  public flags(project: FakeProject, index: number): { isPlural: boolean; isHidden: boolean; isArchived: boolean } {
    return {
      isPlural: unitAt(this.seed, project.index, index, 6) < 0.08,
      isHidden: unitAt(this.seed, project.index, index, 5) < 0.02,
      isArchived: unitAt(this.seed, project.index, index, 4) < 0.03,
    };
  }

  /** Generates key `index` of `project`, with its translations. */
  public key(project: FakeProject, index: number): FakeKey {
    const keyId = this.keyIdAt(project, index);
    const sequence = new Sequence(hashIntegers(this.seed, project.index, index, 1));
    const screen = sequence.pick(keyNameParts.screens);
    const section = sequence.pick(keyNameParts.sections);
    const element = sequence.pick(keyNameParts.elements);
    const webName = `${screen}.${section}.${element}_${index}`;
    const perPlatform = sequence.chance(0.15);
    const { isPlural, isHidden, isArchived } = this.flags(project, index);
    const createdAt = baseTime + sequence.below(60_000_000);
    const platformCount = 1 + sequence.below(3);
    const platforms = [...new Set(Array.from({ length: platformCount }, () => sequence.pick(platformNames)))].sort();
    const tagCount = sequence.below(3);
    const tags = [...new Set(Array.from({ length: tagCount }, () => sequence.pick(tagNames)))].sort();
    const describe = sequence.chance(0.6);
    const template = drawTemplate(sequence);
    const translations = project.languages.map((language, position) => this.translation(project, index, language, position, template, isPlural, createdAt));
    const translationsModifiedAt = Math.max(createdAt, ...translations.map((translation) => translation.modifiedAt));
    const edit = this.keyEdits.get(project.projectId)?.get(index);
    const context = sequence.chance(0.2) ? `Appears next to the ${element} on ${screen}.` : '';
    const charLimit = sequence.chance(0.15) ? 20 + sequence.below(60) : 0;
    return {
      keyId,
      index,
      keyNames: edit?.keyNames ?? {
        ios: perPlatform ? `${screen}_${section}_${element}_${index}` : webName,
        android: perPlatform ? `${screen}_${section}_${element}_${index}`.toLowerCase() : webName,
        web: webName,
        other: webName,
      },
      description: edit?.description ?? (describe ? `Shown in the ${section.replace('_', ' ')} of the ${screen} screen.` : ''),
      platforms,
      tags: edit?.tags ?? tags,
      isPlural,
      pluralName: isPlural ? `${element}_count` : '',
      isHidden,
      isArchived,
      context: edit?.context ?? context,
      charLimit,
      createdAt,
      modifiedAt: Math.max(translationsModifiedAt, edit?.modifiedAt ?? 0),
      translationsModifiedAt,
      translations,
    };
  }

  /** Per-language progress and totals, as `include_statistics` reports them (computed once per project). */
  public statistics(project: FakeProject): ProjectStatistics {
    const cached = this.statisticsCache.get(project.projectId);
    if (cached !== undefined) return cached;
    const translated = project.languages.map(() => 0);
    let keys = 0;
    for (const index of this.liveIndexes(project)) {
      keys += 1;
      project.languages.forEach((_, position) => {
        if (!this.isUntranslated(project, index, position)) translated[position] = (translated[position] ?? 0) + 1;
      });
    }
    const languages = project.languages.map((language, position) => ({
      language,
      progress: keys === 0 ? 0 : Math.floor(((translated[position] ?? 0) * 100) / keys),
      wordsToDo: (keys - (translated[position] ?? 0)) * 4,
    }));
    const total = languages.reduce((sum, entry) => sum + entry.progress, 0);
    const statistics = { keysTotal: keys, progressTotal: Math.floor(total / Math.max(1, languages.length)), languages };
    this.statisticsCache.set(project.projectId, statistics);
    return statistics;
  }

  private mutable(projectId: string): MutableProject {
    const project = this.mutableProjects.find((entry) => entry.projectId === projectId);
    if (project === undefined) throw new Error(`The fake has no project ${projectId}`);
    return project;
  }

  /** Review flags and the translation's own sequence (positioned for its next draw, the modification time). */
  private statusAndSequence(project: FakeProject, index: number, position: number): TranslationStatus & { sequence: Sequence; edit: TranslationEdit | undefined } {
    const sequence = new Sequence(hashIntegers(this.seed, project.index, index, position, 2));
    const edit = this.edits.get(project.projectId)?.get(this.translationCode(index, position));
    if (edit !== undefined) return { isUntranslated: edit.value === '', isReviewed: edit.isReviewed ?? false, isUnverified: edit.isUnverified ?? false, sequence, edit };
    const isUntranslated = this.isUntranslated(project, index, position);
    const isReviewed = !isUntranslated && sequence.chance(0.4);
    const isUnverified = !isUntranslated && position > 0 && !isReviewed && sequence.chance(0.1);
    return { isUntranslated, isReviewed, isUnverified, sequence, edit };
  }

  private translation(project: FakeProject, index: number, language: FakeLanguageSpec, position: number, template: TextTemplate, isPlural: boolean, createdAt: number): FakeTranslation {
    // Runs a million times per full sync of the benchmark project: one object literal, no spreads.
    const { isUntranslated, isReviewed, isUnverified, sequence, edit } = this.statusAndSequence(project, index, position);
    const generatedModifiedAt = createdAt + sequence.below(20_000_000);
    let value: string;
    let plural: Readonly<Record<string, string>> | null;
    if (edit !== undefined) {
      value = edit.value;
      plural = edit.plural;
    } else {
      plural = isPlural ? Object.fromEntries(language.pluralForms.map((form) => [form, isUntranslated ? '' : renderPluralForm(language, template, form)])) : null;
      value = isUntranslated ? '' : plural === null ? renderText(language, template) : JSON.stringify(plural);
    }
    return {
      translationId: this.translationIdAt(project, index, position),
      keyId: this.keyIdAt(project, index),
      language,
      value,
      plural,
      isReviewed,
      isUnverified,
      modifiedAt: edit?.modifiedAt ?? generatedModifiedAt,
      ...(edit?.modifiedBy === undefined ? {} : { modifiedBy: edit.modifiedBy }),
    };
  }
}

/** Statistics for one project. */
export interface ProjectStatistics {
  readonly keysTotal: number;
  readonly progressTotal: number;
  readonly languages: readonly { language: FakeLanguageSpec; progress: number; wordsToDo: number }[];
}
