import {
  $createRangeSelection,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import type { Label } from '../../../shared/model';
import { splitsSurrogatePair } from '../../../shared/text';
import { $isAnnotationMarkNode } from './AnnotationMarkNode';
import { $loadArticle } from './load';
import { $offsetToPoint, $pointToOffset, $selectionOffsets, $selectOffsets } from './offsets';
import { type MarkSpan, paragraphRanges } from './segments';
import { createTestEditor, makeArticle, makeSpans, update } from './testSupport';

const span = (id: string, start: number, end: number, label: Label = 'claim'): MarkSpan => ({ id, label, start, end });
const quoted = (text: string, quote: string, id: string, label: Label = 'claim'): MarkSpan =>
  span(id, text.indexOf(quote), text.indexOf(quote) + quote.length, label);

// Paragraph 1 (0-30): a mark holding a line break, nested marks. Paragraph 2 (32-43): a line
// break first, astral characters. Paragraph 3 (45): empty. Paragraph 4 (47-): a flag and a
// combining accent.
const TEXT = 'Officials said\n80 drones fell.\n\n\n😀 Kyiv 😀\n\n\n\nThe 🇺🇦 flag and e\u0301.';
const SPANS = [
  quoted(TEXT, 'Officials', 'a', 'actor'),
  quoted(TEXT, 'said\n80 drones', 'b'),
  quoted(TEXT, '80 drones', 'c', 'figure'),
  quoted(TEXT, 'Kyiv', 'd', 'actor'),
  quoted(TEXT, '🇺🇦 flag', 'e', 'event'),
  quoted(TEXT, 'e\u0301', 'f', 'actor'),
];

function loaded(text = TEXT, spans: readonly MarkSpan[] = SPANS): LexicalEditor {
  const editor = createTestEditor();
  update(editor, () => $loadArticle(text, spans));
  return editor;
}

function $textNodes(): TextNode[] {
  const out: TextNode[] = [];
  const walk = (element: ElementNode) => {
    for (const child of element.getChildren()) {
      if ($isTextNode(child)) out.push(child);
      else if ($isElementNode(child)) walk(child);
    }
  };
  walk($getRoot());
  return out;
}

/** Offsets a selection point can take: inside or at the edge of a paragraph, never inside a surrogate pair. */
function reachable(text: string): number[] {
  return paragraphRanges(text).flatMap((r) =>
    Array.from({ length: r.end - r.start + 1 }, (_, k) => r.start + k).filter((i) => !splitsSurrogatePair(text, i)),
  );
}

function select(editor: LexicalEditor, anchor: [LexicalNode, number, 'text' | 'element'], focus: [LexicalNode, number, 'text' | 'element']) {
  update(editor, () => {
    const selection = $createRangeSelection();
    selection.anchor.set(anchor[0].getKey(), anchor[1], anchor[2]);
    selection.focus.set(focus[0].getKey(), focus[1], focus[2]);
    $setSelection(selection);
  });
  return editor.read(() => $selectionOffsets());
}

describe('$pointToOffset', () => {
  it('maps every text point to its offset in the canonical text', () => {
    const editor = loaded();
    editor.read(() => {
      const text = $getRoot().getTextContent();
      for (const node of $textNodes()) {
        const start = $pointToOffset(node, 0);
        expect(text.slice(start, start + node.getTextContentSize())).toBe(node.getTextContent());
        for (let k = 0; k <= node.getTextContentSize(); k++) expect($pointToOffset(node, k, TEXT)).toBe(start + k);
      }
    });
  });

  it('maps element points: marks, paragraphs, line breaks and the root', () => {
    const editor = loaded();
    editor.read(() => {
      const [first, second, third, fourth] = $getRoot().getChildren() as ElementNode[];
      if (!first || !second || !third || !fourth) throw new Error('expected four paragraphs');
      const firstMark = first.getFirstChild() as ElementNode;
      expect($isAnnotationMarkNode(firstMark)).toBe(true);
      expect($pointToOffset(firstMark, 0)).toBe(0);
      expect($pointToOffset(firstMark, 1)).toBe(9);
      expect($pointToOffset(first, 0)).toBe(0);
      expect($pointToOffset(first, first.getChildrenSize())).toBe(30);
      // The mark over "said\n80 drones" holds the line break at child index 1.
      const markB = first.getChildren().find((c) => $isAnnotationMarkNode(c) && c.getTextContent().startsWith('said')) as ElementNode;
      expect($pointToOffset(markB, 1)).toBe(14);
      expect($pointToOffset(markB, 2)).toBe(15);
      expect($pointToOffset(second, 0)).toBe(32);
      expect($pointToOffset(second, 1)).toBe(33);
      expect($pointToOffset(third, 0)).toBe(45);
      expect($pointToOffset($getRoot(), 0)).toBe(0);
      expect($pointToOffset($getRoot(), 2)).toBe(45);
      expect($pointToOffset($getRoot(), 2, TEXT)).toBe(45);
      expect($pointToOffset($getRoot(), 4, TEXT)).toBe(TEXT.length);
      expect($pointToOffset($getRoot(), 4)).toBe(TEXT.length);
      expect($pointToOffset(fourth, 0)).toBe(47);
    });
  });
});

describe('$offsetToPoint', () => {
  it.each(['forward', 'backward'] as const)('round-trips every reachable offset (%s)', (bias) => {
    const editor = loaded();
    editor.read(() => {
      for (const offset of reachable(TEXT)) {
        for (const text of [undefined, TEXT]) {
          const point = $offsetToPoint(offset, bias, text);
          const node = $getNodeByKey(point.key);
          if (node === null) throw new Error(`no node for ${offset}`);
          expect([offset, $pointToOffset(node, point.offset, text)]).toEqual([offset, offset]);
        }
      }
    });
  });

  it('prefers the node starting at the offset going forward and the one ending there going backward', () => {
    const editor = loaded('ab cd', [span('x', 0, 2), span('y', 3, 5)]);
    editor.read(() => {
      const forward = $getNodeByKey($offsetToPoint(2, 'forward').key);
      const backward = $getNodeByKey($offsetToPoint(2, 'backward').key);
      expect(forward?.getTextContent()).toBe(' ');
      expect(backward?.getTextContent()).toBe('ab');
    });
  });

  it('resolves offsets inside a separator to the neighbouring paragraphs', () => {
    const editor = loaded('ab\n\ncd', []);
    editor.read(() => {
      for (const text of [undefined, 'ab\n\ncd']) {
        expect($getNodeByKey($offsetToPoint(3, 'forward', text).key)?.getTextContent()).toBe('cd');
        expect($offsetToPoint(3, 'forward', text).offset).toBe(0);
        expect($getNodeByKey($offsetToPoint(3, 'backward', text).key)?.getTextContent()).toBe('ab');
        expect($offsetToPoint(3, 'backward', text).offset).toBe(2);
      }
    });
  });
});

describe('$selectionOffsets', () => {
  it('reads text points inside marks, forwards and backwards, across paragraphs', () => {
    const editor = loaded();
    const nodes = editor.read(() => $textNodes());
    const kyiv = nodes.find((n) => editor.read(() => n.getTextContent()) === 'Kyiv') as TextNode;
    const drones = nodes.find((n) => editor.read(() => n.getTextContent()) === '80 drones') as TextNode;
    expect(select(editor, [drones, 3, 'text'], [kyiv, 2, 'text'])).toEqual({ start: 18, end: 38 });
    expect(select(editor, [kyiv, 2, 'text'], [drones, 3, 'text'])).toEqual({ start: 18, end: 38 });
    expect(select(editor, [kyiv, 1, 'text'], [kyiv, 1, 'text'])).toEqual({ start: 37, end: 37 });
  });

  it('reads element points in marks, paragraphs and the root', () => {
    const editor = loaded();
    const [first, second] = editor.read(() => $getRoot().getChildren()) as ElementNode[];
    if (!first || !second) throw new Error('expected paragraphs');
    const mark = editor.read(() => first.getFirstChild()) as ElementNode;
    expect(select(editor, [mark, 0, 'element'], [second, 1, 'element'])).toEqual({ start: 0, end: 33 });
    expect(select(editor, [second, 0, 'element'], [mark, 1, 'element'])).toEqual({ start: 9, end: 32 });
    const root = editor.read(() => $getRoot());
    expect(select(editor, [root, 0, 'element'], [root, 4, 'element'])).toEqual({ start: 0, end: TEXT.length });
  });

  it('is null without a range selection', () => {
    const editor = loaded();
    update(editor, () => $setSelection(null));
    expect(editor.read(() => $selectionOffsets())).toBeNull();
  });
});

describe('$selectOffsets', () => {
  it('selects a span inside its own marks and reads back the same offsets', () => {
    const editor = loaded();
    for (const s of SPANS) {
      update(editor, () => {
        $selectOffsets(s.start, s.end);
      });
      editor.read(() => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) throw new Error('no range selection');
        expect($selectionOffsets()).toEqual({ start: s.start, end: s.end });
        const inside = (node: LexicalNode) => node.getParents().some((p) => $isAnnotationMarkNode(p) && p.getIds().includes(s.id));
        expect([inside(selection.anchor.getNode()), inside(selection.focus.getNode())]).toEqual([true, true]);
      });
    }
  });

  it('makes a backward selection when the focus comes first', () => {
    const editor = loaded();
    update(editor, () => {
      $selectOffsets(40, 10);
    });
    editor.read(() => {
      const selection = $getSelection();
      expect($isRangeSelection(selection) && selection.isBackward()).toBe(true);
      expect($selectionOffsets()).toEqual({ start: 10, end: 40 });
    });
  });

  it('round-trips random selections on a long article', () => {
    const text = makeArticle(3000, 51);
    const editor = loaded(text, makeSpans(text, 400, 52));
    for (const s of makeSpans(text, 200, 53, 3000)) {
      update(editor, () => {
        $selectOffsets(s.end, s.start, text);
      });
      expect(editor.read(() => $selectionOffsets())).toEqual({ start: s.start, end: s.end });
      expect(editor.read(() => $selectionOffsets(text))).toEqual({ start: s.start, end: s.end });
    }
  });
});
