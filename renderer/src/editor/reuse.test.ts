import { $getRoot, $isElementNode, type ElementNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import type { Label } from '../../../shared/model';
import { $loadArticle, $readMarkSpans, $refreshSpans } from './load';
import type { MarkSpan } from './segments';
import { createTestEditor, makeArticle, makeSpans, update } from './testSupport';

const span = (id: string, start: number, end: number, label: Label = 'claim'): MarkSpan => ({ id, label, start, end });

function loaded(text: string, spans: readonly MarkSpan[]): LexicalEditor {
  const editor = createTestEditor();
  update(editor, () => $loadArticle(text, spans));
  return editor;
}

/** The keys of the first paragraph's children, in order. */
function childKeys(editor: LexicalEditor): string[] {
  return editor.read(() => ($getRoot().getFirstChild() as ElementNode).getChildren().map((c) => c.getKey()));
}

describe('refreshing a paragraph keeps the runs a change leaves alone', () => {
  const text = 'One two three four five six seven eight nine ten.';
  const before = [span('a', 0, 3), span('b', 8, 13), span('c', 41, 44)];

  it('rebuilds only the middle: the marks before and after the new one keep their nodes', () => {
    const editor = loaded(text, before);
    const keys = childKeys(editor);
    const after = [...before, span('n', 19, 23, 'actor')];
    update(editor, () => $refreshSpans(text, after, 19, 23));
    const now = childKeys(editor);
    // a, " two " and b, then c and the text after it, are the same nodes; the run of text that
    // held "five" becomes three new ones.
    expect(now).toHaveLength(keys.length + 2);
    expect(now.slice(0, 3)).toEqual(keys.slice(0, 3));
    expect(now.slice(-2)).toEqual(keys.slice(-2));
    expect(now).not.toEqual(keys);
    expect(editor.read(() => $readMarkSpans())).toEqual([...after].sort((x, y) => x.start - y.start));
  });

  it('changes nothing when the spans draw what is there', () => {
    const editor = loaded(text, before);
    const keys = childKeys(editor);
    update(editor, () => $refreshSpans(text, before, 0, text.length));
    expect(childKeys(editor)).toEqual(keys);
  });

  it('gives the same document as a full load after many random changes', () => {
    const long = makeArticle(400, 7);
    let spans = makeSpans(long, 40, 8, 60);
    const editor = loaded(long, spans);
    for (let i = 0; i < 30; i++) {
      const changed = makeSpans(long, 1, 100 + i, 40)[0] as MarkSpan;
      const next = i % 3 === 2 ? spans.filter((s) => s.id !== spans[i]?.id) : [...spans, { ...changed, id: `x${i}` }];
      const gone = spans.find((s) => !next.includes(s));
      const from = Math.min(changed.start, gone?.start ?? changed.start);
      const to = Math.max(changed.end, gone?.end ?? changed.end);
      spans = next;
      update(editor, () => $refreshSpans(long, spans, from, to));
    }
    const fresh = loaded(long, spans);
    const html = (e: LexicalEditor) =>
      e.read(() => $getRoot().getChildren().map((p) => ($isElementNode(p) ? p.getChildren().map((c) => `${c.getType()}:${c.getTextContent()}`).join('|') : '')));
    expect(html(editor)).toEqual(html(fresh));
    expect(editor.read(() => $readMarkSpans())).toEqual(fresh.read(() => $readMarkSpans()));
  });
});
