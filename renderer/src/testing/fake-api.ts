/**
 * A typed in-memory `window.locdesk` for component tests: every call records its arguments and answers from
 * `responses`, and `emit` pushes an event to subscribers as main would.
 */
import type { AuthState, LocdeskApi } from '../../../preload/contract';

type Listener = (payload: unknown) => void;

/** The fake and the handles a test uses to drive it. */
export interface FakeApi {
  readonly api: LocdeskApi;
  readonly calls: { name: string; args: unknown[] }[];
  /** Answers for calls, by `domain.method`; a function is called with the arguments. */
  readonly responses: Map<string, unknown>;
  emit(domainEvent: string, payload: unknown): void;
}

/** A signed-out state with no reason. */
export const signedOut: AuthState = {
  status: 'signedOut',
  reason: null,
  message: null,
  mode: null,
  signInHost: null,
  staleCallbackSeen: false,
  expiresAt: null,
  scopes: [],
  persistence: null,
};

/** Builds a fake whose calls resolve from `responses` (undefined answers resolve to null). */
export function createFakeApi(initial: Record<string, unknown> = {}): FakeApi {
  const calls: { name: string; args: unknown[] }[] = [];
  const responses = new Map<string, unknown>(Object.entries(initial));
  const listeners = new Map<string, Set<Listener>>();
  const api = new Proxy({}, {
    get: (_target, domain: string) =>
      new Proxy({}, {
        get: (_inner, member: string) => {
          const name = `${domain}.${member}`;
          if (member.startsWith('on')) {
            return (listener: Listener) => {
              const set = listeners.get(name) ?? new Set<Listener>();
              listeners.set(name, set);
              set.add(listener);
              return () => set.delete(listener);
            };
          }
          return (...args: unknown[]) => {
            calls.push({ name, args });
            const answer = responses.get(name);
            if (answer instanceof Error) return Promise.reject(answer);
            return Promise.resolve(typeof answer === 'function' ? (answer as (...values: unknown[]) => unknown)(...args) : (answer ?? null));
          };
        },
      }),
  }) as unknown as LocdeskApi;
  return {
    api,
    calls,
    responses,
    emit: (domainEvent, payload) => {
      for (const listener of listeners.get(domainEvent) ?? []) listener(payload);
    },
  };
}
