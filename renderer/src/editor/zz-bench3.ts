import { parseHTML } from 'linkedom';
import { createEditor, $getRoot } from 'lexical';
import { EDITOR_NODES } from './AnnotationMarkNode';
import { $loadArticle, $refreshSpans } from './load';
import { $setSelectedAnnotation } from './selectedAnnotation';
import { makeArticle, makeSpans } from './testSupport';

const { document, window } = parseHTML('<html><body><div id="root" contenteditable="true"></div></body></html>');
Object.assign(globalThis, { document, window, MutationObserver: (window as any).MutationObserver, HTMLElement: (window as any).HTMLElement, Node: (window as any).Node, Element: (window as any).Element });
const editor = createEditor({ nodes: [...EDITOR_NODES], onError: (e) => { throw e; } });
const root = document.getElementById('root') as unknown as HTMLElement;
editor.setRootElement(root);
editor.setEditable(false);
const text = makeArticle(30000);
const spans = makeSpans(text, 3000);
const time = (name: string, fn: () => void) => { const t = performance.now(); editor.update(fn, { discrete: true }); console.log(name, (performance.now() - t).toFixed(2)); };
for (let k = 0; k < 3; k++) time('load', () => $loadArticle(text, spans));
for (let k = 0; k < 5; k++) {
  time('refresh', () => { $refreshSpans(text, spans, 90000, 90030); });
  time('select', () => { $setSelectedAnnotation('s' + k); });
}
console.log(root.querySelectorAll('mark').length, root.querySelector('mark')?.outerHTML);
editor.read(() => console.log($getRoot().getTextContent() === text));
