/**
 * Walks the zod schemas of the contract: builds a valid sample value for any schema, and lists every field name a
 * schema could ever carry. The IPC tests use both to run every handler against a fake core and to prove that no
 * part of the contract is shaped like a credential.
 */
import type { z } from 'zod';
import { listCalls } from '../../../common/contract';

interface Definition {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  innerType?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  in?: z.ZodType;
  out?: z.ZodType;
  catchall?: z.ZodType;
}

function definition(schema: z.ZodType): Definition {
  return (schema as unknown as { _zod: { def: Definition } })._zod.def;
}

/** A value that `schema` accepts: the first enum option, empty-ish scalars, one element per array. */
export function sampleOf(schema: z.ZodType): unknown {
  const def = definition(schema);
  switch (def.type) {
    case 'object':
      return Object.fromEntries(Object.entries(def.shape ?? {}).map(([name, field]) => [name, sampleOf(field)]));
    case 'array':
      return def.element === undefined ? [] : [sampleOf(def.element)];
    case 'tuple':
      return (def.items ?? []).map((item) => sampleOf(item));
    case 'record':
      return { one: def.valueType === undefined ? null : sampleOf(def.valueType) };
    case 'nullable':
    case 'optional':
    case 'default':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return def.innerType === undefined ? null : sampleOf(def.innerType);
    case 'union':
      return def.options?.[0] === undefined ? null : sampleOf(def.options[0]);
    case 'pipe':
      return def.in === undefined ? null : sampleOf(def.in);
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'string':
      return 'sample';
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      throw new Error(`sampleOf does not know zod type "${def.type}"; teach it before using that type in the contract.`);
  }
}

/** One object key found in a schema: where it is, its name, and the zod type of its value (`boolean`, `string`, …). */
export interface FieldName {
  readonly path: string;
  readonly name: string;
  readonly type: string;
}

/** The zod type under optional/nullable/default wrappers. */
function coreType(schema: z.ZodType): string {
  const def = definition(schema);
  return def.innerType !== undefined ? coreType(def.innerType) : def.type;
}

/** Every object key reachable in `schema`, with its dotted path, for the credential-name audit. */
export function fieldNamesOf(schema: z.ZodType, path = ''): FieldName[] {
  const def = definition(schema);
  const nested = (child: z.ZodType | null | undefined, suffix: string): FieldName[] =>
    child === null || child === undefined ? [] : fieldNamesOf(child, `${path}${suffix}`);
  switch (def.type) {
    case 'object':
      return [
        ...Object.entries(def.shape ?? {}).flatMap(([name, field]) => [
          { path: `${path}.${name}`, name, type: coreType(field) },
          ...fieldNamesOf(field, `${path}.${name}`),
        ]),
        ...(def.catchall !== undefined && definition(def.catchall).type !== 'never' ? [{ path: `${path}.*`, name: '*', type: coreType(def.catchall) }] : []),
      ];
    case 'array':
      return nested(def.element, '[]');
    case 'tuple':
      return [...(def.items ?? []).flatMap((item, index) => nested(item, `[${index}]`)), ...nested(def.rest, '[...]')];
    case 'record':
      return [{ path: `${path}{}`, name: '{record}', type: 'record' }, ...nested(def.valueType, '{}')];
    case 'union':
      return (def.options ?? []).flatMap((option) => nested(option, ''));
    case 'pipe':
      return [...nested(def.in, ''), ...nested(def.out, '')];
    default:
      return nested(def.innerType, '');
  }
}

/** Valid arguments for every call that takes any; a new call with arguments must be added here to be exercised. */
export const sampleArguments: Readonly<Record<string, unknown[]>> = {
  'app:open-external': ['https://docs.lokalise.com/'],
  'app:copy-text': ['settings.profile.save_button_3'],
  'auth:submit-code': ['pasted-code'],
  'projects:set-keep-offline': ['123.abc', true],
  'projects:facets': ['123.abc'],
  'keys:page': [{ projectId: '123.abc', sourceIso: 'en', targetIsos: ['de'] }],
  'keys:detail': ['123.abc', 7],
  'keys:open-in-lokalise': ['123.abc', 7],
  'sync:start': [null],
  'sync:start-full': [null],
  'qa:status': ['123.abc', ['de']],
  'qa:scan': ['123.abc'],
  'qa:cancel': ['123.abc'],
  'qa:settings': ['123.abc'],
  'qa:update-settings': ['123.abc', { checks: { doubleSpace: 'off' } }],
  'settings:update': [{ allowWeakTokenStorage: true }],
  'projects:contributor': ['123.abc'],
  'edits:commit': [{ projectId: '123.abc', keyId: 7, languageIso: 'de', value: 'Speichern' }],
  'edits:list': ['123.abc', { states: ['pending'] }],
  'edits:summary': [null],
  'edits:push': [null, null],
  'edits:resolve': [3, { kind: 'keepMine' }],
  'edits:resolve-many': [[3, 4], 'takeTheirs'],
  'edits:discard': [[3]],
  'edits:confirm-qa': [[3]],
  'edits:export': [null],
};

/** The arguments to send for `channel`: the table above, or none for calls whose tuple is empty. */
export function argumentsFor(channel: string): unknown[] {
  const known = sampleArguments[channel];
  if (known !== undefined) return known;
  const call = listCalls().find((candidate) => candidate.spec.channel === channel);
  if (call === undefined) throw new Error(`No call ${channel}`);
  const parsed = call.spec.args.safeParse([]);
  if (!parsed.success) throw new Error(`Add sample arguments for ${channel} to test/support/electron/contract-samples.ts.`);
  return [];
}
