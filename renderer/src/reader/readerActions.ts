import { $createRangeSelectionFromDom, $setSelection, type LexicalEditor } from 'lexical';
import type { Annotation, Label } from '../../../shared/model';
import { $rangePoints, findOccurrences, snapSpan } from '../editor';
import { initialAttrs } from './annotationDrafts';
import { placeCaretBeforeFrame, selectionEnd } from './caret';
import { duplicateNotice, duplicateOf, NOTHING_SELECTED_TO_TAG, retagByKeyNotice } from './keyFeedback';
import type { Range, ReaderSession } from './session';

/** The analyst's text selection in the reader as a snapped span of the canonical text, or null. */
export function selectedSpan(editor: LexicalEditor, text: string): Range | null {
  const dom = window.getSelection();
  const root = editor.getRootElement();
  if (!dom || dom.isCollapsed || !root || !dom.anchorNode || !root.contains(dom.anchorNode)) return null;
  let points: { anchor: number; focus: number } | null = null;
  editor.update(
    () => {
      const selection = $createRangeSelectionFromDom(dom, editor);
      points = selection ? $rangePoints(selection, text) : null;
      // The reader keeps no selection of its own: one left in the editor state (Lexical records
      // the page's selection as it changes) would be put back on the page by the next refresh.
      $setSelection(null);
    },
    { discrete: true },
  );
  const read = points as { anchor: number; focus: number } | null;
  if (!read) return null;
  return snapSpan(text, Math.min(read.anchor, read.focus), Math.max(read.anchor, read.focus));
}

/**
 * What a label key or button does: tags the selected text; with no text selected, retags the
 * annotation the analyst chose (never one merely selected by tagging it). Either way the status
 * line says what happened or why nothing did, and the caret stays in the text where the
 * selection ended.
 */
export function tagOrRetag(editor: LexicalEditor, session: ReaderSession, label: Label): Promise<unknown> | null {
  const text = session.article.text;
  const root = editor.getRootElement();
  const caretAt = root ? selectionEnd(root) : null;
  const span = selectedSpan(editor, text);
  if (!span) {
    const chosen = session.selectedId && session.selectionChosen ? session.annotations.get(session.selectedId) : undefined;
    if (!chosen) {
      session.notify(NOTHING_SELECTED_TO_TAG);
      return null;
    }
    const notice = retagByKeyNotice(chosen, label);
    if (chosen.label === label) {
      session.notify(notice);
      return null;
    }
    return session.retag(chosen.id, label).then((done) => {
      // The session's own notice (attributes the new label cannot keep) says more; it stays.
      if (done && session.notice === null) session.notify(notice);
      return done;
    });
  }
  if (root && caretAt !== null) placeCaretBeforeFrame(root, caretAt);
  else window.getSelection()?.removeAllRanges();
  const existing = duplicateOf(session.annotations.values(), label, span.start, span.end);
  if (existing) {
    session.select(existing.id);
    session.notify(duplicateNotice(existing));
    return null;
  }
  return session.tag(label, [span], () => initialAttrs(label, text.slice(span.start, span.end), session.article.language));
}

/** Re-attaches an orphaned annotation to the text selected in the reader. */
export function reattachToSelection(editor: LexicalEditor, session: ReaderSession, id: string): Promise<unknown> | null {
  const span = selectedSpan(editor, session.article.text);
  if (!span) {
    session.notify('Select the text in the article to re-attach the annotation to, then press Re-attach.');
    return null;
  }
  window.getSelection()?.removeAllRanges();
  return session.reattach(id, span);
}

/** The other whole-word occurrences of a selected annotation's quote not yet tagged with its label. */
export function occurrencesOf(selected: Annotation | null, annotations: readonly Annotation[], text: string): Range[] {
  if (!selected || selected.status !== 'ok') return [];
  return findOccurrences(text, selected.quote, annotations.filter((a) => a.label === selected.label));
}

/** The other version of a conflicted annotation, whichever side of the conflict it is on. */
export function rivalOf(a: Annotation, all: readonly Annotation[]): Annotation | null {
  return all.find((x) => (a.conflictOf !== null && x.id === a.conflictOf) || x.conflictOf === a.id) ?? null;
}

/** Scrolls the reader to the first highlight of annotation `id`. */
export function scrollToAnnotation(root: HTMLElement | null, id: string): void {
  const mark = root?.querySelector(`mark[data-annotation-ids~="${CSS.escape(id)}"]`);
  mark?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
}
