import type { ChildProcess } from 'node:child_process';

/** What the terminal says about the demo's offline switch. */
export function offlineSwitchHelp(pid: number | undefined, platform?: NodeJS.Platform, interactive?: boolean): string;

/** Offers the offline switch on the terminal; writes "offline"/"online" to the fake's stdin. */
export function offerOfflineSwitch(options: {
  fake: Pick<ChildProcess, 'pid' | 'stdin'>;
  stop: () => void;
  input?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown; setEncoding?: (encoding: BufferEncoding) => unknown };
  output?: { write(text: string): unknown };
  platform?: NodeJS.Platform;
}): { isOffline(): boolean };
