import type { LexicalEditor } from 'lexical';
import { useEffect } from 'react';
import { $loadArticle, $refreshSpans, type MarkSpan } from '../editor';
import { updateKeepingSelection } from './keepSelection';
import type { ReaderSession } from './session';

function spansOf(session: ReaderSession): MarkSpan[] {
  const spans: MarkSpan[] = [];
  for (const a of session.annotations.values()) {
    // An orphaned annotation has no text left to mark; it stays listed in the panel.
    if (a.status === 'ok' && a.end > a.start) spans.push({ id: a.id, label: a.label, start: a.start, end: a.end });
  }
  return spans;
}

/** Marks the selected annotation's highlights; a DOM attribute, so selecting never rebuilds the text. */
function markSelected(root: HTMLElement | null, id: string | null): void {
  if (!root) return;
  for (const el of root.querySelectorAll('mark[data-selected]')) el.removeAttribute('data-selected');
  if (!id) return;
  for (const el of root.querySelectorAll(`mark[data-annotation-ids~="${CSS.escape(id)}"]`)) el.setAttribute('data-selected', 'true');
}

/**
 * Keeps the editor equal to the session: the whole article in one update on load, then only the
 * paragraphs an operation touched. Returns nothing: the editor is the view, the session the truth.
 */
export function useEditorSync(editor: LexicalEditor, session: ReaderSession, correcting: boolean): void {
  useEffect(() => {
    if (correcting) {
      editor.setEditable(true);
      editor.update(() => $loadArticle(session.article.text, []), { discrete: true });
      return;
    }
    editor.setEditable(false);
    editor.update(() => $loadArticle(session.article.text, spansOf(session)), { discrete: true });
    markSelected(editor.getRootElement(), session.selectedId);
    const unsubscribe = session.subscribe((change) => {
      if (change.full) {
        editor.update(() => $loadArticle(session.article.text, spansOf(session)), { discrete: true });
      } else if (change.ranges.length > 0) {
        const start = Math.min(...change.ranges.map((r) => r.start));
        const end = Math.max(...change.ranges.map((r) => r.end));
        updateKeepingSelection(
          editor,
          () => session.article.text,
          () => $refreshSpans(session.article.text, spansOf(session), start, end),
        );
      }
      markSelected(editor.getRootElement(), session.selectedId);
    });
    return unsubscribe;
  }, [editor, session, correcting]);
}
