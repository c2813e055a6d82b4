import { $getRoot, $isElementNode } from 'lexical';
import { $loadArticle, $refreshSpans } from './load';
import { createTestEditor, makeArticle, makeSpans, update } from './testSupport';

const editor = createTestEditor();
const text = makeArticle(30000);
const spans = makeSpans(text, 3000);
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  update(editor, () => $loadArticle(text, spans));
  console.log('load', performance.now() - t);
}
const time = (name: string, fn: () => void) => { const t = performance.now(); update(editor, fn); console.log(name, (performance.now() - t).toFixed(2)); };
for (let k = 0; k < 5; k++) {
  time('empty', () => {});
  time('dirty one para', () => { const p = $getRoot().getChildAtIndex(500); if ($isElementNode(p)) p.getWritable(); });
  time('refresh', () => { $refreshSpans(text, spans, 90000, 90030); });
}
