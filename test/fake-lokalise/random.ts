/**
 * Deterministic randomness addressed by coordinates.
 *
 * The fake must serve a 100,000-key project without building it up front, so every value is derived on demand
 * from (seed, project, key, language, purpose). Asking twice gives the same answer, in any order.
 */

/** A 32-bit hash of a list of integers (a small variant of MurmurHash3's finaliser, applied per input). */
export function hashIntegers(...values: number[]): number {
  let hash = 0x9e3779b9;
  for (const value of values) {
    let mixed = Math.imul(value | 0, 0xcc9e2d51);
    mixed = (mixed << 15) | (mixed >>> 17);
    mixed = Math.imul(mixed, 0x1b873593);
    hash ^= mixed;
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A float in [0, 1) for the given coordinates. */
export function unitAt(...values: number[]): number {
  return hashIntegers(...values) / 0x1_0000_0000;
}

/** A seeded sequence (mulberry32), for generating several values from one coordinate. */
export class Sequence {
  private state: number;

  public constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next float in [0, 1). */
  public next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 0x1_0000_0000;
  }

  /** An integer in [0, bound). */
  public below(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** One element of a non-empty list. */
  public pick<T>(items: readonly T[]): T {
    const item = items[this.below(items.length)];
    if (item === undefined) throw new Error('pick() needs a non-empty list');
    return item;
  }

  /** True with the given probability. */
  public chance(probability: number): boolean {
    return this.next() < probability;
  }
}
