/**
 * A small deterministic random generator for tests that try many generated inputs: each case is reproducible from
 * its seed, so a failure can name the seed that produced it. Answers numbers in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = Math.imul(seed, 2654435761) >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
