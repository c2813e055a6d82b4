import { LABEL_TITLES, type Annotation, type Label } from '../../../shared/model';

/** What the status line says when a key had nothing to act on: every key answers, if only with why not. */
export const NOTHING_SELECTED_TO_TAG =
  'Nothing to tag: select text first (Shift+arrows in the text, or the mouse), or choose an annotation to retag it.';
export const NOTHING_TO_REMOVE = 'Nothing to remove: choose an annotation first (click it, or N/P).';
export const NOTHING_TO_UNDO = 'Nothing to undo.';
export const NOTHING_TO_REDO = 'Nothing to redo.';

function short(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

/** A label key pressed with an annotation chosen and no text selected: says what it does or why not. */
export function retagByKeyNotice(chosen: Annotation, label: Label): string {
  if (chosen.label === label) return `“${short(chosen.quote)}” is already ${articleOf(label)} ${LABEL_TITLES[label]}; select text to tag something new.`;
  return `Retagged “${short(chosen.quote)}” from ${LABEL_TITLES[chosen.label]} to ${LABEL_TITLES[label]} (no text was selected). Ctrl+Z undoes it.`;
}

/** N or P with nothing to step to. */
export function stepNotice(total: number, shown: number, filter: Label | null): string {
  if (total === 0) return 'No annotations yet: select text and press 1–4 to tag it.';
  if (shown === 0 && filter) return `No ${LABEL_TITLES[filter]} annotations: the panel's filter hides the others.`;
  return 'No further annotation in that direction.';
}

/** A second annotation identical to one that exists (same span, same label) is refused. */
export function duplicateNotice(existing: Annotation): string {
  return `Already tagged: “${short(existing.quote)}” is ${articleOf(existing.label)} ${LABEL_TITLES[existing.label]} annotation at ${existing.start}–${existing.end}; it is selected.`;
}

function articleOf(label: Label): string {
  return label === 'event' || label === 'actor' ? 'an' : 'a';
}

/** The existing annotation with exactly this span and label, if any. */
export function duplicateOf(annotations: Iterable<Annotation>, label: Label, start: number, end: number): Annotation | null {
  for (const a of annotations) if (a.label === label && a.start === start && a.end === end && a.status === 'ok') return a;
  return null;
}
