import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import { basename, extname } from 'node:path';
import { DecodeError, legacyEncoding, looksBinary } from './decode';
import { parseFile } from './index';
import { JsonlLines } from './jsonl';
import { Chunker, type Emit } from './chunk';
import { openRegularFile, readRegularFile, readRegularHead, regularFileStream } from './input-file';
import { closeSync } from 'node:fs';
import { MAX_FILE_BYTES, tooLarge, type ParseEnd } from './types';

/**
 * A JSONL file is read a line at a time, so it has no size limit of its own (the library's own
 * JSONL export of a large corpus must import again); each line is one article and has the limit
 * any single file has.
 */
export const MAX_LINE_BYTES = MAX_FILE_BYTES;

/** Bytes the encoding is judged on before streaming starts. */
const HEAD_BYTES = 1 << 20;

export function isJsonl(path: string): boolean {
  return ['.jsonl', '.ndjson'].includes(extname(path).toLowerCase());
}

/**
 * Streams a JSONL file: drafts are handed over in chunks as lines are read, broken lines are
 * named by number, a line over the limit is skipped without being held in memory. Each line is
 * decoded on its own: valid UTF-8 as UTF-8 (a file put together from several exports may mix
 * encodings, and valid UTF-8 is almost never legacy text by chance); any other line in the
 * legacy encoding that reads best, judged on the head of the file when the head is not UTF-8,
 * else on the first such line; a line that is UTF-8 with a few broken bytes keeps them as
 * U+FFFD, named.
 */
export async function streamJsonl(path: string, name: string, emit: Emit): Promise<ParseEnd> {
  const size = sizeOf(path);
  if (size === 0) return { ok: false, reason: 'empty file' };
  const head = readRegularHead(path, Math.min(size, HEAD_BYTES));
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || looksUtf16(head);
  // UTF-16 cannot be split on newline bytes; such files are rare, and read whole within the usual limit.
  if (utf16) return size > MAX_FILE_BYTES ? { ok: false, reason: `${tooLarge(size)} for a UTF-16 JSONL file; saved as UTF-8 it has no limit` } : wholeFile(path, emit);
  if (looksBinary(head)) return { ok: false, reason: 'binary data, not text' };
  let encoding: string | null;
  try {
    encoding = headEncoding(head, size <= HEAD_BYTES);
  } catch (err) {
    if (err instanceof DecodeError) return { ok: false, reason: err.message };
    throw err;
  }

  const reader = new JsonlLines(basename(name, extname(name)) || name);
  const chunker = new Chunker(emit);
  const decoder = new TextDecoder('utf-8');
  let legacyLines = 0;
  let decodedLines = 0;
  let parts: Buffer[] = [];
  let length = 0;
  let at = 1;

  /** Reads the line just completed; true when it gave a draft to hand over. */
  const finishLine = (): boolean => {
    if (length > MAX_LINE_BYTES) {
      reader.problem(at, `line too large: ${length.toLocaleString('en')} bytes; the limit is ${MAX_LINE_BYTES / 1048576} MB per line`);
    } else if (length > 0) {
      const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
      decodedLines++;
      reader.line(decodeLine(bytes, at), at);
    }
    parts = [];
    length = 0;
    at++;
    return reader.drafts.length > 0;
  };
  const handOver = async () => {
    for (const draft of reader.drafts.splice(0)) await chunker.add(draft);
  };

  const decodeLine = (bytes: Buffer, line: number): string => {
    if (isUtf8(bytes)) return decoder.decode(bytes);
    if (encoding === null && !mostlyUtf8(bytes, true)) encoding = lineEncoding(bytes);
    if (encoding !== null) {
      legacyLines++;
      return iconv.decode(bytes, encoding);
    }
    const text = decoder.decode(bytes);
    const broken = text.split('\uFFFD').length - 1;
    reader.warning(`line ${line}: not valid UTF-8 in ${broken} place${broken === 1 ? '' : 's'}; the bytes there were replaced with \uFFFD`);
    return text;
  };

  let first = true;
  for await (const data of regularFileStream(path, { highWaterMark: HEAD_BYTES }).stream) {
    let chunk = data as Buffer;
    if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    first = false;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (end > start) {
        // Past the limit the rest of the line is only counted, never kept.
        if (length + end - start <= MAX_LINE_BYTES) parts.push(nl === -1 ? Buffer.from(chunk.subarray(start, end)) : chunk.subarray(start, end));
        else parts = [];
        length += end - start;
      }
      if (nl === -1) break;
      // Most lines hand nothing over yet (blank, broken, or short of a chunk): no await for those.
      if (finishLine()) await handOver();
      start = nl + 1;
      // Runs of blank lines, counted without a call per line.
      while (start < chunk.length && chunk[start] === 0x0a) {
        at++;
        start++;
      }
    }
  }
  if (length > 0 && finishLine()) await handOver();
  await chunker.flush();
  const end = reader.finish();
  if (!end.ok) return end;
  const legacy = legacyLines === decodedLines ? 'not valid UTF-8' : `${legacyLines} line${legacyLines === 1 ? '' : 's'} not valid UTF-8`;
  const warnings = encoding !== null && legacyLines > 0 ? [`${legacy}; decoded as ${encoding}`, ...end.warnings] : end.warnings;
  return { ok: true, drafts: reader.count, warnings, problems: end.problems };
}

/**
 * The legacy encoding the head's lines that are not UTF-8 are in, judged on those lines alone (the
 * UTF-8 ones would read as nonsense in any legacy encoding); null when there are none, or they
 * are UTF-8 with a few broken bytes. Throws when no legacy encoding reads them.
 */
function headEncoding(head: Buffer, whole: boolean): string | null {
  const lines: Buffer[] = [];
  let start = 0;
  for (let nl = head.indexOf(0x0a); nl !== -1; nl = head.indexOf(0x0a, start)) {
    lines.push(head.subarray(start, nl));
    start = nl + 1;
  }
  // A line cut off by the end of the head may end inside a character.
  if (whole) lines.push(head.subarray(start));
  const legacy = lines.filter((l) => !isUtf8(l));
  if (legacy.length === 0) return null;
  const sample = Buffer.concat(legacy.flatMap((l) => [l, Buffer.from('\n')]));
  return mostlyUtf8(sample, true) ? null : legacyEncoding(sample, null);
}

/** The legacy encoding of one line, or null when none reads it (it is then kept as UTF-8 with U+FFFD). */
function lineEncoding(bytes: Buffer): string | null {
  try {
    return legacyEncoding(bytes, null);
  } catch (err) {
    if (err instanceof DecodeError) return null;
    throw err;
  }
}

function sizeOf(path: string): number {
  const { fd, size } = openRegularFile(path);
  closeSync(fd);
  return size;
}

/** UTF-8, or UTF-8 with a few broken bytes; a sequence cut off at the end of the head does not count. */
function mostlyUtf8(head: Buffer, whole: boolean): boolean {
  const text = new TextDecoder('utf-8').decode(head, { stream: !whole });
  let invalid = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) invalid++;
    else if (c > 0x7f) other++;
  }
  return invalid === 0 || other >= 10 * invalid;
}

function looksUtf16(head: Buffer): boolean {
  const n = Math.min(head.length, 8192) & ~1;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (head[i] === 0) zeros++;
  return n >= 8 && zeros > n * 0.2;
}

async function wholeFile(path: string, emit: Emit): Promise<ParseEnd> {
  const outcome = parseFile(path, readRegularFile(path));
  if (!outcome.ok) return outcome;
  const chunker = new Chunker(emit);
  for (const draft of outcome.drafts) await chunker.add(draft);
  await chunker.flush();
  return { ok: true, drafts: outcome.drafts.length, warnings: outcome.warnings, problems: outcome.problems };
}
