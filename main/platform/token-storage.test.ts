import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../core/log';
import { TokenVault, vaultKey } from '../core/vault/token-vault';

/** A stand-in for safeStorage: XOR with a key "held by the OS", base64 at the edges, like the real one returns Buffers. */
function fakeSafeStorage(options: { backend?: string; available?: boolean; asyncApi?: boolean; rotate?: boolean } = {}) {
  const key = 0x5a;
  const xor = (buffer: Buffer): Buffer => Buffer.from(buffer.map((byte) => byte ^ key));
  const calls: string[] = [];
  const storage = {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (plain: string) => (calls.push('encryptString'), xor(Buffer.from(`v10${plain}`))),
    decryptString: (buffer: Buffer) => (calls.push('decryptString'), xor(buffer).toString().slice(3)),
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    ...(options.asyncApi === false
      ? {}
      : {
          isAsyncEncryptionAvailable: () => Promise.resolve(options.available ?? true),
          // After a key rotation the OS encrypts under a new key version (v12), so a rewrite is visible on disk.
          encryptStringAsync: (plain: string) => (
            calls.push('encryptStringAsync'), Promise.resolve(xor(Buffer.from(`${options.rotate === true ? 'v12' : 'v11'}${plain}`)))
          ),
          decryptStringAsync: (buffer: Buffer) => (
            calls.push('decryptStringAsync'), Promise.resolve({ result: xor(buffer).toString().slice(3), shouldReEncrypt: options.rotate ?? false })
          ),
        }),
  };
  return { storage, calls };
}

vi.mock('electron', () => ({ default: {}, safeStorage: {}, app: { getPath: () => tmpdir() } }));

const { SafeStorageCipher } = await import('./safe-storage-cipher');
const { ElectronKeyValueStore } = await import('./token-store');

const tokens = { accessToken: 'access-token-0123456789abcdef0123456789', refreshToken: 'refresh-token-0123456789abcdef012345678', expiresAt: 2, scopes: ['read_projects'], obtainedAt: 1 };

describe('SafeStorageCipher', () => {
  it('uses the async API of Electron 45 and reports a real keyring as secure', async () => {
    const { storage, calls } = fakeSafeStorage();
    const cipher = new SafeStorageCipher(storage as never, 'linux');
    expect(await cipher.strength()).toBe('secure');
    expect((await cipher.decrypt(await cipher.encrypt('hello'))).plain).toBe('hello');
    expect(calls).toEqual(['encryptStringAsync', 'decryptStringAsync']);
  });

  it('falls back to the sync API where the async one is missing', async () => {
    const { storage, calls } = fakeSafeStorage({ asyncApi: false });
    const cipher = new SafeStorageCipher(storage as never, 'darwin');
    expect(await cipher.strength()).toBe('secure');
    expect((await cipher.decrypt(await cipher.encrypt('hello'))).plain).toBe('hello');
    expect(calls).toEqual(['encryptString', 'decryptString']);
  });

  it.each(['basic_text', 'unknown'])('calls Linux %s weak, so tokens are not persisted silently', async (backend) => {
    const cipher = new SafeStorageCipher(fakeSafeStorage({ backend }).storage as never, 'linux');
    expect(await cipher.strength()).toBe('weak');
  });

  it('reports no encryption as unavailable', async () => {
    expect(await new SafeStorageCipher(fakeSafeStorage({ available: false }).storage as never, 'win32').strength()).toBe('unavailable');
  });
});

describe('token vault on safeStorage and electron-store', () => {
  it('keeps only ciphertext on disk, and no token string appears anywhere in the folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'locdesk-vault-'));
    const store = new ElectronKeyValueStore({ name: 'tokens', cwd: folder });
    const vault = new TokenVault(new SafeStorageCipher(fakeSafeStorage().storage as never, 'linux'), store, () => false, silentLogger);
    expect(await vault.save(tokens)).toBe('encrypted');
    for (const file of readdirSync(folder)) {
      const text = readFileSync(join(folder, file), 'utf8');
      expect(text).toContain('safeStorage-v1');
      expect(text).not.toContain(tokens.accessToken);
      expect(text).not.toContain(tokens.refreshToken);
    }
    const reopened = new TokenVault(new SafeStorageCipher(fakeSafeStorage().storage as never, 'linux'), new ElectronKeyValueStore({ name: 'tokens', cwd: folder }), () => false, silentLogger);
    expect(await reopened.load()).toEqual(tokens);
  });

  it('re-encrypts when the OS asks for it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'locdesk-vault-'));
    const store = new ElectronKeyValueStore({ name: 'tokens', cwd: folder });
    const first = fakeSafeStorage();
    await new TokenVault(new SafeStorageCipher(first.storage as never, 'linux'), store, () => false, silentLogger).save(tokens);
    const before = (store.get(vaultKey) as { data: string }).data;
    const rotating = fakeSafeStorage({ rotate: true });
    expect(await new TokenVault(new SafeStorageCipher(rotating.storage as never, 'linux'), store, () => false, silentLogger).load()).toEqual(tokens);
    expect(rotating.calls).toEqual(['decryptStringAsync', 'encryptStringAsync']);
    const after = new ElectronKeyValueStore({ name: 'tokens', cwd: folder }).get(vaultKey) as { format: string; data: string };
    expect(after.format).toBe('safeStorage-v1');
    expect(after.data).not.toBe(before);
    expect(await new TokenVault(new SafeStorageCipher(first.storage as never, 'linux'), store, () => false, silentLogger).load()).toEqual(tokens);
  });

  it('deletes a blob the keychain can no longer decrypt, from the file on disk too', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'locdesk-vault-'));
    const store = new ElectronKeyValueStore({ name: 'tokens', cwd: folder });
    await new TokenVault(new SafeStorageCipher(fakeSafeStorage().storage as never, 'darwin'), store, () => false, silentLogger).save(tokens);
    const { storage } = fakeSafeStorage();
    const broken = { ...storage, decryptStringAsync: () => Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')) };
    expect(await new TokenVault(new SafeStorageCipher(broken as never, 'darwin'), store, () => false, silentLogger).load()).toBeNull();
    for (const file of readdirSync(folder)) expect(readFileSync(join(folder, file), 'utf8')).not.toContain('safeStorage-v1');
  });

  it('on a keyring-less Linux keeps tokens in memory only, unless the user opted in', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'locdesk-vault-'));
    const store = new ElectronKeyValueStore({ name: 'tokens', cwd: folder });
    let optIn = false;
    const vault = new TokenVault(new SafeStorageCipher(fakeSafeStorage({ backend: 'basic_text' }).storage as never, 'linux'), store, () => optIn, silentLogger);
    expect(await vault.save(tokens)).toBe('sessionOnly');
    expect(store.get(vaultKey)).toBeUndefined();
    expect(await vault.load()).toEqual(tokens);
    optIn = true;
    expect(await vault.save(tokens)).toBe('encrypted');
    expect(store.get(vaultKey)).toMatchObject({ format: 'safeStorage-v1' });
  });
});
