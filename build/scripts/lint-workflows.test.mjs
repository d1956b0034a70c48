// node --test build/scripts/lint-workflows.test.mjs
// Proves the workflow lint catches what it claims to (on planted mistakes), then lints the real workflows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWorkflow, lintWorkflowFolder } from './lint-workflows.mjs';

const clean = `name: clean
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - run: echo ok
`;

describe('lintWorkflow', () => {
  it('passes a clean workflow', async () => {
    assert.deepEqual(await lintWorkflow(clean, 'clean.yml'), []);
  });

  for (const [name, broken, kind] of [
    ['an unknown runner label', clean.replace('ubuntu-latest', 'ubuntu-latst'), 'runner-label'],
    ['a misspelled action input', clean.replace('fetch-depth', 'fetch-depht'), 'action'],
    ['a job that needs a missing job', clean.replace('    runs-on', '    needs: [tests]\n    runs-on'), 'job-needs'],
    ['an undefined matrix property', clean.replace('echo ok', 'echo ${{ matrix.os }}'), 'expression'],
    ['a context used where it is unavailable', clean.replace('jobs:\n', 'env:\n  TEMP_DIR: ${{ runner.temp }}\njobs:\n'), 'expression'],
  ]) {
    it(`reports ${name}`, async () => {
      const findings = await lintWorkflow(broken, 'broken.yml');
      assert.ok(findings.some((finding) => finding.kind === kind), JSON.stringify(findings));
    });
  }
});

describe('the project workflows', () => {
  it('lint clean', async () => {
    const { files, problems } = await lintWorkflowFolder();
    assert.ok(files.length > 0, 'there are workflow files');
    assert.deepEqual(problems, []);
  });
});
