/**
 * A fast yes/no check derived from a contract schema: does this value already have exactly the schema's shape, so
 * that parsing it would only copy it?
 *
 * Why: every reply is checked against its contract schema before it leaves the core (dispatch.ts), and a key page
 * is a hundred rows of cells. zod's parse builds a full copy and its bookkeeping, and its parsers are compiled on
 * first use, so the first pages after start paid several milliseconds for the check alone (issue 17). This check
 * walks the value once, allocates nothing, and needs no compiling; it is built from the schema itself, so it cannot
 * drift from the contract.
 *
 * It is conservative: it answers true only when zod would accept the value and answer an equal one (no default to
 * fill in, no unknown key to strip, nothing to transform). Any schema part it does not know (transforms, refinements,
 * defaults, tuples, formats other than a plain pattern…) makes `plainCheck` answer null, and the caller parses with
 * zod as before; a value it refuses is also handed to zod, which throws the contract's own error.
 */
/** True when the value passes as it is. */
export type PlainCheck = (value: unknown) => boolean;

interface CheckDefinition {
  readonly check?: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
  readonly value?: unknown;
  readonly inclusive?: boolean;
}

interface Definition extends CheckDefinition {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDefinition } }[];
  readonly coerce?: boolean;
  readonly shape?: Readonly<Record<string, Schema>>;
  readonly catchall?: Schema;
  readonly element?: Schema;
  readonly innerType?: Schema;
  readonly keyType?: Schema;
  readonly valueType?: Schema;
  readonly options?: readonly Schema[];
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly values?: readonly unknown[];
}

/** What the check reads of a zod 4 schema: its definition (every zod schema has this shape). */
export interface Schema {
  readonly _zod: { readonly def: Definition };
}

/** A plain object as data: made by a literal or JSON (not a class instance, whose fields zod would copy out). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The checks a schema carries: its `checks`, and the schema itself when it is one (`z.email()`, `z.int()` are a
 * string or number whose definition is a format check).
 */
function checksOf(definition: Definition): CheckDefinition[] {
  const own = definition.check === undefined ? [] : [definition];
  return [...own, ...(definition.checks ?? []).map((check) => check._zod.def)];
}

/** A length or numeric range (an exclusive end is never reached), with what else a string or number must be. */
interface Bounds {
  low: number;
  lowExclusive: boolean;
  high: number;
  highExclusive: boolean;
  integer: boolean;
  patterns: RegExp[];
}

function raiseLow(bounds: Bounds, value: number, exclusive: boolean): void {
  if (value > bounds.low || (value === bounds.low && exclusive)) {
    bounds.low = value;
    bounds.lowExclusive = exclusive;
  }
}

function lowerHigh(bounds: Bounds, value: number, exclusive: boolean): void {
  if (value < bounds.high || (value === bounds.high && exclusive)) {
    bounds.high = value;
    bounds.highExclusive = exclusive;
  }
}

/**
 * The bounds the checks of a string, array or number set; null when a check is not a length, bound, integer or
 * plain pattern check. Lengths for strings and arrays, values for numbers.
 */
function boundsOf(definition: Definition): Bounds | null {
  const bounds: Bounds = { low: Number.NEGATIVE_INFINITY, lowExclusive: false, high: Number.POSITIVE_INFINITY, highExclusive: false, integer: false, patterns: [] };
  const isNumber = definition.type === 'number';
  for (const check of checksOf(definition)) {
    const { minimum, maximum, length, pattern, value } = check;
    if (!isNumber && check.check === 'min_length' && typeof minimum === 'number') raiseLow(bounds, minimum, false);
    else if (!isNumber && check.check === 'max_length' && typeof maximum === 'number') lowerHigh(bounds, maximum, false);
    else if (!isNumber && check.check === 'length_equals' && typeof length === 'number') {
      raiseLow(bounds, length, false);
      lowerHigh(bounds, length, false);
    } else if (definition.type === 'string' && check.check === 'string_format' && check.format === 'regex' && pattern instanceof RegExp) bounds.patterns.push(pattern);
    else if (isNumber && check.check === 'number_format' && check.format === 'safeint') bounds.integer = true;
    else if (isNumber && check.check === 'greater_than' && typeof value === 'number') raiseLow(bounds, value, check.inclusive !== true);
    else if (isNumber && check.check === 'less_than' && typeof value === 'number') lowerHigh(bounds, value, check.inclusive !== true);
    else return null;
  }
  return bounds;
}

/** Whether `value` (a length or a number) lies within `bounds`. */
function within(bounds: Bounds, value: number): boolean {
  return (bounds.lowExclusive ? value > bounds.low : value >= bounds.low) && (bounds.highExclusive ? value < bounds.high : value <= bounds.high);
}

function matchesAll(patterns: readonly RegExp[], text: string): boolean {
  for (let index = 0; index < patterns.length; index += 1) {
    const pattern = patterns[index] as RegExp;
    pattern.lastIndex = 0;
    if (!pattern.test(text)) return false;
  }
  return true;
}

function stringCheck(definition: Definition): PlainCheck | null {
  const bounds = boundsOf(definition);
  if (bounds === null) return null;
  const { low, high, patterns } = bounds;
  if (low === Number.NEGATIVE_INFINITY && high === Number.POSITIVE_INFINITY && patterns.length === 0) return (value) => typeof value === 'string';
  return (value) => typeof value === 'string' && within(bounds, value.length) && matchesAll(patterns, value);
}

function numberCheck(definition: Definition): PlainCheck | null {
  const bounds = boundsOf(definition);
  if (bounds === null) return null;
  const { integer } = bounds;
  return (value) => typeof value === 'number' && Number.isFinite(value) && within(bounds, value) && (!integer || Number.isSafeInteger(value));
}

function objectCheck(definition: Definition): PlainCheck | null {
  const catchall = definition.catchall?._zod.def.type;
  // Strict objects refuse unknown keys; stripping ones would drop them, so a value with any is left to zod.
  if (definition.shape === undefined || (catchall !== undefined && catchall !== 'never')) return null;
  const names: string[] = [];
  const checks: PlainCheck[] = [];
  for (const [name, schema] of Object.entries(definition.shape)) {
    const check = plainCheck(schema);
    if (check === null) return null;
    names.push(name);
    checks.push(check);
  }
  const known = new Set(names);
  const count = names.length;
  // Written for the interpreter as much as for optimised code: the first pages after start run it cold, so no
  // destructuring, no for-in and no callbacks per field.
  return (value) => {
    if (!isPlainObject(value)) return false;
    const keys = Object.keys(value);
    if (keys.length > count) return false;
    for (let index = 0; index < keys.length; index += 1) {
      // The core builds its objects in the schema's order, so the name at the same place is nearly always the key.
      const key = keys[index] as string;
      if (key !== names[index] && !known.has(key)) return false;
    }
    // Every known field is checked, present or not (an absent one reads as undefined, which only optional ones take).
    for (let index = 0; index < count; index += 1) {
      if (!(checks[index] as PlainCheck)(value[names[index] as string])) return false;
    }
    return true;
  };
}

function recordCheck(definition: Definition): PlainCheck | null {
  if (definition.keyType === undefined || definition.valueType === undefined) return null;
  const keyCheck = plainCheck(definition.keyType);
  const valueCheck = plainCheck(definition.valueType);
  if (keyCheck === null || valueCheck === null || definition.keyType._zod.def.type !== 'string') return null;
  return (value) => {
    if (!isPlainObject(value) || Object.getOwnPropertySymbols(value).length > 0) return false;
    for (const name in value) {
      if (!keyCheck(name) || !valueCheck(value[name])) return false;
    }
    return true;
  };
}

/**
 * The plain check for `schema`, or null when the schema has a part the check does not cover (the caller then
 * parses with zod). Built once per schema, when the contract's calls are listed.
 */
export function plainCheck(schema: Schema): PlainCheck | null {
  const definition = schema._zod.def;
  if (definition.coerce === true) return null;
  const noChecks = checksOf(definition).length === 0;
  switch (definition.type) {
    case 'string':
      return stringCheck(definition);
    case 'number':
      return numberCheck(definition);
    case 'boolean':
      return noChecks ? (value) => typeof value === 'boolean' : null;
    case 'null':
      return (value) => value === null;
    case 'unknown':
    case 'any':
      return () => true;
    case 'nullable':
    case 'optional': {
      const inner = definition.innerType === undefined ? null : plainCheck(definition.innerType);
      if (inner === null) return null;
      return definition.type === 'nullable' ? (value) => value === null || inner(value) : (value) => value === undefined || inner(value);
    }
    case 'enum': {
      const allowed = new Set(Object.values(definition.entries ?? {}));
      return (value) => allowed.has(value);
    }
    case 'literal': {
      const allowed = new Set(definition.values ?? []);
      return (value) => allowed.has(value);
    }
    case 'union': {
      const checks: PlainCheck[] = [];
      for (const option of definition.options ?? []) {
        const check = plainCheck(option);
        if (check === null) return null;
        checks.push(check);
      }
      if (checks.length === 0) return null;
      return (value) => checks.some((check) => check(value));
    }
    case 'array': {
      const element = definition.element === undefined ? null : plainCheck(definition.element);
      const bounds = boundsOf(definition);
      if (element === null || bounds === null || bounds.patterns.length > 0) return null;
      return (value) => {
        if (!Array.isArray(value) || !within(bounds, value.length)) return false;
        for (let index = 0; index < value.length; index += 1) {
          if (!element(value[index])) return false;
        }
        return true;
      };
    }
    case 'object':
      return noChecks ? objectCheck(definition) : null;
    case 'record':
      return noChecks ? recordCheck(definition) : null;
    default:
      return null;
  }
}
