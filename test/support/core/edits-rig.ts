/**
 * Test wiring for the write path: the real AppCore against the fake Lokalise over HTTP on 127.0.0.1, signed in
 * through the fake's consent page, with one project synced into a library in a temp folder. Calls go through
 * `dispatchCall`, the path the IPC handlers use, so arguments and results are validated as in the app.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Edit, EditCommitInput, PushStatus } from '../../../common/contract';
import { QA_CHECK_IDS, type QaCheckId, type QaLevel } from '../../../common/qa';
import { createAppCore, type AppCore } from '../../../main/core/app-core';
import type { QuietOptions } from '../../../main/core/call-activity';
import { loadConfig, type LocdeskConfig } from '../../../main/core/config';
import { dispatchCall } from '../../../main/core/dispatch';
import type { SaveFileDialog } from '../../../main/core/ports';
import { Redactor, silentLogger } from '../../../main/core/log';
import { fakeEnvironment } from '../../fake-lokalise/environment';
import type { FakeLokalise } from '../../fake-lokalise/server';
import { answerConsent } from '../../fake-lokalise/testing';
import { MemoryCipher, MemoryClipboard, MemoryKeyValueStore, RecordingBrowser, ScriptedConfirmation } from '../memory-ports';

/** A composed core with its folder and stores, reopenable on the same folder (a restart). */
export interface EditsRig {
  readonly core: AppCore;
  readonly folder: string;
  readonly projectId: string;
  readonly savePaths: (string | null)[];
  /** Calls `channel` through dispatch and returns the value, throwing the envelope's error. */
  call<T>(channel: string, ...args: unknown[]): Promise<T>;
  commit(input: EditCommitInput): Promise<Edit>;
  /** Starts a push and waits for it to end. */
  push(projectId?: string | null, editIds?: number[] | null): Promise<PushStatus>;
  list(): Promise<Edit[]>;
  close(): Promise<void>;
}

/** Options for a rig. */
export interface EditsRigOptions {
  readonly config?: Partial<LocdeskConfig>;
  /** Reuse a folder (a restart); the tokens are kept in `tokenStore` across rigs. */
  readonly folder?: string;
  readonly tokenStore?: MemoryKeyValueStore;
  /** The vault's cipher; pass the same one to a restart so it can read the tokens the last core stored. */
  readonly cipher?: MemoryCipher;
  readonly settingsStore?: MemoryKeyValueStore;
  /** Skip sign-in and sync (a restart that keeps its library and session). */
  readonly skipSetup?: boolean;
  /** What the save dialog answers: a path, or null for cancel. */
  readonly savePath?: string | null;
  /**
   * `off` turns every QA check off for the project after the sync, for tests about the 3-way check whose values
   * would otherwise be held by QA (the fake's sources are full of placeholders). Default: the project's defaults.
   */
  readonly qa?: 'defaults' | 'off';
  /** The start-up housekeeping's wait for quiet (AppCoreDependencies.startUpQuiet); the core's defaults if absent. */
  readonly startUpQuiet?: QuietOptions;
}

/** Settings that keep tokens across a restart of the rig (weak storage allowed: the cipher is a test one). */
export function weakStorageSettings(): MemoryKeyValueStore {
  const store = new MemoryKeyValueStore();
  store.set('settings', { allowWeakTokenStorage: true, automaticUpdates: false });
  return store;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A core composed over a data folder, with the call path the IPC handlers use. */
export interface ComposedCore {
  readonly core: AppCore;
  readonly browser: RecordingBrowser;
  readonly savePaths: (string | null)[];
  /** Calls `channel` through dispatch and returns the value, throwing the envelope's error (with its `code`). */
  call<T>(channel: string, ...args: unknown[]): Promise<T>;
}

/**
 * Composes the real AppCore over `folder` with memory ports, configured by `environment` (LOCDESK_* settings, e.g.
 * `fakeEnvironment(fake)`). Also used by child processes (the SIGKILL test, the commit bench) that have no fake
 * object of their own, only its addresses.
 */
export async function composeCore(environment: Record<string, string>, folder: string, options: Omit<EditsRigOptions, 'folder' | 'skipSetup' | 'qa'> = {}): Promise<ComposedCore> {
  const browser = new RecordingBrowser();
  const savePaths: (string | null)[] = [];
  const saveDialog: SaveFileDialog = {
    choosePath: () => {
      const path = options.savePath === undefined ? join(folder, 'export.json') : options.savePath;
      savePaths.push(path);
      return Promise.resolve(path);
    },
  };
  const cipher = options.cipher ?? new MemoryCipher();
  cipher.currentStrength = 'weak';
  const core = await createAppCore({
    config: { ...loadConfig(environment).config, requestsPerSecond: 1000, noAnswerTimeoutMs: 2000, ...options.config },
    configProblem: null,
    dataFolder: folder,
    fetch: globalThis.fetch,
    cipher,
    tokenStore: options.tokenStore ?? new MemoryKeyValueStore(),
    settingsStore: options.settingsStore ?? weakStorageSettings(),
    confirmation: new ScriptedConfirmation(true),
    browser,
    clipboard: new MemoryClipboard(),
    saveDialog,
    logger: silentLogger,
    redactor: new Redactor(),
    appVersion: 'test',
    ...(options.startUpQuiet === undefined ? {} : { startUpQuiet: options.startUpQuiet }),
  });
  const call = async <T>(channel: string, ...args: unknown[]): Promise<T> => {
    const envelope = await dispatchCall(core.api, channel, args);
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.value as T;
  };
  return { core, browser, savePaths, call };
}

/** Composes a core against `fake`, signs in and syncs its first project (unless `skipSetup`). */
export async function editsRig(fake: FakeLokalise, options: EditsRigOptions = {}): Promise<EditsRig> {
  const folder = options.folder ?? mkdtempSync(join(tmpdir(), 'locdesk-edits-'));
  const { core, browser, savePaths, call } = await composeCore(fakeEnvironment(fake), folder, options);
  const projectId = fake.dataset.projects[0]?.projectId ?? '';
  if (options.skipSetup !== true) {
    const opened = browser.nextUrl();
    const pending = core.api.auth.signIn();
    const { location } = await answerConsent(await opened, 'allow');
    await fetch(location ?? '', { redirect: 'manual' });
    await pending;
    await core.api.projects.refresh();
    await core.api.projects.setKeepOffline(projectId, true);
    await core.api.sync.start([projectId]);
    await waitFor(() => core.api.sync.status(), (status) => status.status !== 'running', 'the sync');
  }
  if (options.qa === 'off') {
    const off = Object.fromEntries(QA_CHECK_IDS.map((id) => [id, 'off'])) as Record<QaCheckId, QaLevel>;
    await core.api.qa.updateSettings(projectId, { checks: off });
  }
  return {
    core,
    folder,
    projectId,
    savePaths,
    call,
    commit: (input) => call<Edit>('edits:commit', input),
    push: async (target = null, editIds = null) => {
      await call('edits:push', target, editIds);
      return waitFor(() => core.api.edits.pushStatus(), (status) => status.status !== 'running', 'the push');
    },
    list: () => call<Edit[]>('edits:list', null, {}),
    close: () => core.close(),
  };
}
