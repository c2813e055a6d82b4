import { shortcutOf } from '../a11y/shortcuts';

/**
 * Caret browsing in the read-only article text. The text stays non-editable (nothing typed can
 * change it, by construction) but takes focus; the caret is the page's own collapsed selection,
 * moved with Selection.modify, and drawn by an element of ours since browsers draw no caret in
 * text that cannot be edited.
 */

type Move = [alter: 'move' | 'extend', direction: 'forward' | 'backward', granularity: 'character' | 'word' | 'line' | 'lineboundary'];

const MOVES: Record<string, Move> = {
  'caret-left': ['move', 'backward', 'character'],
  'caret-right': ['move', 'forward', 'character'],
  'caret-up': ['move', 'backward', 'line'],
  'caret-down': ['move', 'forward', 'line'],
  'caret-word-left': ['move', 'backward', 'word'],
  'caret-word-right': ['move', 'forward', 'word'],
  'caret-home': ['move', 'backward', 'lineboundary'],
  'caret-end': ['move', 'forward', 'lineboundary'],
  'extend-left': ['extend', 'backward', 'character'],
  'extend-right': ['extend', 'forward', 'character'],
  'extend-up': ['extend', 'backward', 'line'],
  'extend-down': ['extend', 'forward', 'line'],
  'extend-word-left': ['extend', 'backward', 'word'],
  'extend-word-right': ['extend', 'forward', 'word'],
  'extend-home': ['extend', 'backward', 'lineboundary'],
  'extend-end': ['extend', 'forward', 'lineboundary'],
};

/** How far into the root's text (counting text node characters only) a DOM point is. */
export function textOffsetOf(root: Node, node: Node, offset: number): number {
  const range = root.ownerDocument?.createRange();
  if (!range) return 0;
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** The DOM point `offset` characters into the root's text (textOffsetOf's inverse); the end if beyond. */
export function pointAtTextOffset(root: Node, offset: number): [Node, number] {
  const doc = root.ownerDocument as Document;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let left = Math.max(0, offset);
  let last: Text | null = null;
  while (walker.nextNode()) {
    const node = walker.currentNode as Text;
    if (left <= node.data.length) return [node, left];
    left -= node.data.length;
    last = node;
  }
  return last ? [last, last.data.length] : [root, 0];
}

interface CaretState {
  /** Where the caret was last seen, in text offsets: put back there when a redraw drops it. */
  saved: { anchor: number; focus: number } | null;
}

const states = new WeakMap<HTMLElement, CaretState>();

function selectionIn(root: HTMLElement): Selection | null {
  const sel = root.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0 || !sel.anchorNode || !sel.focusNode) return null;
  return root.contains(sel.anchorNode) && root.contains(sel.focusNode) ? sel : null;
}

/** Records where the caret is now, so a redraw of the text (a new highlight) keeps it there. */
export function rememberCaret(root: HTMLElement | null): void {
  if (!root) return;
  const state = states.get(root);
  const sel = selectionIn(root);
  if (!state || !sel || !sel.anchorNode || !sel.focusNode) return;
  state.saved = { anchor: textOffsetOf(root, sel.anchorNode, sel.anchorOffset), focus: textOffsetOf(root, sel.focusNode, sel.focusOffset) };
}

function restore(root: HTMLElement, saved: { anchor: number; focus: number }): void {
  const sel = root.ownerDocument.getSelection();
  if (!sel) return;
  const [an, ao] = pointAtTextOffset(root, saved.anchor);
  const [fn, fo] = pointAtTextOffset(root, saved.focus);
  sel.setBaseAndExtent(an, ao, fn, fo);
}

/** Where the selection in `root` ends (its later edge), in text offsets; null when it is elsewhere. */
export function selectionEndOffset(root: HTMLElement): number | null {
  const sel = selectionIn(root);
  if (!sel || !sel.anchorNode || !sel.focusNode) return null;
  return Math.max(textOffsetOf(root, sel.anchorNode, sel.anchorOffset), textOffsetOf(root, sel.focusNode, sel.focusOffset));
}

/** Puts a collapsed caret `offset` characters into the text, and keeps it there through redraws. */
export function placeCaret(root: HTMLElement, offset: number): void {
  const sel = root.ownerDocument.getSelection();
  if (!sel) return;
  const [node, at] = pointAtTextOffset(root, offset);
  sel.collapse(node, at);
  rememberCaret(root);
}

export interface CaretOptions {
  /** Shift+F10 or the Menu key: open the context menu at this point of the screen. */
  onMenu?(x: number, y: number, at: Node | null): void;
}

/**
 * Makes `root` (inside the scrolling element `scroller`) browsable with a caret. Returns the cleanup.
 */
export function registerCaret(root: HTMLElement, scroller: HTMLElement, options: CaretOptions = {}): () => void {
  const doc = root.ownerDocument;
  const state: CaretState = { saved: null };
  states.set(root, state);
  const caret = doc.createElement('div');
  caret.className = 'reader-caret';
  caret.setAttribute('aria-hidden', 'true');
  caret.hidden = true;
  scroller.appendChild(caret);

  const active = () => doc.activeElement === root && !root.isContentEditable;

  const focusRect = (sel: Selection): DOMRect | null => {
    if (!sel.focusNode) return null;
    const range = doc.createRange();
    range.setStart(sel.focusNode, sel.focusOffset);
    range.collapse(true);
    const rects = range.getClientRects();
    const rect = rects[rects.length - 1] ?? range.getBoundingClientRect();
    if (rect.height > 0) return rect;
    // A point between two elements (a paragraph's start) has no box of its own: use its neighbour's.
    const el = sel.focusNode instanceof Element ? sel.focusNode : sel.focusNode.parentElement;
    return el?.getBoundingClientRect() ?? null;
  };

  const draw = (reveal: boolean) => {
    const sel = selectionIn(root);
    if (!active() || !sel) {
      caret.hidden = true;
      return;
    }
    const rect = focusRect(sel);
    if (!rect) {
      caret.hidden = true;
      return;
    }
    const box = scroller.getBoundingClientRect();
    caret.hidden = false;
    caret.style.left = `${rect.left - box.left + scroller.scrollLeft}px`;
    caret.style.top = `${rect.top - box.top + scroller.scrollTop}px`;
    caret.style.height = `${rect.height}px`;
    // Restarts the blink, so the caret is solid right after it moved.
    caret.classList.remove('moved');
    void caret.offsetWidth;
    caret.classList.add('moved');
    if (reveal) {
      if (rect.top < box.top) scroller.scrollTop -= box.top - rect.top + 8;
      else if (rect.bottom > box.bottom) scroller.scrollTop += rect.bottom - box.bottom + 8;
    }
  };

  const placeAtStart = () => {
    const sel = doc.getSelection();
    if (!sel || selectionIn(root)) return;
    const [node, offset] = pointAtTextOffset(root, 0);
    sel.collapse(node, offset);
  };

  const onFocus = () => {
    // Back in the text after a field or a button (a link chosen, a note typed): the caret is where
    // it was left, not at the top. A click sets its own selection, which this leaves alone.
    if (state.saved && !selectionIn(root)) restore(root, state.saved);
    else placeAtStart();
    rememberCaret(root);
    draw(true);
  };
  const onBlur = () => {
    caret.hidden = true;
  };
  const onSelectionChange = () => {
    if (selectionIn(root)) rememberCaret(root);
    draw(false);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (root.isContentEditable || e.target !== root) return;
    const id = shortcutOf(e, 'text');
    if (!id) return;
    const sel = doc.getSelection();
    if (!sel) return;
    if (!selectionIn(root)) placeAtStart();
    const move = MOVES[id];
    if (move) {
      e.preventDefault();
      sel.modify(...move);
    } else if (id === 'caret-start' || id === 'caret-finish') {
      e.preventDefault();
      const [node, offset] = pointAtTextOffset(root, id === 'caret-start' ? 0 : Number.MAX_SAFE_INTEGER);
      sel.collapse(node, offset);
    } else if (id === 'collapse') {
      if (sel.isCollapsed) return;
      e.preventDefault();
      if (sel.focusNode) sel.collapse(sel.focusNode, sel.focusOffset);
    } else if (id === 'menu') {
      e.preventDefault();
      const rect = focusRect(sel);
      options.onMenu?.(rect?.left ?? 0, rect?.bottom ?? 0, sel.focusNode);
      return;
    } else return;
    rememberCaret(root);
    draw(true);
  };

  // A redraw of the text (a highlight added or removed) replaces the text nodes the caret was in;
  // the browser then drops the selection or moves it to the paragraph's edge. Put it back.
  const observer = new MutationObserver(() => {
    if (!active() || !state.saved) return;
    const sel = selectionIn(root);
    const lost = !sel || !(sel.anchorNode instanceof Text) || !(sel.focusNode instanceof Text) || !sel.anchorNode.isConnected;
    if (lost) restore(root, state.saved);
    draw(false);
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  const resize = new ResizeObserver(() => draw(false));
  resize.observe(root);

  root.addEventListener('focus', onFocus);
  root.addEventListener('blur', onBlur);
  root.addEventListener('keydown', onKeyDown);
  doc.addEventListener('selectionchange', onSelectionChange);
  return () => {
    observer.disconnect();
    resize.disconnect();
    root.removeEventListener('focus', onFocus);
    root.removeEventListener('blur', onBlur);
    root.removeEventListener('keydown', onKeyDown);
    doc.removeEventListener('selectionchange', onSelectionChange);
    caret.remove();
    states.delete(root);
  };
}
