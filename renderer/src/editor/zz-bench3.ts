import { parseHTML } from 'linkedom';
import { createEditor } from 'lexical';
import { EDITOR_NODES } from './AnnotationMarkNode';
import { $loadArticle, $refreshSpans } from './load';
import { makeArticle, makeSpans } from './testSupport';
const dom = parseHTML('<html><body><div id="root"></div></body></html>');
Object.assign(globalThis, { document: dom.document, window: dom, MutationObserver: (dom as any).MutationObserver, HTMLElement: (dom as any).HTMLElement, Node: (dom as any).Node, Element: (dom as any).Element, getComputedStyle: () => ({ display: 'block' }) });
const editor = createEditor({ nodes: [...EDITOR_NODES], onError: (e) => { throw e; } });
editor.setRootElement(dom.document.getElementById('root') as unknown as HTMLElement);
editor.setEditable(false);
const text = makeArticle(30000, 41);
const spans = makeSpans(text, 3000, 42);
editor.update(() => $loadArticle(text, spans), { discrete: true });
const t = performance.now();
for (let k = 0; k < 30; k++) {
  const at = 40000 + (k % 5) * 20000;
  editor.update(() => { $refreshSpans(text, [...spans, { id: 'k' + k, label: 'claim', start: at, end: at + 30 }], at, at + 30); }, { discrete: true });
}
console.log('refresh avg', (performance.now() - t) / 30);
