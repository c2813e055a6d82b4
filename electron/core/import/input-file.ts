import { closeSync, constants, createReadStream, fstatSync, openSync, readSync, statSync, type ReadStream, type Stats } from 'node:fs';
import { MAX_FILE_BYTES, tooLarge } from '../../../shared/formats';

/**
 * The one way an import opens a file it was given (an article file, a brat `.ann`, a JSONL
 * dataset, a bundle): only a regular file is read. A device (`/dev/zero` never ends), a named
 * pipe (opening one for reading waits for a writer, for ever) or a socket is refused with the
 * reason before a byte is read, and the size is known before the read starts, so nothing grows
 * without bound. The file is opened without blocking and checked through its descriptor, so a
 * path swapped for a pipe after a check cannot make the open wait.
 */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

/** O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; regular files ignore it. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** What a path that is not a regular file is, in words, or null for a regular file. */
export function notRegularReason(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'not a regular file: a folder';
  if (stats.isFIFO()) return 'not a regular file: a named pipe (FIFO), which is never read';
  if (stats.isSocket()) return 'not a regular file: a socket, which is never read';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'not a regular file: a device, which is never read';
  return 'not a regular file';
}

function reasonOf(err: unknown): string {
  if (err instanceof InputFileError) return err.message;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'cannot open: no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot open: permission denied';
  if (code === 'ELOOP') return 'cannot open: a loop of symbolic links';
  return `cannot open: ${code ?? (err as Error).message}`;
}

/** Opens a regular file for reading and gives its descriptor and size; throws InputFileError with the reason otherwise. */
export function openRegularFile(path: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    // A socket cannot be opened at all (ENXIO): say what it is rather than the error's code.
    let kind: string | null = null;
    try {
      kind = notRegularReason(statSync(path));
    } catch {
      // Nothing to stat: the open's own error says why.
    }
    throw new InputFileError(kind ?? reasonOf(err));
  }
  try {
    const stats = fstatSync(fd);
    const why = notRegularReason(stats);
    if (why) throw new InputFileError(why);
    return { fd, size: stats.size };
  } catch (err) {
    closeSync(fd);
    throw new InputFileError(reasonOf(err));
  }
}

/**
 * A regular file's bytes, at most `limit` of them: refused before reading when the file is larger,
 * and refused (not read on) when it grows past the limit while it is read.
 */
export function readRegularFile(path: string, limit = MAX_FILE_BYTES, tooBig: (size: number) => string = tooLarge): Buffer {
  const { fd, size } = openRegularFile(path);
  try {
    if (size > limit) throw new InputFileError(tooBig(size));
    // One byte more than the limit: reading it means the file grew past the limit.
    const buffer = Buffer.allocUnsafe(Math.min(size, limit) + 1);
    let read = 0;
    for (;;) {
      const n = readSync(fd, buffer, read, buffer.length - read, null);
      if (n === 0) break;
      read += n;
      if (read > limit) throw new InputFileError(`${tooBig(read)} (it grew while it was read)`);
      if (read === buffer.length) break;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** A stream over a regular file (checked as openRegularFile does); the stream closes the descriptor. */
export function regularFileStream(path: string, options: { highWaterMark?: number } = {}): { stream: ReadStream; size: number } {
  const { fd, size } = openRegularFile(path);
  return { stream: createReadStream('', { fd, autoClose: true, ...options }), size };
}

/** The first `n` bytes of a regular file (fewer when it is shorter). */
export function readRegularHead(path: string, n: number): Buffer {
  const { fd } = openRegularFile(path);
  try {
    const buffer = Buffer.alloc(n);
    const read = readSync(fd, buffer, 0, n, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** The reason a file cannot be read, as an import reports it. */
export function inputFileReason(err: unknown): string | null {
  return err instanceof InputFileError ? err.message : null;
}
