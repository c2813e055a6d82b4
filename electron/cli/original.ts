import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../core/store/db';
import { getProvenance } from '../core/store/provenance';
import { requireOriginal } from '../core/services/provenance-handlers';
import { HandlerError } from '../core/services/errors';
import { EXIT, UsageError, type Output } from './output';

/**
 * `spanwise original --db FILE ARTICLE_ID [--out FILE]`: with --out, writes the article's original
 * file byte for byte as it was imported; without, prints where the article came from (file name,
 * sha256, size, importer, who and when).
 */
export async function originalCommand(db: Db, rest: string[], out: Output, flags: { out?: string }): Promise<number> {
  const [id, extra] = rest;
  if (!id || extra !== undefined) throw new UsageError('original needs one article id: spanwise original --db FILE ID [--out FILE]');
  const provenance = getProvenance(db, id);
  if (!flags.out) {
    if (!provenance) throw new UsageError(`article ${id}: no provenance (not in the library, or imported before Spanwise kept original files)`, false);
    out.result(
      { type: 'provenance', article_id: id, ...provenance },
      `${id}: ${provenance.fileName} (${provenance.size} bytes, sha256 ${provenance.sha256}), read as ${provenance.importer}, imported ${provenance.importedAt}${provenance.importedBy ? ` by ${provenance.importedBy}` : ''}${provenance.kept ? '' : '; too large to keep, only its hash is known'}`,
    );
    return EXIT.ok;
  }
  try {
    const original = requireOriginal(db, id);
    const file = resolve(flags.out);
    writeFileSync(file, original.bytes, { flag: 'wx' });
    out.result({ type: 'original', article_id: id, file, bytes: original.bytes.length, sha256: provenance?.sha256 ?? null }, `wrote ${original.bytes.length} bytes of ${original.fileName} to ${file}`);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof HandlerError) throw new UsageError(err.message, false);
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`--out ${flags.out}: the file exists; choose another name`, false);
    throw err;
  }
}
