import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * What a library file says about itself, read from its bytes without SQLite. Opening a
 * connection is not free of side effects: even a read-only one creates or rewrites the -wal and
 * -shm files, and a read-write one checkpoints a leftover -wal into the file when it closes. So
 * whatever can be refused from the header alone (not SQLite, newer schema, someone else's
 * database) is refused before SQLite sees the file.
 */
export interface FileHeader {
  /** user_version of the newest committed page 1 (the -wal's, if it holds one). */
  userVersion: number;
  applicationId: number;
  /** sqlite_master holds nothing: a database nobody has created a table in. */
  schemaEmpty: boolean;
  /** Committed frames in the -wal that are not in the main file yet (0 without a -wal). */
  walFrames: number;
}

export type HeaderVerdict = { ok: true; header: FileHeader | null } | { ok: false; reason: 'not_sqlite' | 'damaged_header'; detail: string };

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const WAL_MAGIC_LE = 0x377f0682;
const WAL_MAGIC_BE = 0x377f0683;
const WAL_VERSION = 3007000;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

function validPageSize(n: number): boolean {
  return n >= 512 && n <= 65536 && (n & (n - 1)) === 0;
}

function readAt(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buf : buf.subarray(0, done);
}

/** SQLite's WAL checksum: pairs of 32-bit words in the byte order the magic names, summed mod 2^32. */
function walChecksum(data: Buffer, bigEndian: boolean, seed: [number, number]): [number, number] {
  let [s0, s1] = seed;
  for (let i = 0; i + 8 <= data.length; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

interface WalScan {
  pageSize: number;
  frames: number;
  /** The newest committed image of page 1, if the log holds one. */
  page1: Buffer | null;
}

/**
 * Walks the -wal as SQLite's recovery does: a valid header, then frames whose salts match and
 * whose running checksum holds; only frames up to the last commit count. An invalid log is one
 * SQLite ignores too, so it is reported as holding nothing.
 */
function scanWal(file: string): WalScan | null {
  if (!existsSync(file)) return null;
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < WAL_HEADER) return null;
    const header = readAt(fd, WAL_HEADER, 0);
    const magic = header.readUInt32BE(0);
    if (magic !== WAL_MAGIC_LE && magic !== WAL_MAGIC_BE) return null;
    const bigEndian = magic === WAL_MAGIC_BE;
    const pageSize = header.readUInt32BE(8);
    if (header.readUInt32BE(4) !== WAL_VERSION || !validPageSize(pageSize)) return null;
    let sum = walChecksum(header.subarray(0, 24), bigEndian, [0, 0]);
    if (sum[0] !== header.readUInt32BE(24) || sum[1] !== header.readUInt32BE(28)) return null;
    const salt1 = header.readUInt32BE(16);
    const salt2 = header.readUInt32BE(20);

    let frames = 0;
    let page1: Buffer | null = null;
    let pending: Buffer | null = null;
    for (let at = WAL_HEADER, n = 1; at + FRAME_HEADER + pageSize <= size; at += FRAME_HEADER + pageSize, n++) {
      const frame = readAt(fd, FRAME_HEADER + pageSize, at);
      const pgno = frame.readUInt32BE(0);
      if (pgno === 0 || frame.readUInt32BE(8) !== salt1 || frame.readUInt32BE(12) !== salt2) break;
      sum = walChecksum(frame.subarray(0, 8), bigEndian, sum);
      sum = walChecksum(frame.subarray(FRAME_HEADER), bigEndian, sum);
      if (sum[0] !== frame.readUInt32BE(16) || sum[1] !== frame.readUInt32BE(20)) break;
      if (pgno === 1) pending = frame.subarray(FRAME_HEADER);
      if (frame.readUInt32BE(4) !== 0) {
        frames = n;
        page1 = pending ?? page1;
      }
    }
    return { pageSize, frames, page1 };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the library's header (and its -wal's newest page 1). null header: the file does not
 * exist or is empty, which SQLite treats as a new database.
 */
export function inspectLibraryFile(file: string): HeaderVerdict {
  if (!existsSync(file)) return { ok: true, header: null };
  const fd = openSync(file, 'r');
  let main: Buffer;
  try {
    const size = fstatSync(fd).size;
    main = readAt(fd, Math.min(size, 65536), 0);
  } finally {
    closeSync(fd);
  }
  const wal = scanWal(`${file}-wal`);
  if (main.length === 0 && !wal?.page1) return { ok: true, header: null };
  if (main.length > 0 && (main.length < 100 || !main.subarray(0, 16).equals(MAGIC))) {
    return { ok: false, reason: 'not_sqlite', detail: 'not a SQLite database' };
  }

  let page1 = wal?.page1 ?? null;
  if (!page1) {
    const raw = main.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    if (!validPageSize(pageSize)) return { ok: false, reason: 'damaged_header', detail: `the header names an impossible page size (${raw})` };
    page1 = main.subarray(0, pageSize);
    if (page1.length < pageSize) return { ok: false, reason: 'damaged_header', detail: 'the file ends inside its first page' };
  }
  if (!page1.subarray(0, 16).equals(MAGIC)) return { ok: false, reason: 'damaged_header', detail: 'the newest first page carries no SQLite header' };
  const type = page1[100];
  if (type !== 0x0d && type !== 0x05) return { ok: false, reason: 'damaged_header', detail: `the schema table's first page has type ${type}` };
  return {
    ok: true,
    header: {
      userVersion: page1.readInt32BE(60),
      applicationId: page1.readInt32BE(68),
      schemaEmpty: type === 0x0d && page1.readUInt16BE(103) === 0,
      walFrames: wal?.frames ?? 0,
    },
  };
}
