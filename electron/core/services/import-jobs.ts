import type { FileOutcome, ImportItem, Job, SetAside } from '../../../shared/ipc/contract';
import { reportOf } from '../../../shared/import-report';
import type { SourceSpec } from '../import/types';
import type { Db } from '../store/db';
import { HandlerError } from './errors';
import { importBatch, SpecFeed, textSource } from './importer';
import type { Jobs } from './jobs';
import { importPaths } from './library-import';

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

interface Drop {
  feed: SpecFeed;
  expected: number;
  received: number;
  timer: NodeJS.Timeout;
}

/** The import jobs the handlers start: picked paths, pasted or dropped items, and drops sent in parts. */
export function createImportJobs(db: Db, jobs: Jobs, author: string) {
  const drops = new Map<string, Drop>();

  const fromPaths = (paths: string[]): Job =>
    jobs.start('import', async ({ signal, progress }) => ({ report: await importPaths(db, paths, { author, signal, onProgress: progress }) }));

  const fromItems = (items: ImportItem[]): Job =>
    jobs.start('import', async ({ signal, progress }) => ({ report: await importBatch(db, items.map(itemSpec), { author, signal, onProgress: progress }) }));

  function begin(expected: number, setAside: SetAside[]): Job {
    const feed = new SpecFeed();
    const job = jobs.start('import', async ({ signal, progress }) => {
      const report = await importBatch(db, feed, { author, signal, onProgress: progress, total: expected });
      const drop = drops.get(job.id);
      drops.delete(job.id);
      if (drop) clearTimeout(drop.timer);
      const missing: FileOutcome[] =
        drop && drop.received < drop.expected && !report.cancelled
          ? [{ file: `${drop.expected - drop.received} more files`, status: 'failed', articleIds: [], message: 'never arrived: the drop was interrupted before they were sent' }]
          : [];
      const listed: FileOutcome[] = setAside.map((o) => ({ ...o, articleIds: [] }));
      return { report: reportOf([...listed, ...report.outcomes, ...missing], report.cancelled) };
    });
    const drop: Drop = { feed, expected, received: 0, timer: idle(feed) };
    drops.set(job.id, drop);
    if (expected === 0) feed.end();
    return job;
  }

  function add(id: string, items: ImportItem[], last: boolean): Job {
    const job = jobs.get(id);
    if (!job) throw new HandlerError('not_found', `no job with id ${id}`);
    const drop = drops.get(id);
    // Cancelled or finished: the renderer stops sending when it sees the job's state.
    if (!drop || job.state !== 'running') return job;
    clearTimeout(drop.timer);
    drop.received += items.length;
    drop.feed.push(items.map(itemSpec));
    if (last || drop.received >= drop.expected) drop.feed.end();
    else drop.timer = idle(drop.feed);
    return jobs.get(id) ?? job;
  }

  function idle(feed: SpecFeed): NodeJS.Timeout {
    const timer = setTimeout(() => feed.end(), DROP_IDLE_MS);
    timer.unref();
    return timer;
  }

  return { fromPaths, fromItems, begin, add };
}
