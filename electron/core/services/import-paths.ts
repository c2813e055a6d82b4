import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, sep } from 'node:path';
import type { FileOutcome } from '../../../shared/ipc/contract';
import { isBratConfig, skipReason } from '../../../shared/formats';
import { bratAnnotationsOf } from '../import/run';
import { notRegularReason } from '../import/input-file';
import type { SourceSpec } from '../import/types';

/** A file on disk; a `.txt` with a `.ann` beside it is read as brat standoff. */
export function fileSource(path: string): SourceSpec {
  const annPath = bratAnnotationsOf(path);
  return { kind: 'file', name: path, path, ...(annPath ? { annPath } : {}) };
}

const skipped = (file: string, message: string): FileOutcome => ({ file, status: 'skipped', articleIds: [], message });

/**
 * Expands folders (recursively) into the article files inside them; files named on their own are
 * kept as given. What a folder holds besides articles (hidden files, PDFs, brat's configuration,
 * pipes, devices, sockets) is listed as skipped with the reason, so the report accounts for every
 * file; a brat `.ann` travels with the `.txt` beside it and is not listed apart.
 *
 * Symbolic links inside a folder: a link to a regular file inside the folder being imported is
 * followed (imported under the link's name, once: a file reached twice is listed the second time
 * as skipped, naming where it was imported); every other link is listed as skipped with the
 * reason and never read: a link out of the folder (a folder from elsewhere must not pull in files
 * the analyst did not choose, such as a key from their home folder), a link to a folder (never
 * followed, so no loop of links can make the walk go round), a broken link or a loop of links.
 */
export function expandPaths(paths: string[]): { files: string[]; outcomes: FileOutcome[] } {
  const files: string[] = [];
  /** Real path of each file taken, with the name it was taken under. */
  const taken = new Map<string, string>();
  const outcomes: FileOutcome[] = [];
  const add = (file: string, real = realOrSelf(file)) => {
    const first = taken.get(real);
    if (first === undefined) {
      taken.set(real, file);
      files.push(file);
    } else if (first !== file) outcomes.push(skipped(file, `the same file as ${first}, imported there`));
  };
  /** What a link inside `root` leads to: a file to follow, or why it is not followed. */
  const followLink = (link: string, root: string): { real: string } | { reason: string } => {
    let real: string;
    try {
      real = realpathSync(link);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return { reason: code === 'ELOOP' ? 'symbolic link in a loop of links, not followed' : code === 'ENOENT' ? 'broken symbolic link: what it names does not exist' : `symbolic link that cannot be followed (${code ?? 'error'})` };
    }
    const stats = statSync(real);
    if (stats.isDirectory()) return { reason: `symbolic link to a folder (${real}), not followed` };
    if (!isInside(real, root)) return { reason: `symbolic link to a file outside the imported folder (${real}), not followed` };
    const why = notRegularReason(stats);
    return why ? { reason: `symbolic link to something that is ${why.replace(/^not a regular file: /, '')}` } : { real };
  };
  const walk = (dir: string, root: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    const links = new Map<string, { real: string } | { reason: string }>();
    for (const e of entries) if (e.isSymbolicLink()) links.set(e.name, followLink(join(dir, e.name), root));
    const isFileLike = (e: Dirent) => e.isFile() || (e.isSymbolicLink() && 'real' in (links.get(e.name) ?? {}));
    const txt = new Set(entries.filter((e) => isFileLike(e) && extname(e.name).toLowerCase() === '.txt').map((e) => e.name.slice(0, -4)));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.')) outcomes.push(skipped(full, 'hidden folder'));
        else walk(full, root);
        continue;
      }
      const link = links.get(entry.name);
      if (link && 'reason' in link) {
        outcomes.push(skipped(full, link.reason));
        continue;
      }
      if (!link && !entry.isFile()) {
        outcomes.push(skipped(full, notRegularReason(lstatSync(full)) ?? 'not a regular file'));
        continue;
      }
      const reason = skipReason(entry.name, (stem) => txt.has(stem));
      if (reason === null) add(full, link?.real);
      else if (reason !== '') outcomes.push(skipped(full, reason));
    }
  };
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) walk(p, realOrSelf(p));
      else if (isBratConfig(p)) outcomes.push(skipped(p, 'brat configuration, not an article'));
      else if (extname(p).toLowerCase() === '.ann') {
        const txt = join(dirname(p), `${basename(p, extname(p))}.txt`);
        if (existsSync(txt)) add(txt);
        else outcomes.push({ file: p, status: 'failed', articleIds: [], message: 'a brat .ann file is imported with the .txt of the same name beside it, and there is none' });
      } else add(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      outcomes.push({ file: p, status: 'failed', articleIds: [], message: code === 'ELOOP' ? 'cannot open: a loop of symbolic links' : code === 'ENOENT' ? 'cannot open: no such file or folder' : `cannot open: ${code ?? 'error'}` });
    }
  }
  return { files, outcomes };
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
