// ESLint flat config: type-aware typescript-eslint rules, plus the layer rules of the design (docs/architecture.md).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
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

/**
 * Import boundaries, checked on resolved paths (import-x/no-restricted-paths), so a relative path, an index file or
 * a path through test/ cannot slip past them. `target` is where the importing file is, `from` what it may not import.
 */
const zones = {
  storeDoor: {
    target: '.',
    from: 'main/core/store',
    except: ['./index.ts'],
    message: 'Outside main/core/store/ the library is reached only through its door, main/core/store/index.ts (LibraryStore and plain-data types).',
  },
  platformLooksDown: {
    target: 'main/platform',
    from: ['main/ipc', 'main/window.ts'],
    message: 'Platform code must not import the IPC or window layers above it; main/index.ts (the composition root) hands them in.',
  },
  noTestInProduction: {
    target: '.',
    from: 'test',
    message: 'Production code must not import test code: test support lives in test/ for tests only.',
  },
};
/** The rule with some of the zones above. Flat config gives a file the last block's options, so each block lists all it needs. */
const restrictedPaths = (...chosen) => ['error', { basePath: import.meta.dirname, zones: chosen }];
/** Production sources: what ships, or what a shipping module imports. Tests and test-only helpers are not. */
const productionFiles = ['main/**/*.ts', 'preload/**/*.ts', 'renderer/src/**/*.ts', 'renderer/src/**/*.tsx', 'common/**/*.ts'];
const testOnlyFiles = ['**/*.test.ts', '**/*.test.tsx'];
/**
 * Bench files that measure the store's search design from the inside (the tokenizer comparison, the bare FTS floor
 * under a search): white-box by purpose, so the store's door does not apply to them.
 */
// Files that reach behind the store's door on purpose: benches measuring its parts, and the keeper's test, which stops
// the index thread's background merging before it damages the index file.
const storeWhiteBox = ['test/bench/tokenizers.ts', 'test/bench/search-child.ts', 'main/core/library-keeper.test.ts'];

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
    // Import structure, on the files' resolved paths (TypeScript's own resolution, through the same tsconfigs):
    // no module may reach itself again through its imports, in any folder. A circle means neither side can be
    // understood, tested or moved (issue 17 moves the store into a worker) without the other. This rule skips
    // `import type` by design; `npm run lint:circles` (.dependency-cruiser.cjs) refuses circles of types too.
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.common.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Everyone outside the store, tests included, goes through its door.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/core/store/**', ...storeWhiteBox],
    rules: { 'import-x/no-restricted-paths': restrictedPaths(zones.storeDoor) },
  },
  {
    // Production code: the store's door, layers that point one way, and nothing from test/.
    files: productionFiles,
    ignores: [...testOnlyFiles, 'main/core/store/**'],
    rules: { 'import-x/no-restricted-paths': restrictedPaths(zones.storeDoor, zones.platformLooksDown, zones.noTestInProduction) },
  },
  {
    // The store's own production files import each other freely, and nothing from test/.
    files: ['main/core/store/**/*.ts'],
    ignores: testOnlyFiles,
    rules: { 'import-x/no-restricted-paths': restrictedPaths(zones.noTestInProduction) },
  },
  {
    // Plain-JavaScript project scripts (build/scripts/*.mjs, .dependency-cruiser.cjs) run directly on Node; they get
    // untyped linting.
    files: ['eslint.config.js', '**/*.mjs', '**/*.cjs'],
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
