import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Keychain } from '../core/services/library-gate';

/** The part of Electron's safeStorage the keychain uses, so a test can stand in for it. */
export type SafeStorageLike = Pick<Electron.SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/** Linux back ends that are a keychain; 'basic_text' encrypts with a key written in Chromium's source. */
const REAL_LINUX_BACKENDS: readonly string[] = ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'];

/** Whether safeStorage here sits on a real keychain (macOS Keychain, Windows DPAPI, libsecret or KWallet). */
export function keychainIsReal(storage: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!storage.isEncryptionAvailable()) return false;
  return platform !== 'linux' || REAL_LINUX_BACKENDS.includes(storage.getSelectedStorageBackend());
}

/**
 * The library's passphrase kept in `file`, encrypted by the system's keychain. Where the keychain
 * is not real, nothing is kept or read, and a file left from before is not trusted.
 */
export function safeStorageKeychain(storage: SafeStorageLike, file: string, platform: NodeJS.Platform = process.platform): Keychain {
  const available = keychainIsReal(storage, platform);
  return {
    available,
    recall: () => (available && existsSync(file) ? storage.decryptString(readFileSync(file)) : null),
    keep: (passphrase) => {
      if (available) writeFileSync(file, storage.encryptString(passphrase), { mode: 0o600 });
    },
    forget: () => rmSync(file, { force: true }),
  };
}
