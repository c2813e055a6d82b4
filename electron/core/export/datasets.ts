import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../store/db';
import type { Disagreement } from '../../../shared/ipc/figures';
import { refreshDisagreements } from '../store/disagreement-refresh';
import { disagreementsOfScopeLists } from '../store/disagreements';
import { incidentGroups, type IncidentGroup } from '../store/incident-groups';
import { ACLED_COLUMNS, acledRow } from './acled';
import { csvRecord } from './csv';
import { commitFile, discard, prepareDestination, sizeOnDisk } from './output';
import { ploverRecord } from './plover';
import { ExportError, type ExportControl, type ExportFormat, type ExportOptions, type ExportResult } from './types';

/** Formats with one record per incident rather than per article. */
export const DATASET_FORMATS = ['acled', 'plover'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export function isDatasetFormat(format: ExportFormat): format is DatasetFormat {
  return (DATASET_FORMATS as readonly string[]).includes(format);
}

const CHUNK_BYTES = 64 * 1024;

/**
 * ACLED (CSV, ACLED's columns, no BOM: ACLED's own files have none and pandas would keep it in
 * the first column's name) or PLOVER (JSONL): one record per incident, an event in no incident
 * its own. The whole library's events: an incident's reports may lie in articles a filter would
 * split. Written to a temporary and renamed into place, as the other formats are.
 */
export async function exportDataset(db: Db, options: ExportOptions & { format: DatasetFormat }, control: ExportControl = {}): Promise<ExportResult> {
  const scope = options.scope ?? {};
  if (Object.keys(scope).length > 0 || options.labels) {
    throw new ExportError('invalid', `${options.format} exports every event of the library (an incident's reports may lie in articles a filter would leave out); export it without filters, ids or labels`);
  }
  const { signal } = control;
  const out = resolve(options.out);
  const tmp = await prepareDestination(out, 'file', db.memory ? null : db.name);
  let rows = 0;
  let events = 0;
  // Figures that disagree feed the records' notes and fatalities: brought up to date once.
  refreshDisagreements(db);
  const scopesOf = (g: IncidentGroup) => [
    ...(g.incident ? [{ scope: 'incident' as const, id: g.id }] : []),
    ...[...new Set(g.reports.map((r) => r.articleId))].map((id) => ({ scope: 'article' as const, id })),
  ];
  const line =
    options.format === 'acled'
      ? (g: IncidentGroup, disputes: Disagreement[]) => {
          const row = acledRow(g, disputes);
          return csvRecord(ACLED_COLUMNS.map((c) => row[c]));
        }
      : (g: IncidentGroup, disputes: Disagreement[]) => `${JSON.stringify(ploverRecord(g, disputes))}\n`;
  async function* chunks(): AsyncGenerator<Buffer> {
    let pending = options.format === 'acled' ? csvRecord(ACLED_COLUMNS) : '';
    for (const page of incidentGroups(db)) {
      if (signal?.aborted) throw new ExportError('cancelled', 'export cancelled');
      // A page's disagreements in two queries: one query per row was most of the export's time.
      const disputes = disagreementsOfScopeLists(db, page.map(scopesOf));
      for (const [i, group] of page.entries()) {
        pending += line(group, disputes[i] ?? []);
        rows++;
        events += group.reports.length;
      }
      control.onProgress?.(rows, rows);
      if (pending.length >= CHUNK_BYTES) {
        yield Buffer.from(pending, 'utf8');
        pending = '';
        // Between pages the event loop turns, so progress and cancel are heard.
        await new Promise<void>((r) => setImmediate(r));
      }
    }
    yield Buffer.from(pending, 'utf8');
  }
  try {
    await pipeline(Readable.from(chunks()), createWriteStream(tmp, { flags: 'wx' }), signal ? { signal } : {});
    if (signal?.aborted) throw new ExportError('cancelled', 'export cancelled');
    const bytes = await sizeOnDisk(tmp);
    await commitFile(tmp, out);
    return { articles: rows, spans: events, conflictsLeftOut: 0, bytes, out, notes: [`${rows} ${options.format === 'acled' ? 'row' : 'record'}(s), one per incident (an event in no incident is its own), from ${events} event(s)`] };
  } catch (err) {
    await discard(tmp);
    if (signal?.aborted) throw new ExportError('cancelled', 'export cancelled');
    throw err;
  }
}
