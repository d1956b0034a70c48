/**
 * The ports through which the core reaches things only Electron (or the OS) can provide.
 *
 * The core stays plain Node so that all of it runs in vitest; `main/platform/` implements these with Electron
 * (`safeStorage`, electron-store, `shell`, `clipboard`, `net.fetch`), and tests implement them with plain objects.
 */

/** How well a `Cipher` can protect data at rest on this machine. */
export type CipherStrength =
  /** An OS keychain or DPAPI protects the key. */
  | 'secure'
  /** Linux without a keyring: Chromium falls back to a fixed, publicly known key. Not a real protection. */
  | 'weak'
  /** No encryption possible right now (before app ready, or the keychain refused). */
  | 'unavailable';

/** Encrypts small strings (the token envelope) with a key the OS protects. */
export interface Cipher {
  strength(): Promise<CipherStrength>;
  /** Returns base64 ciphertext. */
  encrypt(plain: string): Promise<string>;
  /** Decrypts base64 ciphertext; `shouldReEncrypt` is true when the OS rotated the key and asks for a fresh write. */
  decrypt(cipherText: string): Promise<{ plain: string; shouldReEncrypt: boolean }>;
}

/** A small persistent key-value store (electron-store in the app). Values must be JSON-serialisable. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Opens a URL in the user's default browser; only ever called with URLs main built and checked. */
export interface BrowserOpener {
  open(url: string): Promise<void>;
}

/** Writes text to the system clipboard, so links holding `state` never pass through the renderer. */
export interface ClipboardWriter {
  writeText(text: string): void;
}

/** A yes-or-no question main asks the user itself, in its own dialog. */
export interface ConfirmationRequest {
  readonly title: string;
  /** The question, in one sentence. */
  readonly message: string;
  /** What saying yes means, in a few sentences. */
  readonly detail: string;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
}

/**
 * Asks the user to confirm something only they may decide, in a dialog main shows (Electron's
 * `dialog.showMessageBox` in the app). A request from the renderer is never taken as the answer: the page could be
 * compromised, so a setting that weakens security changes only when this port says the user agreed.
 */
export interface ConfirmationPrompt {
  /** Resolves true only when the user chose `confirmLabel`. */
  confirm(request: ConfirmationRequest): Promise<boolean>;
}

/** The one HTTP port: Electron passes `net.fetch` (system proxy, OS trust store), tests pass Node's `fetch`. */
export type FetchFunction = typeof fetch;

/** What a save dialog proposes to the user. */
export interface SaveFileRequest {
  readonly title: string;
  /** A file name (not a path) to start from, e.g. `locdesk-edits-2026-12-06.json`. */
  readonly defaultName: string;
  readonly filters: readonly { readonly name: string; readonly extensions: readonly string[] }[];
}

/**
 * Asks the user where to save a file, in main's own dialog (Electron's `dialog.showSaveDialog` in the app). The
 * renderer never names a path: a compromised page must not be able to write anywhere on the disk.
 */
export interface SaveFileDialog {
  /** Resolves with the chosen path, or null when the user cancelled. */
  choosePath(request: SaveFileRequest): Promise<string | null>;
}

/**
 * What the operating system says about the network: Electron's `net.isOnline()` in the app. It can only say
 * "certainly offline" (no interface up) or "maybe online", so the core treats `false` as final and `true` as a
 * reason to check Lokalise itself (`reachability.ts`).
 */
export interface NetworkSignal {
  /** False when the OS knows there is no network at all. */
  isOnline(): boolean;
  /** Calls `listener` whenever that changes; returns the function that stops it. */
  watch(listener: (online: boolean) => void): () => void;
}

/**
 * One-shot timers, so code that waits minutes (the reachability checks' backoff) is tested by moving a fake clock,
 * never by waiting. `set` returns the function that cancels the timer.
 */
export interface Timers {
  set(callback: () => void, delayMs: number): () => void;
}

/** Real timers that never keep the process alive on their own. */
export const systemTimers: Timers = {
  set: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
