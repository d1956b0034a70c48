// node --test build/scripts/signing.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { signingPlan } from './signing.mjs';

const all = { HAS_MAC_CERTIFICATE: 'true', HAS_APPLE_ID: 'true', HAS_APPLE_APP_SPECIFIC_PASSWORD: 'true', HAS_APPLE_TEAM_ID: 'true', HAS_WINDOWS_CERTIFICATE: 'true', HAS_OAUTH_CLIENT: 'true' };

describe('signingPlan', () => {
  it('signs and notarizes on macOS when every secret is there', () => {
    const plan = signingPlan('darwin', all);
    assert.deepEqual(plan.settings, {});
    assert.match(plan.lines.join('\n'), /macOS signing: on/);
    assert.match(plan.lines.join('\n'), /macOS notarization: on/);
  });

  it('says plainly that a fork or pull request builds unsigned, and stops electron-builder searching the keychain', () => {
    const plan = signingPlan('darwin', { HAS_MAC_CERTIFICATE: 'false', HAS_APPLE_ID: 'false' });
    assert.deepEqual(plan.settings, { CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    assert.match(plan.lines[0], /^macOS signing: skipped, the MAC_CERTIFICATE_P12_BASE64 secret is absent/);
    assert.match(plan.lines[1], /^macOS notarization: skipped/);
  });

  it('does not notarize with only part of the Apple credentials', () => {
    const plan = signingPlan('darwin', { ...all, HAS_APPLE_TEAM_ID: 'false' });
    assert.match(plan.lines.join('\n'), /macOS notarization: skipped/);
  });

  it('signs on Windows only with the certificate', () => {
    assert.match(signingPlan('win32', all).lines[0], /^Windows signing: on/);
    assert.match(signingPlan('win32', {}).lines[0], /^Windows signing: skipped/);
  });

  it('says whether the OAuth client is built in', () => {
    assert.match(signingPlan('linux', {}).lines.at(-1), /not built in/);
    assert.match(signingPlan('linux', all).lines.at(-1), /built in from LOCDESK_OAUTH_CLIENT_ID/);
  });
});

describe('signing.mjs in the workflow', () => {
  it('appends its settings to $GITHUB_ENV and prints no secret value', () => {
    const folder = mkdtempSync(join(tmpdir(), 'locdesk-signing-'));
    try {
      const githubEnv = join(folder, 'env');
      writeFileSync(githubEnv, 'EXISTING=1\n');
      const outcome = spawnSync(process.execPath, [join(import.meta.dirname, 'signing.mjs'), 'darwin'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, GITHUB_ENV: githubEnv, HAS_MAC_CERTIFICATE: 'false', MAC_CERTIFICATE_P12_BASE64: 'c2VjcmV0' },
      });
      assert.equal(outcome.status, 0, outcome.stderr);
      assert.equal(readFileSync(githubEnv, 'utf8'), 'EXISTING=1\nCSC_IDENTITY_AUTO_DISCOVERY=false\n');
      assert.doesNotMatch(outcome.stdout, /c2VjcmV0/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
