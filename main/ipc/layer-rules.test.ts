/**
 * Proves the layer rules in eslint.config.js really fire: offending files are written into the real folders, linted
 * with ESLint's Node API (same config, same type-aware parser), and removed again. Covered: the core stays off
 * Electron and the edge, the renderer and common/ stay in their runtimes, ipcMain and contextBridge stay where they
 * belong, the store is entered only through its door, platform code does not import the IPC or window layers,
 * production code imports nothing from test/, and no module imports itself around a circle.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tag = randomBytes(4).toString('hex');

interface Probe {
  readonly folder: string;
  readonly source: string;
  /** Substrings of the messages expected from the import rules; empty means the file must pass them. */
  readonly expected: readonly string[];
  /** The probe file's ending; `.test.ts` makes it a test file. */
  readonly extension?: string;
}

/** The module name of probe `name`, for probes that import each other. */
const probeModule = (name: string): string => `zz-layer-probe-${tag}-${name}`;
const storeDoor = 'the library is reached only through its door';
const noTestImports = 'Production code must not import test code';
const platformUp = 'Platform code must not import the IPC or window layers';

const probes: Record<string, Probe> = {
  coreImportsElectron: {
    folder: 'main/core',
    source: "import { app } from 'electron';\nexport const probe = app;\n",
    expected: ['main/core must not import electron'],
  },
  coreImportsTheEdge: {
    folder: 'main/core',
    source: "import { registerIpc } from '../ipc';\nimport { ExternalLinkOpener } from '../platform/external-links';\nexport const probe = [registerIpc, ExternalLinkOpener];\n",
    expected: ['main/core must not depend on the Electron edge.', 'main/core must not depend on the Electron edge.'],
  },
  rendererReachesOut: {
    folder: 'renderer',
    source:
      "import { ipcRenderer } from 'electron';\nimport { readFileSync } from 'node:fs';\nimport { dispatchCall } from '../main/core/dispatch';\n" +
      "import { buildApi } from '../preload/api';\nexport const probe = [ipcRenderer, readFileSync, dispatchCall, buildApi];\n",
    expected: [
      'The renderer must not import electron',
      'The renderer has no Node.',
      'The renderer must not import the main process.',
      'The renderer must not import the preload',
    ],
  },
  rendererUsesCommon: {
    folder: 'renderer',
    source: "import { calls, type AuthState } from '../common/contract';\nexport const probe: [AuthState['status'], unknown] = ['signedOut', calls];\n",
    expected: [],
  },
  commonStaysNeutral: {
    folder: 'common',
    source:
      "import { app } from 'electron';\nimport { readFileSync } from 'node:fs';\nimport { join } from 'path';\nimport { silentLogger } from '../main/core/log';\n" +
      "import { api } from '../renderer/src/api';\nexport const probe = [app, readFileSync, join, silentLogger, api];\n",
    expected: [
      'common/ must not import electron',
      'common/ must not import Node built-ins',
      'common/ must not import Node built-ins',
      'common/ must not import a runtime-specific folder.',
      'common/ must not import a runtime-specific folder.',
    ],
  },
  platformUsesIpcMain: {
    folder: 'main/platform',
    source: "import { contextBridge, ipcMain } from 'electron';\nexport const probe = [contextBridge, ipcMain];\n",
    expected: ['Only main/ipc/** may use ipcMain', 'Only preload/** may use ipcRenderer or contextBridge.'],
  },
  syncReachesIntoTheStore: {
    folder: 'main/core/sync',
    source: "import { openDatabase } from '../store/database';\nimport { internalsOf } from '../store/library-store';\nexport const probe = [openDatabase, internalsOf];\n",
    expected: [storeDoor, storeDoor],
  },
  syncUsesTheStoreDoor: {
    folder: 'main/core/sync',
    source: "import { LibraryStore, type SnapshotWriting } from '../store';\nimport { LibraryStore as Same } from '../store/index';\nexport const probe: [unknown, SnapshotWriting | null, unknown] = [LibraryStore, null, Same];\n",
    expected: [],
  },
  testReachesIntoTheStore: {
    folder: 'test/support',
    source: "import { buildSearch } from '../../main/core/store/search';\nexport const probe = buildSearch;\n",
    expected: [storeDoor],
  },
  storeImportsItsOwnFiles: {
    folder: 'main/core/store',
    source: "import { openDatabase } from './database';\nimport { SnapshotWriter } from './snapshot-writer';\nexport const probe = [openDatabase, SnapshotWriter];\n",
    expected: [],
  },
  coreImportsTestSupport: {
    folder: 'main/core',
    source: "import { MemoryCipher } from '../../test/support/memory-ports';\nimport { readLibrary } from '../../test/support/core/library-file';\nexport const probe = [MemoryCipher, readLibrary];\n",
    expected: [noTestImports, noTestImports],
  },
  storeImportsTestSupport: {
    folder: 'main/core/store',
    source: "import { syncRig } from '../../../test/support/core/sync-rig';\nexport const probe = syncRig;\n",
    expected: [noTestImports],
  },
  preloadImportsTestSupport: {
    folder: 'preload',
    source: "import { MemoryClipboard } from '../test/support/memory-ports';\nexport const probe = MemoryClipboard;\n",
    expected: [noTestImports],
  },
  rendererImportsTestSupport: {
    folder: 'renderer/src',
    source: "import { RecordingBrowser } from '../../test/support/memory-ports';\nexport const probe = RecordingBrowser;\n",
    expected: [noTestImports],
  },
  aTestImportsTestSupport: {
    folder: 'main/core',
    extension: '.test.ts',
    source: "import { MemoryCipher } from '../../test/support/memory-ports';\nexport const probe = MemoryCipher;\n",
    expected: [],
  },
  platformReachesUp: {
    folder: 'main/platform',
    source: "import { registerIpc } from '../ipc';\nimport { IpcRouter } from '../ipc/handle';\nimport { createMainWindow } from '../window';\nexport const probe = [registerIpc, IpcRouter, createMainWindow];\n",
    expected: [platformUp, platformUp, platformUp],
  },
  cycleFirst: {
    folder: 'main/core',
    source: `import { second } from './${probeModule('cycleSecond')}';\nexport const first = (): number => second() + 1;\n`,
    expected: ['Dependency cycle'],
  },
  cycleSecond: {
    folder: 'main/core',
    source: `import { first } from './${probeModule('cycleFirst')}';\nexport const second = (): number => first.length;\n`,
    expected: ['Dependency cycle'],
  },
  ipcUsesIpcMain: {
    folder: 'main/ipc',
    source: "import { ipcMain, ipcRenderer } from 'electron';\nexport const probe = [ipcMain, ipcRenderer];\n",
    expected: ['Only preload/** may use ipcRenderer or contextBridge.'],
  },
};

const files = new Map(Object.entries(probes).map(([name, probe]) => [name, join(root, probe.folder, `${probeModule(name)}${probe.extension ?? '.ts'}`)]));
let results: Map<string, string[]>;
/** The rules whose messages the probes look at. */
const importRules = new Set(['no-restricted-imports', 'import-x/no-restricted-paths', 'import-x/no-cycle']);

beforeAll(async () => {
  for (const [name, probe] of Object.entries(probes)) writeFileSync(files.get(name) ?? '', probe.source);
  try {
    const eslint = new ESLint({ cwd: root });
    const linted = await eslint.lintFiles([...files.values()]);
    results = new Map(
      linted.map((result) => [
        relative(root, result.filePath),
        result.messages
          .filter((message) => importRules.has(message.ruleId ?? '') || message.fatal === true)
          .map((message) => message.message),
      ]),
    );
  } finally {
    for (const file of files.values()) rmSync(file, { force: true });
  }
}, 180_000);

afterAll(() => {
  for (const file of files.values()) rmSync(file, { force: true });
});

describe('layer rules (eslint.config.js)', () => {
  it.each(Object.keys(probes))('%s', (name) => {
    const probe = probes[name];
    const messages = results.get(relative(root, files.get(name) ?? '')) ?? ['(not linted)'];
    expect(messages).toHaveLength(probe?.expected.length ?? -1);
    for (const expected of probe?.expected ?? []) expect(messages.some((message) => message.includes(expected)), expected).toBe(true);
  });
});
