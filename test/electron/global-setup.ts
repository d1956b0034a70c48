/**
 * Runs once before the `_electron` suite: says in one line why the suite is skipped when there is no Electron
 * binary, and refuses to start against a missing build (the app would open an empty window and time out).
 */
import { existsSync } from 'node:fs';
import { findElectronBinary } from '../../build/scripts/electron-binary.mjs';
import { builtApp } from './launch';

export default function globalSetup(): void {
  const binary = findElectronBinary();
  if (!binary.found) {
    process.stdout.write(`Electron suite skipped: ${binary.reason}\n`);
    return;
  }
  const missing = builtApp.requiredFiles.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`The app is not built (${missing.join(', ')} missing). Run "npm run build" first.`);
}
