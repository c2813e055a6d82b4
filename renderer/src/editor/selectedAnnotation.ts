import { $getEditor, $getRoot, $isElementNode, type ElementNode, type LexicalEditor } from 'lexical';
import { $isAnnotationMarkNode } from './AnnotationMarkNode';
import { cachedParagraphRanges, paragraphIndexAt } from './segments';

// Which annotation is selected is reader state, not document state: it lives beside the editor
// so that rebuilding paragraphs ($loadArticle, $refreshSpans) can re-apply it without the caller
// passing it every time.
const selectedByEditor = new WeakMap<LexicalEditor, string>();

/** The annotation id last passed to `$setSelectedAnnotation` for the active editor. */
export function $getSelectedAnnotation(): string | null {
  return selectedByEditor.get($getEditor()) ?? null;
}

/** Records the selection without touching nodes; for builders that create marks themselves. */
export function $rememberSelectedAnnotation(id: string | null): void {
  const editor = $getEditor();
  if (id === null) selectedByEditor.delete(editor);
  else selectedByEditor.set(editor, id);
}

function $applyToMarks(element: ElementNode, id: string | null): void {
  for (let child = element.getFirstChild(); child !== null; child = child.getNextSibling()) {
    if ($isAnnotationMarkNode(child)) {
      const selected = id !== null && child.hasId(id);
      if (child.isSelectedAnnotation() !== selected) child.setSelectedAnnotation(selected);
    } else if ($isElementNode(child)) {
      $applyToMarks(child, id);
    }
  }
}

/** Where the previous and the new selected annotation lie, so only those paragraphs are visited. */
export type SelectionScope = { text: string; ranges: readonly { start: number; end: number }[] };

/**
 * Marks every run of the annotation `id` as selected (`data-selected="true"` in the DOM) and
 * clears the previous selection; `null` clears it. Only marks whose state changes are written,
 * so the reconciler touches just those elements. With `scope` (the document showing
 * `scope.text`), only the paragraphs under `scope.ranges` are visited: pass the ranges of the
 * annotation selected before and of the one selected now.
 */
export function $setSelectedAnnotation(id: string | null, scope?: SelectionScope): void {
  $rememberSelectedAnnotation(id);
  const root = $getRoot();
  const paragraphs = scope ? cachedParagraphRanges(scope.text) : null;
  if (!scope || !paragraphs || paragraphs.length !== root.getChildrenSize()) {
    $applyToMarks(root, id);
    return;
  }
  const visited = new Set<number>();
  for (const range of scope.ranges) {
    const first = paragraphIndexAt(paragraphs, range.start);
    const last = paragraphIndexAt(paragraphs, Math.max(range.start, range.end - 1));
    for (let index = first; index <= last; index++) {
      if (visited.has(index)) continue;
      visited.add(index);
      const block = root.getChildAtIndex(index);
      if ($isElementNode(block)) $applyToMarks(block, id);
    }
  }
}
