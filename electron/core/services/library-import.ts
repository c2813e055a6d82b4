import { basename, extname } from 'node:path';
import type { FileOutcome, ImportReport } from '../../../shared/ipc/contract';
import { reportOf } from '../../../shared/import-report';
import type { Db } from '../store/db';
import { IMPORTABLE_EXTENSIONS } from '../import';
import { BundleError, importBundle, sniffBundle } from './bundle';
import { expandPaths, fileSource, importBatch, type ImportOptions } from './importer';

/** A Spanwise bundle (gzip'd JSON lines) for moving work between machines. */
export const BUNDLE_EXTENSION = '.spanwise';

/** By name, or, for a file no article parser would take, by its first bytes (a renamed bundle). */
export const isBundle = (path: string) => {
  const ext = extname(path).toLowerCase();
  return ext === BUNDLE_EXTENSION || (!IMPORTABLE_EXTENSIONS.includes(ext) && sniffBundle(path));
};

/**
 * Imports files and folders as the Import button and `spanwise import` do: article files first,
 * each written on its own (importBatch), then bundles, each merged in one transaction. Every input
 * gets its own outcome in one report, skipped and cancelled ones included.
 */
export async function importPaths(db: Db, paths: string[], options: ImportOptions = {}): Promise<ImportReport> {
  const bundles = paths.filter(isBundle);
  const { files, outcomes: expanded } = expandPaths(paths.filter((p) => !isBundle(p)));
  // A bundle met in a folder is no article file, so the folder walk lists it as skipped: it is
  // merged as one given on its own is (a hidden one stays skipped, as any hidden file does).
  const listed: FileOutcome[] = [];
  for (const o of expanded) {
    if (o.status === 'skipped' && !basename(o.file).startsWith('.') && isBundle(o.file)) bundles.push(o.file);
    else listed.push(o);
  }
  const total = files.length + bundles.length;
  const report = await importBatch(db, files.map(fileSource), {
    ...options,
    total,
    onProgress: (done) => options.onProgress?.(done, total),
  });
  const outcomes: FileOutcome[] = [...listed, ...report.outcomes];
  let done = files.length;
  for (const file of bundles) {
    if (options.signal?.aborted || report.cancelled) outcomes.push({ file, status: 'cancelled', articleIds: [], message: 'not imported: the import was cancelled' });
    else {
      outcomes.push(await mergeBundle(db, file, options));
      options.onProgress?.(++done, total);
    }
  }
  // Cancelled means something was left out because of it; a cancel after the last input changed nothing.
  return reportOf(outcomes, report.cancelled || outcomes.some((o) => o.status === 'cancelled'));
}

async function mergeBundle(db: Db, file: string, options: ImportOptions): Promise<FileOutcome> {
  try {
    const r = await importBundle(db, file, { ...(options.author ? { author: options.author } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    const parts = [
      `${r.articlesAdded} article(s) added`,
      `${r.articlesMatched} matched`,
      `${r.annotationsAdded} annotation(s) added`,
      ...(r.annotationsUpdated ? [`${r.annotationsUpdated} updated with the other side's edit`] : []),
      `${r.annotationsUnchanged} unchanged`,
      ...(r.annotationsKeptDeleted ? [`${r.annotationsKeptDeleted} deleted here kept deleted`] : []),
    ];
    if (r.conflicts.length) parts.push(`${r.conflicts.length} conflict(s) kept in both versions`);
    if (r.revived.length) parts.push(`${r.revived.length} annotation(s) deleted here but changed there since, brought back`);
    if (r.unplaced.length) parts.push(`${r.unplaced.length} annotation(s) could not be placed in corrected text`);
    const changed = r.articlesAdded + r.annotationsAdded + r.annotationsUpdated + r.revived.length > 0;
    return {
      file,
      status: r.unplaced.length > 0 ? 'partial' : changed ? 'imported' : 'duplicate',
      articleIds: [],
      message: parts.join(', '),
    };
  } catch (err) {
    // Cancelled while it was read: a bundle is merged in one transaction, so nothing of it was written.
    if (err instanceof BundleError && err.code === 'cancelled') return { file, status: 'cancelled', articleIds: [], message: 'not imported: the import was cancelled' };
    const reason = err instanceof BundleError ? err.message : `could not be read: ${(err as Error).message}`;
    return { file, status: 'failed', articleIds: [], message: reason };
  }
}
