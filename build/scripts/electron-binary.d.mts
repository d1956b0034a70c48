/** The outcome of looking for the Electron executable. */
export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/** Where the Electron binary is, or why there is none, without triggering electron's download. */
export function findElectronBinary(options?: {
  root?: string;
  environment?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}): ElectronBinary;

/** The environment variable naming a packaged app's executable for the `_electron` suite. */
export const packagedAppVariable: string;
/** Set to 1 to make a missing Electron a failure of the `_electron` suite instead of a skip. */
export const requiredVariable: string;

/** What the `_electron` suite drives: the packaged app LOCDESK_E2E_APP names, or the unpacked app; or why neither. */
export type ElectronTarget =
  | { found: true; kind: 'packaged' | 'unpacked'; path: string; description: string }
  | { found: false; kind: 'packaged' | 'unpacked'; reason: string };

/** Chooses the `_electron` suite's target; never falls back from a requested packaged app. */
export function findElectronTarget(options?: {
  root?: string;
  environment?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}): ElectronTarget;

/** The packaged executable inside an electron-builder output folder, or null. */
export function findPackagedExecutable(
  folder: string,
  options: { productName: string; executableName: string; platform?: NodeJS.Platform },
): string | null;
