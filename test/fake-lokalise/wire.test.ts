import { describe, expect, it } from 'vitest';
import { lokaliseDate, phpJson } from './wire';

describe('fake Lokalise wire format', () => {
  it('formats dates as Lokalise does, across month ends, leap days and centuries', () => {
    const reference = (seconds: number): string => {
      const iso = new Date(seconds * 1000).toISOString();
      return `${iso.slice(0, 10)} ${iso.slice(11, 19)} (Etc/UTC)`;
    };
    expect(lokaliseDate(1_589_196_033)).toBe('2020-05-11 11:20:33 (Etc/UTC)');
    for (const date of ['1970-01-01T00:00:00Z', '2000-02-29T23:59:59Z', '2024-02-29T12:00:00Z', '2023-12-31T23:59:59Z', '2100-03-01T00:00:00Z']) {
      const seconds = Date.parse(date) / 1000;
      expect(lokaliseDate(seconds)).toBe(reference(seconds));
    }
    for (let seconds = 0; seconds < 4_102_444_800; seconds += 9_999_991) expect(lokaliseDate(seconds)).toBe(reference(seconds));
  });

  it('escapes every slash like PHP json_encode and nothing else', () => {
    expect(phpJson({ url: 'https://example.com/a', html: '<b>x</b>', plain: 'ok' })).toBe('{"url":"https:\\/\\/example.com\\/a","html":"<b>x<\\/b>","plain":"ok"}');
    expect(JSON.parse(phpJson({ value: 'a/b' }))).toEqual({ value: 'a/b' });
  });
});
