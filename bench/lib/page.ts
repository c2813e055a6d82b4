/**
 * Code that runs in the page, kept as source text: the bench compiles for Node (no DOM types), and
 * what runs in Chromium is exactly what is written here. Every time is taken in the page on its
 * performance.now() clock, so Playwright's own round trips never count.
 */

/**
 * Notes when each contract call leaves the page and when its answer is back (the host's bridge
 * calls the global fetch per call), so a figure can be split into the page's work before the call,
 * the round trip (transport and store), and the page's work after it.
 */
export const INSTRUMENT_FETCH = `() => {
  const net = (globalThis.__benchNet = {});
  const fetch0 = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    const channel = decodeURIComponent(String(url).split('/__rpc/')[1] || '');
    const start = performance.now();
    const response = await fetch0(url, init);
    const body = await response.text();
    net[channel] = { start, end: performance.now() };
    return new Response(body, { status: response.status, headers: response.headers });
  };
}`;

/**
 * Opens the article whose library row has `title` by clicking the row, as a user does, and
 * resolves when the reader shows it: its heading, all its paragraphs, and (if expected) its
 * highlights. The DOM is checked at every animation frame; `domMs` is the frame that first shows
 * the article, `paintMs` the message handled after that frame was drawn (a message posted from a
 * frame callback runs after the frame's style, layout and paint).
 */
export const OPEN_ARTICLE = `async ({ title, paragraphs, expectMarks }) => {
  const rows = [...document.querySelectorAll('[role="listbox"][aria-label="Articles"] [role="option"]')];
  const row = rows.find((r) => r.querySelector('.article-title')?.textContent === title);
  if (!row) throw new Error('no library row titled ' + title);
  return await new Promise((resolve, reject) => {
    const t0 = performance.now();
    const timeout = setTimeout(() => reject(new Error('article not shown within 60 s')), 60000);
    const check = () => {
      const h1 = document.querySelector('h1');
      const root = document.querySelector('[aria-label="Article text"]');
      const ready = h1 && h1.textContent === title && root && root.childElementCount === paragraphs && (!expectMarks || root.querySelector('mark'));
      if (!ready) return requestAnimationFrame(check);
      const dom = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        clearTimeout(timeout);
        const net = globalThis.__benchNet && globalThis.__benchNet['articles/get'];
        resolve({
          domMs: dom - t0,
          paintMs: performance.now() - t0,
          marks: root.querySelectorAll('mark').length,
          requestMs: net && net.start >= t0 ? net.start - t0 : null,
          responseMs: net && net.start >= t0 ? net.end - t0 : null,
        });
      };
      channel.port2.postMessage(0);
    };
    row.click();
    requestAnimationFrame(check);
  });
}`;

/**
 * Selects [start, end) of the canonical text in the reader as a mouse drag would leave it (a DOM
 * range over the rendered text nodes; paragraph breaks count as the two newlines they are in the
 * text), after scrolling it into view. The text takes focus first, as it does on the mouse press
 * that starts a drag, so the key lands where a person's would (and the reader's caret follows the
 * selection as it does for them). Returns the selected text for checking.
 */
export const SELECT_RANGE = `({ start, end }) => {
  const root = document.querySelector('[aria-label="Article text"]');
  if (document.activeElement !== root) root.focus({ preventScroll: true });
  const nodes = [];
  const starts = [];
  let offset = 0;
  let lastBlock = null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeType === 1) {
      if (node.tagName === 'BR') offset += 1;
      continue;
    }
    const block = node.parentElement.closest('p');
    if (lastBlock && block !== lastBlock) offset += 2;
    lastBlock = block;
    nodes.push(node);
    starts.push(offset);
    offset += node.data.length;
  }
  const locate = (at, preferEnd) => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      if ((at > starts[i] || (at === starts[i] && !preferEnd)) && at - starts[i] <= nodes[i].data.length) return [nodes[i], at - starts[i]];
    }
    return [nodes[0], 0];
  };
  const [a, aOffset] = locate(start, false);
  const [b, bOffset] = locate(end, true);
  a.parentElement.scrollIntoView({ block: 'center', behavior: 'instant' });
  const range = document.createRange();
  range.setStart(a, aOffset);
  range.setEnd(b, bOffset);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}`;

/**
 * Resolves once the page has drawn two frames with nothing more queued before them: what a
 * selection's scroll brought on screen is laid out and painted, as it is by the time a person who
 * selected text presses a key. Without it the key would be timed behind the scroll's rendering.
 */
export const SETTLE = `() => new Promise((resolve) => {
  const frame = (then) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = then; c.port2.postMessage(0); });
  frame(() => frame(() => resolve(true)));
})`;

/**
 * Arms the keystroke measurement: the first keydown's event.timeStamp (when the browser received
 * the key, input queueing included) starts the clock; a MutationObserver on the reader notes when
 * a <mark> carrying an annotation id that was not on the page before is added or relabelled.
 * Three times come back, each from the key:
 * - `domMs`: the observer's callback, the microtask right after the editor wrote the DOM;
 * - `paintMs`, key to painted: the first frame after the DOM change has run its animation-frame
 *   callbacks, style, layout and paint, and every task queued before the end of that frame has
 *   run too (a message posted from the frame's requestAnimationFrame callback is handled after
 *   the frame's rendering and after the tasks already waiting, such as a render the change
 *   scheduled). Work the app queues to run later than that frame does not count; work it queues
 *   before the frame does;
 * - `settledMs`: the store has answered, the status line says "Saved" and the frame after that
 *   is painted the same way: when the page is ready for the next key with nothing left to draw;
 * - `idleMs`: the page is idle after that (requestIdleCallback): the work the key deferred past
 *   its paint (the side column, the suggestions, the store's answer drawn) is done too. The next
 *   key is pressed only then, so one key's deferred work is never timed as the next key's;
 * - `eventTimingMs`: Chromium's own figure for the key (Event Timing: from the key to the next
 *   frame presented after its handlers, in steps of 8 ms), reported only from 16 ms up, so null
 *   means under 16 ms. The editor draws the highlight inside the keydown handler, so this is an
 *   independent check of `paintMs` from the browser's side.
 * The result waits in globalThis.__benchKey.
 */
export const ARM_KEYSTROKE = `() => {
  const root = document.querySelector('[aria-label="Article text"]');
  const ids = (m) => (m.getAttribute('data-annotation-ids') || '').split(' ').filter(Boolean);
  const known = new Set();
  for (const m of root.querySelectorAll('mark')) for (const id of ids(m)) known.add(id);
  let t0 = Number.NaN;
  let eventTiming = null;
  addEventListener('keydown', (e) => { t0 = e.timeStamp; }, { capture: true, once: true });
  const timing = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'keydown' && Math.abs(e.startTime - t0) < 1) eventTiming = e.duration;
  });
  timing.observe({ type: 'event', durationThreshold: 16 });
  const afterFrame = () => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    });
  });
  const saved = () => [...document.querySelectorAll('.save-state')].some((s) => s.textContent === 'Saved');
  globalThis.__benchKey = new Promise((resolve, reject) => {
    const fresh = (node) => node.nodeType === 1 && (node.tagName === 'MARK' ? [node] : [...node.querySelectorAll('mark')]).some((m) => ids(m).some((id) => !known.has(id)));
    const timeout = setTimeout(() => { observer.disconnect(); reject(new Error('no new highlight, or not saved, within 10 s')); }, 10000);
    const observer = new MutationObserver(async (records) => {
      const now = performance.now();
      if (!records.some((r) => (r.type === 'attributes' ? fresh(r.target) : [...r.addedNodes].some(fresh)))) return;
      observer.disconnect();
      const painted = await afterFrame();
      let settled = painted;
      while (!saved()) settled = await afterFrame();
      if (settled !== painted) settled = await afterFrame();
      // Event Timing entries are delivered after the frame they end with is presented.
      await afterFrame();
      const idle = await new Promise((done) => requestIdleCallback(() => done(performance.now()), { timeout: 5000 }));
      timing.disconnect();
      clearTimeout(timeout);
      const net = globalThis.__benchNet && globalThis.__benchNet['annotations/createMany'];
      const timed = net && net.start >= t0;
      resolve({
        domMs: now - t0,
        paintMs: painted - t0,
        settledMs: settled - t0,
        idleMs: idle - t0,
        eventTimingMs: eventTiming,
        requestMs: timed ? net.start - t0 : null,
        responseMs: timed ? net.end - t0 : null,
      });
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-annotation-ids'] });
  });
}`;
