import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * What a library file says about itself, read from its first page without SQLite. Opening a
 * connection is not free of side effects: a read-write one checkpoints a leftover -wal into the
 * file when it closes, and even a read-only one creates -wal and -shm files beside a database
 * in WAL mode. So a file with no -wal is judged from these bytes before SQLite sees it. With a
 * -wal the first page here may be out of date (the log may hold a newer one), and the store asks
 * SQLite itself, on a read-only connection (db.ts).
 */
export interface FileHeader {
  userVersion: number;
  applicationId: number;
  /** sqlite_master holds nothing: a database nobody has created a table in. */
  schemaEmpty: boolean;
}

export type HeaderVerdict =
  | { ok: true; header: FileHeader | null }
  /** An encrypted library (encryption.ts): only SQLite, given the passphrase, can judge the rest. */
  | { ok: true; header: null; encrypted: true }
  | { ok: false; reason: 'not_sqlite' | 'damaged_header'; detail: string };

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function readHead(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const length = Math.min(fstatSync(fd).size, 65536);
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, buf, done, length - done, done);
      if (n === 0) break;
      done += n;
    }
    return buf.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the library's first page. null header: the file does not exist or is empty, which SQLite
 * treats as a new database (or one whose first page is still only in the -wal).
 */
export function inspectLibraryFile(file: string): HeaderVerdict {
  if (!existsSync(file)) return { ok: true, header: null };
  const main = readHead(file);
  if (main.length === 0) return { ok: true, header: null };
  if (main.length >= 100 && !main.subarray(0, 16).equals(MAGIC) && looksEncrypted(main)) return { ok: true, header: null, encrypted: true };
  if (main.length < 100 || !main.subarray(0, 16).equals(MAGIC)) return { ok: false, reason: 'not_sqlite', detail: 'not a SQLite database' };
  const raw = main.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return { ok: false, reason: 'damaged_header', detail: `the header names an impossible page size (${raw})` };
  }
  if (main.length < pageSize) return { ok: false, reason: 'damaged_header', detail: 'the file ends inside its first page' };
  const type = main[100];
  if (type !== 0x0d && type !== 0x05) return { ok: false, reason: 'damaged_header', detail: `the schema table's first page has type ${type}` };
  return {
    ok: true,
    header: { userVersion: main.readInt32BE(60), applicationId: main.readInt32BE(68), schemaEmpty: type === 0x0d && main.readUInt16BE(103) === 0 },
  };
}

/**
 * SQLite3MultipleCiphers puts its salt where the magic string was and encrypts the page, except
 * bytes 16-23 of the header, which it leaves as SQLite wrote them so SQLite can read the page size
 * before it has the key: a page size, the file format versions (1 rollback, 2 WAL), the bytes
 * reserved per page for the cipher's nonce and tag, and the fixed payload fractions 64, 32, 32.
 * Random bytes match all of that about once in 10^10, so this tells an encrypted library from
 * some other file without the passphrase.
 */
function looksEncrypted(head: Buffer): boolean {
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const powerOfTwo = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
  const formats = [1, 2].includes(head[18] as number) && [1, 2].includes(head[19] as number);
  return powerOfTwo && formats && (head[20] as number) > 0 && head[21] === 64 && head[22] === 32 && head[23] === 32;
}
