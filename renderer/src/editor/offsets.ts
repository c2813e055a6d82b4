import {
  $createRangeSelection,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isRootNode,
  $isTextNode,
  $setSelection,
  type ElementNode,
  type LexicalNode,
  type NodeKey,
  type RangeSelection,
} from 'lexical';
import { type ParagraphRange, cachedParagraphRanges, paragraphIndexAt } from './segments';

/** A Lexical selection point expressed without a live selection object. */
export type PointSpec = { key: NodeKey; offset: number; type: 'text' | 'element' };

/**
 * Which node wins when an offset sits on a boundary between two nodes: 'forward' picks the one
 * that starts there (right for a selection's start), 'backward' the one that ends there (right
 * for its end), so a selected span never reaches into a neighbouring mark.
 */
export type Bias = 'forward' | 'backward';

/*
 * Every function here takes an optional `text`: the canonical text the document was loaded
 * from. With it, a paragraph's start comes from the paragraph index instead of summing the
 * sizes of all paragraphs before it, which matters on long articles. Pass it only while the
 * document still shows that text (reading mode); without it the document is measured.
 */

/** Text length a block adds after itself when another block follows (ElementNode.getTextContent). */
function separatorAfter(node: LexicalNode): number {
  return $isElementNode(node) && !node.isInline() ? 2 : 0;
}

function indexedRanges(text: string | undefined): readonly ParagraphRange[] | null {
  if (text === undefined) return null;
  const ranges = cachedParagraphRanges(text);
  return ranges.length === $getRoot().getChildrenSize() ? ranges : null;
}

/** Offset where a top-level block starts. */
function $blockStart(block: LexicalNode, text: string | undefined): number {
  const range = indexedRanges(text)?.[block.getIndexWithinParent()];
  if (range !== undefined) return range.start;
  let offset = 0;
  for (let sibling = block.getPreviousSibling(); sibling !== null; sibling = sibling.getPreviousSibling()) {
    offset += sibling.getTextContentSize() + separatorAfter(sibling);
  }
  return offset;
}

/** Offset in the canonical text where `node`'s text begins. */
export function $nodeStart(node: LexicalNode, text?: string): number {
  let local = 0;
  let current: LexicalNode = node;
  for (let parent = current.getParent(); parent !== null; parent = current.getParent()) {
    if ($isRootNode(parent)) return $blockStart(current, text) + local;
    for (let sibling = current.getPreviousSibling(); sibling !== null; sibling = sibling.getPreviousSibling()) {
      local += sibling.getTextContentSize() + separatorAfter(sibling);
    }
    current = parent;
  }
  return local;
}

/**
 * Converts a Lexical point (a text node and a character offset, or an element and a child
 * index) into an offset in the canonical text. Line breaks and other leaves count as their text
 * (one "\n"): offset 0 is before them, anything else after.
 */
export function $pointToOffset(node: LexicalNode, offset: number, text?: string): number {
  if ($isTextNode(node)) {
    return $nodeStart(node, text) + Math.max(0, Math.min(offset, node.getTextContentSize()));
  }
  if ($isElementNode(node)) {
    const child = offset < node.getChildrenSize() ? node.getChildAtIndex(Math.max(0, offset)) : null;
    if (child !== null) return $nodeStart(child, text);
    if ($isRootNode(node)) return indexedRanges(text)?.at(-1)?.end ?? node.getTextContentSize();
    return $nodeStart(node, text) + node.getTextContentSize();
  }
  return $nodeStart(node, text) + (offset > 0 ? node.getTextContentSize() : 0);
}

/** A range selection's anchor and focus as canonical offsets, in selection order; it need not be the editor's. */
export function $rangePoints(selection: RangeSelection, text?: string): { anchor: number; focus: number } {
  const anchor = $pointToOffset(selection.anchor.getNode(), selection.anchor.offset, text);
  const focus = selection.isCollapsed() ? anchor : $pointToOffset(selection.focus.getNode(), selection.focus.offset, text);
  return { anchor, focus };
}

/** The current range selection's anchor and focus as canonical offsets, in selection order. */
export function $selectionPoints(text?: string): { anchor: number; focus: number } | null {
  const selection = $getSelection();
  return $isRangeSelection(selection) ? $rangePoints(selection, text) : null;
}

/**
 * The current range selection as canonical offsets, start <= end whatever its direction;
 * null when there is no range selection. A caret gives start === end.
 */
export function $selectionOffsets(text?: string): { start: number; end: number } | null {
  const points = $selectionPoints(text);
  if (points === null) return null;
  return { start: Math.min(points.anchor, points.focus), end: Math.max(points.anchor, points.focus) };
}

type Leaf = { node: LexicalNode; start: number; end: number };

function $leavesOf(element: ElementNode, position: number, out: Leaf[]): number {
  let at = position;
  for (let child = element.getFirstChild(); child !== null; child = child.getNextSibling()) {
    if ($isElementNode(child)) {
      at = $leavesOf(child, at, out);
    } else {
      const end = at + child.getTextContentSize();
      out.push({ node: child, start: at, end });
      at = end;
    }
  }
  return at;
}

function elementPoint(node: LexicalNode, after: boolean): PointSpec {
  const parent = node.getParentOrThrow();
  return { key: parent.getKey(), offset: node.getIndexWithinParent() + (after ? 1 : 0), type: 'element' };
}

/** The point for `local`, an offset into `block`'s own text. */
export function $pointInBlock(block: ElementNode, local: number, bias: Bias): PointSpec {
  const leaves: Leaf[] = [];
  $leavesOf(block, 0, leaves);
  const texts = leaves.filter((leaf) => $isTextNode(leaf.node));
  const inside =
    bias === 'forward'
      ? texts.find((l) => l.start <= local && local < l.end)
      : texts.find((l) => l.start < local && local <= l.end);
  // A text node touching the offset only on its other side still beats an element point.
  const touching = inside ?? (bias === 'forward' ? texts.find((l) => l.end === local) : texts.find((l) => l.start === local));
  if (touching !== undefined) return { key: touching.node.getKey(), offset: local - touching.start, type: 'text' };
  const startsHere = leaves.find((l) => l.start === local);
  if (startsHere !== undefined) return elementPoint(startsHere.node, false);
  const endsHere = [...leaves].reverse().find((l) => l.end === local);
  if (endsHere !== undefined) return elementPoint(endsHere.node, true);
  return { key: block.getKey(), offset: 0, type: 'element' };
}

function $pointAt(block: LexicalNode, local: number, bias: Bias): PointSpec {
  return $isElementNode(block) ? $pointInBlock(block, Math.max(0, local), bias) : elementPoint(block, local > 0);
}

/**
 * The Lexical point for a canonical offset. Offsets inside a paragraph separator resolve to the
 * end of the paragraph before it ('backward') or the start of the one after it ('forward').
 */
export function $offsetToPoint(offset: number, bias: Bias = 'forward', text?: string): PointSpec {
  const root = $getRoot();
  const ranges = indexedRanges(text);
  if (ranges !== null) {
    let index = paragraphIndexAt(ranges, offset);
    let range = ranges[index] as ParagraphRange;
    if (offset > range.end && bias === 'forward' && index + 1 < ranges.length) range = ranges[++index] as ParagraphRange;
    const block = root.getChildAtIndex(index);
    if (block !== null) return $pointAt(block, Math.min(offset, range.end) - range.start, bias);
  }
  let position = 0;
  for (let block = root.getFirstChild(); block !== null; block = block.getNextSibling()) {
    const size = block.getTextContentSize();
    const next = block.getNextSibling();
    const separator = next === null ? 0 : separatorAfter(block);
    const inSeparator = offset > position + size && offset < position + size + separator;
    if (offset <= position + size || next === null || (inSeparator && bias === 'backward')) {
      return $pointAt(block, Math.min(offset - position, size), bias);
    }
    position += size + separator;
  }
  return { key: root.getKey(), offset: 0, type: 'element' };
}

/**
 * Selects from `anchor` to `focus` (canonical offsets; focus before anchor makes a backward
 * selection) and returns the selection. The earlier end resolves forward and the later end
 * backward so the selection stays inside the span's own marks.
 */
export function $selectOffsets(anchor: number, focus: number, text?: string): RangeSelection {
  const backward = focus < anchor;
  const first = $offsetToPoint(Math.min(anchor, focus), 'forward', text);
  const last = anchor === focus ? first : $offsetToPoint(Math.max(anchor, focus), 'backward', text);
  const [a, f] = backward ? [last, first] : [first, last];
  const selection = $createRangeSelection();
  selection.anchor.set(a.key, a.offset, a.type);
  selection.focus.set(f.key, f.offset, f.type);
  $setSelection(selection);
  return selection;
}
