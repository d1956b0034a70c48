/**
 * The OAuth `state` value: without PKCE (Lokalise has none) it is the only defence against login CSRF and code
 * injection, so it is 32 random bytes, compared in constant time, and used once (RFC 9700 §2.1, §4.2.4).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh state value, base64url so it survives URL encoding unchanged (no `+`, `/` or `=`). */
export function createStateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of a received value against the expected state. */
export function stateMatches(expected: string, received: string | null): boolean {
  if (received === null) return false;
  const left = Buffer.from(expected, 'utf8');
  const right = Buffer.from(received, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
