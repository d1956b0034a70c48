// ESLint flat config: type-aware typescript-eslint rules, plus the layer rules of the design (docs/architecture.md).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Bare Node built-in names (fs, path, …), for the rule that keeps common/ runtime-neutral. */
const nodeBuiltinNames = builtinModules.filter((name) => !name.startsWith('_'));

const ipcMainBan = { name: 'electron', importNames: ['ipcMain'], message: 'Only main/ipc/** may use ipcMain; go through main/ipc/handle.ts.' };
const rendererIpcBan = {
  name: 'electron',
  importNames: ['ipcRenderer', 'contextBridge'],
  message: 'Only preload/** may use ipcRenderer or contextBridge.',
};

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.common.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      'no-restricted-imports': ['error', { paths: [ipcMainBan, rendererIpcBan] }],
    },
  },
  {
    // Plain-JavaScript project scripts (build/scripts/*.mjs) run directly on Node; they get untyped linting.
    files: ['eslint.config.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The core is plain Node: no Electron, and no reaching outward into the edge or the UI.
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'main/core must not import electron; add a port and an adapter in main/platform.' }],
          patterns: [
            { group: ['**/platform', '**/platform/**', '**/ipc', '**/ipc/**'], message: 'main/core must not depend on the Electron edge.' },
            { group: ['**/renderer/**'], message: 'main/core must not import the renderer.' },
            { group: ['electron/*'], message: 'main/core must not import electron.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer talks only to window.locdesk; from outside its folder it may import only the runtime-neutral common/.
    // Its component-test kit (test/support/renderer) runs in the same jsdom world, so it keeps the same rules.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx', 'test/support/renderer/**/*.ts', 'test/support/renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer must not import electron; use window.locdesk.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node.' },
            { group: ['**/main/**', '**/main'], message: 'The renderer must not import the main process.' },
            { group: ['**/preload/**', '**/preload'], message: 'The renderer must not import the preload; shared code lives in common/.' },
          ],
        },
      ],
    },
  },
  {
    // common/ is runtime-neutral: the contract and pure rules that main, preload and renderer all use. No Electron,
    // no Node built-ins, no reaching into any runtime's folder (tsconfig.common.json also keeps DOM and Node globals out).
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'common/ must not import electron: it runs in every runtime.' }],
          patterns: [
            { group: ['node:*', ...nodeBuiltinNames], message: 'common/ must not import Node built-ins: it runs in the renderer too.' },
            { group: ['**/main/**', '**/main', '**/preload/**', '**/preload', '**/renderer/**', '**/renderer', '**/test/**'], message: 'common/ must not import a runtime-specific folder.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/ipc/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rendererIpcBan] }] },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [ipcMainBan], patterns: [{ group: ['**/main/**'], message: 'The preload must not import the main process.' }] },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
