import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import type { LexicalEditor } from 'lexical';
import { useEffect } from 'react';
import { $loadArticle, $refreshSpans, $setSelectedAnnotation, type MarkSpan } from '../editor';
import { updateKeepingSelection } from './keepSelection';
import type { Range, ReaderSession } from './session';

/** How long a pause in typing must be for the next keystroke to start a new undo step. */
const HISTORY_MERGE_MS = 300;

function spansOf(session: ReaderSession): MarkSpan[] {
  const spans: MarkSpan[] = [];
  for (const a of session.annotations.values()) {
    // An orphaned annotation has no text left to mark; it stays listed in the panel.
    if (a.status === 'ok' && a.end > a.start) spans.push({ id: a.id, label: a.label, start: a.start, end: a.end });
  }
  return spans;
}

function rangeOf(session: ReaderSession, id: string | null): Range | null {
  const a = id === null ? undefined : session.annotations.get(id);
  return a && a.status === 'ok' ? { start: a.start, end: a.end } : null;
}

/**
 * Keeps the editor equal to the session: the whole article in one update on load, then only the
 * paragraphs an operation touched, and only the marks whose selected state changed. The editor
 * is the view, the session the truth. Returns the cleanup.
 */
export function registerReaderSync(editor: LexicalEditor, session: ReaderSession): () => void {
  let shownId = session.selectedId;
  let shownRange = rangeOf(session, shownId);
  editor.setEditable(false);
  editor.update(() => $loadArticle(session.article.text, spansOf(session), { selectedId: shownId, suggestions: session.suggestionMarks }), {
    discrete: true,
  });
  return session.subscribe((change) => {
    const text = session.article.text;
    const selectedId = session.selectedId;
    const selectionChanged = selectedId !== shownId;
    const previous = shownRange;
    shownId = selectedId;
    shownRange = rangeOf(session, selectedId);
    if (change.full) {
      editor.update(() => $loadArticle(text, spansOf(session), { selectedId, suggestions: session.suggestionMarks }), { discrete: true });
      return;
    }
    if (!selectionChanged && change.ranges.length === 0) return;
    updateKeepingSelection(
      editor,
      () => text,
      () => {
        if (selectionChanged) {
          const ranges = [previous, shownRange].filter((r): r is Range => r !== null);
          $setSelectedAnnotation(selectedId, { text, ranges });
        }
        if (change.ranges.length > 0) {
          const start = Math.min(...change.ranges.map((r) => r.start));
          const end = Math.max(...change.ranges.map((r) => r.end));
          $refreshSpans(text, spansOf(session), start, end, { suggestions: session.suggestionMarks });
        }
      },
    );
  });
}

/**
 * Reading mode follows the session; correcting mode shows the plain text, editable, with its own
 * undo history (Ctrl/Cmd+Z inside the correction) that ends with the correction.
 */
export function useEditorSync(editor: LexicalEditor, session: ReaderSession, correcting: boolean): void {
  useEffect(() => {
    if (!correcting) return registerReaderSync(editor, session);
    editor.setEditable(true);
    editor.update(() => $loadArticle(session.article.text, []), { discrete: true });
    // Registered after the load so the load itself is not a step to undo.
    return registerHistory(editor, createEmptyHistoryState(), HISTORY_MERGE_MS);
  }, [editor, session, correcting]);
}
