/**
 * One HTTP exchange that notices silence: the request is given up when no answer has started within the silence
 * limit, or when an answer that did start sends nothing more for that long.
 *
 * A network that accepts connections but never answers (a captive portal, a dead proxy, a VPN that lost its
 * route) would otherwise hold a request until a long overall timeout, and the app would look online all the
 * while. A single overall timeout cannot be short either: a page of 500 keys in ten languages is 2.5 MB, and on a
 * slow connection it is still arriving, byte after byte, long after 15 s. So the limit is on silence, not on
 * duration: it restarts with every chunk of the body.
 *
 * The request is aborted with a `NoAnswerError` as its signal's reason, which is how the connectivity tracker's
 * fetch wrapper (`core-composition.ts`) tells "Lokalise is not answering" from a cancel.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { abortReason } from './abort-reason';
import { LocdeskError } from './errors';
import type { FetchFunction } from './ports';

/** Where the silence fell: before any answer, or in the middle of one. */
export type SilencePhase = 'answer' | 'body';

/** Lokalise accepted the request (or the network pretended to) and then sent nothing for `silenceMs`. */
export class NoAnswerError extends LocdeskError {
  public constructor(
    public readonly phase: SilencePhase,
    public readonly silenceMs: number,
  ) {
    const seconds = Number((silenceMs / 1000).toFixed(1));
    super(
      'network.no_answer',
      phase === 'answer'
        ? `Lokalise is not answering: nothing came back within ${seconds} s.`
        : `Lokalise stopped sending part-way through an answer: nothing more came for ${seconds} s.`,
    );
    this.name = 'NoAnswerError';
  }
}

/** True when a request failed because Lokalise went silent: `error` is the failure, `signal` the request's signal. */
export function isNoAnswer(error: unknown, signal?: AbortSignal | null): boolean {
  return error instanceof NoAnswerError || (signal?.aborted === true && signal.reason instanceof NoAnswerError);
}

/** One request for `fetchText`. */
export interface SilenceLimitedRequest {
  /** Method, headers, body and redirect mode; the signal is built here. */
  readonly init: Omit<RequestInit, 'signal'>;
  /** How long the request may go without hearing from the server, before the answer and between body chunks. */
  readonly silenceMs: number;
  /** The caller's cancellation. */
  readonly signal?: AbortSignal | undefined;
  /** Told once the status and headers are in, before the body is read. */
  readonly onHeaders?: ((response: Response) => void) | undefined;
}

/**
 * Sends the request and reads the whole body as text. Rejects with the caller's abort reason when the caller
 * cancels, with a `NoAnswerError` when the server goes silent, and with fetch's own error when the network fails.
 */
export async function fetchText(fetch: FetchFunction, url: URL | string, request: SilenceLimitedRequest): Promise<{ response: Response; text: string }> {
  const { response, bytes } = await fetchBytes(fetch, url, request);
  // TextDecoder, like Response.text(), drops a byte-order mark that would otherwise break JSON.parse.
  return { response, text: utf8.decode(bytes) };
}

/**
 * fetchText without the decoding: the body's bytes, in a buffer of their own (never a view into a shared pool), so
 * a large answer can be transferred to another thread and decoded there (issue 17: decoding a 2.5 MB page of keys
 * took tens of milliseconds of the main process's event loop, and copying its text to the writing thread as many).
 */
export async function fetchBytes(fetch: FetchFunction, url: URL | string, request: SilenceLimitedRequest): Promise<{ response: Response; bytes: Uint8Array }> {
  const silence = new AbortController();
  const signal = request.signal === undefined ? silence.signal : AbortSignal.any([request.signal, silence.signal]);
  let phase: SilencePhase = 'answer';
  const timer = setTimeout(() => silence.abort(new NoAnswerError(phase, request.silenceMs)), request.silenceMs);
  try {
    const response = await fetch(url, { ...request.init, signal });
    phase = 'body';
    timer.refresh();
    request.onHeaders?.(response);
    return { response, bytes: await readBody(response, timer) };
  } catch (error) {
    if (request.signal?.aborted === true) throw abortReason(request.signal);
    if (silence.signal.aborted) throw silence.signal.reason as NoAnswerError;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * How long reading one body may hold the event loop before it lets other work in. When the loop comes back to a
 * socket that filled meanwhile, every buffered chunk of a 2.5 MB page is ready at once, and reading them is a chain
 * of promise reactions that never returns to the loop: 50-150 ms of main's loop at once in the 100k-key stall bench
 * at load ~8 (issue 17). A turn of the loop every few milliseconds costs next to nothing.
 */
const bodySliceMs = 4;

/** The body's length as the server declared it, when it is a usable one; else null. */
function declaredLength(response: Response): number | null {
  const header = response.headers.get('content-length');
  if (header === null || !/^\d{1,10}$/.test(header)) return null;
  const length = Number(header);
  return length <= 256 * 1024 * 1024 ? length : null;
}

/**
 * Reads `response`'s body chunk by chunk, restarting the silence timer with each one and giving the event loop a
 * turn every `bodySliceMs`. With a declared length, chunks are copied into the body as they come (one buffer, the
 * chunks free at once) rather than all at the end; a body that turns out longer or shorter is still returned whole
 * and exact (a mismatch is what the caller's parsing then rejects, as before).
 */
async function readBody(response: Response, timer: NodeJS.Timeout): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  let body = new Uint8Array(declaredLength(response) ?? 64 * 1024);
  let length = 0;
  let turnAt = performance.now();
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    const bytes = chunk.value as Uint8Array;
    if (length + bytes.byteLength > body.byteLength) {
      const grown = new Uint8Array(Math.max(length + bytes.byteLength, body.byteLength * 2));
      grown.set(body.subarray(0, length));
      body = grown;
    }
    body.set(bytes, length);
    length += bytes.byteLength;
    timer.refresh();
    if (performance.now() - turnAt >= bodySliceMs) {
      await nextTurn();
      turnAt = performance.now();
    }
  }
  // A buffer of exactly the body, so it can be transferred whole (see fetchBytes).
  return length === body.byteLength ? body : body.slice(0, length);
}

const utf8 = new TextDecoder();
