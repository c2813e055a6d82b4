import { extname } from 'node:path';
import type { FileOutcome, ImportReport } from '../../../shared/ipc/contract';
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
 * Imports files and folders as the Import button and `spanwise import` do: article files as one
 * batch, bundles merged one by one; every input gets its own outcome in one report.
 */
export async function importPaths(db: Db, paths: string[], options: ImportOptions = {}): Promise<ImportReport> {
  const bundles = paths.filter(isBundle);
  const { files, missing } = expandPaths(paths.filter((p) => !isBundle(p)));
  const total = files.length + bundles.length;
  const report = await importBatch(db, files.map(fileSource), {
    ...options,
    onProgress: (done) => options.onProgress?.(done, total),
  });
  const outcomes: FileOutcome[] = [...missing, ...report.outcomes];
  let done = files.length;
  for (const file of bundles) {
    if (options.signal?.aborted || report.cancelled) break;
    outcomes.push(await mergeBundle(db, file, options));
    options.onProgress?.(++done, total);
  }
  return {
    outcomes,
    imported: outcomes.filter((o) => o.status === 'imported').length,
    partial: outcomes.filter((o) => o.status === 'partial').length,
    duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    cancelled: report.cancelled || !!options.signal?.aborted,
  };
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
    const reason = err instanceof BundleError ? err.message : `could not be read: ${(err as Error).message}`;
    return { file, status: 'failed', articleIds: [], message: reason };
  }
}
