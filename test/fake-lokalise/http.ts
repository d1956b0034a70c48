/**
 * Small HTTP helpers for the fake: Lokalise's response headers, body reading, and the two error shapes.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { phpJson } from './wire';

/** Headers every Lokalise API response carries. */
export function apiHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'max-age=0, must-revalidate, no-cache, no-store, private',
    'X-Lokalise-Process-Id': randomUUID(),
    Vary: 'Accept-Encoding',
    ...extra,
  };
}

/** Sends `body` as PHP-style JSON with the API headers. */
export function sendJson(response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = phpJson(body);
  // Set on its own so the server can read it back (getHeader) to count the bytes it served.
  response.setHeader('Content-Length', String(Buffer.byteLength(text)));
  response.writeHead(status, apiHeaders(extra));
  response.end(text);
}

/** The documented nested error shape: `{"error":{"message","code"}}`. */
export function sendNestedError(response: ServerResponse, status: number, message: string): void {
  sendJson(response, status, { error: { message, code: status } });
}

/** The flat shape some paths return: `{"message","code"}`. */
export function sendFlatError(response: ServerResponse, status: number, message: string): void {
  sendJson(response, status, { message, code: status });
}

/** A static HTML page (consent, code display, errors). */
export function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(html);
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Reads a request body up to 1 MB. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > 1_000_000) throw new Error('body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON or form body into string fields; returns null when it is neither. */
export function parseFields(contentType: string | undefined, body: string): { fields: Record<string, string>; kind: 'json' | 'form' } | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      const fields: Record<string, string> = {};
      for (const [name, value] of Object.entries(parsed)) if (typeof value === 'string') fields[name] = value;
      return { fields, kind: 'json' };
    } catch {
      return null;
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    return { fields: Object.fromEntries(new URLSearchParams(body)), kind: 'form' };
  }
  return null;
}
