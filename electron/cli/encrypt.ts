import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isEncryptedLibrary } from '../core/store/db';
import { rekeyLibrary } from '../core/store/encryption';
import { EXIT, UsageError, type Output } from './output';
import { readPassphrase, type PassphraseIo } from './passphrase';

export interface EncryptFlags {
  passphraseFile?: string | undefined;
  newPassphraseFile?: string | undefined;
}

export const LIBRARY_PASSPHRASE = { fileOption: '--passphrase-file', envName: 'SPANWISE_PASSPHRASE' } as const;
/** An encrypted bundle's passphrase: asked twice when one is written, once when one is imported. */
export const BUNDLE_PASSPHRASE = { fileOption: '--bundle-passphrase-file', envName: 'SPANWISE_BUNDLE_PASSPHRASE' } as const;
export const NEW_PASSPHRASE = { fileOption: '--new-passphrase-file', envName: 'SPANWISE_NEW_PASSPHRASE', confirm: true } as const;

/**
 * `spanwise encrypt --db FILE`: encrypts a plain library in place, or creates a new encrypted
 * one. `spanwise change-passphrase --db FILE`: an encrypted library gets a new passphrase. Both
 * take the library's path, not an open store: re-encrypting needs the only connection to it.
 */
export async function encryptCommand(name: 'encrypt' | 'change-passphrase', dbFile: string, args: string[], out: Output, flags: EncryptFlags, io: PassphraseIo): Promise<number> {
  if (args.length > 0) throw new UsageError(`${name} takes no arguments besides --db (got "${args[0]}")`);
  const file = resolve(dbFile);
  const encrypted = existsSync(file) && isEncryptedLibrary(file);
  if (name === 'encrypt' && encrypted) throw new UsageError(`${file} is already encrypted; spanwise change-passphrase gives it a new passphrase`, false);
  if (name === 'change-passphrase' && !encrypted) {
    throw new UsageError(existsSync(file) ? `${file} is not encrypted; spanwise encrypt encrypts it` : `--db ${dbFile}: no library at ${file}`, false);
  }
  const current = encrypted ? await readPassphrase({ what: file, file: flags.passphraseFile, ...LIBRARY_PASSPHRASE }, io) : undefined;
  const next = await readPassphrase({ what: `${file} (new)`, file: flags.newPassphraseFile, ...NEW_PASSPHRASE }, io);
  const done = rekeyLibrary(file, next, current !== undefined ? { passphrase: current } : {});
  const text = { created: `created ${file}, encrypted`, encrypted: `encrypted ${file}`, changed: `changed the passphrase of ${file}` }[done];
  out.result({ type: 'encryption', db: file, action: done }, text);
  return EXIT.ok;
}
