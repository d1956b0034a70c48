/**
 * The facade the Electron edge and the test harness call: one object whose `api` implements every call of the
 * contract, and whose `events` bus carries every contract event.
 *
 * It only composes services (session, library store, sync engine, settings); each of them owns its own state, so
 * there is no god-store here. Everything below it is plain Node, which is what lets the renderer be tested for real
 * against it in Chromium without Electron.
 */
import type { CoreApi } from '../../common/contract';
import type { LocdeskConfig } from './config';
import type { EventBus } from './event-bus';
import type { Logger, Redactor } from './log';
import type { BrowserOpener, Cipher, ClipboardWriter, ConfirmationPrompt, FetchFunction, KeyValueStore } from './ports';
import { composeCore } from './core-composition';

/** What the composition root (main/index.ts, or a test harness) hands to the core. */
export interface AppCoreDependencies {
  readonly config: LocdeskConfig;
  /** A sentence describing a configuration problem (missing client id/secret, bad URL), or null. */
  readonly configProblem: string | null;
  /** The folder for the offline library database. */
  readonly dataFolder: string;
  readonly fetch: FetchFunction;
  readonly cipher: Cipher;
  /** Holds the encrypted token envelope. */
  readonly tokenStore: KeyValueStore;
  /** Holds user preferences such as `allowWeakTokenStorage`. */
  readonly settingsStore: KeyValueStore;
  /** Asks the user, in main's own dialog, before a setting that weakens security is turned on. */
  readonly confirmation: ConfirmationPrompt;
  readonly browser: BrowserOpener;
  readonly clipboard: ClipboardWriter;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly appVersion: string;
}

/** A running core. */
export interface AppCore {
  readonly api: CoreApi;
  readonly events: EventBus;
  /** Called by the edge when the OS resumes from sleep, so the session can refresh before the token lapses. */
  handleWake(): void;
  /** Cancels sync and sign-in, closes the loopback receiver and the database. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Builds the core: restores the session, opens the library (or records why it cannot), and wires every service's
 * events to the bus. Never throws for an unusable library or configuration; the renderer learns about both
 * through `app.info()` and keeps working with what it has.
 */
export function createAppCore(dependencies: AppCoreDependencies): Promise<AppCore> {
  return composeCore(dependencies);
}
