import { describe, expect, it } from 'vitest';
import { LocdeskError } from '../errors';
import { errorForStatus, LokaliseApiError, serverMessage } from './errors';

describe('serverMessage', () => {
  it('reads both JSON error shapes', () => {
    expect(serverMessage({ error: { message: 'Not Found', code: 404 } })).toBe('Not Found');
    expect(serverMessage({ message: 'Not Found', code: 404 })).toBe('Not Found');
    expect(serverMessage({ message: 'Too many requests. Cool your jets and try again in a bit.', details: 'See …' })).toBe('Too many requests. Cool your jets and try again in a bit.');
  });

  it('returns null when there is no usable message', () => {
    expect(serverMessage({ error: 'invalid_request' })).toBeNull();
    expect(serverMessage({ error: { code: 500 } })).toBeNull();
    expect(serverMessage({ message: '   ' })).toBeNull();
    expect(serverMessage('Not Found')).toBeNull();
    expect(serverMessage(null)).toBeNull();
  });

  it('flattens markup and control characters and bounds the length', () => {
    expect(serverMessage({ message: 'Line one\n\tline <i>two</i>' })).toBe('Line one line i two /i');
    expect(serverMessage({ message: 'x'.repeat(500) })).toHaveLength(200);
  });
});

describe('errorForStatus', () => {
  it.each([
    [401, 'auth.required'],
    [403, 'lokalise.forbidden'],
    [404, 'lokalise.not_found'],
    [429, 'lokalise.rate_limited'],
    [500, 'lokalise.server'],
    [503, 'lokalise.server'],
    [409, 'lokalise.request'],
  ])('maps HTTP %i to %s and keeps the status', (status, code) => {
    const error = errorForStatus(status, null, false, 'the keys');
    expect(error).toBeInstanceOf(LokaliseApiError);
    expect(error).toBeInstanceOf(LocdeskError);
    expect(error).toMatchObject({ code, status });
  });

  it('describes an error page by its status and never by its content', () => {
    expect(errorForStatus(502, null, true, 'the keys').message).toBe('Lokalise returned an error page (HTTP 502) while loading the keys. Try again in a moment.');
  });

  it('quotes the server where it helps the user and names what was being loaded', () => {
    expect(errorForStatus(403, 'The token lacks the read_keys scope', false, 'the keys').message).toBe(
      'You do not have access to the keys in Lokalise. Lokalise said: "The token lacks the read_keys scope".',
    );
    expect(errorForStatus(404, 'Not Found', false, 'the project').message).toBe('Lokalise could not find the project; it may have been deleted or your access removed.');
  });
});
