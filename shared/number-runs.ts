/**
 * Numbers written in words, as runs of adjacent words read into one value: what the Russian,
 * Ukrainian and German readers (figure-words.ts, figure-words-de.ts) share. Each language says
 * what a word is, where a run may start and go on, and which runs are numbers at all.
 */

export interface Word {
  /** The word lower-cased. */
  text: string;
  start: number;
  end: number;
}

/** One word of a number: a value added, a scale that multiplies what came before, or a dozen. */
export interface NumberPart {
  kind: 'number' | 'scale' | 'dozen';
  value: number;
}

export interface RunRules {
  read(word: string): NumberPart | null;
  /** The first word of a run. */
  starts(part: NumberPart): boolean;
  /** A later word of a run, given the value of the run's current group so far. */
  continues(part: NumberPart, current: number): boolean;
  /** Whether the run of words[i..j) is a number (a lone article may not be). */
  keep?(words: readonly Word[], i: number, j: number): boolean;
}

export function wordsOf(text: string, word: RegExp): Word[] {
  return [...text.matchAll(word)].map((m) => ({ text: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
}

/** `text` with each run of number words the rules keep replaced by its value in digits. */
export function replaceNumberRuns(text: string, words: readonly Word[], rules: RunRules): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < words.length; ) {
    const first = rules.read((words[i] as Word).text);
    if (first === null || !rules.starts(first)) {
      i++;
      continue;
    }
    let total = 0;
    let current = 0;
    let j = i;
    for (; j < words.length; j++) {
      const w = words[j] as Word;
      // Words of one number stand next to each other, with nothing but spaces between them.
      if (j > i && text.slice((words[j - 1] as Word).end, w.start).trim() !== '') break;
      const part = rules.read(w.text);
      if (part === null || (j > i && !rules.continues(part, current))) break;
      if (part.kind === 'scale') {
        total += (current || 1) * part.value;
        current = 0;
      } else if (part.kind === 'dozen') current = (current || 1) * part.value;
      else current += part.value;
    }
    if (rules.keep && !rules.keep(words, i, j)) {
      i++;
      continue;
    }
    out += text.slice(copied, (words[i] as Word).start) + String(total + current);
    copied = (words[j - 1] as Word).end;
    i = j;
  }
  return out + text.slice(copied);
}
