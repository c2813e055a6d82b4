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
  unread: SetAside[];
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
      // Files announced but never sent: cut short by the cancel, or by a renderer that went away.
      const unsent = drop ? drop.expected - drop.received : 0;
      const missing: FileOutcome[] =
        unsent <= 0
          ? []
          : signal.aborted
            ? [{ file: `${unsent} more file${unsent === 1 ? '' : 's'}`, status: 'cancelled', articleIds: [], message: 'not imported: the import was cancelled before they were sent' }]
            : [{ file: `${unsent} more file${unsent === 1 ? '' : 's'}`, status: 'failed', articleIds: [], message: 'never arrived: the drop was interrupted before they were sent' }];
      const listed: FileOutcome[] = [...setAside, ...(drop?.unread ?? [])].map((o) => ({ ...o, articleIds: [] }));
      const outcomes = [...listed, ...report.outcomes, ...missing];
      return { report: reportOf(outcomes, report.cancelled || outcomes.some((o) => o.status === 'cancelled')) };
    });
    const drop: Drop = { feed, expected, received: 0, unread: [], timer: idle(feed) };
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
