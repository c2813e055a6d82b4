import { $isElementNode, $isLineBreakNode, $isTextNode, type ElementNode, type LexicalNode } from 'lexical';
import { $isAnnotationMarkNode } from './AnnotationMarkNode';
import { $isSuggestionMarkNode } from './SuggestionMarkNode';

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether two nodes would draw the same DOM: same kind, same marks, same text, all the way down. */
export function $sameDrawing(a: LexicalNode, b: LexicalNode): boolean {
  if ($isTextNode(a)) {
    return $isTextNode(b) && a.getTextContent() === b.getTextContent() && a.getFormat() === b.getFormat() && a.getStyle() === b.getStyle() && a.getMode() === b.getMode();
  }
  if ($isLineBreakNode(a)) return $isLineBreakNode(b);
  if ($isAnnotationMarkNode(a)) {
    if (!$isAnnotationMarkNode(b)) return false;
    const x = a.getLatest();
    const y = b.getLatest();
    if (x.__selected !== y.__selected || !sameList(x.__ids, y.__ids) || !sameList(x.__labels, y.__labels) || !sameList(x.__starts, y.__starts)) return false;
    return $sameChildren(a, b);
  }
  if ($isSuggestionMarkNode(a)) return $isSuggestionMarkNode(b) && a.getSuggestionId() === b.getSuggestionId() && $sameChildren(a, b);
  return false;
}

function $sameChildren(a: ElementNode, b: ElementNode): boolean {
  const x = a.getChildren();
  const y = b.getChildren();
  return x.length === y.length && x.every((child, i) => $sameDrawing(child, y[i] as LexicalNode));
}

/**
 * Replaces `block`'s children with `next`, keeping the runs at either end that `next` draws the
 * same: a new highlight changes a few marks of a paragraph, and only those are rebuilt in the DOM
 * (a paragraph of a 30,000-word article holds dozens of marks; rebuilding them all cost the
 * reconciler, the style and the layout of every one on each key press).
 */
export function $spliceChanged(block: ElementNode, next: readonly LexicalNode[]): void {
  if (!$isElementNode(block)) return;
  const now = block.getChildren();
  let head = 0;
  while (head < now.length && head < next.length && $sameDrawing(now[head] as LexicalNode, next[head] as LexicalNode)) head++;
  let tail = 0;
  while (
    tail < now.length - head &&
    tail < next.length - head &&
    $sameDrawing(now[now.length - 1 - tail] as LexicalNode, next[next.length - 1 - tail] as LexicalNode)
  ) {
    tail++;
  }
  if (head === now.length && head === next.length) return;
  block.splice(head, now.length - head - tail, next.slice(head, next.length - tail));
}
