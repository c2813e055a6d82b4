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

/**
 * A place in the root's text as the block (the root's child) it is in and how many characters of
 * that block's text nodes come before it. Finding or reading one touches a single paragraph, not
 * the whole article: on a 30,000-word article an offset counted from the top cost milliseconds
 * per key press, several times over.
 */
export interface CaretPoint {
  block: number;
  offset: number;
}

/** The root's child that holds `node` (the root itself for a point between blocks), and its index. */
function blockOf(root: Node, node: Node, offset: number): { block: Node; index: number; node: Node; offset: number } {
  let child: Node = node;
  if (child === root) {
    // A point between two blocks: the start of the block after it, or the end of the last one.
    const next = root.childNodes[offset] ?? null;
    if (next) return { block: next, index: offset, node: next, offset: 0 };
    const last = root.lastChild;
    if (!last) return { block: root, index: 0, node: root, offset: 0 };
    return { block: last, index: root.childNodes.length - 1, node: last, offset: last.childNodes.length };
  }
  while (child.parentNode && child.parentNode !== root) child = child.parentNode;
  let index = 0;
  for (let s = child.previousSibling; s; s = s.previousSibling) index++;
  return { block: child, index, node, offset };
}

// The DOM's constants by value: the module is also run outside a browser, where the globals
// Node and NodeFilter do not exist.
const TEXT_NODE = 3;
const SHOW_TEXT = 4;
const FOLLOWING = 4;

/** Characters of `block`'s text nodes before the DOM point (node, offset) inside it. */
function localOffset(block: Node, node: Node, offset: number): number {
  const doc = block.ownerDocument as Document;
  const walker = doc.createTreeWalker(block, SHOW_TEXT);
  // An element point sits before its child at `offset`, or at the element's end.
  const next = node.nodeType === TEXT_NODE ? null : (node.childNodes[offset] ?? null);
  const before = (text: Node): boolean => {
    if (next) return text !== next && !next.contains(text) && (text.compareDocumentPosition(next) & FOLLOWING) !== 0;
    return node.contains(text) || (text.compareDocumentPosition(node) & FOLLOWING) !== 0;
  };
  let count = 0;
  while (walker.nextNode()) {
    const text = walker.currentNode as Text;
    if (node.nodeType === TEXT_NODE) {
      if (text === node) return count + offset;
    } else if (!before(text)) return count;
    count += text.data.length;
  }
  return count;
}

/** The caret point of a DOM point inside `root`. */
export function caretPointOf(root: Node, node: Node, offset: number): CaretPoint {
  const found = blockOf(root, node, offset);
  return { block: found.index, offset: found.block === root ? 0 : localOffset(found.block, found.node, found.offset) };
}

/** The DOM point of a caret point (caretPointOf's inverse): the end of the block if beyond it, the end of the text if past the last. */
export function domPointAt(root: Node, point: CaretPoint): [Node, number] {
  const count = root.childNodes.length;
  if (count === 0) return [root, 0];
  const inRange = point.block < count;
  const block = root.childNodes[inRange ? Math.max(0, point.block) : count - 1] as Node;
  const walker = (root.ownerDocument as Document).createTreeWalker(block, SHOW_TEXT);
  let left = inRange ? Math.max(0, point.offset) : Number.MAX_SAFE_INTEGER;
  let last: Text | null = null;
  while (walker.nextNode()) {
    const node = walker.currentNode as Text;
    if (left <= node.data.length) return [node, left];
    left -= node.data.length;
    last = node;
  }
  return last ? [last, last.data.length] : [block, 0];
}

/** The first and last places of the text. */
const START: CaretPoint = { block: 0, offset: 0 };
const FINISH: CaretPoint = { block: Number.MAX_SAFE_INTEGER, offset: 0 };

function later(a: CaretPoint, b: CaretPoint): CaretPoint {
  return a.block > b.block || (a.block === b.block && a.offset >= b.offset) ? a : b;
}

interface CaretState {
  /** Where the caret was last seen: put back there when a redraw drops it. */
  saved: { anchor: CaretPoint; focus: CaretPoint } | null;
  /** A caret placeCaretBeforeFrame has promised but not yet put down (its frame has not come). */
  pending: CaretPoint | null;
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
  const anchor = caretPointOf(root, sel.anchorNode, sel.anchorOffset);
  state.saved = { anchor, focus: sel.isCollapsed ? anchor : caretPointOf(root, sel.focusNode, sel.focusOffset) };
}

function restore(root: HTMLElement, saved: { anchor: CaretPoint; focus: CaretPoint }): void {
  const sel = root.ownerDocument.getSelection();
  if (!sel) return;
  const [an, ao] = domPointAt(root, saved.anchor);
  const [fn, fo] = domPointAt(root, saved.focus);
  sel.setBaseAndExtent(an, ao, fn, fo);
}

/** Where the selection in `root` ends (its later edge); null when it is elsewhere. */
export function selectionEnd(root: HTMLElement): CaretPoint | null {
  const sel = selectionIn(root);
  if (!sel || !sel.anchorNode || !sel.focusNode) return states.get(root)?.pending ?? null;
  const anchor = caretPointOf(root, sel.anchorNode, sel.anchorOffset);
  return sel.isCollapsed ? anchor : later(anchor, caretPointOf(root, sel.focusNode, sel.focusOffset));
}

/** Puts a collapsed caret at `point`, and keeps it there through redraws. */
export function placeCaret(root: HTMLElement, point: CaretPoint): void {
  const sel = root.ownerDocument.getSelection();
  if (!sel) return;
  const [node, at] = domPointAt(root, point);
  sel.collapse(node, at);
  const state = states.get(root);
  if (state) state.saved = { anchor: point, focus: point };
}

/** A hidden window draws no frames: past this, the work runs without waiting for one. */
const FRAME_WAIT_MS = 100;

/** Runs `run` in the next animation frame, before that frame is drawn. Returns a cancel function. */
function inNextFrame(run: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    run();
  };
  const frame = requestAnimationFrame(once);
  const timer = setTimeout(once, FRAME_WAIT_MS);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * placeCaret for a key press that is about to redraw the text: the selection goes now and the
 * caret is put at `point` in the next animation frame, before that frame is drawn, so the same
 * frame shows the caret. Chromium pays about a millisecond and a half for a selection set while
 * it handles a key (on a 30,000-word article) and almost nothing for one set in a frame
 * callback; removing one costs nothing either way. A selection made meanwhile wins.
 */
export function placeCaretBeforeFrame(root: HTMLElement, point: CaretPoint): void {
  const sel = root.ownerDocument.getSelection();
  if (!sel) return;
  const state = states.get(root);
  if (state) {
    state.saved = { anchor: point, focus: point };
    state.pending = point;
  }
  sel.removeAllRanges();
  inNextFrame(() => {
    if (!state) putDown(root, point);
    else if (state.pending === point) settle(root, state);
  });
}

/** A collapsed caret at `point`, unless a selection was made since it was promised (that wins) or the text is gone. */
function putDown(root: HTMLElement, point: CaretPoint): void {
  const sel = root.ownerDocument.getSelection();
  if (!sel || sel.rangeCount > 0 || !root.isConnected) return;
  const [node, at] = domPointAt(root, point);
  sel.collapse(node, at);
}

/**
 * Puts down the caret placeCaretBeforeFrame promised, in its frame or sooner: a key pressed before
 * that frame came (a fast typist, a busy machine) must move from where the caret was put, not
 * from the top.
 */
function settle(root: HTMLElement, state: CaretState): void {
  const point = state.pending;
  if (!point) return;
  state.pending = null;
  putDown(root, point);
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
  const state: CaretState = { saved: null, pending: null };
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
    const [node, offset] = domPointAt(root, START);
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
    if (selectionIn(root)) {
      // A selection made before the promised caret was put down wins over it.
      state.pending = null;
      rememberCaret(root);
    }
    draw(false);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (root.isContentEditable || e.target !== root) return;
    const id = shortcutOf(e, 'text');
    if (!id) return;
    const sel = doc.getSelection();
    if (!sel) return;
    settle(root, state);
    if (!selectionIn(root)) placeAtStart();
    const move = MOVES[id];
    if (move) {
      e.preventDefault();
      sel.modify(...move);
    } else if (id === 'caret-start' || id === 'caret-finish') {
      e.preventDefault();
      const [node, offset] = domPointAt(root, id === 'caret-start' ? START : FINISH);
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
  // Put back in the next frame, before it is drawn: a selection set in the key press that caused
  // the redraw costs far more (placeCaretBeforeFrame), and the frame shows the caret either way.
  let restoring: (() => void) | null = null;
  const observer = new MutationObserver(() => {
    if (!active() || !state.saved || restoring) return;
    restoring = inNextFrame(() => {
      restoring = null;
      if (!active() || !state.saved) return;
      const sel = selectionIn(root);
      const lost = !sel || !(sel.anchorNode instanceof Text) || !(sel.focusNode instanceof Text) || !sel.anchorNode.isConnected;
      if (lost) restore(root, state.saved);
      draw(false);
    });
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  const resize = new ResizeObserver(() => draw(false));
  resize.observe(root);

  root.addEventListener('focus', onFocus);
  root.addEventListener('blur', onBlur);
  root.addEventListener('keydown', onKeyDown);
  doc.addEventListener('selectionchange', onSelectionChange);
  return () => {
    restoring?.();
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
