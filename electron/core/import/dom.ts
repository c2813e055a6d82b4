import { parseHTML } from 'linkedom';
import { bareTag, endsName, scanTags } from './markup-scan';

/**
 * The slice of the DOM the importers use. The core is compiled without the DOM library (it runs in
 * Node), so linkedom's objects are described here rather than typed as browser globals.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly childNodes: ArrayLike<DomNode> & Iterable<DomNode>;
  readonly parentNode: DomNode | null;
  textContent: string | null;
  cloneNode(deep: boolean): DomNode;
  remove(): void;
}

export interface DomElement extends DomNode {
  readonly localName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  innerHTML: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  removeAttribute(name: string): void;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
  append(...nodes: DomNode[]): void;
}

export interface DomDocument {
  readonly documentElement: DomElement;
  readonly head: DomElement | null;
  readonly body: DomElement | null;
  readonly title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
  createElement(tag: string): DomElement;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** Parses markup into an inert document: linkedom neither runs scripts nor loads any resource. */
export function parseDocument(html: string): DomDocument {
  // linkedom's declared return type names browser globals the Node build does not have.
  return (parseHTML(withDocumentShell(html)) as unknown as { document: DomDocument }).document;
}

/**
 * linkedom does not build the implied `<html>`, `<head>` and `<body>` an HTML parser adds, so a
 * copied fragment or a page that omits them would have no body. They are supplied here.
 */
export function withDocumentShell(page: string): string {
  if (/<html[\s>]/i.test(page) && /<head[\s>]/i.test(page) && /<body[\s>]/i.test(page)) return page;
  const html = withoutHtmlTags(withoutFirstDoctype(page));
  // Linear passes (markup-scan.ts) doing what, in order, the shell needs: the doctype and every
  // <html>/</html> go, the first <head>…</head> is lifted out whole, the first <body> gives its
  // attributes, every </body> goes.
  let htmlAttrs = '';
  scanTags(page, (tag) => {
    if (tag.name !== 'html' || !endsName(page, tag)) return tag.start + 1;
    htmlAttrs = page.slice(tag.nameEnd, tag.close);
    return -1;
  });
  let head: string | null = null;
  let headPossible = true;
  let bodyAttrs: string | null = null;
  const kept: string[] = [];
  let copied = 0;
  const drop = (from: number, to: number) => {
    kept.push(html.slice(copied, from));
    copied = to;
    return to;
  };
  scanTags(html, (tag) => {
    const past = tag.close + 1;
    if (tag.name === 'head' && head === null && headPossible && endsName(html, tag)) {
      const end = /<\/head\s*>/gi;
      end.lastIndex = past;
      const found = end.exec(html);
      // Without a </head> after this one there is none after any later <head> either.
      if (!found) {
        headPossible = false;
        return tag.start + 1;
      }
      head = html.slice(past, found.index);
      return drop(tag.start, end.lastIndex);
    }
    if (tag.name === 'body' && bodyAttrs === null && endsName(html, tag)) {
      bodyAttrs = html.slice(tag.nameEnd, tag.close);
      return drop(tag.start, past);
    }
    if (tag.name === '/body' && bareTag(html, tag)) return drop(tag.start, past);
    return tag.start + 1;
  });
  kept.push(html.slice(copied));
  let body = kept.join('');
  // Without a <head>, a page's title and meta tags still belong there for the metadata to be found.
  if (head === null || head === '') {
    const lifted = liftHeadTags(body);
    head = lifted.head;
    body = lifted.rest;
  }
  return `<!doctype html><html${htmlAttrs}><head>${head}</head><body${bodyAttrs ?? ''}>${body}</body></html>`;
}

function withoutFirstDoctype(html: string): string {
  let out = html;
  scanTags(html, (tag) => {
    if (tag.name !== '!doctype') return tag.start + 1;
    out = html.slice(0, tag.start) + html.slice(tag.close + 1);
    return -1;
  });
  return out;
}

function withoutHtmlTags(html: string): string {
  const kept: string[] = [];
  let copied = 0;
  scanTags(html, (tag) => {
    if ((tag.name !== 'html' && tag.name !== '/html') || !endsName(html, tag)) return tag.start + 1;
    kept.push(html.slice(copied, tag.start));
    copied = tag.close + 1;
    return copied;
  });
  kept.push(html.slice(copied));
  return kept.join('');
}

/** <title>…</title>, <meta>, <link> and <base> taken out of markup, in order. */
function liftHeadTags(html: string): { head: string; rest: string } {
  const head: string[] = [];
  const rest: string[] = [];
  let copied = 0;
  let titlePossible = true;
  const lift = (from: number, to: number) => {
    rest.push(html.slice(copied, from));
    head.push(html.slice(from, to));
    copied = to;
    return to;
  };
  scanTags(html, (tag) => {
    if (tag.name === 'title' && titlePossible && endsName(html, tag)) {
      const end = /<\/title\s*>/gi;
      end.lastIndex = tag.close + 1;
      if (end.exec(html)) return lift(tag.start, end.lastIndex);
      titlePossible = false;
    } else if ((tag.name === 'meta' || tag.name === 'link' || tag.name === 'base') && !/\w/.test(html[tag.nameEnd] ?? '')) {
      return lift(tag.start, tag.close + 1);
    }
    return tag.start + 1;
  });
  rest.push(html.slice(copied));
  return { head: head.join(''), rest: rest.join('') };
}

/** Characters of text under a node, whitespace not counted: how much of a page an element holds. */
export function textLength(node: DomNode | null): number {
  return (node?.textContent ?? '').replace(/\s+/g, '').length;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** Elements whose content is never article text: code, embedded media, form controls, metadata. */
export const NEVER_TEXT = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
  'canvas', 'img', 'picture', 'video', 'audio', 'source', 'track', 'map', 'area', 'button', 'input', 'select',
  'textarea', 'option', 'datalist', 'head', 'title', 'meta', 'link', 'base', 'dialog', 'portal', 'slot',
]);

const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot',
  'thead', 'tr', 'ul',
]);

/** True for a link that would run code when followed: its href goes, its words stay. */
export function isScriptLink(el: DomElement): boolean {
  const href = (el.getAttribute('href') ?? '').replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
  return /^(javascript|vbscript|data):/.test(href);
}

/** Hidden in the saved page, so not something the reader saw. */
export function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
  return /(^|;)(display:none|visibility:hidden)/.test(style);
}

/**
 * The text of a subtree as paragraphs: block elements start and end a paragraph, `<br>` is a line
 * break inside one, runs of whitespace collapse as a browser would render them, `<pre>` keeps its
 * lines. Iterative, so absurdly deep markup cannot overflow the stack.
 */
export function blocksOf(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let current = '';
  let preDepth = 0;
  const flush = () => {
    const lines = current.split('\n').map((line) => (preDepth > 0 ? line.replace(/\s+$/u, '') : line.replace(/ +/g, ' ').replace(/ *\t */g, '\t').trim()));
    const text = lines.join('\n').replace(/^\n+|\n+$/g, '');
    if (text.trim() !== '') paragraphs.push(text);
    current = '';
  };
  type Step = { node: DomNode; exit: boolean };
  const stack: Step[] = [{ node: root, exit: false }];
  while (stack.length) {
    const { node, exit } = stack.pop() as Step;
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      current += preDepth > 0 ? text : text.replace(/[ \t\n\r\f]+/g, ' ');
      continue;
    }
    if (!isElement(node)) {
      if (node.nodeType === 9 || node.nodeType === 11) pushChildren(stack, node);
      continue;
    }
    const tag = node.localName;
    const block = BLOCKS.has(tag);
    if (exit) {
      if (block) flush();
      if (tag === 'pre') preDepth--;
      continue;
    }
    if (NEVER_TEXT.has(tag) || isHidden(node)) continue;
    if (tag === 'br') {
      current += '\n';
      continue;
    }
    if ((tag === 'td' || tag === 'th') && current.trim() !== '' && !current.endsWith('\n')) current += '\t';
    if (block) flush();
    if (tag === 'pre') preDepth++;
    stack.push({ node, exit: true });
    pushChildren(stack, node);
  }
  flush();
  return paragraphs;
}

/** Children in reverse, so they pop in document order. linkedom builds `childNodes` afresh on every access: read it once. */
function pushChildren(stack: { node: DomNode; exit: boolean }[], node: DomNode): void {
  const children = Array.from(node.childNodes);
  for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as DomNode, exit: false });
}

let scratch: DomDocument | null = null;

/** Text of an HTML fragment (markup inside Markdown, say), never rendered: parsed inert, read as text. */
export function fragmentBlocks(html: string): string[] {
  scratch ??= parseDocument('<!doctype html><html><body></body></html>');
  const holder = scratch.createElement('div');
  holder.innerHTML = html;
  return blocksOf(holder);
}
