import { basename, extname } from 'node:path';
import type { FileOutcome, ImportReport } from '../../../shared/ipc/contract';
import { BUNDLE_EXTENSION } from '../../../shared/formats';
import { reportOf } from '../../../shared/import-report';
import type { Db } from '../store/db';
import { IMPORTABLE_EXTENSIONS } from '../import';
import { BundleError, importBundle, isSealedBundle, sniffBundle, type BundleImportReport } from './bundle';
import { plural } from '../../../shared/plural';
import { expandPaths, fileSource, importBatch, type ImportOptions } from './importer';

/** A Spanwise bundle (gzip'd JSON lines) for moving work between machines. */
export { BUNDLE_EXTENSION };

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
export interface LibraryImportOptions extends ImportOptions {
  /**
   * Asked for an encrypted bundle's passphrase, once per such bundle. Without it (or when it
   * throws) the bundle fails with the reason and nothing of it is imported.
   */
  bundlePassphrase?: (file: string, refused: string | null) => Promise<string>;
  /** Asks again, with the reason, after a wrong passphrase (the app's dialog); the command asks once. */
  askAgainOnWrongPassphrase?: boolean;
  /** Told when an encrypted bundle asked for has its outcome (merged, refused or left out). */
  bundleSettled?: (file: string) => void;
}

export async function importPaths(db: Db, paths: string[], options: LibraryImportOptions = {}): Promise<ImportReport> {
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

/** Merges one bundle file, asking for its passphrase (again after a wrong one) when it is encrypted and the options can ask. */
export async function mergeBundle(db: Db, file: string, options: LibraryImportOptions): Promise<FileOutcome> {
  const sealed = options.bundlePassphrase !== undefined && isSealedBundle(file);
  for (let refused: string | null = null; ; ) {
    const outcome = await mergeBundleOnce(db, file, options, sealed, refused);
    if (!('wrongPassphrase' in outcome)) {
      if (sealed) options.bundleSettled?.(file);
      return outcome;
    }
    refused = outcome.wrongPassphrase;
  }
}

async function mergeBundleOnce(db: Db, file: string, options: LibraryImportOptions, sealed: boolean, refused: string | null): Promise<FileOutcome | { wrongPassphrase: string }> {
  try {
    let passphrase: string | undefined;
    if (sealed && options.bundlePassphrase) {
      try {
        passphrase = await options.bundlePassphrase(file, refused);
      } catch (err) {
        if (options.signal?.aborted) return { file, status: 'cancelled', articleIds: [], message: 'not imported: the import was cancelled' };
        return { file, status: 'failed', articleIds: [], message: `an encrypted bundle, not imported: ${(err as Error).message}` };
      }
    }
    const r = await importBundle(db, file, {
      ...(options.author ? { author: options.author } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(passphrase !== undefined ? { passphrase } : {}),
    });
    // Conflict copies are written too: the bundle changed the library even when that is all it brought.
    const changed =
      r.articlesAdded + r.annotationsAdded + r.annotationsUpdated + r.revived.length + r.conflicts.length + (r.events?.rolesAdded ?? 0) + (r.events?.eventsJoined ?? 0) + (r.entities?.added ?? 0) + (r.entities?.updated ?? 0) > 0;
    const offers = r.entities?.offers ?? [];
    return {
      file,
      status: r.unplaced.length > 0 ? 'partial' : changed ? 'imported' : 'duplicate',
      articleIds: [],
      message: bundleSummary(r),
      ...(offers.length ? { entityOffers: offers } : {}),
    };
  } catch (err) {
    // Cancelled while it was read: a bundle is merged in one transaction, so nothing of it was written.
    if (err instanceof BundleError && err.code === 'cancelled') return { file, status: 'cancelled', articleIds: [], message: 'not imported: the import was cancelled' };
    if (err instanceof BundleError && err.code === 'wrong_passphrase' && options.askAgainOnWrongPassphrase) return { wrongPassphrase: err.message };
    const reason = err instanceof BundleError ? err.message : `could not be read: ${(err as Error).message}`;
    return { file, status: 'failed', articleIds: [], message: reason };
  }
}

/**
 * A bundle's merge in words, in three parts: what it merged into the library, what was kept as
 * it was here, and what needs the analyst (conflicts, annotations it could not place).
 */
export function bundleSummary(r: BundleImportReport): string {
  const part = (head: string, items: [number, string][]) => {
    const listed = items.filter(([n]) => n > 0).map(([, text]) => text);
    return listed.length ? `${head}: ${listed.join(', ')}` : null;
  };
  const merged = part('merged', [
    [r.articlesAdded, plural(r.articlesAdded, 'new article')],
    [r.annotationsAdded, plural(r.annotationsAdded, 'new annotation')],
    [r.annotationsUpdated, `${plural(r.annotationsUpdated, 'annotation')} updated to the other machine's later edit`],
    [r.revived.length, `${plural(r.revived.length, 'annotation')} deleted here but edited there since, brought back`],
    [r.events?.rolesAdded ?? 0, plural(r.events?.rolesAdded ?? 0, 'new role')],
    [r.events?.eventsJoined ?? 0, `${plural(r.events?.eventsJoined ?? 0, 'event')} put in their incident`],
    [r.entities?.added ?? 0, plural(r.entities?.added ?? 0, 'new entity', 'new entities')],
    [r.entities?.updated ?? 0, `${plural(r.entities?.updated ?? 0, 'entity', 'entities')} given the other machine's names or details`],
    [r.resolutions?.added ?? 0, plural(r.resolutions?.added ?? 0, 'resolved disagreement')],
  ]);
  const kept = part('kept', [
    [r.articlesMatched, `${plural(r.articlesMatched, 'article')} already here`],
    [r.annotationsUnchanged, `${plural(r.annotationsUnchanged, 'annotation')} already the same here`],
    [r.annotationsKeptDeleted, `${plural(r.annotationsKeptDeleted, 'annotation')} deleted here, still deleted`],
    [r.entities?.unchanged ?? 0, `${plural(r.entities?.unchanged ?? 0, 'entity', 'entities')} already the same here`],
  ]);
  const incidentConflicts = r.events?.incidentConflicts.length ?? 0;
  const entityConflicts = r.entities?.conflicts.length ?? 0;
  const offers = r.entities?.offers.length ?? 0;
  const conflicted = part('conflicts', [
    [r.conflicts.length, `${plural(r.conflicts.length, 'annotation')} edited on both machines: both versions kept, to choose between`],
    [incidentConflicts, `${plural(incidentConflicts, 'event')} in another incident there, left in this library's`],
    [entityConflicts, `${plural(entityConflicts, 'entity detail', 'entity details')} set differently there, this library's kept`],
    [offers, `${plural(offers, 'entity', 'entities')} named like one here, kept apart and offered as a merge`],
    [r.entities?.keptApart ?? 0, `${plural(r.entities?.keptApart ?? 0, 'entity', 'entities')} named like one here, kept apart as chosen before`],
    [r.resolutions?.conflicts.length ?? 0, `${plural(r.resolutions?.conflicts.length ?? 0, 'disagreement')} resolved otherwise there, left as resolved here`],
  ]);
  const unplaced = part('not imported', [
    [r.unplaced.length, `${plural(r.unplaced.length, 'annotation')} whose text is no longer in the corrected article`],
    [r.events?.rolesLeftOut ?? 0, `${plural(r.events?.rolesLeftOut ?? 0, 'role')} whose event or span is not here`],
  ]);
  return [merged ?? 'merged: nothing new', kept, conflicted, unplaced].filter((p) => p !== null).join('; ');
}
