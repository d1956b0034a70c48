import { describe, expect, it } from 'vitest';
import { createLogger, Redactor, type LogLevel } from './log';

function capture(): { lines: string[]; sink: (level: LogLevel, line: string) => void } {
  const lines: string[] = [];
  return { lines, sink: (_level, line) => lines.push(line) };
}

describe('Redactor and logger', () => {
  it('removes registered secrets wherever they appear', () => {
    const redactor = new Redactor();
    redactor.addSecret('s3cr3t-client-secret');
    const { lines, sink } = capture();
    createLogger(sink, redactor).info('exchange failed', { body: 'client_secret was s3cr3t-client-secret!' });
    expect(lines[0]).not.toContain('s3cr3t-client-secret');
    expect(lines[0]).toContain('[redacted]');
  });

  it('scrubs credential-shaped query parameters, JSON fields and bearer headers', () => {
    const redactor = new Redactor();
    const text = redactor.redact(
      'GET /callback?code=abcdef1234567890&state=xyz123 {"access_token":"tok-1","refresh_token":"tok-2"} Authorization: Bearer tok-3.x',
    );
    for (const secret of ['abcdef1234567890', 'xyz123', 'tok-1', 'tok-2', 'tok-3.x']) expect(text).not.toContain(secret);
    expect(text).toContain('code=[redacted]');
    expect(text).toContain('Bearer [redacted]');
  });

  it('ignores very short values so ordinary words survive', () => {
    const redactor = new Redactor();
    redactor.addSecret('abc');
    expect(redactor.redact('abc is fine')).toBe('abc is fine');
  });

  it('renders errors by name and message, not stack', () => {
    const { lines, sink } = capture();
    createLogger(sink, new Redactor(), 'test').warn('failed', { error: new TypeError('boom') });
    expect(lines[0]).toBe('[test] failed error=TypeError: boom');
  });
});
