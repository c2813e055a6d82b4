import { randomBytes } from 'node:crypto';
import { open, readdir, realpath, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ExportError } from './types';

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Checks the destination before any work and names the temporary file or folder the export is
 * written to. The temporary sits beside the destination so the final rename stays on one file
 * system (and so is atomic), and starts with a dot so file browsers hide it while it grows.
 */
export async function prepareDestination(out: string, kind: 'file' | 'folder', library: string | null = null): Promise<string> {
  const parent = dirname(out);
  const parentStat = await statOrNull(parent);
  if (!parentStat?.isDirectory()) throw new ExportError('destination', `the folder ${parent} does not exist`);
  if (library) await refuseLibraryFiles(out, library);
  const existing = await statOrNull(out);
  if (existing && kind === 'file' && existing.isDirectory()) {
    throw new ExportError('destination', `${out} is a folder; choose a file name`);
  }
  if (existing && kind === 'folder') {
    if (!existing.isDirectory()) throw new ExportError('destination', `${out} is a file; choose a folder`);
    // Never delete or mix with what an analyst keeps there: a brat export needs a new or empty folder.
    if ((await readdir(out)).length > 0) throw new ExportError('destination', `the folder ${out} is not empty`);
  }
  return join(parent, `.${basename(out)}.${randomBytes(6).toString('hex')}.partial`);
}

/** The files SQLite keeps beside a database while it is open or recovering. */
const LIBRARY_SIDE_FILES = ['', '-wal', '-shm', '-journal'];

/**
 * Renaming an export over the library, or over its write-ahead log or journal, would destroy the
 * analysts' work (or make SQLite "recover" from garbage). Paths are compared after resolving
 * links, and case-insensitively where the file system usually is; an existing file is also
 * compared by identity, which catches hard links and any spelling the name check misses.
 */
async function refuseLibraryFiles(out: string, library: string): Promise<void> {
  const real = async (p: string) => join(await realpath(dirname(p)).catch(() => dirname(p)), basename(p));
  const fold = (p: string) => (process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p);
  const target = fold(await real(out));
  const libraryReal = await real(library);
  const outStat = await statOrNull(out);
  for (const suffix of LIBRARY_SIDE_FILES) {
    const side = `${libraryReal}${suffix}`;
    const sideStat = outStat ? await statOrNull(side) : null;
    const sameFile = !!(outStat && sideStat && outStat.dev === sideStat.dev && outStat.ino === sideStat.ino);
    if (fold(side) === target || sameFile) {
      throw new ExportError('destination', `${out} is ${suffix ? `a file of the library ${library}` : 'the library itself'}; choose another name for the export`);
    }
  }
}

/** Makes the finished file durable, then puts it in place in one step (replacing an older export). */
export async function commitFile(tmp: string, out: string): Promise<void> {
  const handle = await open(tmp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, out);
}

export async function commitFolder(tmp: string, out: string): Promise<void> {
  // A folder cannot be renamed over another, even an empty one, on every platform.
  const existing = await statOrNull(out);
  if (existing?.isDirectory()) await rmdir(out);
  await rename(tmp, out);
}

export async function discard(tmp: string): Promise<void> {
  await rm(tmp, { recursive: true, force: true });
}

/** Total size of a file, or of every file in a folder (one level deep: brat output is flat). */
export async function sizeOnDisk(path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const name of await readdir(path)) total += (await stat(join(path, name))).size;
  return total;
}
