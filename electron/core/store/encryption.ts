import { existsSync } from 'node:fs';
import { openStore, StoreError, type Db } from './db';

/**
 * How an encrypted library is encrypted: SQLite3MultipleCiphers' ChaCha20-Poly1305 scheme.
 *
 * - Every page carries its own Poly1305 tag, so a flipped byte is refused when it is read, not
 *   decrypted into garbage (the AES-CBC schemes without a MAC cannot tell).
 * - ChaCha20 is fast in plain software and constant-time on any processor; AES is only as fast
 *   where the processor has AES instructions, and analysts' laptops are not always recent.
 * - It is the library's default and most exercised scheme, and its header keeps bytes 16-23 in
 *   the clear, so an encrypted library is told from a foreign file without the passphrase
 *   (file-header.ts).
 * - The key comes from the passphrase by PBKDF2-HMAC-SHA256 with a random salt per library. The
 *   iteration count is pinned here, four times the library's default, rather than left to the
 *   library: a change of default would otherwise make every existing library unreadable. Each
 *   open pays for it once (about a tenth of a second).
 *
 * Other SQLite3MultipleCiphers tools open the library with the same settings
 * (`PRAGMA cipher='chacha20'; PRAGMA kdf_iter=256000; PRAGMA key='...'`).
 */
export const LIBRARY_CIPHER = { cipher: 'chacha20', kdfIter: 256000 } as const;

/** What a passphrase turns into: NFC first, so the same words typed on another system give the same key. */
export function passphraseBytes(passphrase: string): Buffer {
  const normal = passphrase.normalize('NFC');
  if (normal.length === 0) throw new StoreError('invalid', 'a passphrase may not be empty');
  return Buffer.from(normal, 'utf8');
}

function cipherSettings(db: Db): void {
  db.pragma(`cipher = '${LIBRARY_CIPHER.cipher}'`);
  db.pragma(`kdf_iter = ${LIBRARY_CIPHER.kdfIter}`);
}

/** Gives a fresh connection the library's key; it must come before the connection's first read. */
export function applyKey(db: Db, passphrase: string): void {
  cipherSettings(db);
  db.key(passphraseBytes(passphrase));
}

/**
 * Re-encrypts every page under a new passphrase (or encrypts a plain library), in one
 * transaction: a crash leaves the library as it was. SQLite3MultipleCiphers cannot do it in WAL
 * mode, and leaving WAL mode needs the only connection to the library, so a library another
 * program holds open is refused ('conflict') before anything changes.
 */
export function rekeyOpenStore(db: Db, newPassphrase: string): void {
  const key = passphraseBytes(newPassphrase);
  try {
    db.pragma('journal_mode = DELETE');
  } catch (err) {
    throw asConflict(db, err);
  }
  if (db.pragma('journal_mode', { simple: true }) !== 'delete') {
    throw new StoreError('conflict', `${db.name} is open in another program (Spanwise or a spanwise command); close it first`);
  }
  try {
    cipherSettings(db);
    db.rekey(key);
  } finally {
    db.pragma('journal_mode = WAL');
  }
}

function asConflict(db: Db, err: unknown): unknown {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
    ? new StoreError('conflict', `${db.name} is open in another program (Spanwise or a spanwise command); close it first`)
    : err;
}

export interface RekeyOptions {
  nativeBinding?: string;
  /** The library's present passphrase; none for a plain library being encrypted. */
  passphrase?: string;
}

/**
 * Encrypts a plain library, or changes an encrypted one's passphrase, after the same checks as
 * any open (a damaged or foreign library is refused untouched). A missing library is created
 * encrypted. Pages the library held in the clear before may survive in the disk's free space,
 * as after any rewrite of a file; a library that must never touch the disk in the clear is
 * created encrypted and imported into.
 */
export function rekeyLibrary(file: string, newPassphrase: string, options: RekeyOptions = {}): 'created' | 'encrypted' | 'changed' {
  passphraseBytes(newPassphrase);
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  if (!existsSync(file)) {
    openStore(file, { ...binding, passphrase: newPassphrase }).close();
    return 'created';
  }
  const db = openStore(file, { ...binding, ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}) });
  try {
    rekeyOpenStore(db, newPassphrase);
  } finally {
    db.close();
  }
  return options.passphrase === undefined ? 'encrypted' : 'changed';
}
