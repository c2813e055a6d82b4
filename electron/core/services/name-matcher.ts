import { joins, words } from '../../../shared/fold';
import type { RegistryName } from '../store/entities';

/**
 * Finds the registry's names in a text, word for word: a name matches a run of whole words whose
 * folded keys are the name's, joined only by what may stand inside a name (shared/fold.ts), so
 * "Russia" is found in "Russia's" and never in "Russian". Inflected forms are not guessed: an
 * analyst who wants "Зеленського" found adds it as an alias.
 */
export interface Dictionary {
  /** Names by their first word's key: the word counts of the names that start with it, longest first. */
  lengths: Map<string, number[]>;
  /** Names by their whole key (one per kind at most: keys are unique per kind). */
  names: Map<string, RegistryName[]>;
}

export function buildDictionary(entries: readonly RegistryName[]): Dictionary {
  const names = new Map<string, RegistryName[]>();
  const lengths = new Map<string, Set<number>>();
  for (const entry of entries) {
    const parts = entry.key.split(' ');
    const list = names.get(entry.key);
    if (list) list.push(entry);
    else names.set(entry.key, [entry]);
    const first = parts[0] as string;
    const set = lengths.get(first) ?? new Set<number>();
    set.add(parts.length);
    lengths.set(first, set);
  }
  return { names, lengths: new Map([...lengths].map(([k, v]) => [k, [...v].sort((a, b) => b - a)])) };
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
  if (dict.names.size === 0) return [];
  const ws = words(text);
  const found: NameMatch[] = [];
  for (let i = 0; i < ws.length; i++) {
    const first = ws[i] as (typeof ws)[number];
    const counts = dict.lengths.get(first.key);
    if (!counts) continue;
    for (const count of counts) {
      if (i + count > ws.length) continue;
      let key = first.key;
      let ok = true;
      for (let j = i + 1; j < i + count; j++) {
        const w = ws[j] as (typeof ws)[number];
        if (!joins(text, ws[j - 1] as (typeof ws)[number], w)) {
          ok = false;
          break;
        }
        key += ` ${w.key}`;
      }
      if (!ok) continue;
      const names = dict.names.get(key);
      if (!names) continue;
      const start = first.start;
      const end = (ws[i + count - 1] as (typeof ws)[number]).end;
      found.push({ start, end, text: text.slice(start, end), names });
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
