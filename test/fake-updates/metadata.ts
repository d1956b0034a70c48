/**
 * Update metadata exactly as electron-builder 26 writes it into `release/` beside the installers (and as the release
 * job uploads it): `latest.yml` for the NSIS installer, `latest-mac.yml` for the zip Squirrel.Mac installs (the dmg is
 * listed too), `latest-linux.yml` for the AppImage and the .deb. File names follow electron-builder.yml (`Locdesk-Setup-…exe`) and
 * electron-builder's defaults for the rest; hashes are real SHA-512 digests of the payload bytes the fake serves.
 */
import { createHash } from 'node:crypto';
import { dump } from 'js-yaml';

/** One installer payload: its name and the bytes the fake serves for it. */
export interface Payload {
  readonly name: string;
  readonly bytes: Buffer;
}

/** The installers of one release, by metadata file. */
export interface ReleaseFiles {
  readonly metadata: Record<string, string>;
  readonly payloads: Record<string, Payload>;
}

function payload(name: string): Payload {
  // Distinct, deterministic bytes per file, so each hash differs as real installers' do.
  return { name, bytes: Buffer.from(`${name}\n`.repeat(64)) };
}

function sha512(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

function entry(file: Payload, extra: Record<string, number> = {}): Record<string, unknown> {
  return { url: file.name, sha512: sha512(file.bytes), size: file.bytes.length, ...extra };
}

/** electron-builder's serializeToYaml: js-yaml with long lines kept whole and no anchors. */
function serialize(value: Record<string, unknown>): string {
  return dump(value, { lineWidth: 8000, noRefs: true });
}

/** The metadata files and payloads electron-builder produces for `version` (arm64 Mac, x64 Windows and Linux). */
export function releaseFiles(version: string, releaseDate = '2026-12-01T09:30:12.345Z'): ReleaseFiles {
  const setup = payload(`Locdesk-Setup-${version}.exe`);
  const macZip = payload(`Locdesk-${version}-arm64-mac.zip`);
  const dmg = payload(`Locdesk-${version}-arm64.dmg`);
  const appImage = payload(`Locdesk-${version}.AppImage`);
  const deb = payload(`locdesk_${version}_amd64.deb`);
  const single = (file: Payload, files: Record<string, unknown>[]): string =>
    serialize({ version, files, path: file.name, sha512: sha512(file.bytes), releaseDate });
  return {
    metadata: {
      'latest.yml': single(setup, [entry(setup)]),
      'latest-mac.yml': single(macZip, [entry(macZip), entry(dmg)]),
      // The AppImage and the .deb share one channel file; each updater picks its own package from `files`.
      'latest-linux.yml': single(appImage, [entry(appImage, { blockMapSize: 1234 }), entry(deb)]),
    },
    payloads: Object.fromEntries([setup, macZip, dmg, appImage, deb].map((file) => [file.name, file])),
  };
}
