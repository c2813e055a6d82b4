import { createWriteStream, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { LABELS } from '../../../shared/model';
import type { Db } from '../store/db';
import { countInScope, readScope, type ExportItem } from '../store/export';
import { bratWriter } from './brat';
import { bundleWriter } from './bundle';
import { bundleRegistry } from './bundle-entities';
import { csvWriter } from './csv';
import { jsonlWriter } from './jsonl';
import { commitFile, commitFolder, discard, prepareDestination, sizeOnDisk } from './output';
import {
  EXPORT_FORMATS,
  ExportError,
  type ExportControl,
  type ExportFormat,
  type ExportOptions,
  type ExportResult,
  type FolderWriter,
  type OutFile,
  type StreamWriter,
  type Totals,
  type Writer,
} from './types';
import { w3cWriter } from './w3c';
import { BUNDLE_FORMAT } from './bundle';
import { sealStream } from './sealed';
import { entityRefs, type EntityRefs } from './entity-export';
import { exportDataset, isDatasetFormat, type DatasetFormat } from './datasets';
import { exportRefi } from './refi/write';

export { EXPORT_FORMATS, ExportError };
export type { ExportControl, ExportFormat, ExportOptions, ExportResult };

function writerFor(
  { format, spreadsheetSafe }: ExportOptions & { format: Exclude<ExportFormat, DatasetFormat | 'refi'> },
  refs: EntityRefs,
  registry: ReturnType<typeof bundleRegistry>,
): Writer {
  switch (format) {
    case 'jsonl':
      return jsonlWriter(refs);
    case 'csv':
      return csvWriter({ spreadsheetSafe: spreadsheetSafe === true }, refs);
    case 'brat':
      return bratWriter(refs);
    case 'w3c':
      return w3cWriter(refs);
    case 'bundle':
      return bundleWriter(undefined, registry);
  }
}

/** Chunks written to the stream are gathered up to about this many bytes so small articles do not cost a write each. */
const CHUNK_BYTES = 64 * 1024;
/** Progress calls per export, at most (plus the first and the last): enough for a smooth bar, few enough for IPC. */
const PROGRESS_STEPS = 200;

/**
 * Why an export cannot be made as asked, before anything is written (null: it can): what the app
 * refuses at the call, before the save dialog, and the command before it opens the output.
 */
export function exportOptionsProblem(options: Pick<ExportOptions, 'format' | 'labels' | 'scope' | 'spreadsheetSafe' | 'passphrase'>): string | null {
  if (!EXPORT_FORMATS.includes(options.format)) return `unknown export format "${String(options.format)}"`;
  const unknownLabel = options.labels?.find((l) => !LABELS.includes(l));
  if (unknownLabel !== undefined) return `unknown label "${String(unknownLabel)}"`;
  if (options.spreadsheetSafe && options.format !== 'csv') return `spreadsheet-safe applies to CSV only, not ${options.format}`;
  if (options.passphrase !== undefined && options.format !== 'bundle') return `only a bundle is written encrypted, not ${options.format}`;
  if (isDatasetFormat(options.format) && (Object.keys(options.scope ?? {}).length > 0 || options.labels)) {
    return `${options.format} exports every event of the library (an incident's reports may lie in articles a filter would leave out); export it without filters, ids or labels`;
  }
  return null;
}

/**
 * Exports the scope (the whole corpus by default) in one format. The store is read a page at a
 * time and written as it is read, so memory stays flat whatever the corpus size. The output is
 * written to a temporary beside `out` and renamed into place only when complete: a failed or
 * cancelled export leaves neither a partial file nor its temporary behind.
 */
export async function exportCorpus(db: Db, options: ExportOptions, control: ExportControl = {}): Promise<ExportResult> {
  const problem = exportOptionsProblem(options);
  if (problem) throw new ExportError('invalid', problem);
  const { signal } = control;
  if (signal?.aborted) throw cancelled();
  const format = options.format;
  if (isDatasetFormat(format)) return exportDataset(db, { ...options, format }, control);
  if (format === 'refi') return exportRefi(db, options, control);
  const writer = writerFor({ ...options, format }, entityRefs(db), bundleRegistry(db));
  const out = resolve(options.out);
  const tmp = await prepareDestination(out, writer.kind === 'folder' ? 'folder' : 'file', db.memory ? null : db.name);
  try {
    const scope = options.scope ?? {};
    const total = countInScope(db, scope);
    const progress = progressReporter(total, control.onProgress);
    const items = articles(
      readScope(db, scope, { labels: options.labels, includeOrphaned: writer.includeOrphaned, includeConflictCopies: writer.includeConflictCopies, includeHistory: writer.includeHistory, pageSize: options.pageSize }),
      signal,
    );
    const totals = writer.kind === 'stream' ? await writeStream(writer, items, tmp, progress, signal, options.passphrase) : await writeFolder(writer, items, tmp, progress);
    if (signal?.aborted) throw cancelled();
    progress.finish(totals.articles);
    const bytes = await sizeOnDisk(tmp);
    if (writer.kind === 'stream') await commitFile(tmp, out);
    else await commitFolder(tmp, out);
    return { articles: totals.articles, spans: totals.spans, conflictsLeftOut: totals.conflictsLeftOut, bytes, out, notes: writer.notes?.() ?? [] };
  } catch (err) {
    await discard(tmp);
    if (signal?.aborted) throw cancelled();
    throw err;
  }
}

function cancelled(): ExportError {
  return new ExportError('cancelled', 'export cancelled');
}

function* articles(pages: Iterable<ExportItem[]>, signal: AbortSignal | undefined): Generator<ExportItem> {
  for (const page of pages) {
    for (const item of page) {
      if (signal?.aborted) throw cancelled();
      yield item;
    }
  }
}

interface Progress {
  step(done: number): void;
  finish(done: number): void;
}

function progressReporter(total: number, onProgress: ExportControl['onProgress']): Progress {
  const every = Math.max(1, Math.ceil(total / PROGRESS_STEPS));
  let last = -1;
  const report = (done: number, of: number) => {
    last = done;
    onProgress?.(done, of);
  };
  report(0, total);
  return {
    step: (done) => {
      if (done % every === 0 && done < total) report(done, total);
    },
    // The store may change between pages (the export is not a snapshot), so the last call says
    // done === total with what was actually written.
    finish: (done) => {
      if (last !== done || done !== total) report(done, done);
    },
  };
}

async function writeStream(writer: StreamWriter, items: Iterable<ExportItem>, tmp: string, progress: Progress, signal: AbortSignal | undefined, passphrase?: string): Promise<Totals> {
  const totals: Totals = { articles: 0, spans: 0, conflictsLeftOut: 0 };
  async function* chunks(): AsyncGenerator<Buffer> {
    let pending = writer.begin();
    // UTF-8 bytes, counted per chunk: the string's length counts UTF-16 units, a third of the
    // bytes for Cyrillic or Arabic text, which would make the buffers three times too big.
    let pendingBytes = Buffer.byteLength(pending, 'utf8');
    for (const item of items) {
      const { chunk, spans } = writer.item(item);
      totals.articles++;
      totals.spans += spans;
      totals.conflictsLeftOut += item.conflictCopiesLeftOut;
      pending += chunk;
      pendingBytes += Buffer.byteLength(chunk, 'utf8');
      if (pendingBytes >= CHUNK_BYTES) {
        yield Buffer.from(pending, 'utf8');
        pending = '';
        pendingBytes = 0;
      }
      progress.step(totals.articles);
    }
    pending += writer.end(totals);
    yield Buffer.from(pending, 'utf8');
  }
  // 'wx': the temporary's name is random, so an existing file there is not ours to overwrite.
  const file = createWriteStream(tmp, { flags: 'wx' });
  const options = signal ? { signal } : {};
  // The plain bundle's bytes are what is sealed: an encrypted bundle opens into the same file.
  if (writer.gzip && passphrase !== undefined) await pipeline(Readable.from(chunks()), createGzip(), await sealStream(passphrase, { content: BUNDLE_FORMAT }), file, options);
  else if (writer.gzip) await pipeline(Readable.from(chunks()), createGzip(), file, options);
  else await pipeline(Readable.from(chunks()), file, options);
  return totals;
}

/** Longest stretch of synchronous writing between two turns of the event loop. */
const FOLDER_SLICE_MS = 15;

/**
 * Writes a folder format's files synchronously, yielding to the event loop every few
 * milliseconds. brat is two small files per article: through fs/promises each file costs three
 * thread-pool round trips (open, write, close) with the loop idle between them, which made the
 * export several times slower than the same writes made synchronously. The yields keep the app
 * answering (progress, cancel, Ctrl-C in the command line) as a stream export does between chunks.
 */
async function writeFolder(writer: FolderWriter, items: Iterable<ExportItem>, tmp: string, progress: Progress): Promise<Totals> {
  const totals: Totals = { articles: 0, spans: 0, conflictsLeftOut: 0 };
  // mkdir fails on an existing path, so the folder is new, empty and ours. Files are created with
  // plain 'w', not the exclusive 'wx': O_EXCL made each create about twice as slow on ext4, which
  // was most of a large brat export's time; names are article ids, unique in the store.
  await mkdir(tmp);
  const write = (f: OutFile) => writeFileSync(join(tmp, f.name), f.content);
  for (const f of writer.begin()) write(f);
  let slice = performance.now();
  for (const item of items) {
    const { files, spans } = writer.item(item);
    for (const f of files) write(f);
    totals.articles++;
    totals.spans += spans;
    totals.conflictsLeftOut += item.conflictCopiesLeftOut;
    progress.step(totals.articles);
    if (performance.now() - slice >= FOLDER_SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  return totals;
}
