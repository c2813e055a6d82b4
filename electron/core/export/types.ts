import type { Label } from '../../../shared/model';
import type { ExportItem, ExportScope } from '../store/export';

import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/ipc/contract';

export { EXPORT_FORMATS, type ExportFormat };

export interface ExportOptions {
  format: ExportFormat;
  /** A file for every format but brat, whose output is a folder. */
  out: string;
  /** Whole corpus when absent. */
  scope?: ExportScope;
  /** Only spans with these labels; all when absent. Articles are exported even with no span left. */
  labels?: Label[];
  /** Articles read from the store per page. */
  pageSize?: number;
  /** CSV only: cells a spreadsheet would run as a formula get an apostrophe first (spreadsheet-safe.ts). */
  spreadsheetSafe?: boolean;
  /** Bundle only: the file is sealed with this passphrase (sealed.ts); nothing of it is in the clear. */
  passphrase?: string;
}

export interface ExportControl {
  /** Articles written so far and the scope's size; called at most ~200 times, always with done === total at the end. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ExportResult {
  articles: number;
  spans: number;
  /**
   * Unresolved merge conflict copies not written (every format but the bundle writes only the
   * local version of a conflicted annotation); the summary says so, so nobody mistakes the
   * dataset for settled work.
   */
  conflictsLeftOut: number;
  /** Bytes on disk: the file, or every file in the brat folder. */
  bytes: number;
  out: string;
  /** What the format changed or left out that a reader of the file should know (spreadsheet-safe cells, URLs that are not IRIs). */
  notes: string[];
}

export class ExportError extends Error {
  constructor(
    readonly code: 'cancelled' | 'destination' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

export interface Totals {
  articles: number;
  spans: number;
  conflictsLeftOut: number;
}

/** A format written as one stream of text: every format but brat. */
export interface StreamWriter {
  kind: 'stream';
  includeOrphaned: boolean;
  /** Only the bundle: datasets carry the local version of a conflicted annotation. */
  includeConflictCopies: boolean;
  /** Only the bundle: each annotation's revision history and aliases, for the next merge. */
  includeHistory: boolean;
  gzip: boolean;
  begin(): string;
  item(item: ExportItem): { chunk: string; spans: number };
  end(totals: Totals): string;
  /** Said in the summary once the export is written. */
  notes?(): string[];
}

export interface OutFile {
  /** A plain file name inside the output folder. */
  name: string;
  content: string;
}

/** A format written as a folder of files (brat). */
export interface FolderWriter {
  kind: 'folder';
  includeOrphaned: boolean;
  includeConflictCopies: boolean;
  includeHistory: boolean;
  begin(): OutFile[];
  item(item: ExportItem): { files: OutFile[]; spans: number };
  notes?(): string[];
}

export type Writer = StreamWriter | FolderWriter;
