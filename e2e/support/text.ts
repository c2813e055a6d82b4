import type { Page } from '@playwright/test';

/**
 * Selects the `occurrence`-th appearance of `text` in the reader as a user would with the mouse:
 * a DOM range over the rendered text nodes, which may span marks and paragraphs.
 */
export async function selectText(page: Page, text: string, occurrence = 0): Promise<void> {
  const found = await page.evaluate(
    ({ text, occurrence }) => {
      const root = document.querySelector('[aria-label="Article text"]');
      if (!root) return 'no reader';
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) nodes.push(walker.currentNode as Text);
      // Paragraph breaks count as "\n\n" and <br> as "\n", as in the canonical text.
      let joined = '';
      const starts: number[] = [];
      let lastBlock: Element | null = null;
      for (const node of nodes) {
        const block = node.parentElement?.closest('p') ?? null;
        if (lastBlock && block !== lastBlock) joined += '\n\n';
        lastBlock = block;
        starts.push(joined.length);
        joined += node.data;
      }
      let at = -1;
      for (let i = 0; i <= occurrence; i++) {
        at = joined.indexOf(text, at + 1);
        if (at < 0) return `"${text}" not found`;
      }
      const locate = (offset: number, preferEnd: boolean): [Text, number] => {
        for (let i = nodes.length - 1; i >= 0; i--) {
          const start = starts[i] as number;
          const node = nodes[i] as Text;
          if (offset > start || (offset === start && !preferEnd)) {
            if (offset - start <= node.data.length) return [node, offset - start];
          }
        }
        return [nodes[0] as Text, 0];
      };
      const [startNode, startOffset] = locate(at, false);
      const [endNode, endOffset] = locate(at + text.length, true);
      const range = document.createRange();
      range.setStart(startNode, startOffset);
      range.setEnd(endNode, endOffset);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return 'ok';
    },
    { text, occurrence },
  );
  if (found !== 'ok') throw new Error(`cannot select: ${found}`);
  // The browser announces a selection change asynchronously; an editable editor adopts it then.
  // A person never types within the same frame as selecting, so neither does the test.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** Right-clicks the middle of the current text selection, as a person does to open its menu. */
export async function rightClickSelection(page: Page): Promise<void> {
  const box = await page.evaluate(() => {
    const r = window.getSelection()?.getRangeAt(0).getBoundingClientRect();
    return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
  });
  if (!box) throw new Error('cannot right-click: nothing is selected');
  await page.mouse.click(box.x, box.y, { button: 'right' });
}

/** The highlights in the reader: text, labels and ids of every mark. */
export async function marks(page: Page): Promise<{ text: string; labels: string; ids: string }[]> {
  return page.$$eval('[aria-label="Article text"] mark', (els) =>
    els.map((el) => ({ text: el.textContent ?? '', labels: el.getAttribute('data-labels') ?? '', ids: el.getAttribute('data-annotation-ids') ?? '' })),
  );
}
