import { describe, expect, it } from 'vitest';
import { createRng } from '../testing/fuzz';
import { boundedLines, LineLimitError, type LineLimits } from './lines';

const roomy: LineLimits = { maxLineBytes: 1 << 20, maxTotalBytes: 1 << 30 };

async function collect(chunks: Uint8Array[], limits = roomy): Promise<string[]> {
  const out: string[] = [];
  for await (const lines of boundedLines(chunks, limits)) for (const { text } of lines) out.push(text);
  return out;
}

/** The bytes cut at random places, through characters and newlines alike. */
function cut(bytes: Buffer, rng: ReturnType<typeof createRng>): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = 1 + rng.int(7);
    chunks.push(bytes.subarray(at, at + n));
    at += n;
  }
  return chunks;
}

describe('bounded lines', () => {
  it('gives the non-empty lines split("\\n") gives, with their numbers, however the stream is cut, multi-byte characters included', async () => {
    const rng = createRng(7);
    const text = 'first line\n\n\nКиїв 🇺🇦 line\r\n \nlast without end';
    for (let round = 0; round < 50; round++) {
      expect(await collect(cut(Buffer.from(text), rng))).toEqual(text.split('\n').filter((l) => l !== ''));
    }
    const numbered: number[] = [];
    for await (const lines of boundedLines(cut(Buffer.from(text), rng), roomy)) numbered.push(...lines.map((l) => l.line));
    expect(numbered).toEqual([1, 4, 5, 6]);
    expect(await collect([Buffer.from('ends with a newline\n')])).toEqual(['ends with a newline']);
  });

  it('refuses a line once it passes the limit, naming the line and the limit', async () => {
    const chunks = [Buffer.from('short\n'), ...Array.from({ length: 10 }, () => Buffer.alloc(1024, 0x61))];
    await expect(collect(chunks, { maxLineBytes: 4096, maxTotalBytes: 1 << 30 })).rejects.toEqual(new LineLimitError('line', 2, 4096));
    expect(new LineLimitError('line', 2, 4096).message).toBe('line 2 is longer than 4 KB, the limit for one line');
    // At the limit exactly is allowed.
    expect(await collect([Buffer.alloc(4096, 0x61)], { maxLineBytes: 4096, maxTotalBytes: 1 << 30 })).toHaveLength(1);
  });

  it('refuses a stream once it passes the limit for the whole, even of blank lines', async () => {
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(1024, 0x0a));
    const err = await collect(chunks, { maxLineBytes: 4096, maxTotalBytes: 8192 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LineLimitError);
    expect((err as Error).message).toBe('it holds more than 8 KB, the limit for the whole file (reached on line 8193)');
  });
});
