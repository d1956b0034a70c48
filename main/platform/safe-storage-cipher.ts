/**
 * The core's Cipher port over Electron's `safeStorage`: the OS keychain (macOS Keychain, Windows DPAPI, libsecret or
 * KWallet on Linux) holds the key, so ciphertext at rest is useless without the user's login.
 *
 * Electron 45 deprecates the synchronous API in favour of `encryptStringAsync`/`decryptStringAsync`, which also
 * report `shouldReEncrypt` when the OS rotated the key; the sync API is used only where the async one is missing.
 * On Linux, `basic_text` (or `unknown`) means Chromium found no keyring and would encrypt with a fixed, public key:
 * that is reported as `weak`, so the vault keeps tokens in memory unless the user opted in.
 */
import { safeStorage } from 'electron';
import type { Cipher, CipherStrength } from '../core/ports';

type SafeStorage = typeof safeStorage;

/** Cipher over `safeStorage`; construct after `app` is ready. */
export class SafeStorageCipher implements Cipher {
  public constructor(
    private readonly storage: SafeStorage = safeStorage,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  public async strength(): Promise<CipherStrength> {
    const available = typeof this.storage.isAsyncEncryptionAvailable === 'function'
      ? await this.storage.isAsyncEncryptionAvailable()
      : this.legacyAvailable();
    if (!available) return 'unavailable';
    if (this.platform !== 'linux') return 'secure';
    const backend = this.storage.getSelectedStorageBackend();
    return backend === 'basic_text' || backend === 'unknown' ? 'weak' : 'secure';
  }

  public async encrypt(plain: string): Promise<string> {
    const encrypted = typeof this.storage.encryptStringAsync === 'function'
      ? await this.storage.encryptStringAsync(plain)
      : this.legacyEncrypt(plain);
    return encrypted.toString('base64');
  }

  public async decrypt(cipherText: string): Promise<{ plain: string; shouldReEncrypt: boolean }> {
    const buffer = Buffer.from(cipherText, 'base64');
    if (typeof this.storage.decryptStringAsync === 'function') {
      const { result, shouldReEncrypt } = await this.storage.decryptStringAsync(buffer);
      return { plain: result, shouldReEncrypt };
    }
    return { plain: this.legacyDecrypt(buffer), shouldReEncrypt: false };
  }

  /* eslint-disable @typescript-eslint/no-deprecated -- the fallback for runtimes without the async API */
  private legacyAvailable(): boolean {
    return this.storage.isEncryptionAvailable();
  }

  private legacyEncrypt(plain: string): Buffer {
    return this.storage.encryptString(plain);
  }

  private legacyDecrypt(buffer: Buffer): string {
    return this.storage.decryptString(buffer);
  }
  /* eslint-enable @typescript-eslint/no-deprecated */
}
