import { joinsAt, wordHash, type WordList } from '../../../shared/fold';
import type { Registry, Proposal } from './suggestions';

/**
 * How an article's last scan is kept and told stale (store/suggestion-scans.ts, migration 0016).
 * A scan keeps a set of hashes of the article's words and of each two words that a name may join
 * (shared/fold.ts joinsAt): a name of one word can only be found, or stop being found, in an
 * article holding that word, and one of more words in an article holding each two of its words
 * in a row. So a registry change reaches the articles whose sets hold all of them, and only a
 * few more (where two words share a hash, or a name's pairs stand apart).
 */

/**
 * The version of what a scan finds for a given text and registry: raise it with any change to
 * the word cutting, folding, hashing or matching (shared/fold.ts, name-matcher.ts) or to how
 * proposals are made from matches (suggestions.ts), so stored scans are all made again.
 */
export const MATCHER_VERSION = 1;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The hash of two words in a row, apart from every word's hash (those are below 2^30). */
function pairHash(a: number, b: number): number {
  return ((Math.imul(a, 0x9e3779b1) ^ b) & 0x3fffffff) | 0x40000000;
}

/** What a name must find in a set: its word, or each two of its words in a row. */
function needs(key: string): number[] {
  const hashes = key.split(' ').map(wordHash);
  if (hashes.length === 1) return hashes;
  return hashes.slice(1).map((h, i) => pairHash(hashes[i] as number, h));
}

/** The set of a scanned text (its words as findNames cut them): distinct hashes, sorted, as little-endian 32-bit integers. */
export function encodeWords(text: string, list: WordList): Buffer {
  const { hashes, starts, ends, unspaced } = list;
  const all = new Uint32Array(hashes.length * 2);
  let n = 0;
  for (let i = 0; i < hashes.length; i++) {
    all[n++] = hashes[i] as number;
    if (i > 0 && joinsAt(text, ends[i - 1] as number, starts[i] as number, unspaced[i - 1] === 1 || unspaced[i] === 1)) all[n++] = pairHash(hashes[i - 1] as number, hashes[i] as number);
  }
  const sorted = all.subarray(0, n).sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i] as number;
  if (LITTLE_ENDIAN) return Buffer.from(sorted.buffer, 0, m * 4);
  const out = Buffer.allocUnsafe(m * 4);
  for (let i = 0; i < m; i++) out.writeUInt32LE(sorted[i] as number, i * 4);
  return out;
}

function decodeWords(words: Buffer): Uint32Array {
  if (LITTLE_ENDIAN && words.byteOffset % 4 === 0) return new Uint32Array(words.buffer, words.byteOffset, words.length >>> 2);
  const out = new Uint32Array(words.length >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = words.readUInt32LE(i * 4);
  return out;
}

function holds(sorted: Uint32Array, h: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (v === h) return true;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Whether a stored scan may be touched by these changed keys: its set holds all that one of them
 * needs. Each hash of the set is looked up once among the keys' first needs, so the cost is the
 * set's size, however many keys changed.
 */
export function touchedBy(keys: readonly string[]): (words: Buffer) => boolean {
  if (keys.length === 0) return () => false;
  const byFirst = new Map<number, number[][]>();
  for (const key of keys) {
    const [first, ...rest] = needs(key) as [number, ...number[]];
    const list = byFirst.get(first);
    if (list) list.push(rest);
    else byFirst.set(first, [rest]);
  }
  return (stored) => {
    const words = decodeWords(stored);
    for (let i = 0; i < words.length; i++) {
      const rests = byFirst.get(words[i] as number);
      if (rests && rests.some((rest) => rest.every((h) => holds(words, h)))) return true;
    }
    return false;
  };
}

type Stored = [start: number, end: number, text: string, entityId: string, action: Proposal['action'], annotationId: string | null];

export function encodeProposals(proposals: readonly Proposal[]): string {
  return JSON.stringify(proposals.map((p): Stored => [p.start, p.end, p.text, p.entityId, p.action, p.annotationId]));
}

/**
 * Stored proposals as the pass reports them, names and kinds from the registry snapshot; null
 * when one names an entity the snapshot lacks (the scan is then made again, never guessed).
 */
export function decodeProposals(articleId: string, json: string, registry: Registry): Proposal[] | null {
  const out: Proposal[] = [];
  for (const [start, end, text, entityId, action, annotationId] of JSON.parse(json) as Stored[]) {
    const head = registry.heads.get(entityId);
    if (!head) return null;
    out.push({ articleId, start, end, text, entityId, entityName: head.name, entityKind: head.kind, action, annotationId });
  }
  return out;
}
