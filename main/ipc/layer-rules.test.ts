/**
 * Proves the layer rules in eslint.config.js really fire: offending files are written into the real folders, linted
 * with ESLint's Node API (same config, same type-aware parser), and removed again.
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
}

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
  ipcUsesIpcMain: {
    folder: 'main/ipc',
    source: "import { ipcMain, ipcRenderer } from 'electron';\nexport const probe = [ipcMain, ipcRenderer];\n",
    expected: ['Only preload/** may use ipcRenderer or contextBridge.'],
  },
};

const files = new Map(Object.entries(probes).map(([name, probe]) => [name, join(root, probe.folder, `zz-layer-probe-${tag}-${name}.ts`)]));
let results: Map<string, string[]>;

beforeAll(async () => {
  for (const [name, probe] of Object.entries(probes)) writeFileSync(files.get(name) ?? '', probe.source);
  try {
    const eslint = new ESLint({ cwd: root });
    const linted = await eslint.lintFiles([...files.values()]);
    results = new Map(
      linted.map((result) => [
        relative(root, result.filePath),
        result.messages
          .filter((message) => message.ruleId?.endsWith('no-restricted-imports') === true || message.fatal === true)
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
