/**
 * Proves the circle check of `npm run lint:circles` (dependency-cruiser, .dependency-cruiser.cjs) fires where ESLint's
 * import-x/no-cycle cannot: on a circle held together by `import type`, the kind every circle of issue 16 was.
 * Probe files are written into main/core, checked with the project's own command and config, and removed again.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tag = randomBytes(4).toString('hex');
const probe = (name: string): string => join(root, 'main', 'core', `zz-circle-probe-${tag}-${name}.ts`);
const written: string[] = [];

afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
});

function write(name: string, source: string): string {
  const file = probe(name);
  written.push(file);
  writeFileSync(file, source);
  return file;
}

/** The rule names dependency-cruiser reports for `files`, with the project's config. */
function violations(files: readonly string[]): string[] {
  const run = spawnSync(process.execPath, [join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), ...files, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: root,
    encoding: 'utf8',
  });
  const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string } }[] } };
  return result.summary.violations.map((violation) => violation.rule.name);
}

describe('the circle check (npm run lint:circles)', () => {
  it('refuses a circle held together by type imports only, which import-x/no-cycle lets through', () => {
    const first = write('first', `import type { Second } from './zz-circle-probe-${tag}-second';\nexport interface First { readonly second: Second | null }\n`);
    const second = write('second', `import type { First } from './zz-circle-probe-${tag}-first';\nexport interface Second { readonly first: First | null }\nexport const second = 2;\n`);
    expect(violations([first, second])).toEqual(['no-circular']);
  }, 60_000);

  it('accepts the same two files once the shared type moves below both', () => {
    const base = write('base', 'export interface Shared { readonly name: string }\n');
    const left = write('left', `import type { Shared } from './zz-circle-probe-${tag}-base';\nexport const left = (shared: Shared): string => shared.name;\n`);
    const right = write('right', `import type { Shared } from './zz-circle-probe-${tag}-base';\nimport { left } from './zz-circle-probe-${tag}-left';\nexport const right = (shared: Shared): string => left(shared);\n`);
    expect(violations([base, left, right])).toEqual([]);
  }, 60_000);
});
