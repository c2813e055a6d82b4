import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

/*
 * A sealed (passphrase-encrypted) file: how an encrypted bundle is carried. The plain bundle's
 * bytes (gzip'd JSON lines, bundle.ts) are the plaintext; nothing of them is in the clear.
 *
 *   header  one line of JSON, at most 4 KB, ending in "\n":
 *           {"format":"spanwise-sealed","version":1,"content":"spanwise-bundle",
 *            "kdf":{"name":"scrypt","n":131072,"r":8,"p":1,"salt":B64},
 *            "cipher":"aes-256-gcm","chunk_bytes":65536,"nonce_prefix":B64(7 bytes),"check":B64(16 bytes)}
 *   chunks  each: 1 byte flags (1 = the last chunk), 4 bytes big-endian length L (at most
 *           chunk_bytes), L bytes of ciphertext, 16 bytes of GCM tag.
 *
 * scrypt turns the passphrase (NFC) and the salt into 64 bytes: the first 32 are the AES-256-GCM
 * key, the last 32 give `check` (their first 16 bytes), which tells a wrong passphrase from a
 * damaged file before any chunk is tried. Each chunk's nonce is the prefix, the chunk's number
 * (4 bytes) and its flags byte, and its associated data is the header line: a chunk moved to
 * another place, a chunk from another file, a changed header, a file cut after any chunk but the
 * last, or anything after the last, all fail authentication or the framing and are refused.
 */

export const SEALED_FORMAT = 'spanwise-sealed';
export const SEALED_VERSION = 1;
const MAX_HEADER_BYTES = 4096;
const TAG_BYTES = 16;
const FRAME_HEAD = 5;
const LAST = 1;

/** scrypt's cost: about 0.3 s and 128 MB on a laptop, once per file. */
const DEFAULT_KDF = { n: 2 ** 17, r: 8, p: 1 } as const;
const DEFAULT_CHUNK = 64 * 1024;

/** What a header may ask for: a crafted one must not make the reader spend unbounded memory or time. */
const LIMITS = { maxN: 2 ** 20, maxR: 16, maxP: 4, minChunk: 1024, maxChunk: 1024 * 1024 } as const;

export class SealedError extends Error {
  constructor(
    readonly code: 'wrong_passphrase' | 'damaged' | 'not_sealed' | 'newer_version' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'SealedError';
  }
}

interface Kdf {
  name: 'scrypt';
  n: number;
  r: number;
  p: number;
  salt: string;
}

export interface SealedHeader {
  format: typeof SEALED_FORMAT;
  version: number;
  content: string;
  kdf: Kdf;
  cipher: 'aes-256-gcm';
  chunk_bytes: number;
  nonce_prefix: string;
  check: string;
}

export interface SealOptions {
  /** What the plaintext is, kept in the header so a reader knows before decrypting. */
  content: string;
  /** Tests make key derivation cheaper; files written for people use the default. */
  kdf?: { n: number; r: number; p: number };
  chunkBytes?: number;
}

function passphraseBytes(passphrase: string): Buffer {
  const normal = passphrase.normalize('NFC');
  if (normal.length === 0) throw new SealedError('invalid', 'a passphrase may not be empty');
  return Buffer.from(normal, 'utf8');
}

function derive(passphrase: string, kdf: Kdf): Promise<{ key: Buffer; check: Buffer }> {
  const options: ScryptOptions = { N: kdf.n, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.n * kdf.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(passphraseBytes(passphrase), Buffer.from(kdf.salt, 'base64'), 64, options, (err, bytes) => {
      if (err) reject(err);
      else resolve({ key: bytes.subarray(0, 32), check: bytes.subarray(32, 48) });
    });
  });
}

function nonce(prefix: Buffer, index: number, flags: number): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0, 0, 7);
  n.writeUInt32BE(index, 7);
  n[11] = flags;
  return n;
}

/**
 * A stream that seals what is written through it. The key is derived before the first byte is
 * written, so the header can go first.
 */
export async function sealStream(passphrase: string, options: SealOptions): Promise<Transform> {
  const params = options.kdf ?? DEFAULT_KDF;
  const kdf: Kdf = { name: 'scrypt', ...params, salt: randomBytes(16).toString('base64') };
  const { key, check } = await derive(passphrase, kdf);
  const prefix = randomBytes(7);
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK;
  const header: SealedHeader = {
    format: SEALED_FORMAT,
    version: SEALED_VERSION,
    content: options.content,
    kdf,
    cipher: 'aes-256-gcm',
    chunk_bytes: chunkBytes,
    nonce_prefix: prefix.toString('base64'),
    check: check.toString('base64'),
  };
  const headerLine = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  const frame = (plain: Buffer, flags: number): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', key, nonce(prefix, index++, flags));
    cipher.setAAD(headerLine);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const head = Buffer.alloc(FRAME_HEAD);
    head[0] = flags;
    head.writeUInt32BE(body.length, 1);
    return Buffer.concat([head, body, cipher.getAuthTag()]);
  };
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (!started) {
        started = true;
        this.push(headerLine);
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes > chunkBytes) {
        let all = Buffer.concat(pending);
        // Always keep something back: the last chunk is written, flagged, at the end.
        while (all.length > chunkBytes) {
          this.push(frame(all.subarray(0, chunkBytes), 0));
          all = all.subarray(chunkBytes);
        }
        pending = [all];
        pendingBytes = all.length;
      }
      done();
    },
    flush(done: TransformCallback) {
      if (!started) this.push(headerLine);
      this.push(frame(Buffer.concat(pending), LAST));
      done();
    },
  });
}

/** The header of a sealed file from its first bytes (at least the header line), or null when it is not one. */
export function sealedHeaderOf(head: Buffer): SealedHeader | null {
  if (!head.subarray(0, 11).equals(Buffer.from('{"format":"', 'latin1'))) return null;
  const end = head.indexOf(0x0a);
  if (end < 0 || end > MAX_HEADER_BYTES) return null;
  try {
    const value = JSON.parse(head.subarray(0, end).toString('utf8')) as { format?: unknown };
    return value.format === SEALED_FORMAT ? (value as SealedHeader) : null;
  } catch {
    return null;
  }
}

/** The header of a sealed file, or null when the file is not one (read from its first 4 KB). */
export function readSealedHeader(file: string): SealedHeader | null {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(MAX_HEADER_BYTES + 1);
    const n = readSync(fd, head, 0, head.length, 0);
    return sealedHeaderOf(head.subarray(0, n));
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function checkHeader(value: unknown): SealedHeader {
  const h = value as Partial<SealedHeader> | null;
  if (!h || h.format !== SEALED_FORMAT) throw new SealedError('not_sealed', 'not an encrypted Spanwise file');
  if (typeof h.version !== 'number' || !Number.isInteger(h.version)) throw new SealedError('invalid', 'the encryption header has no version');
  if (h.version > SEALED_VERSION) throw new SealedError('newer_version', `it was encrypted by a newer Spanwise (format version ${h.version}); this version reads up to ${SEALED_VERSION}`);
  const k = h.kdf;
  const powerOfTwo = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 2 && (x & (x - 1)) === 0;
  const whole = (x: unknown, max: number) => typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= max;
  if (!k || k.name !== 'scrypt' || !powerOfTwo(k.n) || k.n > LIMITS.maxN || !whole(k.r, LIMITS.maxR) || !whole(k.p, LIMITS.maxP) || typeof k.salt !== 'string') {
    throw new SealedError('invalid', `the encryption header asks for key derivation this version does not do or that is beyond its bounds (scrypt N <= ${LIMITS.maxN}, r <= ${LIMITS.maxR}, p <= ${LIMITS.maxP})`);
  }
  const salt = Buffer.from(k.salt, 'base64');
  if (salt.length < 16 || salt.length > 64) throw new SealedError('invalid', 'the encryption header has a salt of the wrong size');
  if (h.cipher !== 'aes-256-gcm') throw new SealedError('invalid', `the encryption header names a cipher this version does not know (${String(h.cipher).slice(0, 40)})`);
  if (!whole(h.chunk_bytes, LIMITS.maxChunk) || (h.chunk_bytes as number) < LIMITS.minChunk) throw new SealedError('invalid', 'the encryption header names a chunk size out of bounds');
  if (typeof h.nonce_prefix !== 'string' || Buffer.from(h.nonce_prefix, 'base64').length !== 7) throw new SealedError('invalid', 'the encryption header has a nonce of the wrong size');
  if (typeof h.check !== 'string' || Buffer.from(h.check, 'base64').length !== 16) throw new SealedError('invalid', 'the encryption header has no key check');
  if (typeof h.content !== 'string') throw new SealedError('invalid', 'the encryption header does not say what it holds');
  return h as SealedHeader;
}

/**
 * A stream that opens a sealed file written through it: the header is read and the key derived
 * from it, then each chunk is authenticated before any of its bytes go on. It fails, with the
 * reason, on a wrong passphrase, a changed byte anywhere, chunks out of order, a file cut short,
 * or data after the last chunk. Memory is bounded by the header's chunk size (at most 1 MB).
 */
export function openStream(passphrase: string, expectContent: string): Transform {
  let buffer: Buffer = Buffer.alloc(0);
  let headerLine: Buffer | null = null;
  let key: Buffer | null = null;
  let prefix: Buffer = Buffer.alloc(0);
  let chunkBytes = 0;
  let index = 0;
  let ended = false;

  const readHeader = async (): Promise<boolean> => {
    const end = buffer.indexOf(0x0a);
    if (end < 0) {
      if (buffer.length > MAX_HEADER_BYTES) throw new SealedError('not_sealed', 'not an encrypted Spanwise file (no header line)');
      return false;
    }
    if (end > MAX_HEADER_BYTES) throw new SealedError('invalid', 'the encryption header is too long');
    const line = buffer.subarray(0, end + 1);
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.toString('utf8'));
    } catch {
      throw new SealedError('not_sealed', 'not an encrypted Spanwise file (its header is not JSON)');
    }
    const header = checkHeader(parsed);
    if (header.content !== expectContent) throw new SealedError('invalid', `it holds ${header.content.slice(0, 40)}, not ${expectContent}`);
    const derived = await derive(passphrase, header.kdf);
    const expected = Buffer.from(header.check, 'base64');
    if (!timingSafeEqual(derived.check, expected)) throw new SealedError('wrong_passphrase', 'the passphrase is wrong');
    headerLine = Buffer.from(line);
    key = derived.key;
    prefix = Buffer.from(header.nonce_prefix, 'base64');
    chunkBytes = header.chunk_bytes;
    buffer = buffer.subarray(end + 1);
    return true;
  };

  const frames = (push: (b: Buffer) => void) => {
    while (buffer.length >= FRAME_HEAD) {
      if (ended) throw new SealedError('damaged', 'it has data after its last chunk');
      const flags = buffer[0] as number;
      const length = buffer.readUInt32BE(1);
      if ((flags !== 0 && flags !== LAST) || length > chunkBytes) throw new SealedError('damaged', `chunk ${index + 1} has a damaged frame`);
      const total = FRAME_HEAD + length + TAG_BYTES;
      if (buffer.length < total) return;
      const decipher = createDecipheriv('aes-256-gcm', key as Buffer, nonce(prefix, index, flags));
      decipher.setAAD(headerLine as Buffer);
      decipher.setAuthTag(buffer.subarray(FRAME_HEAD + length, total));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(buffer.subarray(FRAME_HEAD, FRAME_HEAD + length)), decipher.final()]);
      } catch {
        throw new SealedError('damaged', `chunk ${index + 1} fails authentication: the file was changed, damaged, or its chunks reordered`);
      }
      index++;
      if (flags === LAST) ended = true;
      buffer = buffer.subarray(total);
      if (plain.length > 0) push(plain);
    }
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      const go = async () => {
        if (!key && !(await readHeader())) return;
        frames((b) => this.push(b));
      };
      go().then(() => done(), (err: unknown) => done(err as Error));
    },
    flush(done: TransformCallback) {
      const go = async () => {
        if (!key) {
          if (buffer.length === 0) throw new SealedError('not_sealed', 'the file is empty');
          if (!(await readHeader())) throw new SealedError('not_sealed', 'not an encrypted Spanwise file (no header line)');
          frames((b) => this.push(b));
        }
        if (!ended) throw new SealedError('damaged', 'it is cut short: its last chunk is missing');
        if (buffer.length > 0) throw new SealedError('damaged', 'it has data after its last chunk');
      };
      go().then(() => done(), (err: unknown) => done(err as Error));
    },
  });
}
