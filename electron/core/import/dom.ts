import { parseHTML } from 'linkedom';

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
export function withDocumentShell(html: string): string {
  if (/<html[\s>]/i.test(html) && /<head[\s>]/i.test(html) && /<body[\s>]/i.test(html)) return html;
  const htmlAttrs = /<html(\s[^>]*)?>/i.exec(html)?.[1] ?? '';
  let head = '';
  let bodyAttrs = '';
  const rest = html
    .replace(/<!doctype[^>]*>/i, '')
    .replace(/<\/?html(\s[^>]*)?>/gi, '')
    .replace(/<head(\s[^>]*)?>([\s\S]*?)<\/head\s*>/i, (_m, _a, inner: string) => {
      head = inner;
      return '';
    })
    .replace(/<body(\s[^>]*)?>/i, (_m, attrs: string | undefined) => {
      bodyAttrs = attrs ?? '';
      return '';
    })
    .replace(/<\/body\s*>/gi, '');
  // Without a <head>, a page's title and meta tags still belong there for the metadata to be found.
  let body = rest;
  if (head === '') {
    body = rest.replace(/<title(?:\s[^>]*)?>[\s\S]*?<\/title\s*>|<(?:meta|link|base)\b[^>]*>/gi, (tag) => {
      head += tag;
      return '';
    });
  }
  return `<!doctype html><html${htmlAttrs}><head>${head}</head><body${bodyAttrs}>${body}</body></html>`;
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
