import { LABELS, LABEL_TITLES, type Label } from '../../../shared/model';

/**
 * How a highlight shows its labels. Every label present on a run of text gets its own underline,
 * in the label's colour and in a pattern of its own (solid, dashed, dotted, double), stacked
 * under the text, so nested and overlapping annotations all stay visible and the labels read
 * without colour. The fill is the innermost label's (set by the stylesheet from data-label), and
 * the first run of each annotation shows its label's initial (data-starts, drawn by CSS ::before
 * so the text content stays the article's).
 */
const PATTERNS: Record<Label, { image: string; height: number }> = {
  event: { image: 'linear-gradient(var(--event), var(--event))', height: 2 },
  claim: { image: 'repeating-linear-gradient(90deg, var(--claim) 0 6px, transparent 6px 10px)', height: 2 },
  actor: { image: 'repeating-linear-gradient(90deg, var(--actor) 0 2px, transparent 2px 5px)', height: 2 },
  figure: { image: 'linear-gradient(var(--figure) 0 1px, transparent 1px 2px, var(--figure) 2px 3px)', height: 3 },
};

/** Space between two stacked underlines. */
const GAP = 1;

export const LABEL_INITIALS: Record<Label, string> = Object.fromEntries(LABELS.map((l) => [l, LABEL_TITLES[l].charAt(0)])) as Record<Label, string>;

export interface CueStyle {
  backgroundImage: string;
  backgroundSize: string;
  backgroundPosition: string;
  backgroundRepeat: string;
  paddingBottom: string;
}

/**
 * The underlines of a run covered by `labels` (innermost first, repeats allowed). The outermost
 * label's line is lowest, so a long annotation's line stays at the same height across the runs
 * of the annotations nested in it.
 */
export function cueStyle(labels: readonly Label[]): Readonly<CueStyle> {
  // A long article has thousands of runs but only a few distinct label combinations.
  const key = labels.join(' ');
  let style = styles.get(key);
  if (style === undefined) {
    style = buildCueStyle(labels);
    styles.set(key, style);
  }
  return style;
}

const styles = new Map<string, CueStyle>();

function buildCueStyle(labels: readonly Label[]): CueStyle {
  const distinct = [...new Set(labels)].reverse();
  const images: string[] = [];
  const sizes: string[] = [];
  const positions: string[] = [];
  let offset = 0;
  for (const label of distinct) {
    const { image, height } = PATTERNS[label];
    images.push(image);
    sizes.push(`100% ${height}px`);
    positions.push(`0 calc(100% - ${offset}px)`);
    offset += height + GAP;
  }
  return {
    backgroundImage: images.join(', '),
    backgroundSize: sizes.join(', '),
    backgroundPosition: positions.join(', '),
    backgroundRepeat: 'no-repeat',
    paddingBottom: `${offset}px`,
  };
}

/** The initials shown before the first run of annotations starting there, outermost first ("C A"). */
export function startsText(starts: readonly Label[]): string {
  return [...starts].reverse().map((l) => LABEL_INITIALS[l]).join(' ');
}
