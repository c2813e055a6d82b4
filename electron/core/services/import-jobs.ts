import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { FileOutcome, ImportItem, Job, SetAside } from '../../../shared/ipc/contract';
import { baseName, isDroppedBundle, skipReason } from '../../../shared/formats';
import { reportOf } from '../../../shared/import-report';
import type { SourceSpec } from '../import/types';
import type { Db } from '../store/db';
import { HandlerError } from './errors';
import { importBatch, SpecFeed, textSource } from './importer';
import type { JobContext, Jobs } from './jobs';
import { importPaths, mergeBundle, type LibraryImportOptions } from './library-import';

/** A drop whose next part has not come for this long was abandoned (the window closed, say). */
const DROP_IDLE_MS = 2 * 60 * 1000;

function itemSpec(item: ImportItem): SourceSpec {
  if ('content' in item) return textSource(item.name, item.content);
  return {
    kind: 'bytes',
    name: item.name,
    bytes: Buffer.from(item.base64, 'base64'),
    ...(item.annBase64 !== undefined ? { ann: Buffer.from(item.annBase64, 'base64') } : {}),
  };
}

const stemOf = (name: string) => name.slice(0, name.length - extname(name).length);

/**
 * Items as any client may send them: files that are not articles (an image, brat's
 * configuration) are listed as skipped with the reason, and a `.ann` sent beside the `.txt` of
 * the same name goes with it as a brat pair, as the app's own drop sends it.
 */
export function sortItems(items: ImportItem[]): { specs: SourceSpec[]; skipped: FileOutcome[]; bundles: DroppedBundle[] } {
  const texts = new Map<string, ImportItem>();
  for (const item of items) if (extname(item.name).toLowerCase() === '.txt') texts.set(stemOf(item.name), item);
  const anns = new Map<string, string>();
  const skipped: FileOutcome[] = [];
  const kept: ImportItem[] = [];
  const bundles: DroppedBundle[] = [];
  for (const item of items) {
    if ('base64' in item && isDroppedBundle(item.name)) {
      bundles.push(stashBundle(item.name, Buffer.from(item.base64, 'base64')));
      continue;
    }
    // Pasted content has no type of its own: the importer tells a web page from text.
    const reason = 'content' in item ? null : skipReason(item.name, () => texts.has(stemOf(item.name)));
    if (reason === null) kept.push(item);
    else if (reason !== '') skipped.push({ file: item.name, status: 'skipped', articleIds: [], message: reason });
    else if ('base64' in item) anns.set(stemOf(item.name), item.base64);
  }
  const specs = kept.map((item) => {
    const ann = 'base64' in item && item.annBase64 === undefined ? anns.get(stemOf(item.name)) : undefined;
    return itemSpec(ann !== undefined && 'base64' in item ? { ...item, annBase64: ann } : item);
  });
  return { specs, skipped, bundles };
}

/** A dropped or pasted bundle, kept in a private temporary folder until it is merged (under its own name, which the passphrase dialog shows). */
interface DroppedBundle {
  name: string;
  dir: string;
  file: string;
}

function stashBundle(name: string, bytes: Buffer): DroppedBundle {
  const dir = mkdtempSync(join(tmpdir(), 'spanwise-drop-'));
  const file = join(dir, baseName(name) || 'dropped.spanwise');
  writeFileSync(file, bytes, { mode: 0o600 });
  return { name, dir, file };
}

/**
 * Merges dropped bundles as picked ones are (library-import.ts), each after the drop's article
 * files, asking for an encrypted one's passphrase; each is named in the report by its path in the
 * drop, and every temporary copy removed at the end, whatever happens.
 */
async function mergeDropped(db: Db, bundles: readonly DroppedBundle[], options: LibraryImportOptions): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  try {
    for (const b of bundles) {
      if (options.signal?.aborted) outcomes.push({ file: b.name, status: 'cancelled', articleIds: [], message: 'not imported: the import was cancelled' });
      else outcomes.push({ ...(await mergeBundle(db, b.file, options)), file: b.name });
    }
  } finally {
    discard(bundles);
  }
  return outcomes;
}

function discard(bundles: readonly DroppedBundle[]): void {
  for (const b of bundles) rmSync(b.dir, { recursive: true, force: true });
}

interface Drop {
  feed: SpecFeed;
  expected: number;
  received: number;
  unread: (SetAside | FileOutcome)[];
  /** Bundles of the drop, merged once its article files are in. */
  bundles: DroppedBundle[];
  timer: NodeJS.Timeout;
}

/** The import jobs the handlers start: picked paths, pasted or dropped items, and drops sent in parts. */
export function createImportJobs(db: Db, jobs: Jobs, author: string) {
  const drops = new Map<string, Drop>();
  const passphrases = passphraseWaits(jobs);

  /** How an import job merges bundles: an encrypted one's passphrase is asked of the window, as often as the analyst tries. */
  const bundleOptions = (jobId: () => string, ctx: JobContext): LibraryImportOptions => ({
    author,
    signal: ctx.signal,
    bundlePassphrase: (file, refused) => passphrases.ask(jobId(), ctx, file, refused),
    askAgainOnWrongPassphrase: true,
    bundleSettled: () => ctx.waitFor(null),
  });

  const fromPaths = (paths: string[]): Job => {
    const job = jobs.start('import', async (ctx) => ({
      report: await importPaths(db, paths, { ...bundleOptions(() => job.id, ctx), onProgress: ctx.progress }),
    }));
    return job;
  };

  const fromItems = (items: ImportItem[]): Job => {
    const { specs, skipped, bundles } = sortItems(items);
    const job = jobs.start('import', async (ctx) => {
      const report = await importBatch(db, specs, { author, signal: ctx.signal, onProgress: ctx.progress }).catch((err: unknown) => {
        discard(bundles);
        throw err;
      });
      const merged = await mergeDropped(db, bundles, bundleOptions(() => job.id, ctx));
      return { report: reportOf([...skipped, ...report.outcomes, ...merged], report.cancelled || merged.some((o) => o.status === 'cancelled')) };
    });
    return job;
  };

  function begin(expected: number, setAside: SetAside[]): Job {
    const feed = new SpecFeed();
    const job = jobs.start('import', async (ctx) => {
      const { signal, progress } = ctx;
      const report = await importBatch(db, feed, { author, signal, onProgress: progress, total: expected }).catch((err: unknown) => {
        discard(drops.get(job.id)?.bundles ?? []);
        throw err;
      });
      const drop = drops.get(job.id);
      drops.delete(job.id);
      if (drop) clearTimeout(drop.timer);
      const merged = await mergeDropped(db, drop?.bundles ?? [], bundleOptions(() => job.id, ctx));
      // Files announced but never sent: cut short by the cancel, or by a renderer that went away.
      const unsent = drop ? drop.expected - drop.received : 0;
      const missing: FileOutcome[] =
        unsent <= 0
          ? []
          : signal.aborted
            ? [{ file: `${unsent} more file${unsent === 1 ? '' : 's'}`, status: 'cancelled', articleIds: [], message: 'not imported: the import was cancelled before they were sent' }]
            : [{ file: `${unsent} more file${unsent === 1 ? '' : 's'}`, status: 'failed', articleIds: [], message: 'never arrived: the drop was interrupted before they were sent' }];
      const listed: FileOutcome[] = [...setAside, ...(drop?.unread ?? [])].map((o) => ({ ...o, articleIds: [] }));
      const outcomes = [...listed, ...report.outcomes, ...merged, ...missing];
      return { report: reportOf(outcomes, report.cancelled || outcomes.some((o) => o.status === 'cancelled')) };
    });
    const drop: Drop = { feed, expected, received: 0, unread: [], bundles: [], timer: idle(feed) };
    drops.set(job.id, drop);
    if (expected === 0) feed.end();
    return job;
  }

  function add(id: string, items: ImportItem[], unread: SetAside[], last: boolean): Job {
    const job = jobs.get(id);
    if (!job) throw new HandlerError('not_found', `no job with id ${id}`);
    const drop = drops.get(id);
    // Cancelled or finished: the renderer stops sending when it sees the job's state, which for a
    // cancel still finishing its current file is already given as cancelled.
    if (jobs.aborted(id) && job.state === 'running') return { ...job, state: 'cancelled' };
    if (!drop || job.state !== 'running') return job;
    clearTimeout(drop.timer);
    drop.unread.push(...unread);
    drop.received += items.length + unread.length;
    const { specs, skipped, bundles } = sortItems(items);
    drop.unread.push(...skipped);
    drop.bundles.push(...bundles);
    drop.feed.push(specs);
    if (last || drop.received >= drop.expected) drop.feed.end();
    else drop.timer = idle(drop.feed);
    return jobs.get(id) ?? job;
  }

  function idle(feed: SpecFeed): NodeJS.Timeout {
    const timer = setTimeout(() => feed.end(), DROP_IDLE_MS);
    timer.unref();
    return timer;
  }

  return { fromPaths, fromItems, begin, add, answerPassphrase: passphrases.answer };
}

const WRONG_PASSPHRASE = 'That passphrase is wrong: nothing of this bundle was imported. Try again, or skip the bundle.';

/**
 * Import jobs waiting for an encrypted bundle's passphrase: the job shows what it waits on
 * (Job.passphrase, polled like its progress) and `import/passphrase` answers. The passphrase goes
 * to the bundle's reader and is kept nowhere. A cancel of the job ends the wait.
 */
function passphraseWaits(jobs: Jobs) {
  const waiting = new Map<string, { resolve(passphrase: string): void; reject(err: Error): void }>();

  function ask(id: string, ctx: JobContext, file: string, refused: string | null): Promise<string> {
    const attempt = refused === null ? 1 : (jobs.get(id)?.passphrase?.attempt ?? 0) + 1;
    return new Promise<string>((resolve, reject) => {
      const settle = () => {
        waiting.delete(id);
        ctx.signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        settle();
        reject(new Error('the import was cancelled'));
      };
      if (ctx.signal.aborted) return onAbort();
      ctx.signal.addEventListener('abort', onAbort);
      waiting.set(id, {
        resolve: (passphrase) => (settle(), resolve(passphrase)),
        reject: (err) => (settle(), reject(err)),
      });
      ctx.waitFor({ file: basename(file), attempt, reason: refused === null ? null : WRONG_PASSPHRASE });
    });
  }

  function answer(id: string, passphrase: string | null): Job {
    const job = jobs.get(id);
    if (!job) throw new HandlerError('not_found', `no job with id ${id}`);
    const wait = waiting.get(id);
    if (!wait) throw new HandlerError('conflict', `import ${id} is not waiting for a passphrase`);
    if (passphrase === null) wait.reject(new Error('no passphrase was given'));
    else wait.resolve(passphrase);
    return jobs.get(id) ?? job;
  }

  return { ask, answer };
}
