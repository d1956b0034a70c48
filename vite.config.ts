/**
 * One Vite config for every bundle, selected by `--mode`:
 * - default: the React renderer (`renderer/` → `out/renderer/`), loaded from the app bundle in production;
 * - `main`: the Electron main process as ESM (`out/main/index.js`), dependencies left to node_modules, and beside it
 *   one file per worker thread entry (`out/main/search-index-worker.js`; see main/core/worker-script.ts);
 * - `preload`: the sandboxed preload as one CommonJS file (`out/preload/index.cjs`), since sandboxed preloads
 *   cannot load ES modules or anything but `electron` at run time;
 * - `test` (used by vitest): the unit, component and electron-edge test projects.
 */
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig, type ViteUserConfig as UserConfig } from 'vitest/config';
import { developmentContentSecurityPolicy, replaceMetaPolicy } from './main/platform/content-security-policy';

const root = import.meta.dirname;
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/**
 * The main process's entries: the app, and each worker thread's code as a file of its own, named as
 * main/core/worker-script.ts looks for it (the entry's file name).
 */
const mainEntries = {
  index: resolve(root, 'main/index.ts'),
  'search-index-worker': resolve(root, 'main/core/store/search-index-worker.ts'),
  'qa-scan-worker': resolve(root, 'main/core/store/qa-scan-worker.ts'),
  'integrity-check-worker': resolve(root, 'main/core/store/integrity-check-worker.ts'),
  'snapshot-worker': resolve(root, 'main/core/store/snapshot-worker.ts'),
};

function mainConfig(): UserConfig {
  return {
    build: {
      ssr: true,
      outDir: resolve(root, 'out/main'),
      emptyOutDir: true,
      target: 'node22',
      sourcemap: false,
      minify: false,
      rollupOptions: {
        input: mainEntries,
        external: ['electron', 'libsql', 'electron-store', 'electron-updater', ...nodeBuiltins],
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
    define: {
      // Packaged builds may carry the OAuth app's credentials in the main bundle only (never preload or renderer).
      'import.meta.env.LOCDESK_BUILD_CLIENT_ID': JSON.stringify(process.env.LOCDESK_BUILD_CLIENT_ID ?? ''),
      'import.meta.env.LOCDESK_BUILD_CLIENT_SECRET': JSON.stringify(process.env.LOCDESK_BUILD_CLIENT_SECRET ?? ''),
      // The release workflow sets the feed folder of the repository's latest GitHub release; see docs/release.md.
      'import.meta.env.LOCDESK_BUILD_UPDATE_URL': JSON.stringify(process.env.LOCDESK_BUILD_UPDATE_URL ?? ''),
    },
    ssr: { noExternal: ['zod'] },
  };
}

function preloadConfig(): UserConfig {
  return {
    build: {
      ssr: resolve(root, 'preload/index.ts'),
      outDir: resolve(root, 'out/preload'),
      emptyOutDir: true,
      target: 'chrome140',
      sourcemap: false,
      minify: false,
      rollupOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'index.cjs' } },
    },
    ssr: { noExternal: true },
  };
}

/**
 * While serving (never in a build), swaps index.html's production CSP for the development one, which lets Vite's
 * injected `<style>` elements apply (see main/platform/content-security-policy.ts).
 */
export function developmentCsp(): Plugin {
  return {
    name: 'locdesk-development-csp',
    apply: 'serve',
    transformIndexHtml: (html) => replaceMetaPolicy(html, developmentContentSecurityPolicy),
  };
}

function rendererConfig(): UserConfig {
  return {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react(), developmentCsp()],
    build: { outDir: resolve(root, 'out/renderer'), emptyOutDir: true, target: 'chrome140', sourcemap: false },
    server: { host: '127.0.0.1', port: 5173, strictPort: true },
  };
}

function testConfig(): UserConfig {
  return {
    plugins: [react()],
    test: {
      // electron-store imports 'electron' itself; inlining it lets vi.mock('electron') reach that import.
      server: { deps: { inline: ['electron-store'] } },
      // Every temporary folder of the run under one, removed at its end (see the file).
      globalSetup: [resolve(root, 'test/support/temp-folder.ts')],
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            environment: 'node',
            include: ['common/**/*.test.ts', 'main/**/*.test.ts', 'preload/**/*.test.ts', 'test/fake-lokalise/**/*.test.ts', 'test/unit/**/*.test.ts'],
            testTimeout: 30_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'component',
            environment: 'jsdom',
            include: ['renderer/**/*.test.tsx', 'renderer/**/*.test.ts'],
            setupFiles: [resolve(root, 'test/support/renderer/setup.ts')],
          },
        },
      ],
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'main') return mainConfig();
  if (mode === 'preload') return preloadConfig();
  if (mode === 'test') return testConfig();
  return rendererConfig();
});
