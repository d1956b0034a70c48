/**
 * A child process for the SIGKILL test of the write path (issue 19 part 2): a translator typing fast. It composes
 * the real AppCore over a data folder whose library holds a synced project, then types a sentence into each given
 * translation a character at a time, committing every keystroke through the call path the IPC handlers use
 * (`edits:commit` through dispatch: validation, the outbox, the QA recheck). After each commit has answered it
 * prints `ack <cell> <length>`; it never stops by itself. Linux writes to a pipe synchronously, so a line the
 * parent has read was printed after its commit returned.
 *
 * Arguments: folder, projectId, the LOCDESK_* environment as JSON, and the cells as JSON `[[keyId, iso], …]`.
 */
import { burstSentence } from './edit-burst';
import { composeCore } from './edits-rig';

const [folder, projectId, environmentJson, cellsJson] = process.argv.slice(2);
if (folder === undefined || projectId === undefined || environmentJson === undefined || cellsJson === undefined) {
  process.stderr.write('usage: edit-burst-child <folder> <projectId> <environment JSON> <cells JSON>\n');
  process.exit(2);
}
const cells = JSON.parse(cellsJson) as [number, string][];
const { call } = await composeCore(JSON.parse(environmentJson) as Record<string, string>, folder);
process.stdout.write('ready\n');
for (let round = 0; ; round += 1) {
  for (const [index, [keyId, languageIso]] of cells.entries()) {
    const sentence = burstSentence(index);
    for (let length = 1; length <= sentence.length; length += 1) {
      await call('edits:commit', { projectId, keyId, languageIso, value: sentence.slice(0, length) });
      process.stdout.write(`ack ${index} ${length}\n`);
    }
  }
  process.stdout.write(`round ${round}\n`);
}
