import { describe, expect, it } from 'vitest';
import { CancelledError, isCancellation, LocdeskError, throwIfAborted, toSafeError } from './errors';

describe('errors', () => {
  it('passes a LocdeskError through as code and message', () => {
    expect(toSafeError(new LocdeskError('auth.exchange_failed', 'Lokalise did not accept the sign-in.'))).toEqual({
      code: 'auth.exchange_failed',
      message: 'Lokalise did not accept the sign-in.',
    });
  });

  it('hides anything else behind a generic sentence', () => {
    const safe = toSafeError(new Error('ECONNRESET at socket 127.0.0.1 with Bearer abc'));
    expect(safe.code).toBe('internal');
    expect(safe.message).not.toContain('Bearer');
  });

  it('recognises cancellations from signals and from the app', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => throwIfAborted(controller.signal)).toThrow(CancelledError);
    expect(isCancellation(new CancelledError())).toBe(true);
    expect(isCancellation(new DOMException('aborted', 'AbortError'))).toBe(true);
    expect(isCancellation(new Error('other'))).toBe(false);
    expect(() => throwIfAborted(undefined)).not.toThrow();
  });
});
