import { describe, expect, it } from 'vitest';
import { createLogger, Redactor } from '../log';
import type { Cipher } from '../ports';
import { MemoryCipher, MemoryKeyValueStore } from '../../../test/support/memory-ports';
import { TokenVault, vaultKey, type StoredTokens } from './token-vault';

const tokens: StoredTokens = {
  accessToken: 'access-0123456789abcdef0123456789abcdef0123',
  refreshToken: 'refresh-0123456789abcdef0123456789abcdef012',
  expiresAt: 1_900_000_000_000,
  scopes: ['read_projects', 'read_keys'],
  obtainedAt: 1_800_000_000_000,
};

function rig(cipher: Cipher = new MemoryCipher(), allowWeak = false) {
  const store = new MemoryKeyValueStore();
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`), new Redactor(), 'vault');
  let optIn = allowWeak;
  const vault = new TokenVault(cipher, store, () => optIn, logger);
  return { vault, store, lines, cipher, setOptIn: (value: boolean) => (optIn = value) };
}

/** A cipher that reports a rotated OS key on every decrypt, like safeStorage's `shouldReEncrypt`. */
class RotatingCipher extends MemoryCipher {
  public override async decrypt(cipherText: string): Promise<{ plain: string; shouldReEncrypt: boolean }> {
    return { plain: (await super.decrypt(cipherText)).plain, shouldReEncrypt: true };
  }
}

/** A cipher whose encryption fails, as a locked or refusing keychain does. */
class RefusingCipher extends MemoryCipher {
  public override encrypt(): Promise<string> {
    return Promise.reject(new Error('keychain said no'));
  }
}

describe('TokenVault', () => {
  it('round-trips the envelope and stores only ciphertext under one key', async () => {
    const { vault, store } = rig();
    expect(await vault.save({ ...tokens, refreshTokenExpiresAt: 1_950_000_000_000 })).toBe('encrypted');
    expect([...store.values.keys()]).toEqual([vaultKey]);
    const stored = store.get(vaultKey) as { format: string; data: string };
    expect(stored.format).toBe('safeStorage-v1');
    const raw = store.values.get(vaultKey) ?? '';
    for (const secret of [tokens.accessToken, tokens.refreshToken, 'read_projects', 'locdesk-tokens']) expect(raw).not.toContain(secret);
    expect(Buffer.from(stored.data, 'base64').toString('utf8')).not.toContain(tokens.accessToken);
    expect(await vault.load()).toEqual({ ...tokens, refreshTokenExpiresAt: 1_950_000_000_000 });
  });

  it('writes the versioned envelope the format names', async () => {
    const cipher = new MemoryCipher();
    const { vault, store } = rig(cipher);
    await vault.save(tokens);
    const { plain } = await cipher.decrypt((store.get(vaultKey) as { data: string }).data);
    expect(JSON.parse(plain)).toEqual({ format: 'locdesk-tokens', version: 1, ...tokens });
  });

  it('loads nothing when nothing was saved', async () => {
    expect(await rig().vault.load()).toBeNull();
  });

  const corrupt: [string, (cipher: MemoryCipher) => Promise<unknown>][] = [
    ['an unknown wrapper format', () => Promise.resolve({ format: 'plaintext', data: 'x' })],
    ['a plain string', () => Promise.resolve('just a string')],
    ['ciphertext from another key (the keychain changed)', async () => ({ format: 'safeStorage-v1', data: await new MemoryCipher().encrypt('{}') })],
    ['bytes that are not ciphertext', () => Promise.resolve({ format: 'safeStorage-v1', data: 'bm90IGNpcGhlcnRleHQ=' })],
    ['an envelope that is not JSON', async (cipher) => ({ format: 'safeStorage-v1', data: await cipher.encrypt('{not json') })],
    ['an envelope of a future version', async (cipher) => ({ format: 'safeStorage-v1', data: await cipher.encrypt(JSON.stringify({ ...tokens, format: 'locdesk-tokens', version: 2 })) })],
    ['an envelope without a refresh token', async (cipher) => ({ format: 'safeStorage-v1', data: await cipher.encrypt(JSON.stringify({ ...tokens, format: 'locdesk-tokens', version: 1, refreshToken: '' })) })],
  ];

  it.each(corrupt)('treats %s as signed out and deletes it', async (_name, build) => {
    const cipher = new MemoryCipher();
    const { vault, store, lines } = rig(cipher);
    store.set(vaultKey, await build(cipher));
    expect(await vault.load()).toBeNull();
    expect(store.get(vaultKey)).toBeUndefined();
    expect(lines.join('\n')).toContain('discarding saved sign-in');
  });

  it('keeps the entry, without loading it, while encryption is unavailable (a locked keychain may come back)', async () => {
    const cipher = new MemoryCipher();
    const { vault, store } = rig(cipher);
    await vault.save(tokens);
    cipher.currentStrength = 'unavailable';
    expect(await vault.load()).toBeNull();
    expect(store.get(vaultKey)).toBeDefined();
    cipher.currentStrength = 'secure';
    expect(await vault.load()).toEqual(tokens);
  });

  it('rewrites the entry when the OS asks for re-encryption', async () => {
    const cipher = new RotatingCipher();
    const { vault, store } = rig(cipher);
    await vault.save(tokens);
    const before = store.values.get(vaultKey);
    expect(await vault.load()).toEqual(tokens);
    const after = store.values.get(vaultKey);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect((await cipher.decrypt((store.get(vaultKey) as { data: string }).data)).plain).toContain(tokens.refreshToken);
  });

  it('keeps the old entry and the tokens when a re-encryption write fails', async () => {
    const cipher = new RotatingCipher();
    const { vault, store } = rig(cipher);
    await vault.save(tokens);
    const before = store.values.get(vaultKey);
    cipher.encrypt = () => Promise.reject(new Error('keychain busy'));
    expect(await vault.load()).toEqual(tokens);
    expect(store.values.get(vaultKey)).toBe(before);
  });

  it('on a weak cipher keeps tokens in memory only, unless the user opted in', async () => {
    const cipher = new MemoryCipher();
    cipher.currentStrength = 'weak';
    const { vault, store, setOptIn } = rig(cipher);
    expect(await vault.probe()).toBe('sessionOnly');
    expect(await vault.save(tokens)).toBe('sessionOnly');
    expect(store.get(vaultKey)).toBeUndefined();
    expect(await vault.load()).toEqual(tokens);
    setOptIn(true);
    expect(await vault.persistence()).toBe('encrypted');
    expect(await vault.save(tokens)).toBe('encrypted');
    expect(store.get(vaultKey)).toMatchObject({ format: 'safeStorage-v1' });
    vault.clear();
    expect(await vault.load()).toBeNull();
  });

  it('probes with a real round trip and reports an unusable keychain as vault_unavailable', async () => {
    await expect(rig().vault.probe()).resolves.toBe('encrypted');
    await expect(rig(new RefusingCipher()).vault.probe()).rejects.toMatchObject({ code: 'auth.vault_unavailable' });
    const unavailable = new MemoryCipher();
    unavailable.currentStrength = 'unavailable';
    await expect(rig(unavailable).vault.probe()).rejects.toMatchObject({ code: 'auth.vault_unavailable' });
    const garbling: Cipher = { strength: () => Promise.resolve('secure'), encrypt: (plain) => Promise.resolve(plain), decrypt: () => Promise.resolve({ plain: 'other', shouldReEncrypt: false }) };
    await expect(rig(garbling).vault.probe()).rejects.toMatchObject({ code: 'auth.vault_unavailable' });
  });

  it('refuses to save when encryption is unavailable rather than writing plaintext', async () => {
    const cipher = new MemoryCipher();
    cipher.currentStrength = 'unavailable';
    const { vault, store } = rig(cipher);
    await expect(vault.save(tokens)).rejects.toMatchObject({ code: 'auth.vault_unavailable' });
    expect(store.values.size).toBe(0);
  });

  it('forgets the tokens everywhere on clear', async () => {
    const { vault, store } = rig();
    await vault.save(tokens);
    vault.clear();
    expect(store.get(vaultKey)).toBeUndefined();
    expect(await vault.load()).toBeNull();
  });
});
