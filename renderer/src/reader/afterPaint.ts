import { useEffect, useState } from 'react';

/**
 * Work that must not hold up the frame a key press is drawn in: it runs once the frame being
 * prepared now has been painted, and after the tasks the browser treats as more urgent. A task
 * posted from an animation-frame callback runs after that frame's style, layout and paint; at
 * background priority (the Prioritized Task Scheduling API, where the browser has it) it also
 * yields to input and to the page's ordinary tasks.
 */
type PostTask = (callback: () => void, options: { priority: 'background'; signal?: AbortSignal }) => Promise<void>;

function backgroundTask(run: () => void, signal: AbortSignal): void {
  const post = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler?.postTask;
  if (post) {
    // An aborted task rejects its promise; nothing waits on it.
    post.call((globalThis as { scheduler?: unknown }).scheduler, run, { priority: 'background', signal }).catch(() => undefined);
    return;
  }
  const timer = setTimeout(run, 0);
  signal.addEventListener('abort', () => clearTimeout(timer));
}

/** A hidden window draws no frames: past this, the work runs without waiting for one. */
const FRAME_WAIT_MS = 100;

/**
 * Runs `run` after the next paint (outside a browser, or in a window that draws no frames: on a
 * later task). Returns a cancel function; cancelling after it ran does nothing.
 */
export function afterPaint(run: () => void): () => void {
  const abort = new AbortController();
  if (typeof requestAnimationFrame !== 'function') {
    backgroundTask(run, abort.signal);
    return () => abort.abort();
  }
  let posted = false;
  const post = () => {
    if (posted) return;
    posted = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    backgroundTask(run, abort.signal);
  };
  const frame = requestAnimationFrame(post);
  const timer = setTimeout(post, FRAME_WAIT_MS);
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    abort.abort();
  };
}

/** Resolves after the next paint (see afterPaint). */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => afterPaint(resolve));
}

/**
 * `value` as it was at the last paint: a view fed this follows a change a frame later, drawn
 * after the frame that shows what the key press changed in the text. (React's useDeferredValue
 * renders the lagging part in a task queued before that frame, so the frame still waits for it.)
 */
export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    return afterPaint(() => setShown(() => value));
  }, [value, shown]);
  return shown;
}

type Subscribe = (listener: () => void) => () => void;

/**
 * `subscribe` with its listeners told of changes after the next paint, once for however many
 * changes came before it: a view that re-renders on a store's changes (the reader's header and
 * toolbar on the session's) then never renders in front of the frame that shows a key press.
 */
export function subscribeAfterPaint(subscribe: Subscribe): Subscribe {
  return (listener) => {
    let cancel: (() => void) | null = null;
    const unsubscribe = subscribe(() => {
      cancel ??= afterPaint(() => {
        cancel = null;
        listener();
      });
    });
    return () => {
      unsubscribe();
      cancel?.();
    };
  };
}
