import { describe, expect, it } from 'vitest';
import { parseCpuTimes, stealPercent } from '../bench/cpu-steal';

const sample = (user: number, idle: number, steal: number): string =>
  `cpu  ${String(user)} 0 100 ${String(idle)} 5 0 3 ${String(steal)} 40 0\ncpu0 1 2 3 4 5 6 7 8 9 10\nintr 1 2 3\n`;

describe('cpu steal', () => {
  it('reads the aggregate line, leaving guest time out of the total', () => {
    expect(parseCpuTimes(sample(1000, 500, 200))).toEqual({ steal: 200, total: 1000 + 100 + 500 + 5 + 3 + 200 });
  });

  it('gives the stolen share of the time between two readings', () => {
    const before = parseCpuTimes(sample(1000, 500, 200));
    const after = parseCpuTimes(sample(1600, 700, 400));
    // 600 user + 200 idle + 200 steal = 1000 ticks, 200 of them stolen.
    expect(stealPercent(before, after)).toBe(20);
  });

  it('says nothing rather than guess when a reading is missing or malformed', () => {
    expect(parseCpuTimes('intr 1 2 3\n')).toBeNull();
    expect(parseCpuTimes('cpu  1 2 x 4 5 6 7 8\n')).toBeNull();
    expect(stealPercent(null, parseCpuTimes(sample(1, 1, 1)))).toBeNull();
    expect(stealPercent(parseCpuTimes(sample(1, 1, 1)), parseCpuTimes(sample(1, 1, 1)))).toBeNull();
  });
});
