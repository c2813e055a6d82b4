import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../core/testing/tmp';
import { keychainIsReal, safeStorageKeychain, type SafeStorageLike } from './keychain';

const tmp = useTmpDir();

/** safeStorage as Electron gives it, with a reversible stand-in for the system's encryption. */
function storage(available: boolean, backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']>): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text, 'utf8').toString('base64')}`),
    decryptString: (bytes: Buffer) => Buffer.from(bytes.toString().replace(/^sealed:/, ''), 'base64').toString('utf8'),
  };
}

describe('the keychain the app keeps a passphrase in', () => {
  it('is real on macOS and Windows when safeStorage can encrypt, and on Linux only over libsecret or KWallet', () => {
    expect(keychainIsReal(storage(true, 'unknown'), 'darwin')).toBe(true);
    expect(keychainIsReal(storage(true, 'unknown'), 'win32')).toBe(true);
    expect(keychainIsReal(storage(true, 'gnome_libsecret'), 'linux')).toBe(true);
    expect(keychainIsReal(storage(true, 'kwallet6'), 'linux')).toBe(true);
    expect(keychainIsReal(storage(true, 'basic_text'), 'linux')).toBe(false);
    expect(keychainIsReal(storage(true, 'unknown'), 'linux')).toBe(false);
    expect(keychainIsReal(storage(false, 'gnome_libsecret'), 'linux')).toBe(false);
  });

  it('keeps the passphrase only as safeStorage encrypted it, readable by the owner alone, and forgets it', () => {
    const file = join(tmp(), 'library-key');
    const chain = safeStorageKeychain(storage(true, 'gnome_libsecret'), file, 'linux');
    expect(chain.recall()).toBeNull();
    chain.keep('harbour master');
    expect(readFileSync(file).toString()).not.toContain('harbour master');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    expect(chain.recall()).toBe('harbour master');
    chain.forget();
    expect(existsSync(file)).toBe(false);
  });

  it('keeps and reads nothing over basic_text, not even a file left from before', () => {
    const file = join(tmp(), 'library-key');
    safeStorageKeychain(storage(true, 'gnome_libsecret'), file, 'linux').keep('harbour master');
    const plain = safeStorageKeychain(storage(true, 'basic_text'), file, 'linux');
    expect(plain.available).toBe(false);
    expect(plain.recall()).toBeNull();
    plain.keep('something else');
    expect(safeStorageKeychain(storage(true, 'gnome_libsecret'), file, 'linux').recall()).toBe('harbour master');
  });
});
