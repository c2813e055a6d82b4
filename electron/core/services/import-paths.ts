import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { FileOutcome } from '../../../shared/ipc/contract';
import { isBratConfig, skipReason } from '../../../shared/formats';
import { bratAnnotationsOf } from '../import/run';
import type { SourceSpec } from '../import/types';

/** A file on disk; a `.txt` with a `.ann` beside it is read as brat standoff. */
export function fileSource(path: string): SourceSpec {
  const annPath = bratAnnotationsOf(path);
  return { kind: 'file', name: path, path, ...(annPath ? { annPath } : {}) };
}

const skipped = (file: string, message: string): FileOutcome => ({ file, status: 'skipped', articleIds: [], message });

/**
 * Expands folders (recursively) into the article files inside them; files named on their own are
 * kept as given. What a folder holds besides articles (hidden files, PDFs, brat's configuration)
 * is listed as skipped with the reason, so the report accounts for every file; a brat `.ann`
 * travels with the `.txt` beside it and is not listed apart.
 */
export function expandPaths(paths: string[]): { files: string[]; outcomes: FileOutcome[] } {
  const files: string[] = [];
  const seen = new Set<string>();
  const outcomes: FileOutcome[] = [];
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    const txt = new Set(entries.filter((e) => e.isFile() && extname(e.name).toLowerCase() === '.txt').map((e) => e.name.slice(0, -4)));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.')) outcomes.push(skipped(full, 'hidden folder'));
        else walk(full);
        continue;
      }
      if (!entry.isFile()) continue;
      const reason = skipReason(entry.name, (stem) => txt.has(stem));
      if (reason === null) add(full);
      else if (reason !== '') outcomes.push(skipped(full, reason));
    }
  };
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) walk(p);
      else if (isBratConfig(p)) outcomes.push(skipped(p, 'brat configuration, not an article'));
      else if (extname(p).toLowerCase() === '.ann') {
        const txt = join(dirname(p), `${basename(p, extname(p))}.txt`);
        if (existsSync(txt)) add(txt);
        else outcomes.push({ file: p, status: 'failed', articleIds: [], message: 'a brat .ann file is imported with the .txt of the same name beside it, and there is none' });
      } else add(p);
    } catch (err) {
      outcomes.push({ file: p, status: 'failed', articleIds: [], message: `cannot open: ${(err as NodeJS.ErrnoException).code ?? 'error'}` });
    }
  }
  return { files, outcomes };
}
