// Runs a package's command-line tool the same way on Linux, macOS and Windows: through this Node executable and
// the script the package declares in its `bin`, with no shell and no `npx` (on Windows `npx` is `npx.cmd`, which
// Node refuses to spawn without a shell since CVE-2024-27980). Used by `npm test` and the release scripts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const defaultRoot = join(import.meta.dirname, '..', '..');

/**
 * The command and arguments that run `bin` from the installed package `packageName` with `args`, e.g.
 * `binCommand('typescript', 'tsc', ['-p', 'x.json'])` → `[node, ['…/node_modules/typescript/bin/tsc', '-p', 'x.json']]`.
 */
export function binCommand(packageName, bin, args = [], root = defaultRoot) {
  const folder = join(root, 'node_modules', ...packageName.split('/'));
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const declared = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  if (typeof declared !== 'string') throw new Error(`${packageName} declares no command named ${bin}.`);
  return { command: process.execPath, args: [join(folder, declared), ...args] };
}

/**
 * `npm <args>` without a shell: npm exports the path of its own script as npm_execpath to the scripts it runs, so
 * that script runs under this Node. Outside npm, plain `npm` (`npm.cmd` needs a shell on Windows, so it gets one).
 */
export function npmCommand(args, environment = process.env) {
  const script = environment.npm_execpath;
  if (script !== undefined && script !== '' && /npm-cli\.[cm]?js$/.test(script)) return { command: process.execPath, args: [script, ...args], shell: false };
  return { command: 'npm', args, shell: process.platform === 'win32' };
}
