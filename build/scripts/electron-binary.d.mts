/** The outcome of looking for the Electron executable. */
export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/** Where the Electron binary is, or why there is none, without triggering electron's download. */
export function findElectronBinary(options?: {
  root?: string;
  environment?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}): ElectronBinary;
