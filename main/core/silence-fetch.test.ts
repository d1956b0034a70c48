import { describe, expect, it } from 'vitest';
import { fetchBytes } from './silence-fetch';
import type { FetchFunction } from './ports';

/** `count` chunks of `size` bytes (chunk k filled with k), every one ready at once; pulling each takes `busyMs` of CPU. */
function readyBody(count: number, size: number, busyMs = 0): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const until = performance.now() + busyMs;
      while (performance.now() < until);
      if (next === count) controller.close();
      else {
        controller.enqueue(new Uint8Array(size).fill(next % 256));
        next += 1;
      }
    },
  });
  return { stream, pulled: () => next };
}

function answering(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): FetchFunction {
  return () => Promise.resolve(new Response(body, { status: 200, headers }));
}

function expected(count: number, size: number): Buffer {
  const all = Buffer.alloc(count * size);
  for (let chunk = 0; chunk < count; chunk += 1) all.fill(chunk % 256, chunk * size, (chunk + 1) * size);
  return all;
}

describe('fetchBytes reading a large body', () => {
  it('lets the event loop run while a body whose chunks are all ready is read, instead of holding it to the end', async () => {
    const { stream, pulled } = readyBody(40, 1024, 1);
    let pulledWhenLoopRan: number | null = null;
    setImmediate(() => {
      pulledWhenLoopRan = pulled();
    });
    const { bytes } = await fetchBytes(answering(stream), 'http://127.0.0.1:9/keys', { init: {}, silenceMs: 15_000 });
    expect(Buffer.from(bytes).equals(expected(40, 1024))).toBe(true);
    // 40 ms of reading; the loop had a turn within the first few milliseconds of it.
    expect(pulledWhenLoopRan).not.toBeNull();
    expect(pulledWhenLoopRan).toBeLessThan(20);
  });

  it('returns exactly the bytes that came, in a buffer of their own, whatever length the server declared', async () => {
    for (const declared of [undefined, '12288', '4096', '100000', 'nonsense']) {
      const { stream } = readyBody(12, 1024);
      const { bytes } = await fetchBytes(answering(stream, declared === undefined ? {} : { 'Content-Length': declared }), 'http://127.0.0.1:9/keys', { init: {}, silenceMs: 15_000 });
      expect(Buffer.from(bytes).equals(expected(12, 1024))).toBe(true);
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    }
  });

  it('reads an empty body as no bytes', async () => {
    const { stream } = readyBody(0, 1024);
    const { bytes } = await fetchBytes(answering(stream, { 'Content-Length': '0' }), 'http://127.0.0.1:9/keys', { init: {}, silenceMs: 15_000 });
    expect(bytes.byteLength).toBe(0);
  });
});
