import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  type ElementNode,
  type LexicalNode,
  type ParagraphNode,
} from 'lexical';
import { canonicalize } from '../../../shared/text';
import { $createAnnotationMarkNode, $isAnnotationMarkNode } from './AnnotationMarkNode';
import {
  type MarkSpan,
  type ParagraphRange,
  type Segment,
  cachedParagraphRanges,
  paragraphIndexAt,
  segmentParagraph,
  segments,
} from './segments';
import { $spliceChanged } from './reuse';
import { $getSelectedAnnotation, $rememberSelectedAnnotation } from './selectedAnnotation';
import { $createSuggestionMarkNode, type SuggestionSpan } from './SuggestionMarkNode';

export type LoadOptions = {
  /** Annotation to show as selected; when left out the editor's current selection is kept. */
  selectedId?: string | null;
  /** The registry's proposals to draw, sorted by start and not overlapping one another. */
  suggestions?: readonly SuggestionSpan[];
};

const NO_SUGGESTIONS: readonly SuggestionSpan[] = [];

/**
 * Walks one paragraph's suggestions as its runs of text are built left to right, so each run
 * only looks at the suggestions from where the previous one stopped.
 */
class SuggestionCursor {
  private next = 0;
  constructor(private readonly list: readonly SuggestionSpan[]) {}

  /** Text [from, to) as nodes, the parts inside suggestions wrapped in their marks. */
  nodes(text: string, from: number, to: number, out: LexicalNode[]): void {
    const list = this.list;
    while (this.next < list.length && (list[this.next] as SuggestionSpan).end <= from) this.next++;
    let at = from;
    for (let i = this.next; i < list.length; i++) {
      const s = list[i] as SuggestionSpan;
      if (s.start >= to) break;
      const start = Math.max(s.start, at);
      const end = Math.min(s.end, to);
      if (end <= start) continue;
      plainNodes(text, at, start, out);
      const inner: LexicalNode[] = [];
      plainNodes(text, start, end, inner);
      if (inner.length > 0) out.push($createSuggestionMarkNode(s.id).append(...inner));
      at = end;
    }
    plainNodes(text, at, to, out);
  }
}

/** The suggestions that reach into [start, end), in order. */
function suggestionsWithin(list: readonly SuggestionSpan[], start: number, end: number): readonly SuggestionSpan[] {
  if (list.length === 0) return NO_SUGGESTIONS;
  return list.filter((s) => s.start < end && s.end > start);
}

/** Plain text with its single newlines turned into line breaks, as the editor holds it. */
function plainNodes(text: string, from: number, to: number, out: LexicalNode[]): void {
  let start = from;
  while (start < to) {
    const newline = text.indexOf('\n', start);
    const stop = newline === -1 || newline >= to ? to : newline;
    if (stop > start) out.push($createTextNode(text.slice(start, stop)));
    if (stop === to) break;
    out.push($createLineBreakNode());
    start = stop + 1;
  }
}

/** Children of one paragraph; `segs` are that paragraph's segments in order. */
function paragraphChildren(
  text: string,
  range: ParagraphRange,
  segs: readonly Segment[],
  selectedId: string | null,
  suggestions: readonly SuggestionSpan[],
): LexicalNode[] {
  const children: LexicalNode[] = [];
  const runs = new SuggestionCursor(suggestionsWithin(suggestions, range.start, range.end));
  let position = range.start;
  for (const segment of segs) {
    runs.nodes(text, position, segment.start, children);
    const inner: LexicalNode[] = [];
    runs.nodes(text, segment.start, segment.end, inner);
    const selected = selectedId !== null && segment.ids.includes(selectedId);
    children.push($createAnnotationMarkNode(segment.ids, segment.labels, segment.starts, selected).append(...inner));
    position = segment.end;
  }
  runs.nodes(text, position, range.end, children);
  return children;
}

function applySelectedOption(options: LoadOptions | undefined): string | null {
  if (options?.selectedId !== undefined) $rememberSelectedAnnotation(options.selectedId);
  return $getSelectedAnnotation();
}

/**
 * Replaces the whole document with `text` and its highlights: one paragraph per paragraph of
 * the canonical text, line breaks for single newlines, and one flat mark per segment. Run it
 * inside a single `editor.update` so the article appears in one commit.
 */
export function $loadArticle(text: string, spans: readonly MarkSpan[], options?: LoadOptions): void {
  const selectedId = applySelectedOption(options);
  const suggestions = options?.suggestions ?? NO_SUGGESTIONS;
  const ranges = cachedParagraphRanges(text);
  const all = segments(text, spans);
  const blocks: ParagraphNode[] = [];
  let next = 0;
  for (const range of ranges) {
    const first = next;
    while (next < all.length && (all[next] as Segment).start < range.end) next++;
    blocks.push($createParagraphNode().append(...paragraphChildren(text, range, all.slice(first, next), selectedId, suggestions)));
  }
  const root = $getRoot();
  root.splice(0, root.getChildrenSize(), blocks);
}

/**
 * Rebuilds only the paragraphs that intersect [start, end) (the paragraph holding `start` when
 * the range is empty) from `spans`, after an annotation was added, removed or retagged. Pass the
 * union of the old and new ranges of what changed. When the document does not match `text`
 * (another article, or text edited since the load) it falls back to `$loadArticle`. A browser
 * selection inside the rebuilt paragraphs is not kept here: the reader puts it back on the same
 * text after the commit (updateKeepingSelection), where it can see the new DOM.
 * @returns true when the refresh was done in place, false when it reloaded everything.
 */
export function $refreshSpans(text: string, spans: readonly MarkSpan[], start: number, end: number, options?: LoadOptions): boolean {
  const selectedId = applySelectedOption(options);
  const ranges = cachedParagraphRanges(text);
  const root = $getRoot();
  const suggestions = options?.suggestions ?? NO_SUGGESTIONS;
  if (root.getChildrenSize() !== ranges.length) {
    $loadArticle(text, spans, { suggestions });
    return false;
  }
  const from = Math.max(0, Math.min(start, end, text.length));
  const to = Math.min(text.length, Math.max(start, end));
  const firstIndex = paragraphIndexAt(ranges, from);
  const lastIndex = to > from ? paragraphIndexAt(ranges, to - 1) : firstIndex;
  const windowStart = (ranges[firstIndex] as ParagraphRange).start;
  const windowEnd = (ranges[lastIndex] as ParagraphRange).end;
  const nearby = spans.filter((s) => s.start < windowEnd && s.end > windowStart);

  const targets: ElementNode[] = [];
  let block = root.getChildAtIndex(firstIndex);
  for (let index = firstIndex; index <= lastIndex; index++) {
    const range = ranges[index] as ParagraphRange;
    if (!$isElementNode(block) || block.getTextContent() !== text.slice(range.start, range.end)) {
      $loadArticle(text, spans, { suggestions });
      return false;
    }
    targets.push(block);
    block = block.getNextSibling();
  }
  targets.forEach((paragraph, i) => {
    const range = ranges[firstIndex + i] as ParagraphRange;
    const segs = segmentParagraph(range.start, range.end, nearby);
    $spliceChanged(paragraph, paragraphChildren(text, range, segs, selectedId, suggestions));
  });
  return true;
}

/** The document's text as canonical text: what correct-text mode saves. */
export function $readText(): string {
  return canonicalize($getRoot().getTextContent());
}

function $collectSegments(element: ElementNode, position: number, out: Segment[]): number {
  let at = position;
  for (let child = element.getFirstChild(); child !== null; child = child.getNextSibling()) {
    if ($isAnnotationMarkNode(child)) {
      const start = at;
      at = $collectSegments(child, at, out);
      out.push({ start, end: at, ids: child.getIds(), labels: child.getLabels(), starts: child.getStarts() });
    } else if ($isElementNode(child)) {
      at = $collectSegments(child, at, out);
    } else {
      at += child.getTextContentSize();
    }
  }
  return at;
}

/** Every mark in the document with its offsets into the canonical text, in document order. */
export function $readSegments(): Segment[] {
  const out: Segment[] = [];
  let position = 0;
  for (let block = $getRoot().getFirstChild(); block !== null; block = block.getNextSibling()) {
    if ($isElementNode(block)) position = $collectSegments(block, position, out);
    else position += block.getTextContentSize();
    // The root separates blocks exactly as ElementNode.getTextContent does.
    if (block.getNextSibling() !== null && $isElementNode(block) && !block.isInline()) position += 2;
  }
  return out;
}

/**
 * The annotations as the document shows them: each id with the smallest start and largest end
 * of its marks, sorted by start then id. Reading them back after a load gives the loaded spans.
 */
export function $readMarkSpans(): MarkSpan[] {
  const byId = new Map<string, MarkSpan>();
  for (const segment of $readSegments()) {
    segment.ids.forEach((id, i) => {
      const label = segment.labels[i];
      if (label === undefined) return;
      const known = byId.get(id);
      if (known === undefined) byId.set(id, { id, label, start: segment.start, end: segment.end });
      else {
        known.start = Math.min(known.start, segment.start);
        known.end = Math.max(known.end, segment.end);
      }
    });
  }
  return [...byId.values()].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
