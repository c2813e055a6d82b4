import { LABELS, LABEL_TITLES, type Label } from '../../../shared/model';

/**
 * How a highlight shows its labels. Every label present on a run of text gets its own underline,
 * in the label's colour and in a pattern of its own (solid, dashed, dotted, double), stacked
 * under the text, so nested and overlapping annotations all stay visible and the labels read
 * without colour. The fill is the innermost label's, and the first run of each annotation shows
 * its label's initial. All of it is drawn by the stylesheet from data attributes (data-label,
 * data-u0…data-u3, data-starts): attributes are cheap to set on thousands of runs, inline styles
 * are not, and the text content stays the article's.
 */

/** How many underlines a run can stack: one per label. */
export const CUE_SLOTS = LABELS.length;

/** The attribute naming the label whose underline is drawn in slot `i` (0 is the lowest). */
export const cueSlotAttr = (i: number): string => `data-u${i}`;

export const LABEL_INITIALS: Record<Label, string> = Object.fromEntries(LABELS.map((l) => [l, LABEL_TITLES[l].charAt(0)])) as Record<Label, string>;

/**
 * The underline slots of a run covered by `labels` (innermost first, repeats allowed): one per
 * distinct label, the outermost lowest, so a long annotation's line stays at the same height
 * across the runs of the annotations nested in it.
 */
export function cueSlots(labels: readonly Label[]): Label[] {
  return [...new Set(labels)].reverse();
}

/** The initials shown before the first run of annotations starting there, outermost first ("C A"). */
export function startsText(starts: readonly Label[]): string {
  return [...starts].reverse().map((l) => LABEL_INITIALS[l]).join(' ');
}
