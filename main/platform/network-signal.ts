/**
 * The OS's network signal for the core: Electron's `net.isOnline()`, which is false only when no network interface
 * is up. Electron offers no event for it, so it is read every two seconds (a local call, no traffic) and on wake
 * from sleep, when networks come and go.
 */
import { net, powerMonitor } from 'electron';
import type { NetworkSignal } from '../core/ports';

/** How often `net.isOnline()` is read. */
export const networkPollMs = 2_000;

/** `net.isOnline()` as a `NetworkSignal`; polling runs only while someone watches. */
export class ElectronNetworkSignal implements NetworkSignal {
  private readonly listeners = new Set<(online: boolean) => void>();
  private last = net.isOnline();
  private timer: NodeJS.Timeout | null = null;
  private readonly read = (): void => {
    const online = net.isOnline();
    if (online === this.last) return;
    this.last = online;
    for (const listener of [...this.listeners]) listener(online);
  };

  public isOnline(): boolean {
    return this.last;
  }

  public watch(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    if (this.timer === null) {
      this.timer = setInterval(this.read, networkPollMs);
      this.timer.unref();
      powerMonitor.on('resume', this.read);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0 || this.timer === null) return;
      clearInterval(this.timer);
      this.timer = null;
      powerMonitor.off('resume', this.read);
    };
  }
}
