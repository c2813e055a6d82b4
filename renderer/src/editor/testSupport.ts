// Shared by the editor's tests only; nothing in the app imports it.
import { createHeadlessEditor } from '@lexical/headless';
import type { LexicalEditor } from 'lexical';
import { LABELS } from '../../../shared/model';
import { seededRandom } from '../../../shared/random';
import { splitsSurrogatePair, trimSpan } from '../../../shared/text';
import { EDITOR_NODES } from './AnnotationMarkNode';
import type { MarkSpan } from './segments';

export function createTestEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: 'test',
    nodes: [...EDITOR_NODES],
    onError: (error) => {
      throw error;
    },
  });
}

/** Runs `fn` in one discrete update so the state is committed when this returns. */
export function update(editor: LexicalEditor, fn: () => void): void {
  editor.update(fn, { discrete: true });
}

/** The project's seeded generator, so a failing random case can be replayed. */
export const random = (seed: number): (() => number) => seededRandom('editor-test', seed);

const WORDS = ['drones', 'were', 'shot', 'down', 'over', 'Kyiv', 'officials', 'said', '80', 'the', 'ministry', 'reported',
  'Київ', 'заявили', 'café', '😀', '🇺🇦', 'e\u0301', 'claims', '“quoted”', 'strike', 'regional', 'governor'];

/** Canonical text of roughly `wordCount` words, with paragraphs, single newlines and astral characters. */
export function makeArticle(wordCount: number, seed = 1): string {
  const next = random(seed);
  const paragraphs: string[] = [];
  let written = 0;
  while (written < wordCount) {
    const length = 10 + Math.floor(next() * 50);
    const words: string[] = [];
    for (let i = 0; i < length; i++) {
      words.push(WORDS[Math.floor(next() * WORDS.length)] as string);
      if (i < length - 1) words.push(next() < 0.03 ? '\n' : ' ');
    }
    paragraphs.push(words.join('').replace(/ \n|\n /g, '\n') + '.');
    written += length;
  }
  return paragraphs.join('\n\n');
}

/**
 * `count` random spans of varied lengths (some crossing paragraphs), trimmed of whitespace like
 * every stored annotation, never splitting a surrogate pair.
 */
export function makeSpans(text: string, count: number, seed = 2, maxLength = 400): MarkSpan[] {
  const next = random(seed);
  const spans: MarkSpan[] = [];
  for (let i = 0; spans.length < count; i++) {
    const length = 1 + Math.floor(next() ** 3 * maxLength);
    let start = Math.floor(next() * Math.max(1, text.length - 1));
    let end = Math.min(text.length, start + length);
    if (splitsSurrogatePair(text, start)) start--;
    if (splitsSurrogatePair(text, end)) end++;
    const trimmed = trimSpan(text, start, end);
    if (trimmed === null) continue;
    spans.push({ id: `s${i}`, label: LABELS[Math.floor(next() * LABELS.length)] as MarkSpan['label'], ...trimmed });
  }
  return spans;
}
