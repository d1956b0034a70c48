import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetElectronFake, type ElectronFake } from '../../test/support/electron/electron-fake';

vi.mock('electron', async () => (await import('../../test/support/electron/electron-fake')).sharedElectronFake);

const { ElectronNetworkSignal, networkPollMs } = await import('./network-signal');

let electron: ElectronFake;
let osOnline: boolean;

beforeEach(() => {
  vi.useFakeTimers();
  electron = resetElectronFake(process.cwd());
  osOnline = true;
  electron.net.isOnline.mockImplementation(() => osOnline);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ElectronNetworkSignal', () => {
  it("reports net.isOnline() changes to watchers, on its poll and on wake from sleep", () => {
    const signal = new ElectronNetworkSignal();
    const seen: boolean[] = [];
    const stop = signal.watch((online) => seen.push(online));
    osOnline = false;
    vi.advanceTimersByTime(networkPollMs);
    expect(seen).toEqual([false]);
    expect(signal.isOnline()).toBe(false);
    vi.advanceTimersByTime(networkPollMs * 3); // no change, no news
    expect(seen).toEqual([false]);
    osOnline = true;
    electron.powerMonitor.emit('resume');
    expect(seen).toEqual([false, true]);
    stop();
    osOnline = false;
    vi.advanceTimersByTime(networkPollMs * 3);
    electron.powerMonitor.emit('resume');
    expect(seen).toEqual([false, true]);
    expect(electron.powerMonitor.listeners.get('resume')).toEqual([]);
  });
});
