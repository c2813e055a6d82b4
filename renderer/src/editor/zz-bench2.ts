import { $loadArticle } from './load';
import { createTestEditor, makeArticle, makeSpans, update } from './testSupport';
const editor = createTestEditor();
const text = makeArticle(30000);
const spans = makeSpans(text, 3000);
for (let k = 0; k < 10; k++) {
const t = performance.now();
update(editor, () => $loadArticle(text, spans));
console.log(performance.now() - t);
}
