/**
 * Keeps the release workflow in step with what it builds and tests: the operating-system matrix and the installer
 * targets in electron-builder.yml, the README's test command (and package.json's and .ci/run's), the packaged-app
 * journeys, the draft release, and the secrets docs/release.md documents. actionlint (npm test's workflow lint)
 * checks the workflow's syntax and expressions; this checks its meaning.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { minVersion, satisfies } from 'semver';
import { describe, expect, it } from 'vitest';
import { expectedAssets, targetExtensions } from '../../build/scripts/release-assets.mjs';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, string | number | boolean>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly 'runs-on': string;
  readonly if?: string;
  readonly needs?: string | string[];
  readonly permissions?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly strategy?: { matrix: { include: { os: string; platform: string }[] } };
  readonly steps: Step[];
}

const workflowText = read('.github/workflows/release.yml');
const workflow = load(workflowText) as { on: Record<string, unknown>; jobs: { build: Job; release: Job } };
const builder = load(read('electron-builder.yml')) as Record<string, { target?: string[] } | undefined>;
const manifest = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string } };
const build = workflow.jobs.build;
const runs = build.steps.map((step) => step.run ?? '');
const sections = { '--mac': 'mac', '--win': 'win', '--linux': 'linux' } as const;

describe('the release workflow', () => {
  it('runs on every push, pull request and version tag', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(workflow.on.push).toMatchObject({ tags: ['v*'] });
  });

  it('builds on macOS, Windows and Linux, each for the platform section of electron-builder.yml it owns', () => {
    const matrix = build.strategy?.matrix.include ?? [];
    expect(matrix.map((entry) => entry.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    const covered = matrix.map((entry) => sections[entry.platform as keyof typeof sections]).sort();
    const declared = Object.values(sections).filter((section) => (builder[section]?.target ?? []).length > 0).sort();
    expect(covered).toEqual(declared);
    expect(build['runs-on']).toBe('${{ matrix.os }}');
  });

  it('builds the installers the project ships: dmg and zip, NSIS, AppImage and deb', () => {
    expect(builder.mac?.target).toEqual(['dmg', 'zip']);
    expect(builder.win?.target).toEqual(['nsis']);
    expect(builder.linux?.target).toEqual(['AppImage', 'deb']);
    expect(runs.some((run) => run.includes('npm run dist -- ${{ matrix.platform }} --publish never'))).toBe(true);
  });

  it('keeps every installer type, its blockmap and the update metadata as artifacts', () => {
    const upload = build.steps.find((step) => step.name === 'Keep the installers and their update metadata');
    const patterns = String(upload?.with?.path).split('\n').filter((line) => line !== '');
    const { extensions } = expectedAssets(builder);
    for (const extension of extensions) expect(patterns).toContain(`release/*${extension}`);
    expect(patterns).toEqual(expect.arrayContaining(['release/*.blockmap', 'release/latest*.yml']));
    expect(Object.values(targetExtensions).sort()).toEqual([...new Set(extensions)].sort());
  });

  it("installs with npm ci and runs the README's test command, on a virtual display on Linux", () => {
    expect(read('README.md')).toContain('```sh\nnpm test\n```');
    expect(manifest.scripts.test).toBe('node build/scripts/test-all.mjs');
    expect(read('.ci/run')).toMatch(/^npm test$/m);
    expect(runs).toContain('npm ci');
    const tests = build.steps.filter((step) => /(^|\s)npm test$/.test(step.run ?? ''));
    expect(tests.map((step) => [step.if, step.run])).toEqual([
      ["runner.os != 'Linux'", 'npm test'],
      ["runner.os == 'Linux'", 'xvfb-run --auto-servernum npm test'],
    ]);
  });

  it('uses a Node version package.json accepts', () => {
    const setups = [...build.steps, ...workflow.jobs.release.steps].filter((step) => step.uses?.startsWith('actions/setup-node@') === true);
    expect(setups.length).toBe(2);
    for (const setup of setups) {
      const version = minVersion(String(setup.with?.['node-version']));
      expect(version !== null && satisfies(version, manifest.engines.node)).toBe(true);
      expect(setup.with?.cache).toBe('npm');
    }
  });

  it("caches Electron's and electron-builder's downloads, keyed on the lockfile", () => {
    const cache = build.steps.find((step) => step.uses?.startsWith('actions/cache@') === true);
    expect(String(cache?.with?.key)).toContain("hashFiles('package-lock.json')");
    expect(String(cache?.with?.path)).toMatch(/electron\n[\s\S]*electron-builder/);
  });

  it('runs the _electron journeys against the packaged test build, and may not skip them', () => {
    expect(manifest.scripts['dist:e2e']).toContain('-c.electronFuses.enableNodeCliInspectArguments=true');
    expect(manifest.scripts['dist:e2e']).toContain('-c.directories.output=release/e2e');
    expect(runs).toContain('npm run dist:e2e -- ${{ matrix.platform }}');
    const journeys = runs.find((run) => run.includes('packaged-app.mjs')) ?? '';
    expect(journeys).toContain('node build/scripts/packaged-app.mjs release/e2e');
    expect(journeys).toContain('export LOCDESK_E2E_APP="$app"');
    expect(journeys).toContain('xvfb-run --auto-servernum npx playwright test -c test/electron/playwright.electron.config.ts');
    expect(build.env?.LOCDESK_E2E_REQUIRED).toBe('1');
  });

  it('builds the update feed into the app and writes the matching update metadata', () => {
    expect(build.env?.LOCDESK_BUILD_UPDATE_URL).toBe('https://github.com/${{ github.repository }}/releases/latest/download/');
    expect(read('vite.config.ts')).toContain("'import.meta.env.LOCDESK_BUILD_UPDATE_URL'");
    expect(runs.some((run) => run.includes('-c.publish.provider=generic "-c.publish.url=$LOCDESK_BUILD_UPDATE_URL"'))).toBe(true);
  });

  it('publishes only from a tag, after every platform passed, to a draft release with checked assets and sums', () => {
    const release = workflow.jobs.release;
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(release.needs).toBe('build');
    expect(release.permissions).toEqual({ contents: 'write' });
    const releaseRuns = release.steps.map((step) => step.run ?? '').join('\n');
    expect(releaseRuns).toContain('node build/scripts/release-assets.mjs --tag "$GITHUB_REF_NAME" --dir dist-release');
    expect(releaseRuns).toContain('gh release create "$GITHUB_REF_NAME" dist-release/* --draft');
    expect(workflowText.match(/permissions:\n\s+contents: read/)).not.toBeNull();
  });

  it('documents every secret it reads in docs/release.md, and reads secrets only while building installers', () => {
    const secrets = [...new Set([...workflowText.matchAll(/secrets\.([A-Z0-9_]+)/g)].map((match) => match[1] ?? ''))].sort();
    expect(secrets.length).toBeGreaterThan(0);
    const docs = read('docs/release.md');
    for (const secret of secrets) expect(docs, `docs/release.md should describe ${secret}`).toContain(`\`${secret}\``);
    const withSecrets = build.steps.filter((step) => JSON.stringify(step).includes('secrets.')).map((step) => step.name);
    expect(withSecrets).toEqual(['Decide on signing and notarization', 'Build the installers']);
  });
});
