import { $getRoot, $isElementNode, $isLineBreakNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import type { Label } from '../../../shared/model';
import { canonicalize } from '../../../shared/text';
import { $isAnnotationMarkNode } from './AnnotationMarkNode';
import { $loadArticle, $readMarkSpans, $readSegments, $readText, $refreshSpans } from './load';
import { type MarkSpan, segments } from './segments';
import { $setSelectedAnnotation } from './selectedAnnotation';
import { createTestEditor, makeArticle, makeSpans, random, update } from './testSupport';

const span = (id: string, start: number, end: number, label: Label = 'claim'): MarkSpan => ({ id, label, start, end });
const quoted = (text: string, quote: string, id: string, label: Label = 'claim'): MarkSpan => {
  const start = text.indexOf(quote);
  if (start === -1) throw new Error(`"${quote}" not in text`);
  return span(id, start, start + quote.length, label);
};
const byStart = (spans: readonly MarkSpan[]) => [...spans].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));

function loaded(text: string, spans: readonly MarkSpan[]): LexicalEditor {
  const editor = createTestEditor();
  update(editor, () => $loadArticle(text, spans));
  return editor;
}

type MarkInfo = { text: string; ids: string[]; selected: boolean };

function marks(editor: LexicalEditor): MarkInfo[] {
  return editor.read(() => {
    const out: MarkInfo[] = [];
    const walk = (node: ReturnType<typeof $getRoot>) => {
      for (const child of node.getChildren()) {
        if ($isAnnotationMarkNode(child)) out.push({ text: child.getTextContent(), ids: child.getIds(), selected: child.isSelectedAnnotation() });
        else if ($isElementNode(child)) walk(child as ReturnType<typeof $getRoot>);
      }
    };
    walk($getRoot());
    return out;
  });
}

/** The document as JSON, which leaves out node keys: equal JSON means the same document. */
const documentOf = (editor: LexicalEditor) => JSON.stringify(editor.getEditorState().toJSON());

const EDGE_TEXTS = ['', 'a', 'a\nb', 'a\n\nb', 'a\n\n\nb', 'a\n\n\n\nb', '\n\na', 'a\n\n', 'a\n', '\n', 'x\n\ny\nz\n\nw',
  '😀🇺🇦 e\u0301', 'Київ\n\n“quoted”'];

describe('$loadArticle', () => {
  it.each(EDGE_TEXTS)('keeps getTextContent equal to %j, without and with a span over everything', (text) => {
    expect(loaded(text, []).read(() => $getRoot().getTextContent())).toBe(text);
    const all = loaded(text, text === '' ? [] : [span('all', 0, text.length)]);
    expect(all.read(() => $getRoot().getTextContent())).toBe(text);
    expect(all.read(() => $readText())).toBe(canonicalize(text));
  });

  it('builds one paragraph per paragraph, line breaks for single newlines, one flat mark per segment', () => {
    const text = 'Kyiv said\n80 drones.\n\nSecond paragraph.';
    const editor = loaded(text, [span('claim', 0, 20), span('fig', 10, 19, 'figure'), span('p', 22, 28, 'actor')]);
    editor.read(() => {
      const [first, second] = $getRoot().getChildren();
      expect($getRoot().getChildrenSize()).toBe(2);
      if (!$isElementNode(first) || !$isElementNode(second)) throw new Error('expected paragraphs');
      const [outer, inner, tail] = first.getChildren();
      expect($isAnnotationMarkNode(outer) && outer.getIds()).toEqual(['claim']);
      expect($isAnnotationMarkNode(outer) && outer.getChildren().some($isLineBreakNode)).toBe(true);
      expect($isAnnotationMarkNode(inner) && [inner.getIds(), inner.getLabels()]).toEqual([['fig', 'claim'], ['figure', 'claim']]);
      expect($isAnnotationMarkNode(tail) && tail.getTextContent()).toBe('.');
      expect(second.getChildren().map((c) => c.getTextContent())).toEqual(['Second', ' paragraph.']);
    });
  });

  it('round-trips overlapping, nested, cross-paragraph and astral spans exactly', () => {
    const text = 'The 🇺🇦 flag 😀 flew.\nA new line with é and e\u0301.\n\nNext paragraph, then\n\nthe last one.';
    const spans = [
      quoted(text, '🇺🇦', 'flag', 'actor'),
      quoted(text, '😀', 'emoji', 'event'),
      quoted(text, 'The 🇺🇦 flag 😀 flew.', 'sentence'),
      quoted(text, 'flag 😀 flew.\nA new line with é and e\u0301.\n\nNext paragraph', 'across', 'event'),
      quoted(text, 'new line', 'nested', 'figure'),
      quoted(text, 'e\u0301', 'combining', 'actor'),
      quoted(text, 'paragraph, then\n\nthe last', 'last'),
    ];
    const editor = loaded(text, spans);
    expect(editor.read(() => $getRoot().getTextContent())).toBe(text);
    expect(editor.read(() => $readMarkSpans())).toEqual(byStart(spans));
    expect(editor.read(() => $readSegments())).toEqual(segments(text, spans));
  });

  it('round-trips 3,000 random spans on a long article', () => {
    const text = makeArticle(8000, 21);
    const spans = makeSpans(text, 3000, 22, 800);
    const editor = loaded(text, spans);
    expect(editor.read(() => $getRoot().getTextContent())).toBe(text);
    expect(editor.read(() => $readMarkSpans())).toEqual(byStart(spans));
    expect(editor.read(() => $readSegments())).toEqual(segments(text, spans));
  });

  it('replaces whatever the editor held before', () => {
    const editor = loaded('old text\n\nold', [span('a', 0, 3)]);
    update(editor, () => $loadArticle('new', [span('b', 0, 3)]));
    expect(editor.read(() => [$getRoot().getTextContent(), $readMarkSpans()])).toEqual(['new', [span('b', 0, 3)]]);
  });

  it('marks the selected annotation on load and keeps it across loads', () => {
    const text = 'one two three';
    const editor = createTestEditor();
    update(editor, () => $loadArticle(text, [span('a', 0, 7), span('b', 4, 13)], { selectedId: 'b' }));
    expect(marks(editor).map((m) => [m.text, m.selected])).toEqual([
      ['one ', false],
      ['two', true],
      [' three', true],
    ]);
    update(editor, () => $loadArticle(text, [span('b', 8, 13)]));
    expect(marks(editor).map((m) => m.selected)).toEqual([true]);
  });
});

describe('$refreshSpans', () => {
  it('gives the same document as a full load after adding, removing and retagging', () => {
    const text = makeArticle(2500, 31);
    let spans = makeSpans(text, 400, 32, 700);
    const editor = loaded(text, spans);
    const next = random(33);
    for (let step = 0; step < 45; step++) {
      const before = spans;
      const pick = before[Math.floor(next() * before.length)] as MarkSpan;
      let changed: { start: number; end: number };
      if (step % 3 === 0) {
        const [added] = makeSpans(text, 1, 1000 + step, 1500);
        spans = [...before, { ...(added as MarkSpan), id: `new${step}` }];
        changed = added as MarkSpan;
      } else if (step % 3 === 1) {
        spans = before.filter((s) => s !== pick);
        changed = pick;
      } else {
        spans = before.map((s) => (s === pick ? { ...s, label: s.label === 'event' ? 'actor' : 'event' } : s));
        changed = pick;
      }
      let inPlace = false;
      update(editor, () => {
        inPlace = $refreshSpans(text, spans, changed.start, changed.end);
      });
      expect(inPlace).toBe(true);
      expect(documentOf(editor)).toBe(documentOf(loaded(text, spans)));
    }
  });

  it('rebuilds only the paragraphs the range touches', () => {
    const text = 'alpha\n\nbeta gamma\n\ndelta';
    const editor = loaded(text, [span('a', 0, 5)]);
    const firstKeys = () => editor.read(() => $getRoot().getChildren().map((p) => ($isElementNode(p) ? p.getFirstChild()?.getKey() : null)));
    const keysBefore = firstKeys();
    update(editor, () => $refreshSpans(text, [span('a', 0, 5), span('b', 7, 11)], 7, 11));
    const keysAfter = firstKeys();
    expect(keysAfter[0]).toBe(keysBefore[0]);
    expect(keysAfter[1]).not.toBe(keysBefore[1]);
    expect(keysAfter[2]).toBe(keysBefore[2]);
    expect(editor.read(() => $readMarkSpans())).toEqual([span('a', 0, 5), span('b', 7, 11)]);
  });

  it('reloads everything when the document does not show the text', () => {
    const editor = loaded('first text', []);
    let inPlace = true;
    update(editor, () => {
      inPlace = $refreshSpans('other words\n\nhere', [span('x', 0, 5)], 0, 5);
    });
    expect(inPlace).toBe(false);
    expect(editor.read(() => [$getRoot().getTextContent(), $readMarkSpans()])).toEqual(['other words\n\nhere', [span('x', 0, 5)]]);
  });

  it('keeps the selected annotation marked', () => {
    const text = 'one two three';
    const editor = loaded(text, [span('a', 0, 3)]);
    update(editor, () => $setSelectedAnnotation('a'));
    update(editor, () => $refreshSpans(text, [span('a', 0, 3), span('b', 4, 7)], 4, 7));
    expect(marks(editor).map((m) => [m.ids, m.selected])).toEqual([
      [['a'], true],
      [['b'], false],
    ]);
    update(editor, () => $setSelectedAnnotation('b'));
    expect(marks(editor).map((m) => m.selected)).toEqual([false, true]);
    update(editor, () => $setSelectedAnnotation(null));
    expect(marks(editor).map((m) => m.selected)).toEqual([false, false]);
  });
});

describe('$readText', () => {
  it('reads edits back as canonical text', () => {
    const editor = loaded('first\n\nsecond', []);
    update(editor, () => {
      const paragraph = $getRoot().getFirstChild();
      if ($isElementNode(paragraph)) paragraph.getFirstChild()?.remove();
    });
    expect(editor.read(() => [$getRoot().getTextContent(), $readText()])).toEqual(['\n\nsecond', 'second']);
  });
});

describe('at size', () => {
  it('loads a 30,000-word article with 3,000 overlapping annotations exactly, and refreshes it in place', () => {
    const text = makeArticle(30_000, 41);
    let spans = makeSpans(text, 3000, 42);
    const editor = loaded(text, spans);
    expect(editor.read(() => $getRoot().getTextContent())).toBe(text);
    expect(editor.read(() => $readMarkSpans())).toEqual(byStart(spans));
    expect(editor.read(() => $readSegments())).toEqual(segments(text, spans));
    for (let run = 0; run < 5; run++) {
      const at = 40_000 + run * 20_000;
      spans = [...spans, span(`k${run}`, at, at + 30, 'figure')];
      let inPlace = false;
      update(editor, () => {
        inPlace = $refreshSpans(text, spans, at, at + 30);
      });
      expect(inPlace).toBe(true);
    }
    expect(editor.read(() => $getRoot().getTextContent())).toBe(text);
    expect(documentOf(editor)).toBe(documentOf(loaded(text, spans)));
  });
});
