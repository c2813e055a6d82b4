// The reader's DOM, rendered by Lexical's real reconciler into linkedom (a DOM implementation
// that runs under Node): what the stylesheet, click handling and end-to-end tests see.
import { createEditor, type LexicalEditor } from 'lexical';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Label } from '../../../shared/model';
import { EDITOR_NODES } from './AnnotationMarkNode';
import { cueSlots } from './cue';
import { idsAtDomTarget, markAtDomTarget } from './dom';
import { $loadArticle, $refreshSpans } from './load';
import { type MarkSpan, segments } from './segments';
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
  it('renders <mark> with ids, labels, the innermost label, overlap count, starts and label classes', () => {
    const { editor, root } = mountedEditor();
    const text = 'Officials said 80 drones fell.';
    update(editor, () => $loadArticle(text, [span('outer', 0, 24, 'claim'), span('fig', 15, 24, 'figure'), span('who', 0, 9, 'actor')]));
    const marks = [...root.querySelectorAll('mark')];
    expect(marks.map((m) => m.outerHTML.replace(/<span[^>]*>|<\/span>/g, ''))).toEqual([
      '<mark class="annotation cue annotation--actor annotation--claim" data-annotation-ids="who outer" data-labels="actor claim" data-label="actor" data-overlap="2" data-starts="C A" data-u0="claim" data-u1="actor">Officials</mark>',
      '<mark class="annotation cue annotation--claim" data-annotation-ids="outer" data-labels="claim" data-label="claim" data-u0="claim"> said </mark>',
      '<mark class="annotation cue annotation--figure annotation--claim" data-annotation-ids="fig outer" data-labels="figure claim" data-label="figure" data-overlap="2" data-starts="F" data-u0="claim" data-u1="figure">80 drones</mark>',
    ].map((html) => expect.stringMatching(attributesOf(html))));
    expect(root.querySelectorAll('mark mark').length).toBe(0);
    // The initials are drawn by CSS, outside the text: the page's text is the article's.
    expect(root.textContent).toBe('Officials said 80 drones fell.');
  });

  it('names one underline slot per label present, outermost lowest, for the stylesheet to draw', () => {
    const { editor, root } = mountedEditor();
    const text = 'The ministry said the strike on Brenn killed four.';
    // An event nested in a claim: the event must show as an event, not be painted over by the claim.
    const claim = span('c', 0, 50, 'claim');
    const event = span('e', text.indexOf('the strike'), text.indexOf(' killed'), 'event');
    const actor = span('a', text.indexOf('Brenn'), text.indexOf(' killed'), 'actor');
    update(editor, () => $loadArticle(text, [claim, event, actor]));
    const slots = (m: Element) => [0, 1, 2, 3].map((i) => m.getAttribute(`data-u${i}`));
    const byText = (t: string) => [...root.querySelectorAll('mark')].find((m) => m.textContent === t) as HTMLElement;
    expect(byText('the strike on ').getAttribute('data-label')).toBe('event');
    expect(slots(byText('the strike on '))).toEqual(['claim', 'event', null, null]);
    expect(slots(byText('Brenn'))).toEqual(['claim', 'event', 'actor', null]);
    // The claim's line stays in the lowest slot where it runs alone.
    expect(slots(byText('The ministry said '))).toEqual(['claim', null, null, null]);
    expect(byText('Brenn').className).toBe('annotation cue annotation--actor annotation--event annotation--claim');
    expect(root.querySelectorAll('mark[style]').length).toBe(0);
    expect(cueSlots(['event', 'event', 'claim'])).toEqual(['claim', 'event']);
  });

  it('restyles a run in place when its labels change', () => {
    const { editor, root } = mountedEditor();
    update(editor, () => $loadArticle('one two', [span('a', 0, 3, 'event')]));
    update(editor, () => $refreshSpans('one two', [span('a', 0, 3, 'actor')], 0, 3));
    const mark = root.querySelector('mark') as HTMLElement;
    expect(mark.getAttribute('data-labels')).toBe('actor');
    expect(mark.className).toBe('annotation cue annotation--actor');
    expect(mark.getAttribute('data-starts')).toBe('A');
    expect([mark.getAttribute('data-u0'), mark.getAttribute('data-u1')]).toEqual(['actor', null]);
  });

  it('sets and clears data-selected on the selected annotation only, in place', () => {
    const { editor, root } = mountedEditor();
    const text = 'one two three\n\nfour five';
    update(editor, () => $loadArticle(text, [span('a', 0, 7), span('b', 4, 13), span('c', 15, 19)]));
    const before = [...root.querySelectorAll('mark')];
    update(editor, () => $setSelectedAnnotation('b'));
    const after = [...root.querySelectorAll('mark')];
    expect(after).toEqual(before);
    expect(after.map((m) => m.getAttribute('data-selected'))).toEqual([null, 'true', 'true', null]);
    // Limited to the paragraphs of the old and new selection, it gives the same result.
    update(editor, () => $setSelectedAnnotation('c', { text, ranges: [span('b', 4, 13), span('c', 15, 19)] }));
    expect([...root.querySelectorAll('mark')].map((m) => m.getAttribute('data-selected'))).toEqual([null, null, null, 'true']);
    update(editor, () => $setSelectedAnnotation(null));
    expect([...root.querySelectorAll('mark[data-selected]')].length).toBe(0);
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
  it('finds the ids of the mark around a click target, innermost first', () => {
    const { editor, root } = mountedEditor();
    update(editor, () => $loadArticle('Kyiv said 80 drones fell.', [span('k', 0, 4, 'actor'), span('f', 10, 19, 'figure'), span('c', 5, 19)]));
    const figureMark = [...root.querySelectorAll('mark')].find((m) => m.textContent === '80 drones');
    const textNode = figureMark?.querySelector('span')?.firstChild ?? null;
    expect(idsAtDomTarget(textNode)).toEqual(['f', 'c']);
    expect(markAtDomTarget(figureMark ?? null)).toBe(figureMark);
    expect(idsAtDomTarget(root.querySelector('p'))).toEqual([]);
  });

  it('returns nothing for null and for targets that are not nodes', () => {
    expect(idsAtDomTarget(null)).toEqual([]);
    expect(idsAtDomTarget({} as EventTarget)).toEqual([]);
  });
});

/** The text a node shows, its line breaks (<br>) counted as the "\n" they stand for. */
function domText(node: Node): string {
  if (node.nodeName === 'BR') return '\n';
  if (node.nodeType === 3) return node.textContent ?? '';
  return [...node.childNodes].map(domText).join('');
}

describe('at size, with the DOM reconciler', () => {
  it('renders a 30,000-word article with 3,000 annotations as its segments, and refreshes it in place', () => {
    const { editor, root } = mountedEditor();
    const text = makeArticle(30_000, 41);
    let spans = makeSpans(text, 3000, 42);
    update(editor, () => $loadArticle(text, spans));
    const check = () => {
      const expected = segments(text, spans);
      const marks = [...root.querySelectorAll('mark')];
      expect(marks.length).toBe(expected.length);
      marks.forEach((mark, i) => {
        const segment = expected[i] as (typeof expected)[number];
        expect(domText(mark)).toBe(text.slice(segment.start, segment.end));
        expect(mark.getAttribute('data-annotation-ids')).toBe(segment.ids.join(' '));
      });
      expect(root.querySelectorAll('p').length).toBe(text.split('\n\n').length);
      expect([...root.querySelectorAll('p')].map(domText).join('\n\n')).toBe(text);
    };
    check();
    for (let run = 0; run < 5; run++) {
      const at = 40_000 + run * 20_000;
      const before = root.querySelectorAll('p')[0];
      spans = [...spans, span(`k${run}`, at, at + 30, 'figure')];
      update(editor, () => $refreshSpans(text, spans, at, at + 30));
      // Only the touched paragraph was rebuilt: the first one is the same element.
      expect(root.querySelectorAll('p')[0]).toBe(before);
    }
    check();
  });
});

describe('SuggestionMarkNode in the DOM', () => {
  it('renders a dashed suggestion <mark> with its id inside the annotation mark; a click on it still finds the annotation', () => {
    const { editor, root } = mountedEditor();
    const text = 'Zelensky met Zelenskyy.';
    update(editor, () => $loadArticle(text, [span('a1', 13, 22, 'actor')], { suggestions: [{ id: 's1', start: 0, end: 8 }, { id: 's2', start: 13, end: 22 }] }));
    const suggested = [...root.querySelectorAll('[data-suggestion-id]')];
    expect(suggested.map((m) => [m.tagName.toLowerCase(), m.getAttribute('class'), m.getAttribute('data-suggestion-id'), domText(m)])).toEqual([
      ['mark', 'suggestion', 's1', 'Zelensky'],
      ['mark', 'suggestion', 's2', 'Zelenskyy'],
    ]);
    expect(suggested[0]?.hasAttribute('data-annotation-ids')).toBe(false);
    expect(idsAtDomTarget(suggested[1] as unknown as EventTarget)).toEqual(['a1']);
    expect(idsAtDomTarget(suggested[0] as unknown as EventTarget)).toEqual([]);
  });
});
