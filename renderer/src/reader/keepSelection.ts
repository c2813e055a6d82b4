import { $setSelection, type LexicalEditor } from 'lexical';
import { $offsetToPoint, $selectionPoints, type PointSpec } from '../editor';

type Points = { anchor: number; focus: number };

/** The DOM position of a Lexical point: a text node's character, or an element's child slot. */
function domPoint(editor: LexicalEditor, point: PointSpec): [Node, number] | null {
  const element = editor.getElementByKey(point.key);
  if (!element) return null;
  if (point.type === 'text') {
    const textNode = element.firstChild;
    return textNode && textNode.nodeType === Node.TEXT_NODE ? [textNode, point.offset] : [element, 0];
  }
  return [element, Math.min(point.offset, element.childNodes.length)];
}

/**
 * Runs an editor update that may rebuild paragraphs without losing what the analyst has selected
 * meanwhile. Rebuilding replaces the DOM nodes a browser selection points into, which collapses
 * it; the selection is read as text offsets before and put back on the same text after. The
 * reader keeps no Lexical selection of its own (it is read-only), so none is left behind.
 */
export function updateKeepingSelection(editor: LexicalEditor, text: () => string, update: () => void): void {
  let kept: Points | null = null;
  editor.update(
    () => {
      // With no selection of its own, Lexical reads the page's selection at the start of an update.
      const points = $selectionPoints(text());
      kept = points && points.anchor !== points.focus ? points : null;
      update();
      $setSelection(null);
    },
    { discrete: true },
  );
  const restore = kept as Points | null;
  if (!restore) return;
  const dom = window.getSelection();
  if (!dom) return;
  editor.getEditorState().read(() => {
    const backward = restore.focus < restore.anchor;
    const first = $offsetToPoint(Math.min(restore.anchor, restore.focus), 'forward', text());
    const last = $offsetToPoint(Math.max(restore.anchor, restore.focus), 'backward', text());
    const a = domPoint(editor, backward ? last : first);
    const f = domPoint(editor, backward ? first : last);
    if (a && f) dom.setBaseAndExtent(a[0], a[1], f[0], f[1]);
  });
}
