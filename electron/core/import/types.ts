import type { ArticleDraft } from '../../../shared/model';
import type { OriginalRecord, RemovedPart } from '../../../shared/ipc/provenance';
import type { OriginalFile } from './original';

/** A draft as a parser produced it, with what the importer needs to keep ids and name records. */
export interface ImportDraft extends ArticleDraft {
  /** The record's own article id (JSON and JSONL exports); kept when no article holds it yet. */
  id?: string;
  /** Where the record came from inside its file ("line 4", "record 2"), for messages about it. */
  origin?: string;
  /** What the extraction took out as page furniture, placed in `text` (stored with the article). */
  removed?: RemovedPart[];
  /** Where an exported record says its text first came from: the article's provenance, rather than the export. */
  carried?: OriginalRecord;
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

export { MAX_FILE_BYTES, tooLarge } from '../../../shared/formats';

export interface DecodedText {
  text: string;
  encoding: string;
  /** What the user should be told about the decoding ("not valid UTF-8; decoded as windows-1251"), if anything. */
  note: string | null;
}


/**
 * A draft with the hash of its text, computed where it was parsed. The first draft of a file also
 * carries the file itself (import/original.ts), which every article of the file then points to.
 */
export type HashedDraft = ImportDraft & { hash: string; original?: OriginalFile };

/**
 * One input to parse, in a form that can cross to a worker thread: a file the worker reads itself
 * (with the brat `.ann` beside it, when there is one), bytes dropped on the window, or pasted text.
 */
export type SourceSpec =
  | { kind: 'file'; name: string; path: string; annPath?: string }
  | { kind: 'bytes'; name: string; bytes: Uint8Array; ann?: Uint8Array }
  | { kind: 'text'; name: string; content: string };

/** How a parse ended: after the drafts it gave, the notes for its report, or why it could not. */
export type ParseEnd = { ok: true; drafts: number; warnings: string[]; problems: string[] } | { ok: false; reason: string };

/** What a parse yields, in order: chunks of drafts (each written before the next is made), then its end. */
export type ParseEvent = { type: 'drafts'; drafts: HashedDraft[] } | { type: 'end'; end: ParseEnd };
