import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { MAX_FILE_BYTES } from '../../../shared/formats';
import { InputFileError, readRegularFile, readRegularHead, regularFileStream } from './input-file';
import { runParse } from './run';
import type { HashedDraft } from './types';

const tmp = useTmpDir();
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

function fifo(dir: string, name = 'pipe.txt'): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

async function socket(dir: string): Promise<string> {
  const path = join(dir, 'sock.txt');
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return path;
}

function refused(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputFileError) return err.message;
    throw err;
  }
  throw new Error('not refused');
}

/** A file of `size` bytes that takes no room on disk (sparse). */
function sparse(dir: string, name: string, size: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  return path;
}

// Named pipes, sockets and /dev/zero are POSIX things.
describe.runIf(process.platform !== 'win32')('reading an input file', () => {
  it('refuses a device, a named pipe, a socket and a folder before reading, saying what it is, without waiting', async () => {
    const dir = tmp();
    expect(refused(() => readRegularFile('/dev/zero'))).toBe('not a regular file: a device, which is never read');
    // Opening a FIFO for reading would wait for a writer for ever; this returns at once.
    expect(refused(() => readRegularFile(fifo(dir)))).toBe('not a regular file: a named pipe (FIFO), which is never read');
    const sock = await socket(dir);
    expect(refused(() => readRegularHead(sock, 10))).toBe('not a regular file: a socket, which is never read');
    expect(refused(() => regularFileStream(dir))).toBe('not a regular file: a folder');
    expect(refused(() => readRegularFile(join(dir, 'missing.txt')))).toBe('cannot open: no such file');
  });

  it('refuses a file over the size limit before reading any of it', () => {
    const dir = tmp();
    const big = sparse(dir, 'big.txt', MAX_FILE_BYTES + 1);
    expect(refused(() => readRegularFile(big))).toBe('too large: 52,428,801 bytes (50.0 MB); the limit is 50 MB');
    const small = join(dir, 'small.txt');
    writeFileSync(small, 'Twelve bytes');
    expect(readRegularFile(small).toString()).toBe('Twelve bytes');
    expect(refused(() => readRegularFile(small, 5, (n) => `${n} > 5`))).toBe('12 > 5');
  });

  it('fails the file, not the import, when a parse is given one: the reason is the outcome', async () => {
    const dir = tmp();
    const drafts: HashedDraft[] = [];
    const emit = async (d: HashedDraft[]) => void drafts.push(...d);
    for (const [path, reason] of [
      ['/dev/zero', 'not a regular file: a device, which is never read'],
      [fifo(dir, 'pipe.jsonl'), 'not a regular file: a named pipe (FIFO), which is never read'],
      [fifo(dir, 'pipe.html'), 'not a regular file: a named pipe (FIFO), which is never read'],
      [sparse(dir, 'huge.md', MAX_FILE_BYTES + 10), 'too large: 52,428,810 bytes (50.0 MB); the limit is 50 MB'],
    ] as const) {
      expect(await runParse({ kind: 'file', name: path, path }, emit)).toEqual({ ok: false, reason });
    }
    expect(drafts).toEqual([]);
  });
});
