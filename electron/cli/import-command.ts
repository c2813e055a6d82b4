import { resolve } from 'node:path';
import { importSummary } from '../../shared/import-report';
import { importPaths } from '../core/services/library-import';
import type { Db } from '../core/store/db';
import { BUNDLE_PASSPHRASE } from './encrypt';
import { EXIT, UsageError, type Output } from './output';
import { readPassphrase, type PassphraseIo } from './passphrase';

export async function importCommand(db: Db, paths: string[], out: Output, flags: { author: string; bundlePassphraseFile?: string; io: PassphraseIo }): Promise<number> {
  if (paths.length === 0) throw new UsageError('import needs at least one file or folder');
  const report = await importPaths(db, paths.map((p) => resolve(p)), {
    author: flags.author,
    bundlePassphrase: (file) => readPassphrase({ what: file, file: flags.bundlePassphraseFile, ...BUNDLE_PASSPHRASE }, flags.io),
  });
  for (const o of report.outcomes) {
    const value = { type: 'file', ...o };
    const line = `${o.status.padEnd(9)} ${o.file}${o.message ? `: ${o.message}` : ''}`;
    if (o.status === 'failed' || o.status === 'partial') out.error(value, line);
    else out.result(value, line);
  }
  const failed = report.failed;
  out.result(
    { type: 'summary', imported: report.imported, partial: report.partial, duplicates: report.duplicates, failed, skipped: report.skipped },
    importSummary(report),
  );
  return failed + report.partial > 0 ? EXIT.someFailed : EXIT.ok;
}
