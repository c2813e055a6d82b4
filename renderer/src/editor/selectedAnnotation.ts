import { $getEditor, $getRoot, $isElementNode, type ElementNode, type LexicalEditor } from 'lexical';
import { $isAnnotationMarkNode } from './AnnotationMarkNode';

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

/**
 * Marks every run of the annotation `id` as selected (`data-selected="true"` in the DOM) and
 * clears the previous selection; `null` clears it. Only marks whose state changes are written,
 * so the reconciler touches just those elements. Run it with the `history-merge` tag (or
 * outside any history plugin) so that selecting is not an undo step.
 */
export function $setSelectedAnnotation(id: string | null): void {
  $rememberSelectedAnnotation(id);
  $applyToMarks($getRoot(), id);
}
