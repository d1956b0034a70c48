// Finds the Electron executable without triggering electron's lazy download (which `require('electron')` would do,
// and which fails on machines without access to GitHub). Used by `npm run dev` and the `_electron` test suite, which
// can also drive a packaged app (findElectronTarget, findPackagedExecutable).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/** The environment variable naming a packaged app's executable for the `_electron` suite to drive. */
export const packagedAppVariable = 'LOCDESK_E2E_APP';
/** Set to 1 (the release workflow does) to make a missing Electron a failure instead of a skip. */
export const requiredVariable = 'LOCDESK_E2E_REQUIRED';

/**
 * What the `_electron` suite will drive: the packaged app named by LOCDESK_E2E_APP (a `npm run dist:e2e` build),
 * or else the unpacked app (`out/` started by the Electron binary from node_modules). Never falls back from a
 * packaged app that was asked for to the unpacked one, so a run can always say truthfully which it tested.
 */
export function findElectronTarget({ root = defaultRoot, environment = process.env, platform = process.platform } = {}) {
  const packaged = environment[packagedAppVariable];
  if (packaged !== undefined && packaged !== '') {
    return existsSync(packaged)
      ? { found: true, kind: 'packaged', path: packaged, description: `the packaged app at ${packaged}` }
      : { found: false, kind: 'packaged', reason: `${packagedAppVariable} names ${packaged}, which does not exist.` };
  }
  const binary = findElectronBinary({ root, environment, platform });
  return binary.found
    ? { found: true, kind: 'unpacked', path: binary.path, description: `the unpacked app (out/ run by ${binary.path})` }
    : { found: false, kind: 'unpacked', reason: binary.reason };
}

/**
 * The executable of a packaged app inside an electron-builder output folder (`release/e2e` for `npm run dist:e2e`):
 * `linux-unpacked/<executableName>`, `win-unpacked/<productName>.exe` or `mac…/<productName>.app/Contents/MacOS/<productName>`,
 * for any architecture suffix. Returns null when there is none.
 */
export function findPackagedExecutable(folder, { productName, executableName, platform = process.platform }) {
  if (!existsSync(folder)) return null;
  const prefix = platform === 'darwin' ? 'mac' : platform === 'win32' ? 'win' : 'linux';
  const candidates = readdirSync(folder)
    .filter((name) => name === prefix || name.startsWith(`${prefix}-`))
    .sort()
    .map((name) => {
      if (platform === 'darwin') return join(folder, name, `${productName}.app`, 'Contents', 'MacOS', productName);
      if (platform === 'win32') return join(folder, name, `${productName}.exe`);
      return join(folder, name, executableName);
    });
  return candidates.find((path) => existsSync(path)) ?? null;
}
