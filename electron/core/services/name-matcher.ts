import { joinsAt, keyOf, scanWords, wordHash, type WordList } from '../../../shared/fold';
import type { RegistryName } from '../store/entities';

/**
 * Finds the registry's names in a text, word for word: a name matches a run of whole words whose
 * folded keys are the name's, joined only by what may stand inside a name (shared/fold.ts), so
 * "Russia" is found in "Russia's" and never in "Russian". Inflected forms are not guessed: an
 * analyst who wants "Зеленського" found adds it as an alias.
 */
export interface Dictionary {
  /**
   * Names as a trie of their folded words, each word by its hash (wordHash), so a text's words
   * are looked up with no key made: most words start no name and cost one lookup of a number.
   * Two words may share a hash, so a name found is kept only when its key is the text's.
   */
  root: Map<number, TrieNode>;
  size: number;
}

interface TrieNode {
  /** The names whose key ends at this word (an actor and a place may share one). */
  names: RegistryName[] | null;
  next: Map<number, TrieNode> | null;
}

export function buildDictionary(entries: readonly RegistryName[]): Dictionary {
  const root = new Map<number, TrieNode>();
  for (const entry of entries) {
    let level = root;
    let node: TrieNode | null = null;
    for (const part of entry.key.split(' ')) {
      if (node) level = node.next ??= new Map();
      const hash = wordHash(part);
      node = level.get(hash) ?? null;
      if (!node) {
        node = { names: null, next: null };
        level.set(hash, node);
      }
    }
    if (node) (node.names ??= []).push(entry);
  }
  return { root, size: entries.length };
}

export interface NameMatch {
  /** UTF-16 offsets into the text, end-exclusive. */
  start: number;
  end: number;
  /** What the text holds there. */
  text: string;
  /** The registry names it matches (an actor and a place may share a name). */
  names: RegistryName[];
}

/**
 * Every match, overlaps resolved: where two overlap the longer wins (then the earlier), so
 * "New York Times" is one match, not "New York" and "York".
 */
export function findNames(text: string, dict: Dictionary, words?: WordList): NameMatch[] {
  if (dict.size === 0) return [];
  const list = words ?? scanWords(text, SCRATCH);
  const { starts, ends, hashes, unspaced } = list;
  const found: NameMatch[] = [];
  for (let i = 0; i < starts.length; i++) {
    let node = dict.root.get(hashes[i] as number);
    // A name's next word is looked up only on its path in the trie, and only then is the text
    // between the two words checked.
    for (let j = i + 1; node; j++) {
      if (node.names) {
        const names = sameKey(node.names, text, list, i, j);
        if (names.length > 0) {
          const start = starts[i] as number;
          const end = ends[j - 1] as number;
          found.push({ start, end, text: text.slice(start, end), names });
        }
      }
      if (j >= starts.length || !node.next) break;
      const child = node.next.get(hashes[j] as number);
      if (!child) break;
      if (!joinsAt(text, ends[j - 1] as number, starts[j] as number, unspaced[j - 1] === 1 || unspaced[j] === 1)) break;
      node = child;
    }
  }
  return longestFirst(found);
}

/** The word lists of the text being matched, reused from one text to the next (findNames runs to its end before another starts). */
const SCRATCH: WordList = { starts: [], ends: [], keys: [], hashes: [], unspaced: [] };

/** A text's words as findNames cuts them, for a caller that also keeps their hashes; valid until the next scan. */
export function scanText(text: string): WordList {
  return scanWords(text, SCRATCH);
}

/** The names whose key is that of words i to j (exclusive): all of them but where two words share a hash. */
function sameKey(names: RegistryName[], text: string, list: WordList, i: number, j: number): RegistryName[] {
  let key = keyOf(text, list, i);
  for (let k = i + 1; k < j; k++) key += ` ${keyOf(text, list, k)}`;
  return names.every((n) => n.key === key) ? names : names.filter((n) => n.key === key);
}

function longestFirst(found: NameMatch[]): NameMatch[] {
  // Found in text order: where no match reaches into the next, there is nothing to resolve.
  let overlaps = false;
  for (let k = 1; k < found.length && !overlaps; k++) overlaps = (found[k - 1] as NameMatch).end > (found[k] as NameMatch).start;
  if (!overlaps) return found;
  const byLength = [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: NameMatch[] = [];
  for (const m of byLength) {
    if (!kept.some((k) => k.start < m.end && m.start < k.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}
