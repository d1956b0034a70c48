/**
 * A stand-in AppCore for the Electron-edge tests: every contract method returns a sample of its result schema (or
 * whatever a test overrides it with) and records its calls, so IPC plumbing can be tested without the real core.
 */
import { listCalls, type CoreApi } from '../../../common/contract';
import type { AppCore } from '../../../main/core/app-core';
import { EventBus } from '../../../main/core/event-bus';
import { sampleOf } from './contract-samples';

type Implementation = (...args: unknown[]) => Promise<unknown>;

/** A fake core plus the log of calls it received. */
export interface FakeCore extends AppCore {
  readonly received: { channel: string; args: unknown[] }[];
  wakeCount: number;
  closeCount: number;
  /** Replaces one method, addressed by its channel. */
  override(channel: string, implementation: Implementation): void;
}

/** Builds the fake; `transform` can alter every sample result (e.g. to add a leaking field). */
export function createFakeCore(transform: (value: unknown, channel: string) => unknown = (value) => value): FakeCore {
  const received: { channel: string; args: unknown[] }[] = [];
  const overrides = new Map<string, Implementation>();
  const api: Record<string, Record<string, Implementation>> = {};
  for (const { domain, method, spec } of listCalls()) {
    const channel = spec.channel;
    (api[domain] ??= {})[method] = (...args: unknown[]) => {
      received.push({ channel, args });
      const override = overrides.get(channel);
      if (override !== undefined) return override(...args);
      return Promise.resolve(transform(sampleOf(spec.result), channel));
    };
  }
  const core: FakeCore = {
    api: api as unknown as CoreApi,
    events: new EventBus(),
    qa: { recheckKey: () => false, usePendingTranslations: () => undefined },
    received,
    wakeCount: 0,
    closeCount: 0,
    handleWake: () => {
      core.wakeCount += 1;
    },
    close: () => {
      core.closeCount += 1;
      return Promise.resolve();
    },
    override: (channel, implementation) => overrides.set(channel, implementation),
  };
  return core;
}
