/**
 * In-memory implementations of the core's ports, for tests and the browser harness that run the real core
 * without Electron. The cipher really encrypts (AES-256-GCM with a per-instance key), so code that must never see
 * plaintext at rest can be tested against it honestly.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { BrowserOpener, Cipher, CipherStrength, ClipboardWriter, ConfirmationPrompt, ConfirmationRequest, KeyValueStore } from '../../main/core/ports';

/** A Cipher with a random key held in memory; `strength` can be set to simulate Linux without a keyring. */
export class MemoryCipher implements Cipher {
  public currentStrength: CipherStrength = 'secure';
  private readonly key = randomBytes(32);

  public strength(): Promise<CipherStrength> {
    return Promise.resolve(this.currentStrength);
  }

  public encrypt(plain: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'));
  }

  public decrypt(cipherText: string): Promise<{ plain: string; shouldReEncrypt: boolean }> {
    const raw = Buffer.from(cipherText, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return Promise.resolve({ plain, shouldReEncrypt: false });
  }
}

/** A KeyValueStore over a Map; values are copied through JSON like electron-store does. */
export class MemoryKeyValueStore implements KeyValueStore {
  public readonly values = new Map<string, string>();

  public get(key: string): unknown {
    const text = this.values.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }

  public set(key: string, value: unknown): void {
    this.values.set(key, JSON.stringify(value));
  }

  public delete(key: string): void {
    this.values.delete(key);
  }
}

/** Records every URL the core asks to open and lets a test wait for the next one. */
export class RecordingBrowser implements BrowserOpener {
  public readonly opened: string[] = [];
  private waiters: ((url: string) => void)[] = [];

  public open(url: string): Promise<void> {
    this.opened.push(url);
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(url);
    return Promise.resolve();
  }

  /** Resolves with the next URL opened after this call. */
  public nextUrl(): Promise<string> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** Keeps the last text written, as a system clipboard would. */
export class MemoryClipboard implements ClipboardWriter {
  public text = '';

  public writeText(text: string): void {
    this.text = text;
  }
}

/**
 * Stands in for main's confirmation dialog: records every question and answers with `answer` (declines unless a
 * test says otherwise, as a user who closes the dialog would).
 */
export class ScriptedConfirmation implements ConfirmationPrompt {
  public readonly asked: ConfirmationRequest[] = [];

  public constructor(public answer: boolean = false) {}

  public confirm(request: ConfirmationRequest): Promise<boolean> {
    this.asked.push(request);
    return Promise.resolve(this.answer);
  }
}
