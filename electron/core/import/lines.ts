/**
 * Cuts a byte stream into lines (ended by LF), with a bound on each line and on the whole. Each
 * byte is looked at once: a chunk is searched for newlines from where the last one was found,
 * and the pieces of a line that spans chunks are only joined once the line ends, so a line that
 * never ends costs time linear in its length (splitting the joined rest again at every chunk, as
 * `(rest + chunk).split('\n')` does, is quadratic). A line longer than `maxLineBytes` is refused
 * as soon as it passes the limit, without being held; so is a stream longer than `maxTotalBytes`.
 */
export class LineLimitError extends Error {
  constructor(
    readonly kind: 'line' | 'total',
    /** 1-based number of the line being read when the limit was passed. */
    readonly line: number,
    readonly limit: number,
  ) {
    super(kind === 'line' ? `line ${line} is longer than ${formatBytes(limit)}, the limit for one line` : `it holds more than ${formatBytes(limit)}, the limit for the whole file (reached on line ${line})`);
    this.name = 'LineLimitError';
  }
}

export interface LineLimits {
  maxLineBytes: number;
  maxTotalBytes: number;
}

export function formatBytes(n: number): string {
  if (n >= 1 << 30 && n % (1 << 30) === 0) return `${n / (1 << 30)} GB`;
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MB`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n / (1 << 10)} KB`;
  return `${n.toLocaleString('en')} bytes`;
}

/**
 * The non-empty lines of UTF-8 text (invalid bytes read as U+FFFD), numbered from 1 as if every
 * line counted, handed over a chunk's worth at a time. Empty lines are skipped in a tight loop
 * over the bytes: a stream of nothing but newlines costs no more than reading it.
 */
export async function* boundedLines(source: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>, limits: LineLimits): AsyncGenerator<{ text: string; line: number }[]> {
  const decoder = new TextDecoder('utf-8');
  let parts: Uint8Array[] = [];
  let length = 0;
  let total = 0;
  let line = 1;
  const finish = (): string => {
    const bytes = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts, length);
    parts = [];
    length = 0;
    return decoder.decode(bytes);
  };
  for await (const chunk of source) {
    total += chunk.length;
    if (total > limits.maxTotalBytes) throw new LineLimitError('total', line, limits.maxTotalBytes);
    const done: { text: string; line: number }[] = [];
    let start = 0;
    for (;;) {
      if (length === 0) {
        while (start < chunk.length && chunk[start] === 0x0a) {
          line++;
          start++;
        }
      }
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      length += end - start;
      if (length > limits.maxLineBytes) throw new LineLimitError('line', line, limits.maxLineBytes);
      // A piece kept past this chunk is copied: the stream may reuse the chunk's memory.
      if (end > start) parts.push(nl === -1 ? Uint8Array.prototype.slice.call(chunk, start, end) : chunk.subarray(start, end));
      if (nl === -1) break;
      done.push({ text: finish(), line });
      line++;
      start = nl + 1;
    }
    if (done.length > 0) yield done;
  }
  if (length > 0) yield [{ text: finish(), line }];
}
