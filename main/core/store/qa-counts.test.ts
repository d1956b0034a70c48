/**
 * The QA filter's kept counts: counted once per project, generation and languages; shared while being made; not
 * kept when the results changed under a count; and moved in place, exactly, when one key is checked again.
 */
import { describe, expect, it } from 'vitest';
import { emptyQaCounts, type QaCounts } from '../../../common/contract-qa';
import { QaCountsCache } from './qa-counts';
import { checkBit } from './qa-inputs';

/** A count the test answers by hand, recording what was asked. */
function manualCounts(): { cache: QaCountsCache; asked: string[]; answer: (counts: QaCounts) => void } {
  const asked: string[] = [];
  const waiting: ((counts: QaCounts) => void)[] = [];
  const cache = new QaCountsCache((projectId, generation, isos) => {
    asked.push(`${projectId}/${String(generation)}/${isos.join(',')}`);
    return new Promise((resolve) => waiting.push(resolve));
  });
  return { cache, asked, answer: (counts) => waiting.shift()?.(counts) };
}

function counts(any: number, byCheck: Partial<QaCounts['byCheck']> = {}): QaCounts {
  const empty = emptyQaCounts();
  return { any, byCheck: { ...empty.byCheck, ...byCheck } };
}

describe('QA filter counts', () => {
  it('counts once, shares a count being made, and keeps it until the project’s results change', async () => {
    const { cache, asked, answer } = manualCounts();
    const first = cache.get('p', 1, []);
    const second = cache.get('p', 1, []);
    answer(counts(3, { placeholders: 3 }));
    expect(await first).toEqual(counts(3, { placeholders: 3 }));
    expect(await second).toEqual(counts(3, { placeholders: 3 }));
    expect(await cache.get('p', 1, [])).toEqual(counts(3, { placeholders: 3 }));
    expect(asked).toEqual(['p/1/']);

    cache.changed('other');
    expect(await cache.get('p', 1, [])).toEqual(counts(3, { placeholders: 3 }));
    cache.changed('p');
    const again = cache.get('p', 1, []);
    answer(counts(1));
    expect(await again).toEqual(counts(1));
    expect(asked).toEqual(['p/1/', 'p/1/']);
  });

  it('answers a count the results changed under, but does not keep it', async () => {
    const { cache, asked, answer } = manualCounts();
    const raced = cache.get('p', 1, ['de']);
    cache.changed('p');
    // Asked after the change: a new count, not the one made from older results.
    const fresh = cache.get('p', 1, ['de']);
    expect(asked).toEqual(['p/1/de', 'p/1/de']);
    answer(counts(5));
    expect(await raced).toEqual(counts(5));
    // The older count was not kept: this shares the newer one still being made.
    const shared = cache.get('p', 1, ['de']);
    expect(asked).toHaveLength(2);
    answer(counts(6));
    expect(await shared).toEqual(counts(6));
    expect(await fresh).toEqual(counts(6));
    expect(await cache.get('p', 1, ['de'])).toEqual(counts(6));

    const beforeClear = cache.get('p', 2, []);
    cache.clear();
    answer(counts(9));
    expect(await beforeClear).toEqual(counts(9));
    const afterClear = cache.get('p', 2, []);
    expect(asked).toHaveLength(4);
    answer(counts(0));
    expect(await afterClear).toEqual(counts(0));
  });

  it('moves the kept counts of the key’s generation by its old and new masks, in the languages each count covers', async () => {
    const { cache, asked, answer } = manualCounts();
    const all = cache.get('p', 1, []);
    answer(counts(10, { placeholders: 4, doubleSpace: 7 }));
    await all;
    const german = cache.get('p', 1, ['de']);
    answer(counts(2, { placeholders: 1, doubleSpace: 1 }));
    await german;
    const older = cache.get('p', 0, []);
    answer(counts(50));
    await older;

    // The key had a placeholder issue in German and a double space in French; now only a double space in German.
    const before = new Map([
      ['de', checkBit('placeholders')],
      ['fr', checkBit('doubleSpace')],
    ]);
    const after = new Map([['de', checkBit('doubleSpace')]]);
    cache.keyChanged('p', 1, before, after, true);
    expect(await cache.get('p', 1, [])).toEqual(counts(10, { placeholders: 3, doubleSpace: 7 }));
    expect(await cache.get('p', 1, ['de'])).toEqual(counts(2, { placeholders: 0, doubleSpace: 2 }));
    expect(await cache.get('p', 0, [])).toEqual(counts(50));

    // Fixed everywhere: one key fewer. An archived or hidden key is not in the counts, so they stay.
    cache.keyChanged('p', 1, after, new Map(), true);
    expect(await cache.get('p', 1, [])).toEqual(counts(9, { placeholders: 3, doubleSpace: 6 }));
    cache.keyChanged('p', 1, new Map(), after, false);
    expect(await cache.get('p', 1, [])).toEqual(counts(9, { placeholders: 3, doubleSpace: 6 }));
    expect(asked).toHaveLength(3);
  });
});
