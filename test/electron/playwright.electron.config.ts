/**
 * The `_electron` suite: the real app (built main, preload and renderer) driven through Playwright's Electron
 * support against the fake Lokalise. It needs an Electron binary; where there is none, global setup prints one line
 * saying why and every test is reported as skipped.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  outputDir: '../../test-results/electron-artifacts',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: { trace: 'retain-on-failure' },
});
