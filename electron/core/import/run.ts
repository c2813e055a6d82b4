import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseBratPair, parseFile, parsePasted } from './index';
import { isJsonl, streamJsonl } from './jsonl-stream';
import { Chunker, type Emit } from './chunk';
import { MAX_FILE_BYTES, tooLarge, type ParseEnd, type ParseOutcome, type SourceSpec } from './types';

/**
 * Reads and parses one input, handing its drafts over in chunks. This is what the parsing worker
 * runs (and what runs in-process where no worker is wanted): all reading, decoding, parsing and
 * hashing, so the main thread only writes.
 */
export async function runParse(spec: SourceSpec, emit: Emit): Promise<ParseEnd> {
  try {
    if (spec.kind === 'file' && !spec.annPath && isJsonl(spec.path)) return await streamJsonl(spec.path, spec.name, emit);
    const outcome = parseSpec(spec);
    if (!outcome.ok) return outcome;
    const chunker = new Chunker(emit);
    for (const draft of outcome.drafts) await chunker.add(draft);
    await chunker.flush();
    return { ok: true, drafts: outcome.drafts.length, warnings: outcome.warnings, problems: outcome.problems };
  } catch (err) {
    return { ok: false, reason: `could not be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

function parseSpec(spec: SourceSpec): ParseOutcome {
  switch (spec.kind) {
    case 'text':
      return parsePasted(spec.name, spec.content);
    case 'bytes':
      return spec.ann ? parseBratPair(spec.name, spec.bytes, spec.ann) : parseFile(spec.name, spec.bytes);
    case 'file': {
      const bytes = readLimited(spec.path);
      if (typeof bytes === 'string') return { ok: false, reason: bytes };
      if (!spec.annPath) return parseFile(spec.path, bytes);
      const ann = readLimited(spec.annPath);
      if (typeof ann === 'string') return { ok: false, reason: `annotation file (.ann): ${ann}` };
      return parseBratPair(spec.path, bytes, ann);
    }
  }
}

function readLimited(path: string): Buffer | string {
  const size = statSync(path).size;
  // Refused before reading, so an enormous file never lands in memory.
  if (size > MAX_FILE_BYTES) return tooLarge(size) + (extname(path).toLowerCase() === '.json' ? ' (JSONL files have no such limit: one article per line)' : '');
  return readFileSync(path);
}

/** The brat annotation file beside a `.txt`, if there is one. */
export function bratAnnotationsOf(path: string): string | undefined {
  if (extname(path).toLowerCase() !== '.txt') return undefined;
  const ann = `${path.slice(0, -extname(path).length)}.ann`;
  return existsSync(ann) ? ann : undefined;
}
