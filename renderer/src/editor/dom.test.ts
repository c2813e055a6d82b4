// The reader's DOM, rendered by Lexical's real reconciler into linkedom (a DOM implementation
// that runs under Node): what the stylesheet, click handling and end-to-end tests see.
import { createEditor, type LexicalEditor } from 'lexical';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Label } from '../../../shared/model';
import { EDITOR_NODES } from './AnnotationMarkNode';
import { idsAtDomTarget, labelsAtDomTarget, markAtDomTarget } from './dom';
import { $loadArticle, $refreshSpans } from './load';
import { scrollOffsetIntoView } from './offsets';
import type { MarkSpan } from './segments';
import { $setSelectedAnnotation } from './selectedAnnotation';
import { makeArticle, makeSpans } from './testSupport';

const span = (id: string, start: number, end: number, label: Label = 'claim'): MarkSpan => ({ id, label, start, end });

const GLOBALS = ['window', 'document', 'MutationObserver', 'Node', 'Element', 'HTMLElement', 'getComputedStyle'] as const;
const saved = new Map<string, unknown>();
let dom: ReturnType<typeof parseHTML>;

beforeAll(() => {
  dom = parseHTML('<!doctype html><html><body></body></html>');
  const globals = globalThis as Record<string, unknown>;
  const source = dom as unknown as Record<string, unknown>;
  for (const name of GLOBALS) {
    saved.set(name, globals[name]);
    globals[name] = name === 'window' ? dom : source[name];
  }
  // linkedom computes no styles; Lexical's development build only asks whether the root's
  // parent is a flex container.
  globals.getComputedStyle = () => ({ display: 'block' });
});

afterAll(() => {
  const globals = globalThis as Record<string, unknown>;
  for (const name of GLOBALS) globals[name] = saved.get(name);
});

function mountedEditor(): { editor: LexicalEditor; root: HTMLElement } {
  const root = dom.document.createElement('div');
  dom.document.body.appendChild(root);
  const editor = createEditor({ nodes: [...EDITOR_NODES], onError: (e) => { throw e; } });
  editor.setRootElement(root as unknown as HTMLElement);
  editor.setEditable(false);
  return { editor, root: root as unknown as HTMLElement };
}

const update = (editor: LexicalEditor, fn: () => void) => editor.update(fn, { discrete: true });

describe('AnnotationMarkNode in the DOM', () => {
  it('renders <mark> with ids, labels, the primary label, overlap and label classes', () => {
    const { editor, root } = mountedEditor();
    const text = 'Officials said 80 drones fell.';
    update(editor, () => $loadArticle(text, [span('outer', 0, 24, 'claim'), span('fig', 15, 24, 'figure'), span('who', 0, 9, 'actor')]));
    const marks = [...root.querySelectorAll('mark')];
    expect(marks.map((m) => m.outerHTML.replace(/<span[^>]*>|<\/span>/g, ''))).toEqual([
      '<mark class="annotation annotation--actor annotation--claim" data-annotation-ids="who outer" data-labels="actor claim" data-label="actor" data-overlap="2">Officials</mark>',
      '<mark class="annotation annotation--claim" data-annotation-ids="outer" data-labels="claim" data-label="claim"> said </mark>',
      '<mark class="annotation annotation--figure annotation--claim" data-annotation-ids="fig outer" data-labels="figure claim" data-label="figure" data-overlap="2">80 drones</mark>',
    ].map((html) => expect.stringMatching(attributesOf(html))));
    expect(root.querySelectorAll('mark mark').length).toBe(0);
  });

  it('sets and clears data-selected on the selected annotation only, in place', () => {
    const { editor, root } = mountedEditor();
    update(editor, () => $loadArticle('one two three', [span('a', 0, 7), span('b', 4, 13)]));
    const before = [...root.querySelectorAll('mark')];
    update(editor, () => $setSelectedAnnotation('b'));
    const after = [...root.querySelectorAll('mark')];
    expect(after).toEqual(before);
    expect(after.map((m) => m.getAttribute('data-selected'))).toEqual([null, 'true', 'true']);
    update(editor, () => $setSelectedAnnotation(null));
    expect([...root.querySelectorAll('mark[data-selected]')].length).toBe(0);
  });

  it('re-renders a retagged run with its new label', () => {
    const { editor, root } = mountedEditor();
    update(editor, () => $loadArticle('one two', [span('a', 0, 3, 'event')]));
    update(editor, () => $refreshSpans('one two', [span('a', 0, 3, 'actor')], 0, 3));
    expect(root.querySelector('mark')?.getAttribute('data-labels')).toBe('actor');
    expect(root.querySelector('mark')?.className).toBe('annotation annotation--actor');
  });
});

/** The attributes of an expected tag, in any order, as a pattern over the actual HTML. */
function attributesOf(html: string): RegExp {
  const open = /^<mark ([^>]*)>/.exec(html)?.[1] ?? '';
  const attributes = open.match(/[\w-]+="[^"]*"/g) ?? [];
  const text = /^<mark[^>]*>(.*)<\/mark>$/.exec(html)?.[1] ?? '';
  const lookaheads = attributes.map((a) => `(?=[^>]* ${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`).join('');
  return new RegExp(`^<mark${lookaheads}(?:\\s[\\w-]+="[^"]*"){${attributes.length}}>${text}</mark>$`);
}

describe('idsAtDomTarget', () => {
  it('finds the ids and labels of the mark around a click target', () => {
    const { editor, root } = mountedEditor();
    update(editor, () => $loadArticle('Kyiv said 80 drones fell.', [span('k', 0, 4, 'actor'), span('f', 10, 19, 'figure'), span('c', 5, 19)]));
    const figureMark = [...root.querySelectorAll('mark')].find((m) => m.textContent === '80 drones');
    const textNode = figureMark?.querySelector('span')?.firstChild ?? null;
    expect(idsAtDomTarget(textNode)).toEqual(['f', 'c']);
    expect(labelsAtDomTarget(textNode)).toEqual(['figure', 'claim']);
    expect(markAtDomTarget(figureMark ?? null)).toBe(figureMark);
    expect(idsAtDomTarget(root.querySelector('p'))).toEqual([]);
  });

  it('returns nothing for null and for targets that are not nodes', () => {
    expect(idsAtDomTarget(null)).toEqual([]);
    expect(idsAtDomTarget({} as EventTarget)).toEqual([]);
  });
});

describe('scrollOffsetIntoView', () => {
  it('scrolls the element holding the offset', () => {
    const { editor, root } = mountedEditor();
    update(editor, () => $loadArticle('first\n\nsecond paragraph', [span('s', 7, 13)]));
    const scrolled: string[] = [];
    for (const element of root.querySelectorAll('span')) {
      Object.assign(element, { scrollIntoView: () => scrolled.push(element.textContent ?? '') });
    }
    expect(scrollOffsetIntoView(editor, 9)).toBe(true);
    expect(scrolled).toEqual(['second']);
  });
});

describe('size, with the DOM reconciler', () => {
  it('loads, refreshes and selects on a 30,000-word article with 3,000 annotations', () => {
    const { editor, root } = mountedEditor();
    const text = makeArticle(30_000, 41);
    const spans = makeSpans(text, 3000, 42);
    const time = (fn: () => void) => {
      const started = performance.now();
      update(editor, fn);
      return (performance.now() - started).toFixed(1);
    };
    const load = [0, 1].map(() => time(() => $loadArticle(text, spans)));
    const refresh = [0, 1, 2, 3, 4].map((run) => {
      const at = 40_000 + run * 20_000;
      return time(() => $refreshSpans(text, [...spans, span(`k${run}`, at, at + 30)], at, at + 30));
    });
    const select = ['s10', 's20', 's30', 's40', 's50'].map((id) => time(() => $setSelectedAnnotation(id)));
    console.log(
      `${text.length} characters, ${spans.length} spans, ${root.querySelectorAll('mark').length} marks (linkedom DOM)\n` +
        `  $loadArticle: ${load.join(', ')} ms\n  $refreshSpans: ${refresh.join(', ')} ms\n  $setSelectedAnnotation: ${select.join(', ')} ms`,
    );
    expect(root.querySelectorAll('p').length).toBe(text.split('\n\n').length);
  });
});
