/**
 * Reading a call's reply envelope on the far side of a boundary.
 *
 * A failed call travels as data (`{ok: false, error: {code, message}}`), never as a thrown `Error`: Electron's
 * contextBridge copies only the `message` of an Error that crosses it, so a thrown code would be lost on the way to
 * the page. Both sides that receive an envelope (the preload, from main; the renderer, from the preload) read it with
 * this one function, so a malformed reply or a code this build does not know is handled the same way on both.
 */
import type { Envelope } from './contract';
import { isErrorCode, type ErrorCode } from './errors';

/** A failed envelope with `code` and the sentence to show. */
export function failedEnvelope(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * A fresh, plain envelope read from `reply`, the raw answer to the call named `callName` (e.g. `auth.signIn`).
 *
 * - An ok reply keeps its value.
 * - A failed reply keeps its code and message. A code outside the closed list (a newer main talking to an older
 *   renderer cannot happen in one installed app, but a harness or a future transport could send one) becomes
 *   `internal` with the message kept: the renderer cannot branch on a code it does not know, and showing the
 *   sentence is the safe default, since only known codes may be kept quiet.
 * - Anything else becomes `ipc.bad_reply`. No field of the reply beyond these is copied.
 */
export function readEnvelope(reply: unknown, callName: string): Envelope<unknown> {
  if (isRecord(reply)) {
    if (reply.ok === true && 'value' in reply) return { ok: true, value: reply.value };
    const error = reply.error;
    if (reply.ok === false && isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
      return failedEnvelope(isErrorCode(error.code) ? error.code : 'internal', error.message);
    }
  }
  return failedEnvelope('ipc.bad_reply', `Locdesk got an unreadable reply to ${callName}.`);
}

/**
 * Runs `call` (one crossing of a boundary) and reads what it resolves with. A call that throws or rejects instead
 * becomes `ipc.call_failed`: whatever it threw is not passed on, since an Error loses its code at contextBridge
 * anyway and its text may name internals the page has no business seeing. Never rejects.
 */
export async function settleEnvelope(call: () => Promise<unknown>, callName: string): Promise<Envelope<unknown>> {
  let reply: unknown;
  try {
    reply = await call();
  } catch {
    return failedEnvelope('ipc.call_failed', `Locdesk could not complete ${callName}. Please try again.`);
  }
  return readEnvelope(reply, callName);
}
