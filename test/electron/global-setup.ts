/**
 * Runs once before the `_electron` suite. It says in one line which app the suite drives (the packaged build or the
 * unpacked one) or why it is skipped, and refuses to start against a missing build (the app would open an empty
 * window and time out). With LOCDESK_E2E_REQUIRED=1 (the release workflow) a missing Electron fails the run instead
 * of skipping it, so CI can never pass without having driven the app.
 */
import { existsSync } from 'node:fs';
import { findElectronTarget, requiredVariable } from '../../build/scripts/electron-binary.mjs';
import { builtApp } from './launch';

export default function globalSetup(): void {
  const target = findElectronTarget();
  if (!target.found) {
    if (process.env[requiredVariable] === '1') throw new Error(`Electron suite cannot run, and ${requiredVariable}=1 requires it: ${target.reason}`);
    process.stdout.write(`Electron suite skipped: ${target.reason}\n`);
    return;
  }
  process.stdout.write(`Electron suite target: ${target.description}\n`);
  if (target.kind === 'packaged') return;
  const missing = builtApp.requiredFiles.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`The app is not built (${missing.join(', ')} missing). Run "npm run build" first.`);
}
