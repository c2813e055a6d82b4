// The caret's points in a DOM shaped like the reader's (paragraphs of text and marks), in
// linkedom, a DOM implementation that runs under Node.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { caretPointOf, domPointAt } from './caret';

function article(): HTMLElement {
  const { document } = parseHTML('<html><body><div id="root"><p>One <mark>two</mark> three</p><p>four<br>five <mark>six <mark>seven</mark></mark></p><p>eight</p></div></body></html>');
  return document.getElementById('root') as unknown as HTMLElement;
}

/** Every text position of the root as [block, offset, node, offset in node]. */
function positions(root: HTMLElement): [number, number, Node, number][] {
  const out: [number, number, Node, number][] = [];
  Array.from(root.childNodes).forEach((block, b) => {
    let before = 0;
    const walk = (node: Node) => {
      if (node.nodeType === 3) {
        const length = (node as Text).data.length;
        for (let i = 0; i <= length; i++) out.push([b, before + i, node, i]);
        before += length;
      } else node.childNodes.forEach(walk);
    };
    walk(block);
  });
  return out;
}

describe('caret points', () => {
  it('name a place by its paragraph and the characters before it there, and find it again', () => {
    const root = article();
    for (const [block, offset, node, at] of positions(root)) {
      expect(caretPointOf(root, node, at)).toEqual({ block, offset });
      const [back, backAt] = domPointAt(root, { block, offset });
      // The same place: the very node, or the end of the text node before a boundary.
      expect(caretPointOf(root, back, backAt)).toEqual({ block, offset });
    }
  });

  it('read points between blocks and past the end as the nearest block edge', () => {
    const root = article();
    expect(caretPointOf(root, root, 1)).toEqual({ block: 1, offset: 0 });
    // Points between an element's children: before "two", and at the end of the first paragraph.
    const first = root.childNodes[0] as Node;
    expect(caretPointOf(root, first, 1)).toEqual({ block: 0, offset: 4 });
    expect(caretPointOf(root, first, first.childNodes.length)).toEqual({ block: 0, offset: 13 });
    expect(caretPointOf(root, root, 3)).toEqual({ block: 2, offset: 5 });
    const [last, lastAt] = domPointAt(root, { block: 99, offset: 0 });
    expect([(last as Text).data, lastAt]).toEqual(['eight', 5]);
    const [node, at] = domPointAt(root, { block: 0, offset: 999 });
    expect([(node as Text).data, at]).toEqual([' three', 6]);
  });
});
