import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { ARTICLE_FORMATS } from '../../../shared/formats';
import type { Emit } from './chunk';
import { readRegularFile, regularFileStream } from './input-file';
import { MAX_FILE_BYTES, type SourceSpec } from './types';

/**
 * The imported file itself, as provenance keeps it (DESIGN.md "Provenance"): its sha256, size and
 * bytes compressed with brotli, made in the parsing worker with the drafts so the main thread
 * only writes. A streamed JSONL dataset larger than any single file may be keeps only its hash.
 */
export interface OriginalFile {
  sha256: string;
  size: number;
  name: string;
  /** The reader the file went through: txt, md, html, json, jsonl, brat, or paste. */
  importer: string;
  compression: 'br' | null;
  content: Uint8Array | null;
}

/** Largest original kept byte for byte: the largest single file an import reads whole. */
export const MAX_KEPT_BYTES = MAX_FILE_BYTES;

/**
 * Brotli at a middle quality: about as small as gzip's best at several times its speed, so a
 * 50 MB page compresses in about a second in the worker. The text of the size hint helps it.
 */
function compress(bytes: Uint8Array): Uint8Array {
  return brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}

export function importerOf(spec: SourceSpec): string {
  if (spec.kind === 'text') return 'paste';
  if ((spec.kind === 'file' && spec.annPath) || (spec.kind === 'bytes' && spec.ann)) return 'brat';
  return ARTICLE_FORMATS[extname(spec.name).toLowerCase()] ?? 'txt';
}

/** `name` may be a path: only its last part is kept, as the file's name. */
export function originalOf(bytes: Uint8Array, name: string, importer: string): OriginalFile {
  name = basename(name);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const kept = bytes.length <= MAX_KEPT_BYTES;
  return { sha256, size: bytes.length, name, importer, compression: kept ? 'br' : null, content: kept ? compress(bytes) : null };
}

/** A file read in pieces for its hash; its bytes are kept only when it is small enough to hold whole. */
export async function originalOfFile(path: string, name: string, importer: string): Promise<OriginalFile> {
  name = basename(name);
  const { stream, size } = regularFileStream(path, { highWaterMark: 1 << 20 });
  if (size <= MAX_KEPT_BYTES) {
    stream.destroy();
    return originalOf(readRegularFile(path, MAX_KEPT_BYTES), name, importer);
  }
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex'), size, name, importer, compression: null, content: null };
}

/** Hands the original over with the first draft of the file, so it is written in the same transaction. */
export function withOriginal(original: OriginalFile, emit: Emit): Emit {
  let sent = false;
  return (drafts) => {
    if (!sent && drafts[0]) {
      drafts[0] = { ...drafts[0], original };
      sent = true;
    }
    return emit(drafts);
  };
}
