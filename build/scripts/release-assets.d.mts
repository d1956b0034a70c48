/** The file each electron-builder target produces, by extension. */
export const targetExtensions: Record<string, string>;
/** The update-metadata file electron-builder writes per platform section. */
export const metadataFiles: { mac: string; win: string; linux: string };
/** The checksum list the release carries. */
export const checksumsFile: string;
/** The extensions and metadata files a release must carry, from electron-builder.yml's targets. */
export function expectedAssets(builderConfig: unknown): { extensions: string[]; metadata: string[] };
/** One sentence per problem with the collected release folder; empty when it is ready to publish. */
export function checkReleaseAssets(options: { folder: string; tag: string; version: string; builderConfig: unknown }): string[];
/** Writes SHA256SUMS.txt for every other file in `folder` and returns its text. */
export function writeChecksums(folder: string): string;
