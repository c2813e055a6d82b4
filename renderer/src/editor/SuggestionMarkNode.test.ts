import { $getRoot, $isElementNode, type LexicalEditor, type LexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { $isAnnotationMarkNode } from './AnnotationMarkNode';
import { $loadArticle, $readMarkSpans, $refreshSpans } from './load';
import type { MarkSpan } from './segments';
import { $isSuggestionMarkNode, type SuggestionSpan } from './SuggestionMarkNode';
import { createTestEditor, update } from './testSupport';

const TEXT = 'Zelensky met Zelenskyy.\n\nЗеленський spoke in Kyiv.';
const at = (quote: string, id: string): SuggestionSpan => {
  const start = TEXT.indexOf(quote);
  return { id, start, end: start + quote.length };
};

/** Every suggestion run in document order, with whether it sits inside an annotation mark. */
function suggestionRuns(editor: LexicalEditor): { id: string; text: string; inMark: boolean }[] {
  return editor.read(() => {
    const out: { id: string; text: string; inMark: boolean }[] = [];
    const walk = (node: LexicalNode, inMark: boolean) => {
      if ($isSuggestionMarkNode(node)) out.push({ id: node.getSuggestionId(), text: node.getTextContent(), inMark });
      if ($isElementNode(node)) for (const child of node.getChildren()) walk(child, inMark || $isAnnotationMarkNode(node));
    };
    walk($getRoot(), false);
    return out;
  });
}

describe('suggestion marks', () => {
  it('wraps each suggested run, in plain text and inside annotation marks, leaving text and annotations as they were', () => {
    const editor = createTestEditor();
    const actor: MarkSpan = { id: 'a1', label: 'actor', start: 13, end: 22 };
    const suggestions = [at('Zelensky', 's1'), at('Zelenskyy', 's2'), at('Зеленський', 's3')];
    update(editor, () => $loadArticle(TEXT, [actor], { suggestions }));
    expect(editor.read(() => $getRoot().getTextContent())).toBe(TEXT);
    expect(editor.read(() => $readMarkSpans())).toEqual([actor]);
    expect(suggestionRuns(editor)).toEqual([
      { id: 's1', text: 'Zelensky', inMark: false },
      { id: 's2', text: 'Zelenskyy', inMark: true },
      { id: 's3', text: 'Зеленський', inMark: false },
    ]);
  });

  it('splits a suggestion that crosses an annotation edge into runs with the same id', () => {
    const editor = createTestEditor();
    // "met Zelenskyy" is annotated; the suggestion covers "Zelensky met".
    update(editor, () => $loadArticle(TEXT, [{ id: 'e', label: 'event', start: 9, end: 22 }], { suggestions: [{ id: 's', start: 0, end: 12 }] }));
    const runs = suggestionRuns(editor);
    expect(runs.map((r) => r.text).join('')).toBe('Zelensky met');
    expect(new Set(runs.map((r) => r.id))).toEqual(new Set(['s']));
    expect(runs.some((r) => r.inMark)).toBe(true);
  });

  it('a refresh of one paragraph draws the suggestions given and drops the ones gone', () => {
    const editor = createTestEditor();
    update(editor, () => $loadArticle(TEXT, [], { suggestions: [at('Zelensky', 's1'), at('Зеленський', 's3')] }));
    update(editor, () => $refreshSpans(TEXT, [], 0, 5, { suggestions: [at('Зеленський', 's3')] }));
    expect(suggestionRuns(editor).map((r) => r.id)).toEqual(['s3']);
    expect(editor.read(() => $getRoot().getTextContent())).toBe(TEXT);
  });
});
