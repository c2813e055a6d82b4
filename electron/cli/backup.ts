import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupStore, previousLibraryName, restoreStore, verifyBackup } from '../core/store/backup';
import type { Db } from '../core/store/db';
import { isEncryptedLibrary } from '../core/store/db';
import { EXIT, UsageError, type Output } from './output';
import { LIBRARY_PASSPHRASE } from './encrypt';
import { readPassphrase, terminalIo, type PassphraseIo } from './passphrase';

export interface BackupFlags {
  /** `--out`: where `backup` writes. */
  out?: string;
  /** `--from`: the backup `restore` reads. */
  from?: string;
  /** The open library's passphrase (backup), which an encrypted library's backup keeps. */
  passphrase?: string;
  /** `--passphrase-file`: where restore reads an encrypted backup's passphrase. */
  passphraseFile?: string | undefined;
}

/** `spanwise backup --db FILE --out BACKUP`: an online copy, so the app may stay open meanwhile. */
export async function backupCommand(db: Db, args: string[], out: Output, flags: BackupFlags): Promise<number> {
  if (args.length > 0) throw new UsageError(`backup takes no arguments besides --db and --out (got "${args[0]}")`);
  if (!flags.out) throw new UsageError('backup needs --out BACKUP');
  const dest = resolve(flags.out);
  const counts = await backupStore(db, dest, undefined, flags.passphrase !== undefined ? { passphrase: flags.passphrase } : {});
  out.result(
    { type: 'backup', out: dest, ...counts },
    `backed up ${counts.articles} article(s) and ${counts.annotations} annotation(s) to ${dest}`,
  );
  return EXIT.ok;
}

/**
 * `spanwise restore --db FILE --from BACKUP`. Takes the library's path, not an open store: the
 * backup is verified before anything touches the library, and the library must not be open
 * (not even by this command) when its file is swapped. The library being replaced is kept beside
 * it, so a restore from the wrong backup can itself be undone.
 */
export async function restoreCommand(dbFile: string, args: string[], out: Output, flags: BackupFlags, io: PassphraseIo = terminalIo()): Promise<number> {
  if (args.length > 0) throw new UsageError(`restore takes no arguments besides --db and --from (got "${args[0]}")`);
  if (!flags.from) throw new UsageError('restore needs --from BACKUP');
  const source = resolve(flags.from);
  const target = resolve(dbFile);
  // An encrypted backup is restored as it is: the library it becomes opens with the backup's passphrase.
  const encrypted = existsSync(source) && isEncryptedLibrary(source);
  const options = encrypted ? { passphrase: await readPassphrase({ what: source, file: flags.passphraseFile, ...LIBRARY_PASSPHRASE }, io) } : {};
  const checked = verifyBackup(source, options);
  out.result({ type: 'verified', from: source, ...checked }, `verified ${source}: ${checked.articles} article(s), ${checked.annotations} annotation(s)`);
  const keep = existsSync(target) ? previousLibraryName(target) : undefined;
  const counts = await restoreStore(source, target, { ...options, ...(keep ? { keepPreviousAs: keep } : {}) });
  out.result(
    { type: 'restore', db: target, from: source, previous: keep ?? null, ...counts },
    [`restored ${target} from ${source}`, ...(keep ? [`the library it replaced is kept as ${keep}`] : [])],
  );
  return EXIT.ok;
}
