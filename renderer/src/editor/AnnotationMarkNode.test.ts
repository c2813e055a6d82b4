import { $createTextNode, $getRoot, $isElementNode, type SerializedEditorState } from 'lexical';
import { describe, expect, it } from 'vitest';
import { $createAnnotationMarkNode, $isAnnotationMarkNode, AnnotationMarkNode } from './AnnotationMarkNode';
import { $loadArticle, $readMarkSpans } from './load';
import { createTestEditor, update } from './testSupport';

describe('AnnotationMarkNode', () => {
  it('serialises its ids, labels and selection and reads them back', () => {
    const editor = createTestEditor();
    update(editor, () =>
      $loadArticle('one two', [
        { id: 'a', label: 'claim', start: 0, end: 7 },
        { id: 'b', label: 'actor', start: 4, end: 7 },
      ], { selectedId: 'b' }),
    );
    const json = editor.getEditorState().toJSON();
    const paragraph = json.root.children[0] as unknown as { children: Record<string, unknown>[] };
    expect(paragraph.children.map(({ type, ids, labels, starts, selected }) => ({ type, ids, labels, starts, selected }))).toEqual([
      { type: 'annotation-mark', ids: ['a'], labels: ['claim'], starts: ['claim'], selected: false },
      { type: 'annotation-mark', ids: ['b', 'a'], labels: ['actor', 'claim'], starts: ['actor'], selected: true },
    ]);

    const copy = createTestEditor();
    copy.setEditorState(copy.parseEditorState(JSON.stringify(json) as unknown as SerializedEditorState));
    expect(copy.read(() => [$getRoot().getTextContent(), $readMarkSpans()])).toEqual([
      'one two',
      [
        { id: 'a', label: 'claim', start: 0, end: 7 },
        { id: 'b', label: 'actor', start: 4, end: 7 },
      ],
    ]);
    expect(JSON.stringify(copy.getEditorState().toJSON())).toBe(JSON.stringify(json));
  });

  it.each([['labels', ['bogus']], ['starts', ['claim', 7]]])('refuses a stored mark whose %s hold a label it does not know', (field, value) => {
    const editor = createTestEditor();
    const mark = { type: 'annotation-mark', version: 1, direction: null, format: '', indent: 0, ids: ['x'], labels: ['claim'], starts: [], selected: false };
    const state = {
      root: {
        type: 'root', version: 1, direction: null, format: '', indent: 0,
        children: [{
          type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '',
          children: [{ ...mark, [field]: value, children: [{ type: 'text', version: 1, text: 'hi', detail: 0, format: 0, mode: 'normal', style: '' }] }],
        }],
      },
    } as unknown as SerializedEditorState;
    expect(() => editor.parseEditorState(state)).toThrow(/unknown label/);
    // The same mark with known labels reads back.
    const good = JSON.parse(JSON.stringify(state).replace(/"labels":\["bogus"\]/, '"labels":["claim"]').replace(/"starts":\["claim",7\]/, '"starts":["claim"]'));
    expect(() => editor.parseEditorState(good)).not.toThrow();
  });

  it('keeps its fields through the copy made by every write', () => {
    const editor = createTestEditor();
    let key = '';
    update(editor, () => {
      const mark = $createAnnotationMarkNode(['a', 'b'], ['figure', 'claim'], ['figure']).append($createTextNode('80'));
      $loadArticle('', []);
      const paragraph = $getRoot().getFirstChild();
      if ($isElementNode(paragraph)) paragraph.append(mark);
      key = mark.getKey();
    });
    update(editor, () => {
      const mark = $getRoot().getAllTextNodes()[0]?.getParent();
      if (!$isAnnotationMarkNode(mark)) throw new Error('no mark');
      mark.setSelectedAnnotation(true);
    });
    editor.read(() => {
      const mark = $getRoot().getAllTextNodes()[0]?.getParent();
      if (!$isAnnotationMarkNode(mark)) throw new Error('no mark');
      expect([mark.getKey(), mark.getIds(), mark.getLabels(), mark.getStarts(), mark.isSelectedAnnotation(), mark.hasId('b')]).toEqual([
        key,
        ['a', 'b'],
        ['figure', 'claim'],
        ['figure'],
        true,
        true,
      ]);
    });
  });

  it('is an inline element that never grows by typing at its edges', () => {
    const editor = createTestEditor();
    let traits: boolean[] = [];
    update(editor, () => {
      const mark = new AnnotationMarkNode(['a'], ['claim']);
      traits = [mark.isInline(), mark.canBeEmpty(), mark.canInsertTextBefore(), mark.canInsertTextAfter(), mark.excludeFromCopy('html'), mark.excludeFromCopy('clone')];
    });
    expect(traits).toEqual([true, false, false, false, true, false]);
  });
});
