import { useEffect } from 'react';
import type { Label } from '../../../shared/model';
import { shortcutOf } from '../a11y/shortcuts';

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

const TAGS: Record<string, Label> = { 'tag-event': 'event', 'tag-claim': 'claim', 'tag-actor': 'actor', 'tag-figure': 'figure' };

/** The reader's keys, as the shortcut table lists them (scope 'reader'). */
export function useReaderKeys(enabled: boolean, actions: ReaderKeyActions): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (typingInField(e.target) || meantForOverlay(e.target)) return;
      const id = shortcutOf(e, 'reader');
      if (id === null) return;
      e.preventDefault();
      const label = TAGS[id];
      if (label) actions.tag(label);
      else if (id === 'remove') actions.remove();
      else if (id === 'undo') actions.undo();
      else if (id === 'redo') actions.redo();
      else if (id === 'next') actions.next(1);
      else if (id === 'previous') actions.next(-1);
      else if (id === 'link') actions.link();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled, actions]);
}
