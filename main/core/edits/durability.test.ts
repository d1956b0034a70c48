/**
 * Nothing typed is ever lost (issue 19 part 2): a process committing a burst of keystrokes through the real call path
 * is killed with SIGKILL mid-burst, and every edit whose commit had answered before the kill is found afterwards,
 * by a new core over the same folder, with at least the text that was acknowledged.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeEnvironment } from '../../../test/fake-lokalise/environment';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import { burstSentence } from '../../../test/support/core/edit-burst';
import { editsRig, type EditsRig } from '../../../test/support/core/edits-rig';

let fake: FakeLokalise | null = null;
let rig: EditsRig | null = null;
afterEach(async () => {
  await rig?.close();
  await fake?.close();
  rig = null;
  fake = null;
});

const child = join(import.meta.dirname, '..', '..', '..', 'test', 'support', 'core', 'edit-burst-child.ts');

describe('edits survive SIGKILL', () => {
  it('finds every acknowledged commit after the committing process is killed mid-burst', async () => {
    fake = await startFakeLokalise({ projects: 1, keysPerProject: 30, languages: 4, seed: 5 });
    const setup = await editsRig(fake);
    const folder = setup.folder;
    const projectId = setup.projectId;
    const summary = (await setup.core.api.projects.list()).find((entry) => entry.projectId === projectId);
    const targets = summary?.languages.map((language) => language.iso).filter((iso) => iso !== summary.baseLanguageIso) ?? [];
    await setup.close();
    const project = fake.dataset.projects[0];
    if (project === undefined) throw new Error('no project');
    const cells: [number, string][] = [];
    for (let index = 0; index < project.keyCount && cells.length < 6; index += 1) {
      if (!fake.dataset.flags(project, index).isPlural) cells.push([fake.dataset.keyIdAt(project, index), targets[cells.length % targets.length] ?? 'ja']);
    }
    // Kill somewhere in the third cell's burst: earlier cells are whole, the third is mid-word, the rest untouched.
    const killAfter = burstSentence(0).length + burstSentence(1).length + 17;
    const process = spawn(globalThis.process.execPath, ['--import', 'tsx', child, folder, projectId, JSON.stringify(fakeEnvironment(fake)), JSON.stringify(cells)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acknowledged = new Map<number, number>();
    let acks = 0;
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: process.stdout }).on('line', (line) => {
        const match = /^ack (\d+) (\d+)$/.exec(line);
        if (match === null) return;
        acknowledged.set(Number(match[1]), Number(match[2]));
        acks += 1;
        if (acks === killAfter) {
          process.kill('SIGKILL');
          resolve();
        }
      });
      process.once('exit', (code) => reject(new Error(`the child exited by itself (${code ?? 'signal'})`)));
      process.once('error', reject);
    });
    await new Promise((resolve) => process.once('exit', resolve));
    expect(process.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBe(3);

    rig = await editsRig(fake, { folder, skipSetup: true });
    const edits = await rig.list();
    for (const [cell, length] of acknowledged) {
      const [keyId, languageIso] = cells[cell] ?? [0, ''];
      const edit = edits.find((entry) => entry.keyId === keyId && entry.languageIso === languageIso);
      const sentence = burstSentence(cell);
      // The acknowledged text, or a later keystroke whose commit landed before its answer was printed.
      expect(edit?.state).toBe('pending');
      expect(sentence.startsWith(edit?.value ?? '\u0000')).toBe(true);
      expect(edit?.value.length).toBeGreaterThanOrEqual(length);
      expect(edit?.value.length).toBeLessThanOrEqual(length + 1);
    }
    expect(edits).toHaveLength(acknowledged.size + (edits.length > acknowledged.size ? 1 : 0));
  }, 120_000);
});
