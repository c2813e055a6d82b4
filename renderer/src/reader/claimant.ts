import type { Annotation } from '../../../shared/model';
import { cachedParagraphRanges, paragraphIndexAt, type ParagraphRange } from '../editor/segments';

export interface ActorChoice {
  id: string;
  name: string;
  /** The actor's name, where it stands (paragraph) and the words around it, to tell duplicates apart. */
  title: string;
}

export type ClaimantLink = { state: 'none' } | { state: 'linked'; actor: Annotation } | { state: 'broken'; id: string };

export function actorName(a: Annotation): string {
  const name = a.attrs.canonicalName;
  return typeof name === 'string' && name ? name : a.quote;
}

const CONTEXT = 24;

/** The words around an annotation inside its paragraph: "…[Mayor Clara Dovic] said the council…". */
function around(text: string, a: Annotation, paragraph: ParagraphRange): string {
  const from = Math.max(paragraph.start, a.start - CONTEXT);
  const to = Math.min(Math.max(paragraph.end, a.end), a.end + CONTEXT);
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  // Whole words only: a word the window cuts is left out.
  const cutBefore = from > paragraph.start && /\S/.test(text.charAt(from - 1));
  const cutAfter = to < paragraph.end && /\S/.test(text.charAt(to));
  const before = flat(text.slice(from, a.start)).replace(cutBefore ? /^\S*/ : /^/, '').trimStart();
  const after = flat(text.slice(a.end, to)).replace(cutAfter ? /\S*$/ : /$/, '').trimEnd();
  return `${from > paragraph.start ? '…' : ''}${before}[${flat(a.quote)}]${after}${to < paragraph.end ? '…' : ''}`;
}

// Annotations are replaced, never changed, when edited: a choice made for one stays right until
// the text itself changes.
const choices = new WeakMap<Annotation, { text: string; choice: ActorChoice }>();

/** What a span is called in a picker: an actor by its canonical name, any other span by its text. */
export function spanName(a: Annotation): string {
  return a.label === 'actor' ? actorName(a) : a.quote.replace(/\s+/g, ' ');
}

/** The article's annotations of one label, each named with where it stands, in text order. */
export function spanChoices(annotations: readonly Annotation[], text: string, label: Annotation['label']): ActorChoice[] {
  const ranges = cachedParagraphRanges(text);
  const out: ActorChoice[] = [];
  for (const a of annotations) {
    if (a.label !== label || a.status !== 'ok') continue;
    const known = choices.get(a);
    if (known?.text === text) {
      out.push(known.choice);
      continue;
    }
    const index = paragraphIndexAt(ranges, a.start);
    const name = spanName(a);
    const choice = { id: a.id, name, title: `${name} (¶${index + 1}: ${around(text, a, ranges[index] as ParagraphRange)})` };
    choices.set(a, { text, choice });
    out.push(choice);
  }
  return out;
}

/** The article's actor annotations that a claim can name as its claimant, in text order. */
export function actorChoices(annotations: readonly Annotation[], text: string): ActorChoice[] {
  return spanChoices(annotations, text, 'actor');
}

/** Whether a claim's claimant is linked, and to what; broken when the actor was deleted or retagged. */
export function claimantLink(claim: Annotation, annotations: ReadonlyMap<string, Annotation>): ClaimantLink {
  const id = claim.attrs.claimantId;
  if (typeof id !== 'string' || id === '') return { state: 'none' };
  const actor = annotations.get(id);
  return actor && actor.label === 'actor' && actor.articleId === claim.articleId ? { state: 'linked', actor } : { state: 'broken', id };
}
