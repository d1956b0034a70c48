// The demo's offline switch: a keypress in the terminal (or a line, or a signal from another terminal) takes the
// fake Lokalise child off the network and back, so a newcomer can see Locdesk's offline state in seconds. The fake
// itself does the dropping (test/fake-lokalise/cli.ts reads "offline"/"online" lines and SIGUSR1/SIGUSR2).

/** What the terminal says about the switch; `pid` is the fake's, for the commands another terminal can run. */
export function offlineSwitchHelp(pid, platform = process.platform, interactive = true) {
  const lines = [
    interactive
      ? 'Press "o" here to take the fake Lokalise offline, and "o" again to bring it back. Ctrl+C stops the demo.'
      : 'Type "offline" or "online" and Enter here to take the fake Lokalise offline or bring it back.',
  ];
  if (platform !== 'win32' && pid !== undefined) lines.push(`From another terminal: kill -USR1 ${pid} (offline), kill -USR2 ${pid} (online).`);
  return `${lines.join('\n')}\n`;
}

/**
 * Offers the switch on `input` (the terminal): raw keypresses when it is a TTY, lines otherwise. Writes the
 * fake's commands to its stdin; `stop` is called for Ctrl+C, which raw mode would otherwise swallow.
 */
export function offerOfflineSwitch({ fake, stop, input = process.stdin, output = process.stdout, platform = process.platform }) {
  let offline = false;
  const send = (goOffline) => {
    offline = goOffline;
    fake.stdin.write(goOffline ? 'offline\n' : 'online\n');
  };
  const interactive = input.isTTY === true && typeof input.setRawMode === 'function';
  output.write(`\n${offlineSwitchHelp(fake.pid, platform, interactive)}\n`);
  if (interactive) {
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', (key) => {
      if (key === '\u0003') stop();
      else if (key.toLowerCase() === 'o') send(!offline);
    });
  } else {
    input.setEncoding?.('utf8');
    let buffered = '';
    input.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const command = line.trim().toLowerCase();
        if (command === 'offline' || command === 'online') send(command === 'offline');
      }
    });
  }
  input.resume();
  return { isOffline: () => offline };
}
