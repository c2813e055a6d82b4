import type { ArticleDraft } from '../../../shared/model';

/** A draft as a parser produced it, with what the importer needs to keep ids and name records. */
export interface ImportDraft extends ArticleDraft {
  /** The record's own article id (JSON and JSONL exports); kept when no article holds it yet. */
  id?: string;
  /** Where the record came from inside its file ("line 4", "record 2"), for messages about it. */
  origin?: string;
}

/**
 * What parsing one file gives. `warnings` are things the user should know that lost nothing of
 * substance (the encoding used, boilerplate removed, attributes ignored); `problems` name records
 * (lines, articles, annotations) that could not be imported while the others were, which makes
 * the file's outcome 'partial'. When nothing at all can be imported the outcome is not ok.
 */
export type ParseOutcome =
  | { ok: true; drafts: ImportDraft[]; warnings: string[]; problems: string[] }
  | { ok: false; reason: string };

/** Largest single file we read; bigger inputs are refused with this limit named. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface DecodedText {
  text: string;
  encoding: string;
  /** What the user should be told about the decoding ("not valid UTF-8; decoded as windows-1251"), if anything. */
  note: string | null;
}

export function tooLarge(bytes: number): string {
  return `too large: ${bytes.toLocaleString('en')} bytes (${(bytes / 1048576).toFixed(1)} MB); the limit is ${MAX_FILE_BYTES / 1048576} MB`;
}
