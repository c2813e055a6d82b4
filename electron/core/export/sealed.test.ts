import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { openStream, readSealedHeader, sealStream, SealedError } from './sealed';

const tmp = useTmpDir();
/** Cheap key derivation for the many files these tests write; one test uses the real cost. */
const FAST = { kdf: { n: 1024, r: 8, p: 1 }, chunkBytes: 1024 } as const;
const CONTENT = 'spanwise-bundle';
const PASS = 'Kherson ferry timetable';

async function seal(plain: Buffer, options: Partial<typeof FAST> = FAST, passphrase = PASS): Promise<Buffer> {
  const out: Buffer[] = [];
  // Several small writes, as a gzip stream hands them over.
  const pieces = Array.from({ length: Math.ceil(plain.length / 700) }, (_, i) => plain.subarray(i * 700, (i + 1) * 700));
  await pipeline(
    Readable.from(pieces),
    await sealStream(passphrase, { content: CONTENT, ...options }),
    new Writable({
      write(chunk: Buffer, _e, done) {
        out.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(out);
}

async function open(sealed: Buffer, passphrase = PASS): Promise<Buffer> {
  const out: Buffer[] = [];
  const pieces = Array.from({ length: Math.ceil(sealed.length / 333) }, (_, i) => sealed.subarray(i * 333, (i + 1) * 333));
  await pipeline(
    Readable.from(pieces),
    openStream(passphrase, CONTENT),
    new Writable({
      write(chunk: Buffer, _e, done) {
        out.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(out);
}

async function refusal(sealed: Buffer, passphrase = PASS): Promise<SealedError> {
  try {
    await open(sealed, passphrase);
  } catch (err) {
    expect(err).toBeInstanceOf(SealedError);
    return err as SealedError;
  }
  throw new Error('the sealed file was opened where it should have been refused');
}

/** Where each chunk's frame starts and ends, read from the framing. */
function frames(sealed: Buffer): { header: number; spans: [number, number][] } {
  const header = sealed.indexOf(0x0a) + 1;
  const spans: [number, number][] = [];
  for (let at = header; at < sealed.length; ) {
    const end = at + 5 + sealed.readUInt32BE(at + 1) + 16;
    spans.push([at, end]);
    at = end;
  }
  return { header, spans };
}

const text = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => `Line ${i}: the convoy reached Kupiansk at dawn.\n`).join(''), 'utf8');

describe('a sealed file', () => {
  it('opens into exactly what was sealed, empty, shorter than a chunk, or many chunks long', async () => {
    for (const plain of [Buffer.alloc(0), text(3), text(500), randomBytes(4096)]) {
      const sealed = await seal(plain);
      expect((await open(sealed)).equals(plain)).toBe(true);
    }
  });

  it('holds none of its plaintext in the clear, and says in its header how it was sealed', async () => {
    const plain = text(200);
    const sealed = await seal(plain);
    expect(sealed.includes(Buffer.from('Kupiansk'))).toBe(false);
    expect(sealed.includes(Buffer.from('convoy'))).toBe(false);
    const file = join(tmp(), 'x.sealed');
    writeFileSync(file, sealed);
    expect(readSealedHeader(file)).toMatchObject({ format: 'spanwise-sealed', version: 1, content: CONTENT, cipher: 'aes-256-gcm', kdf: { name: 'scrypt', n: 1024, r: 8, p: 1 } });
  });

  it('derives its key with scrypt at the default cost when none is given', async () => {
    const sealed = await seal(text(5), {});
    const header = JSON.parse(sealed.subarray(0, sealed.indexOf(0x0a)).toString('utf8')) as { kdf: { n: number }; chunk_bytes: number };
    expect(header.kdf.n).toBe(2 ** 17);
    expect(header.chunk_bytes).toBe(65536);
    expect((await open(sealed)).equals(text(5))).toBe(true);
  });

  it('refuses a wrong passphrase as such, before reading any chunk', async () => {
    const err = await refusal(await seal(text(100)), 'Kherson ferry timetables');
    expect(err.code).toBe('wrong_passphrase');
    expect(err.message).toMatch(/passphrase is wrong/);
  });

  it('refuses a file cut short anywhere: in the header, between chunks, inside a chunk', async () => {
    const sealed = await seal(text(200));
    const { header, spans } = frames(sealed);
    expect(spans.length).toBeGreaterThan(4);
    for (const cut of [header - 10, header, (spans[2] as [number, number])[1], (spans[3] as [number, number])[0] + 40, sealed.length - 1]) {
      const err = await refusal(sealed.subarray(0, cut));
      expect(['damaged', 'not_sealed']).toContain(err.code);
    }
    expect((await refusal(sealed.subarray(0, (spans.at(-2) as [number, number])[1]))).message).toMatch(/cut short/);
  });

  it('refuses a changed byte in any chunk, its tag or its framing, and in the header', async () => {
    const sealed = await seal(text(200));
    const { header, spans } = frames(sealed);
    const [start, end] = spans[1] as [number, number];
    for (const at of [start + 5, start + 100, end - 1, start + 2]) {
      const copy = Buffer.from(sealed);
      copy[at] = (copy[at] as number) ^ 0x01;
      expect((await refusal(copy)).code).toBe('damaged');
    }
    // The chunk size in the header, changed: every chunk was authenticated with the header as it was.
    const line = sealed.subarray(0, header).toString('utf8').replace('"chunk_bytes":1024', '"chunk_bytes":2048');
    const changed = Buffer.concat([Buffer.from(line, 'utf8'), sealed.subarray(header)]);
    expect((await refusal(changed)).code).toBe('damaged');
  });

  it('refuses chunks in another order, a chunk left out, a chunk from another file, and data after the end', async () => {
    const sealed = await seal(text(200));
    const { header, spans } = frames(sealed);
    const part = (i: number) => sealed.subarray(...(spans[i] as [number, number]));
    const rest = spans.slice(3).map((_, i) => part(i + 3));
    const swapped = Buffer.concat([sealed.subarray(0, header), part(0), part(2), part(1), ...rest]);
    expect((await refusal(swapped)).message).toMatch(/chunk 2 fails authentication/);
    const dropped = Buffer.concat([sealed.subarray(0, header), part(0), part(2), ...rest]);
    expect((await refusal(dropped)).code).toBe('damaged');
    const other = await seal(text(200));
    const foreign = Buffer.concat([sealed.subarray(0, header), part(0), other.subarray(...(frames(other).spans[1] as [number, number])), part(2), ...rest]);
    expect((await refusal(foreign)).code).toBe('damaged');
    expect((await refusal(Buffer.concat([sealed, part(0)]))).message).toMatch(/after its last chunk/);
    expect((await refusal(Buffer.concat([sealed, Buffer.from('xy')]))).message).toMatch(/after its last chunk/);
  });

  it('refuses a header that asks for more work or memory than it may, without trying', async () => {
    const sealed = await seal(text(10));
    const { header } = frames(sealed);
    const line = sealed.subarray(0, header).toString('utf8');
    for (const [from, to] of [
      ['"n":1024', '"n":1073741824'],
      ['"r":8', '"r":4096'],
      ['"chunk_bytes":1024', '"chunk_bytes":1073741824'],
      ['"version":1', '"version":7'],
      ['"cipher":"aes-256-gcm"', '"cipher":"rot13"'],
    ] as const) {
      const crafted = Buffer.concat([Buffer.from(line.replace(from, to), 'utf8'), sealed.subarray(header)]);
      const err = await refusal(crafted);
      expect(err.code).toBe(from.startsWith('"version"') ? 'newer_version' : 'invalid');
    }
    expect((await refusal(Buffer.from('{"format":"something else"}\n'))).code).toBe('not_sealed');
    expect((await refusal(randomBytes(8192))).code).toBe('not_sealed');
  });

  it('tells a sealed file from any other by its first line', () => {
    const plain = join(tmp(), 'notes.txt');
    writeFileSync(plain, 'Shopping list\n');
    expect(readSealedHeader(plain)).toBeNull();
    const gz = join(tmp(), 'x.gz');
    writeFileSync(gz, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]));
    expect(readSealedHeader(gz)).toBeNull();
    expect(readFileSync(plain, 'utf8')).toBe('Shopping list\n');
  });
});
