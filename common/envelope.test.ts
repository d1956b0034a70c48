import { describe, expect, it } from 'vitest';
import { readEnvelope, settleEnvelope } from './envelope';
import { errorCodes, isErrorCode } from './errors';

describe('readEnvelope', () => {
  it('keeps the value of an ok reply', () => {
    expect(readEnvelope({ ok: true, value: [1, 2] }, 'projects.list')).toEqual({ ok: true, value: [1, 2] });
    expect(readEnvelope({ ok: true, value: null }, 'library.forget')).toEqual({ ok: true, value: null });
  });

  it.each(errorCodes)('keeps the known code %s and its sentence', (code) => {
    expect(readEnvelope({ ok: false, error: { code, message: 'Said by main.' } }, 'sync.start')).toEqual({ ok: false, error: { code, message: 'Said by main.' } });
  });

  it('reads an unknown code as internal and keeps the sentence', () => {
    expect(readEnvelope({ ok: false, error: { code: 'sync.conflict', message: 'Changed elsewhere.' } }, 'sync.start')).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Changed elsewhere.' },
    });
  });

  it('copies only the envelope fields, into fresh objects', () => {
    const reply = { ok: false, error: { code: 'auth.required', message: 'Sign in.', stack: 'at x' }, debug: true };
    const read = readEnvelope(reply, 'auth.signIn');
    expect(read).toEqual({ ok: false, error: { code: 'auth.required', message: 'Sign in.' } });
    expect(read.ok ? null : read.error).not.toBe(reply.error);
  });

  it.each([[undefined], [null], [42], ['ok'], [{ ok: true }], [{ ok: 'yes', value: 1 }], [{ ok: false }], [{ ok: false, error: 'x' }], [{ ok: false, error: { code: 1, message: 'm' } }], [{ ok: false, error: { code: 'internal' } }]])(
    'reads the malformed reply %j as ipc.bad_reply',
    (reply) => {
      expect(readEnvelope(reply, 'auth.signIn')).toEqual({ ok: false, error: { code: 'ipc.bad_reply', message: 'Locdesk got an unreadable reply to auth.signIn.' } });
    },
  );
});

describe('settleEnvelope', () => {
  it('reads what the call resolves with', async () => {
    await expect(settleEnvelope(() => Promise.resolve({ ok: true, value: 3 }), 'x.y')).resolves.toEqual({ ok: true, value: 3 });
  });

  it('turns a rejection or a throw into ipc.call_failed without passing the text on', async () => {
    const rejected = await settleEnvelope(() => Promise.reject(new Error('secret internals')), 'keys.page');
    const thrown = await settleEnvelope(() => {
      throw new Error('An object could not be cloned.');
    }, 'keys.page');
    for (const envelope of [rejected, thrown]) {
      expect(envelope).toEqual({ ok: false, error: { code: 'ipc.call_failed', message: 'Locdesk could not complete keys.page. Please try again.' } });
    }
  });
});

describe('the closed list of codes', () => {
  it('has no duplicates and recognises exactly its own members', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    for (const code of errorCodes) expect(isErrorCode(code)).toBe(true);
    for (const other of ['', 'auth', 'auth.denied', 'AUTH.REQUIRED', 42, null, undefined]) expect(isErrorCode(other)).toBe(false);
  });
});
