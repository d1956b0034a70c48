// Finds the Electron executable without triggering electron's lazy download (which `require('electron')` would do,
// and which fails on machines without access to GitHub). Used by `npm run dev` and the `_electron` test suite.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const defaultRoot = join(import.meta.dirname, '..', '..');

/** The executable's path inside an unpacked Electron distribution, per platform. */
function executableInDist(platform) {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * Where the Electron binary is, or why there is none. Honours ELECTRON_OVERRIDE_DIST_PATH exactly as the electron
 * package does; otherwise reads node_modules/electron/path.txt and checks the file under dist/ exists.
 */
export function findElectronBinary({ root = defaultRoot, environment = process.env, platform = process.platform } = {}) {
  const packageFolder = join(root, 'node_modules', 'electron');
  const pathFile = join(packageFolder, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = environment.ELECTRON_OVERRIDE_DIST_PATH;
  if (override !== undefined && override !== '') {
    const path = join(override, recorded ?? executableInDist(platform));
    return existsSync(path)
      ? { found: true, path }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${path} does not exist.` };
  }
  if (recorded === null) {
    return {
      found: false,
      reason:
        'the Electron binary is not installed (node_modules/electron/path.txt is missing: electron downloads it on first use, ' +
        'which needs access to github.com). Run "npx install-electron" where that works, or set ELECTRON_OVERRIDE_DIST_PATH.',
    };
  }
  const path = join(packageFolder, 'dist', recorded);
  return existsSync(path) ? { found: true, path } : { found: false, reason: `node_modules/electron/path.txt names ${path}, which does not exist.` };
}
