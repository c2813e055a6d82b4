/**
 * One pass over raw markup, linear in its length whatever it holds: finds the tags the document
 * shell moves (dom.ts) and measures how many elements the page has and how deep they nest, so a
 * page beyond what the parser and Readability handle in bounded time is refused before either
 * runs. Regular expressions of the form `<head(\s[^>]*)?>` rescan to the end of the text from
 * every `<head` when no `>` follows, which is quadratic ('<head ' 40,000 times took 12.6 s).
 */

/** Deepest nesting a page may have: news pages stay well under a hundred levels. */
export const MAX_NESTING = 256;
/** Most elements a page may have: Readability scores every one (its maxElemsToParse). */
export const MAX_ELEMENTS = 100_000;

export interface Tag {
  /** Lower case, with a leading '/' for an end tag; '!doctype' for a doctype. */
  name: string;
  start: number;
  /** Where the name ends (attributes, if any, run from here to `close`). */
  nameEnd: number;
  /** The index of the tag's `>`. */
  close: number;
}

const TAG_NAME = /\/?[a-zA-Z][a-zA-Z0-9]*|!doctype/iy;

/**
 * Calls `visit` for each `<name` that a `>` follows, left to right; `visit` returns where to go on
 * (past the tag to consume it, `start + 1` to look inside it) or -1 to stop. The next `>` is
 * found once and kept until passed, so a text with none costs one search, not one per tag.
 */
export function scanTags(html: string, visit: (tag: Tag) => number): void {
  let close = -1;
  for (let i = html.indexOf('<'); i >= 0; ) {
    if (close < i) {
      close = html.indexOf('>', i);
      if (close < 0) return;
    }
    TAG_NAME.lastIndex = i + 1;
    const m = TAG_NAME.exec(html);
    let next = i + 1;
    if (m) {
      next = visit({ name: m[0].toLowerCase(), start: i, nameEnd: TAG_NAME.lastIndex, close });
      if (next < 0) return;
    }
    i = html.indexOf('<', Math.max(next, i + 1));
  }
}

/** Whether the name ends where `(\s[^>]*)?>` can follow: at the `>` or at whitespace. */
export function endsName(html: string, tag: Tag): boolean {
  return tag.nameEnd === tag.close || /\s/.test(html[tag.nameEnd] as string);
}

/** Whether only whitespace lies between the name and the `>` (`</body\s*>`). */
export function bareTag(html: string, tag: Tag): boolean {
  const ws = /\s*/y;
  ws.lastIndex = tag.nameEnd;
  ws.exec(html);
  return ws.lastIndex === tag.close;
}

/** Elements with no end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'basefont', 'bgsound', 'frame', 'isindex']);
/** Elements a parser closes by itself (the next <p>, <li> or <td> ends the last): never counted as nesting. */
const SELF_ENDING = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rb', 'rt', 'rp', 'rtc', 'html', 'head', 'body']);
/** Elements whose content is text, not markup. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

export interface MarkupSize {
  elements: number;
  /** Deepest nesting of elements that stay open until their end tag (or their parent's). */
  depth: number;
}

/** Counts elements and nesting as an HTML parser would build them, closely enough to bound it; stops once past the limits. */
export function measureMarkup(html: string, limits = { elements: MAX_ELEMENTS, depth: MAX_NESTING }): MarkupSize {
  const open: string[] = [];
  const onStack = new Map<string, number>();
  let elements = 0;
  let depth = 0;
  scanTags(html, (tag) => {
    if (tag.name === '!doctype') return tag.close + 1;
    if (tag.name.startsWith('/')) {
      const name = tag.name.slice(1);
      // An end tag closes its element and whatever was left open inside it; a stray one, nothing.
      if ((onStack.get(name) ?? 0) > 0) {
        for (;;) {
          const top = open.pop() as string;
          onStack.set(top, (onStack.get(top) ?? 1) - 1);
          if (top === name) break;
        }
      }
      return tag.close + 1;
    }
    elements++;
    const selfClosed = html.charCodeAt(tag.close - 1) === 0x2f;
    if (RAW_TEXT.has(tag.name)) {
      const end = new RegExp(`</${tag.name}`, 'ig');
      end.lastIndex = tag.close + 1;
      return end.exec(html) ? end.lastIndex : -1;
    }
    if (!VOID.has(tag.name) && !SELF_ENDING.has(tag.name) && !selfClosed) {
      open.push(tag.name);
      onStack.set(tag.name, (onStack.get(tag.name) ?? 0) + 1);
      depth = Math.max(depth, open.length);
    }
    return elements > limits.elements || depth > limits.depth ? -1 : tag.close + 1;
  });
  return { elements, depth };
}

/** Why a page is beyond what is parsed in bounded time, or null. */
export function markupBeyondBounds(html: string): string | null {
  const size = measureMarkup(html);
  if (size.depth > MAX_NESTING) return `refused: its markup is nested more than ${MAX_NESTING} levels deep, the limit for a page`;
  if (size.elements > MAX_ELEMENTS) return `refused: it has more than ${MAX_ELEMENTS.toLocaleString('en')} elements, the limit for a page`;
  return null;
}
