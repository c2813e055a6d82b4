/*
 * The brat vocabulary Spanwise writes and reads back: the export (export/brat.ts) writes it and
 * the importer (import/brat.ts) recognises it, so both take it from here.
 */

import { escapeLine, unescapeLine } from './line-breaks';

/** The relation a claim's linked claimant (claimantId) becomes when its actor span is in the same file. */
export const CLAIMANT_RELATION = 'Claimant';

/** The brat event type events are written as (their `T` trigger and `E` line), and the argument each role becomes. */
export const EVENT_TYPE = 'EVENT';
export const BRAT_ROLE_ARGUMENTS = { actor: 'Actor', target: 'Target', with: 'With', figure: 'Figure', source: 'Source' } as const;

/** brat's note type: the one its annotation dialog shows and edits. One per span. */
export const NOTE_TYPE = 'AnnotatorNotes';

/**
 * A second `#` comment type for the attributes brat cannot hold as `A` lines (free text and
 * numbers), as one JSON object with snake_case keys. Kept out of AnnotatorNotes so editing the
 * note in brat cannot mangle them, and brat shows any comment type on hover.
 */
export const ATTRIBUTES_TYPE = 'Attributes';

/**
 * `.ann` is line-based (brat reads it with Python's line splitting, so a CR, NEL or U+2028 ends a
 * line as well as LF) and has no escaping of its own. A note goes on one line with escapeLine:
 * `\n`, `\r`, `\uXXXX` for the other line breaks and `\\` for a backslash, so it comes back
 * exactly; tabs are kept as they are, since brat takes everything after the second tab as the note.
 */
export const escapeNote = escapeLine;
export const unescapeNote = unescapeLine;

/** Splits a line at its first `count` tabs only: the last field (span text, note) may hold tabs. */
export function splitTabs(line: string, count: number): string[] {
  const fields: string[] = [];
  let from = 0;
  for (let i = 0; i < count; i++) {
    const tab = line.indexOf('\t', from);
    if (tab < 0) break;
    fields.push(line.slice(from, tab));
    from = tab + 1;
  }
  fields.push(line.slice(from));
  return fields;
}
