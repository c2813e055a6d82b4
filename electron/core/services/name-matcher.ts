import { joins, scanWords } from '../../../shared/fold';
import type { RegistryName } from '../store/entities';

/**
 * Finds the registry's names in a text, word for word: a name matches a run of whole words whose
 * folded keys are the name's, joined only by what may stand inside a name (shared/fold.ts), so
 * "Russia" is found in "Russia's" and never in "Russian". Inflected forms are not guessed: an
 * analyst who wants "Зеленського" found adds it as an alias.
 */
export interface Dictionary {
  /** Names as a trie of their folded words: the first word's key leads to the names that start with it. */
  root: Map<string, TrieNode>;
  size: number;
}

interface TrieNode {
  /** The names whose key ends at this word (an actor and a place may share one). */
  names: RegistryName[] | null;
  next: Map<string, TrieNode> | null;
}

export function buildDictionary(entries: readonly RegistryName[]): Dictionary {
  const root = new Map<string, TrieNode>();
  for (const entry of entries) {
    let level = root;
    let node: TrieNode | null = null;
    for (const part of entry.key.split(' ')) {
      node = level.get(part) ?? null;
      if (!node) {
        node = { names: null, next: null };
        level.set(part, node);
      }
      level = node.next ??= new Map();
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
export function findNames(text: string, dict: Dictionary): NameMatch[] {
  if (dict.size === 0) return [];
  const { starts, ends, keys, unspaced } = scanWords(text);
  const found: NameMatch[] = [];
  for (let i = 0; i < keys.length; i++) {
    let node = dict.root.get(keys[i] as string);
    // Most words start no name: one map lookup each. A name's next word is looked up only on its
    // path in the trie, and only then is the text between the two words checked.
    for (let j = i + 1; node; j++) {
      if (node.names) {
        const start = starts[i] as number;
        const end = ends[j - 1] as number;
        found.push({ start, end, text: text.slice(start, end), names: node.names });
      }
      if (j >= keys.length || !node.next) break;
      const child = node.next.get(keys[j] as string);
      if (!child) break;
      const left = { start: starts[j - 1] as number, end: ends[j - 1] as number, key: '', unspaced: unspaced[j - 1] === 1 };
      const right = { start: starts[j] as number, end: ends[j] as number, key: '', unspaced: unspaced[j] === 1 };
      if (!joins(text, left, right)) break;
      node = child;
    }
  }
  return longestFirst(found);
}

function longestFirst(found: NameMatch[]): NameMatch[] {
  if (found.length < 2) return found;
  const byLength = [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: NameMatch[] = [];
  for (const m of byLength) {
    if (!kept.some((k) => k.start < m.end && m.start < k.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}
