/**
 * The fake's write side: `PUT /projects/{id}/translations/{translation_id}`, with the habits the research notes
 * record for the real API (research/lokalise-write-api.md):
 *
 * - the token needs `write_translations` (403 otherwise), and the contributor must have the language writable (403);
 * - an unknown project, translation or deleted key answers 404; a malformed body 400, in Lokalise's nested error shape;
 * - plural values are accepted as an object of forms or as the forms' JSON string (a switch can refuse one of them,
 *   since the public sources disagree on which the server takes);
 * - the answer is `{project_id, branch, translation}` with `modified_at(_timestamp)` and `modified_by` moved, and the
 *   key's `translations_modified_at` follows (it is derived from its translations);
 * - changing the base language marks the key's other non-empty translations unverified, as Lokalise does.
 *
 * A fault switch applies a write and then drops the connection before answering, which is what makes a client's
 * "write whose answer was lost" path testable.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dataset, FakeProject, FakeUser, TranslationValue } from './dataset';
import { readBody, sendJson, sendNestedError } from './http';
import type { FakeState } from './state';
import { signedInUser, wireTranslation } from './wire';

/** Language slots per key in a translation id (see dataset.ts). */
const languageSlots = 16;

/** True for the paths this module answers with PUT. */
export function isWritePath(segments: readonly string[]): boolean {
  return segments.length === 4 && segments[0] === 'projects' && segments[2] === 'translations';
}

interface ParsedWrite {
  readonly value: TranslationValue;
  readonly isReviewed?: boolean;
  readonly isUnverified?: boolean;
}

type Parsed = { ok: true; write: ParsedWrite } | { ok: false; message: string };

type PluralParse = { forms: Record<string, string> } | { error: string };

function parsePluralValue(raw: unknown, forms: readonly string[], accepted: 'both' | 'object' | 'string'): PluralParse {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    if (accepted === 'object') return { error: 'Invalid `translation` parameter: a plural key takes an object of plural forms' };
    if (raw === '') return { forms: {} };
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return { error: 'Invalid `translation` parameter: not a valid JSON object of plural forms' };
    }
  } else if (accepted === 'string') {
    return { error: 'Invalid `translation` parameter: must be a string' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'Invalid `translation` parameter: plural forms must be an object' };
  const result: Record<string, string> = {};
  for (const [form, text] of Object.entries(value as Record<string, unknown>)) {
    if (!forms.includes(form)) return { error: `Invalid \`translation\` parameter: unknown plural form \`${form}\`` };
    if (typeof text !== 'string') return { error: `Invalid \`translation\` parameter: plural form \`${form}\` must be a string` };
    result[form] = text;
  }
  return { forms: result };
}

function parse(body: string, isPlural: boolean, forms: readonly string[], accepted: 'both' | 'object' | 'string'): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(body) as unknown;
  } catch {
    return { ok: false, message: 'Invalid JSON body' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, message: 'Invalid JSON body' };
  const record = json as Record<string, unknown>;
  if (!('translation' in record)) return { ok: false, message: '`translation` is required' };
  for (const flag of ['is_reviewed', 'is_unverified'] as const) {
    if (flag in record && typeof record[flag] !== 'boolean') return { ok: false, message: `Invalid \`${flag}\` parameter: must be a boolean` };
  }
  const flags = {
    ...(typeof record.is_reviewed === 'boolean' ? { isReviewed: record.is_reviewed } : {}),
    ...(typeof record.is_unverified === 'boolean' ? { isUnverified: record.is_unverified } : {}),
  };
  if (!isPlural) {
    if (typeof record.translation !== 'string') return { ok: false, message: 'Invalid `translation` parameter: must be a string' };
    return { ok: true, write: { value: record.translation, ...flags } };
  }
  const plural = parsePluralValue(record.translation, forms, accepted);
  if ('error' in plural) return { ok: false, message: plural.error };
  return { ok: true, write: { value: plural.forms, ...flags } };
}

/** Serves writes; one per fake. */
export class WriteRoutes {
  public constructor(
    private readonly dataset: Dataset,
    private readonly state: FakeState,
    private readonly revoked: ReadonlySet<string>,
    private readonly afterChange: () => void,
  ) {}

  /** Handles `PUT projects/{id}/translations/{translation_id}` for a token granted `grantedScope`. */
  public async handle(request: IncomingMessage, segments: readonly string[], grantedScope: string, response: ServerResponse): Promise<void> {
    const switches = this.state.switches.writes;
    if (!grantedScope.split(' ').includes(switches.scope)) return sendNestedError(response, 403, `The token lacks the ${switches.scope} scope`);
    const project = this.dataset.project(decodeURIComponent(segments[1] ?? '').split(':')[0] ?? '');
    if (project === undefined || this.revoked.has(project.projectId)) return sendNestedError(response, 404, 'Not Found');
    const translationId = Number(segments[3]);
    const found = Number.isSafeInteger(translationId) && translationId > 0 ? this.locate(project, translationId) : null;
    if (found === null) return sendNestedError(response, 404, 'Translation not found');
    const language = project.languages[found.position];
    if (language === undefined) return sendNestedError(response, 404, 'Translation not found');
    if (switches.contributor.readOnlyLanguages.includes(language.iso)) {
      return sendNestedError(response, 403, `You do not have write access to the ${language.name} language`);
    }
    const body = await readBody(request);
    const { isPlural } = this.dataset.flags(project, found.index);
    const parsed = parse(body, isPlural, language.pluralForms, switches.pluralForm);
    if (!parsed.ok) return sendNestedError(response, 400, parsed.message);
    if (switches.rejectWith !== null) return sendNestedError(response, 400, switches.rejectWith);
    // The key may have been deleted while the body arrived.
    if (this.dataset.indexOfKeyId(project, found.keyId) < 0) return sendNestedError(response, 404, 'Translation not found');
    const before = this.dataset.key(project, found.index).translations[found.position]?.value ?? '';
    const translation = this.apply(project, found.keyId, found.position, parsed.write, signedInUser);
    this.state.writes.push(translationId);
    const text = (value: TranslationValue): string => (typeof value === 'string' ? value : JSON.stringify(value));
    this.state.writeLog.push({ translationId, keyId: found.keyId, languageIso: language.iso, before: text(before), after: text(translation.value) });
    if (switches.dropAfterWrite > 0) {
      switches.dropAfterWrite -= 1;
      response.socket?.destroy();
      return;
    }
    sendJson(response, 200, { project_id: project.projectId, branch: 'master', translation: wireTranslation(translation) });
  }

  /**
   * Applies one change as the server would, base-language side effect included; used by writes and by the test
   * side's "another user edits" function.
   */
  public apply(project: FakeProject, keyId: number, position: number, write: ParsedWrite, author: FakeUser): ReturnType<Dataset['writeTranslation']> {
    const language = project.languages[position];
    if (language === undefined) throw new Error(`Project ${project.projectId} has no language at ${position}`);
    const modifiedAt = Math.floor(this.state.now() / 1000);
    const index = this.dataset.indexOfKeyId(project, keyId);
    const before = this.dataset.key(project, index).translations[position];
    // Lokalise: updating an unverified translation verifies it, unless the write says otherwise.
    const written = this.dataset.writeTranslation(project.projectId, keyId, language.iso, {
      value: write.value,
      modifiedAt,
      modifiedBy: author,
      isUnverified: write.isUnverified ?? false,
      ...(write.isReviewed === undefined ? {} : { isReviewed: write.isReviewed }),
    });
    if (position === 0 && before !== undefined && before.value !== written.value) {
      for (const other of this.dataset.key(project, index).translations.slice(1)) {
        if (other.value === '' || other.isUnverified) continue;
        this.dataset.writeTranslation(project.projectId, keyId, other.language.iso, { isUnverified: true, isReviewed: false, modifiedAt: other.modifiedAt, ...(other.modifiedBy === undefined ? {} : { modifiedBy: other.modifiedBy }) });
      }
    }
    this.afterChange();
    return written;
  }

  private locate(project: FakeProject, translationId: number): { keyId: number; index: number; position: number } | null {
    const keyId = Math.floor(translationId / languageSlots);
    const position = translationId % languageSlots;
    const index = this.dataset.indexOfKeyId(project, keyId);
    if (index < 0 || position >= project.languages.length) return null;
    return { keyId, index, position };
  }
}
