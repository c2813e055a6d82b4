import { writeFile } from 'node:fs/promises';
import type { Channel } from '../../../shared/ipc/channels';
import type { OutputOf, ParsedInputOf } from '../../../shared/ipc/contract';
import type { provenanceContract } from '../../../shared/ipc/provenance';
import { articleExists, requireArticle } from '../store/articles';
import { listRemovedParts } from '../store/removed-parts';
import { mapPoint } from '../../../shared/remap';
import type { Db } from '../store/db';
import { getProvenance, originalBytes } from '../store/provenance';
import { HandlerError } from './errors';

type ProvenanceChannel = Extract<Channel, keyof typeof provenanceContract>;
export type ProvenanceHandlers = { [C in ProvenanceChannel]: (input: ParsedInputOf<C>) => OutputOf<C> | Promise<OutputOf<C>> };

/** The original file of an article, exactly as imported, or why there is none. */
export function requireOriginal(db: Db, id: string): { fileName: string; bytes: Buffer } {
  if (!articleExists(db, id)) throw new HandlerError('not_found', `no article with id ${id}`);
  const original = originalBytes(db, id);
  if (original) return original;
  const provenance = getProvenance(db, id);
  throw new HandlerError(
    'not_found',
    provenance
      ? `the original of article ${id} (${provenance.fileName}, ${provenance.size} bytes) was too large to keep; only its sha256 ${provenance.sha256} is known`
      : `article ${id} was imported before Spanwise kept original files`,
  );
}

export function createProvenanceHandlers(db: Db, pickTarget: (fileName: string) => Promise<string | null>): ProvenanceHandlers {
  return {
    'provenance/get': ({ id }) => {
      if (!articleExists(db, id)) throw new HandlerError('not_found', `no article with id ${id}`);
      return { provenance: getProvenance(db, id) };
    },
    'provenance/saveOriginal': async ({ id }) => {
      const original = requireOriginal(db, id);
      const file = await pickTarget(original.fileName);
      if (!file) return { saved: null };
      // 'wx' is not used: the save dialog already asked before replacing a file.
      await writeFile(file, original.bytes);
      return { saved: { file, bytes: original.bytes.length } };
    },
    'provenance/removed': ({ id }) => {
      const article = requireArticle(db, id);
      const imported = article.originalText ?? article.text;
      return {
        removed: listRemovedParts(db, id).map((r) => ({
          ...r,
          // Placed by the corrections made since, or at the end when it never had a place.
          at: r.located ? mapPoint(imported, article.text, Math.min(r.at, imported.length)) : article.text.length,
          inText: article.text.includes(r.text),
        })),
      };
    },
  };
}
