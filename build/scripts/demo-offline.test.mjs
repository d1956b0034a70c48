import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { offerOfflineSwitch, offlineSwitchHelp } from './demo-offline.mjs';

function rig(interactive) {
  const input = new PassThrough();
  if (interactive) {
    input.isTTY = true;
    input.raw = false;
    input.setRawMode = (raw) => {
      input.raw = raw;
    };
  }
  const sent = [];
  const written = [];
  let stopped = 0;
  const fake = { pid: 4242, stdin: { write: (text) => sent.push(text) } };
  const control = offerOfflineSwitch({ fake, stop: () => (stopped += 1), input, output: { write: (text) => written.push(text) }, platform: 'linux' });
  return { input, sent, written, control, stopped: () => stopped };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('"o" in the terminal toggles the fake offline and back; Ctrl+C stops the demo', async () => {
  const { input, sent, written, control, stopped } = rig(true);
  assert.equal(input.raw, true);
  assert.match(written.join(''), /Press "o" here to take the fake Lokalise offline/);
  assert.match(written.join(''), /kill -USR1 4242 \(offline\), kill -USR2 4242 \(online\)/);
  input.write('o');
  await settle();
  assert.deepEqual(sent, ['offline\n']);
  assert.equal(control.isOffline(), true);
  input.write('O');
  input.write('x');
  await settle();
  assert.deepEqual(sent, ['offline\n', 'online\n']);
  input.write('\u0003');
  await settle();
  assert.equal(stopped(), 1);
});

test('without a terminal, "offline" and "online" lines do the same', async () => {
  const { input, sent, written } = rig(false);
  assert.match(written.join(''), /Type "offline" or "online"/);
  input.write('offline\nonl');
  input.write('ine\nnonsense\n');
  await settle();
  assert.deepEqual(sent, ['offline\n', 'online\n']);
});

test('names no signals on Windows', () => {
  assert.doesNotMatch(offlineSwitchHelp(1, 'win32'), /kill/);
});
