import { useEffect } from 'react';
import { LABELS, type Label } from '../../../shared/model';

export interface ReaderKeyActions {
  tag(label: Label): void;
  remove(): void;
  undo(): void;
  redo(): void;
  next(delta: 1 | -1): void;
  /** Moves focus to the selected actor's Linked entity field. */
  link(): void;
}

/** Typing into a field must never tag, delete or undo annotations. */
function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || (el.isContentEditable && el.getAttribute('contenteditable') === 'true');
}

/**
 * A key meant for a dialog or a menu (choosing an export format with the arrow keys, Escape to
 * close a menu) must not act on the article behind it; while a modal dialog is open, nothing
 * behind it takes keys at all.
 */
function meantForOverlay(target: EventTarget | null): boolean {
  const el = target instanceof Element ? target : null;
  if (el?.closest('[role="dialog"], [aria-modal="true"], [role="menu"], [role="menubar"]')) return true;
  return document.querySelector('[aria-modal="true"]') !== null;
}

/** Keys 1-4 tag, Delete removes, Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes, N/P step through, L links an actor. */
export function useReaderKeys(enabled: boolean, actions: ReaderKeyActions): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (typingInField(e.target) || e.altKey || meantForOverlay(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) actions.redo();
        else actions.undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        actions.redo();
      } else if (!mod && /^[1-4]$/.test(e.key)) {
        e.preventDefault();
        actions.tag(LABELS[Number(e.key) - 1] as Label);
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        e.preventDefault();
        actions.remove();
      } else if (!mod && (key === 'n' || key === 'p')) {
        e.preventDefault();
        actions.next(key === 'n' ? 1 : -1);
      } else if (!mod && key === 'l') {
        e.preventDefault();
        actions.link();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled, actions]);
}
