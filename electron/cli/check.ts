import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkLibrary } from '../core/store/check';
import { isEncryptedLibrary } from '../core/store/db';
import { LIBRARY_PASSPHRASE } from './encrypt';
import { EXIT, UsageError, type Output } from './output';
import { readPassphrase, type PassphraseIo } from './passphrase';

export interface CheckFlags {
  passphraseFile?: string | undefined;
  quick?: boolean;
}

/**
 * `spanwise check --db FILE [--quick]`: the full integrity check that opening a large library
 * leaves out. Takes the library's path rather than an open store, so the check reads a library
 * it cannot open (damaged, or newer than this Spanwise) and writes nothing to it. Exit 0 when it
 * is sound, 1 when damaged, with what SQLite found.
 */
export async function checkCommand(dbFile: string, args: string[], out: Output, flags: CheckFlags, io: PassphraseIo): Promise<number> {
  if (args.length > 0) throw new UsageError(`check takes no arguments besides --db (got "${args[0]}")`);
  const file = resolve(dbFile);
  if (!existsSync(file)) throw new UsageError(`--db ${dbFile}: no library at ${file}`, false);
  const passphrase = isEncryptedLibrary(file) ? await readPassphrase({ what: file, file: flags.passphraseFile, ...LIBRARY_PASSPHRASE }, io) : undefined;
  const report = checkLibrary(file, { ...(passphrase !== undefined ? { passphrase } : {}), ...(flags.quick ? { quick: true } : {}) });
  const value = { type: 'check', db: file, ...report };
  const size = `${report.pages} pages, ${(report.bytes / 1e6).toFixed(1)} MB, ${(report.ms / 1000).toFixed(1)} s`;
  if (report.ok) {
    out.result(value, `ok       ${file}: ${report.mode} found no damage (${size})`);
    return EXIT.ok;
  }
  out.error(
    value,
    [`damaged  ${file}: ${report.mode} found ${report.problems.length} problem(s) (${size}); restore it from a backup`, ...report.problems.map((p) => `  ${p}`)],
  );
  return EXIT.someFailed;
}
