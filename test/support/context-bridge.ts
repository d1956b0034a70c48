/**
 * An imitation of Electron's contextBridge for tests that must see what the page sees, where no Electron runs.
 *
 * It applies the bridge's copying rules (electron docs/api/context-bridge.md, "Parameter / Error / Return Type
 * support"; the loss of Error properties is electron/electron#25596):
 * - a function is proxied: calling the copy calls the original with copied arguments and copies its result back;
 * - a promise is proxied: its value is copied when it settles;
 * - an Error, whether thrown, rejected with or found in a value, arrives as a new Error carrying only its message:
 *   `code` and every other own property are dropped;
 * - plain objects and arrays are copied member by member and frozen; any other value is copied by the structured
 *   clone algorithm, which drops prototypes as the bridge does.
 * Nothing in the copy is shared with the original, so a test that reads only the copy reads only what crossed.
 */

/** The Error the page's world gets for an Error from the preload's world: the message and nothing else. */
function copyError(error: unknown): Error {
  return new Error(error instanceof Error ? error.message : String(error));
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `value` as the other world receives it when it crosses contextBridge. */
export function acrossContextBridge<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (typeof value === 'function') {
    return (...args: unknown[]): unknown => {
      let result: unknown;
      try {
        result = (value as (...values: unknown[]) => unknown)(...args.map(copy));
      } catch (error) {
        throw copyError(error);
      }
      return copy(result);
    };
  }
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Promise) {
    return value.then(copy, (reason: unknown) => {
      throw copyError(reason);
    });
  }
  if (value instanceof Error) return copyError(value);
  if (Array.isArray(value)) return Object.freeze(value.map(copy));
  if (isPlainObject(value)) return Object.freeze(Object.fromEntries(Object.entries(value).map(([key, member]) => [key, copy(member)])));
  return structuredClone(value);
}

/** Every Error in `value` and anything it holds (arrays, objects, map and set entries), with where it was found. */
export function errorsWithin(value: unknown, path = '$', seen = new Set<unknown>()): string[] {
  if (value instanceof Error) return [path];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const entries: [string, unknown][] =
    value instanceof Map
      ? [...value.entries()].flatMap(([key, member], index): [string, unknown][] => [
          [`${path}<key ${index}>`, key],
          [`${path}<value ${index}>`, member],
        ])
      : value instanceof Set
        ? [...value].map((member, index): [string, unknown] => [`${path}<member ${index}>`, member])
        : Object.entries(value).map(([key, member]): [string, unknown] => [`${path}.${key}`, member]);
  return entries.flatMap(([where, member]) => errorsWithin(member, where, seen));
}
