#!/usr/bin/env node
// Decides, in the release workflow, whether this run signs and notarizes, and says so in one clear line each.
//
// The workflow passes only whether each secret is present (`HAS_…=true|false`, from `secrets.X != ''`), never a
// value, so this script cannot leak one. Forks and pull requests from forks get no secrets: their installers are
// built unsigned, which is fine for testing and never published. When macOS signing is skipped, electron-builder is
// told not to search the keychain for an identity (CSC_IDENTITY_AUTO_DISCOVERY=false), so it cannot pick up a stray
// developer certificate on the runner. Usage: node build/scripts/signing.mjs [platform]; appends to $GITHUB_ENV.
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const present = (environment, name) => environment[name] === 'true';

/** The log lines and environment settings for `platform` (process.platform names), from the presence flags. */
export function signingPlan(platform, environment) {
  const lines = [];
  const settings = {};
  if (platform === 'darwin') {
    if (present(environment, 'HAS_MAC_CERTIFICATE')) {
      lines.push('macOS signing: on (Developer ID certificate from MAC_CERTIFICATE_P12_BASE64).');
    } else {
      lines.push('macOS signing: skipped, the MAC_CERTIFICATE_P12_BASE64 secret is absent (forks and pull requests have none); the app is unsigned and cannot update itself on macOS.');
      settings.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
    }
    const notarizing = ['HAS_APPLE_ID', 'HAS_APPLE_APP_SPECIFIC_PASSWORD', 'HAS_APPLE_TEAM_ID'].every((name) => present(environment, name));
    if (notarizing && present(environment, 'HAS_MAC_CERTIFICATE')) lines.push('macOS notarization: on (APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID).');
    else lines.push('macOS notarization: skipped, it needs the certificate and all of APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID.');
  } else if (platform === 'win32') {
    if (present(environment, 'HAS_WINDOWS_CERTIFICATE')) lines.push('Windows signing: on (certificate from WINDOWS_CERTIFICATE_PFX_BASE64).');
    else lines.push('Windows signing: skipped, the WINDOWS_CERTIFICATE_PFX_BASE64 secret is absent; SmartScreen will warn about the installer.');
  } else {
    lines.push('Linux: AppImage and .deb are not code-signed; the release lists their SHA-256 sums in SHA256SUMS.txt.');
  }
  if (present(environment, 'HAS_OAUTH_CLIENT')) lines.push('OAuth client: built in from LOCDESK_OAUTH_CLIENT_ID and LOCDESK_OAUTH_CLIENT_SECRET.');
  else lines.push('OAuth client: not built in (secrets absent); such a build needs LOCDESK_CLIENT_ID and LOCDESK_CLIENT_SECRET set by the user.');
  return { lines, settings };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { lines, settings } = signingPlan(process.argv[2] ?? process.platform, process.env);
  for (const line of lines) process.stdout.write(`${line}\n`);
  const target = process.env.GITHUB_ENV;
  const entries = Object.entries(settings).map(([name, value]) => `${name}=${value}\n`).join('');
  if (target !== undefined && target !== '' && entries !== '') appendFileSync(target, entries);
}
