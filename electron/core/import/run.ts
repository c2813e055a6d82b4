import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { parseBratPair, parseFile, parsePasted } from './index';
import { isJsonl, streamJsonl } from './jsonl-stream';
import { Chunker, type Emit } from './chunk';
import { importerOf, originalOf, originalOfFile, withOriginal } from './original';
import { inputFileReason, readRegularFile } from './input-file';
import { MAX_FILE_BYTES, tooLarge, type ParseEnd, type ParseOutcome, type SourceSpec } from './types';

/**
 * Reads and parses one input, handing its drafts over in chunks. This is what the parsing worker
 * runs (and what runs in-process where no worker is wanted): all reading, decoding, parsing and
 * hashing, so the main thread only writes.
 */
export async function runParse(spec: SourceSpec, emit: Emit): Promise<ParseEnd> {
  try {
    const importer = importerOf(spec);
    if (spec.kind === 'file' && !spec.annPath && isJsonl(spec.path)) {
      return await streamJsonl(spec.path, spec.name, withOriginal(await originalOfFile(spec.path, spec.name, importer), emit));
    }
    const read = readSpec(spec);
    if (typeof read === 'string') return { ok: false, reason: read };
    const outcome = parseSpec(spec, read);
    if (!outcome.ok) return outcome;
    const chunker = new Chunker(withOriginal(originalOf(read.bytes, spec.name, importer), emit));
    for (const draft of outcome.drafts) await chunker.add(draft);
    await chunker.flush();
    return { ok: true, drafts: outcome.drafts.length, warnings: outcome.warnings, problems: outcome.problems };
  } catch (err) {
    return { ok: false, reason: inputFileReason(err) ?? `could not be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

/** The input's bytes (for a brat pair, the text's; the .ann beside it), or why they cannot be read. */
function readSpec(spec: SourceSpec): { bytes: Uint8Array; ann?: Uint8Array } | string {
  switch (spec.kind) {
    case 'text':
      return { bytes: Buffer.from(spec.content, 'utf8') };
    case 'bytes':
      return { bytes: spec.bytes, ...(spec.ann ? { ann: spec.ann } : {}) };
    case 'file': {
      const bytes = readLimited(spec.path);
      if (typeof bytes === 'string') return bytes;
      if (!spec.annPath) return { bytes };
      const ann = readLimited(spec.annPath);
      if (typeof ann === 'string') return `annotation file (.ann): ${ann}`;
      return { bytes, ann };
    }
  }
}

function parseSpec(spec: SourceSpec, read: { bytes: Uint8Array; ann?: Uint8Array }): ParseOutcome {
  if (spec.kind === 'text') return parsePasted(spec.name, spec.content);
  const name = spec.kind === 'file' ? spec.path : spec.name;
  return read.ann ? parseBratPair(name, read.bytes, read.ann) : parseFile(name, read.bytes);
}

function readLimited(path: string): Buffer | string {
  try {
    // Refused before reading, so an enormous file (or a device that never ends) never lands in memory.
    return readRegularFile(path, MAX_FILE_BYTES, (size) => tooLarge(size) + (extname(path).toLowerCase() === '.json' ? ' (JSONL files have no such limit: one article per line)' : ''));
  } catch (err) {
    const reason = inputFileReason(err);
    if (reason === null) throw err;
    return reason;
  }
}

/** The brat annotation file beside a `.txt`, if there is one. */
export function bratAnnotationsOf(path: string): string | undefined {
  if (extname(path).toLowerCase() !== '.txt') return undefined;
  const ann = `${path.slice(0, -extname(path).length)}.ann`;
  return existsSync(ann) ? ann : undefined;
}
