/**
 * The first way import/remap.ts traced origins, one JavaScript value per character (simple, and
 * slow and large on big texts): kept as the oracle the run-length version is compared with.
 */
import { canonicalize, isLoneSurrogate, wellFormed } from '../../../../shared/text';

type Remapped = { ok: true; start: number; end: number } | { ok: false; reason: string };

interface CanonicalText {
  text: string;
  /** True when canonicalization changed the text, so offsets into the original had to move. */
  changed: boolean;
  /** Moves an end-exclusive UTF-16 span of the original text onto the canonical text. */
  remap(start: number, end: number): Remapped;
}

/**
 * Canonicalizes a text whose spans were measured on the original, keeping track of where every
 * canonical character came from. Canonicalization only rewrites line breaks, drops control
 * characters and surplus whitespace and composes characters (NFC), so each surviving character has
 * one origin; a span boundary that falls inside a composed sequence has none and is refused.
 */
export function referenceCanonicalWithMap(raw: string): CanonicalText {
  const text = canonicalize(raw);
  if (text === raw) return { text, changed: false, remap: (start, end) => ({ ok: true, start, end }) };
  const origin = traceOrigins(raw, text);
  if (!origin) {
    return { text, changed: true, remap: () => ({ ok: false, reason: 'canonicalizing the text changed it in a way the span cannot follow' }) };
  }
  return { text, changed: true, remap: (start, end) => remapSpan(raw, text, origin, start, end) };
}

interface Origins {
  /** For each UTF-16 unit of the canonical text, the range of the original it stands for. */
  from: Int32Array;
  to: Int32Array;
}

/** Replays canonicalize's character-level steps with their origins, then aligns the result. */
function traceOrigins(raw: string, canonical: string): Origins | null {
  const chars: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const push = (s: string, a: number, b: number) => {
    chars.push(s);
    from.push(a);
    to.push(b);
  };
  for (let i = raw.charCodeAt(0) === 0xfeff ? 1 : 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x0d) {
      const pair = raw.charCodeAt(i + 1) === 0x0a;
      push('\n', i, pair ? i + 2 : i + 1);
      if (pair) i++;
    } else if (c === 0x2028 || c === 0x2029 || c === 0x85 || c === 0x0c || c === 0x0b) push('\n', i, i + 1);
    else if (c <= 0x08 || (c >= 0x0e && c <= 0x1f) || c === 0x7f) continue;
    else if (isLoneSurrogate(raw, i)) push('\ufffd', i, i + 1);
    else push(raw[i] as string, i, i + 1);
  }

  // NFC never composes across whitespace, so each run between whitespace normalizes on its own.
  const nChars: string[] = [];
  const nFrom: number[] = [];
  const nTo: number[] = [];
  let i = 0;
  while (i < chars.length) {
    if (/\s/.test(chars[i] as string)) {
      nChars.push(chars[i] as string);
      nFrom.push(from[i] as number);
      nTo.push(to[i] as number);
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && !/\s/.test(chars[j] as string)) j++;
    const word = chars.slice(i, j).join('');
    const normal = word.normalize('NFC');
    if (normal === word) {
      for (let k = i; k < j; k++) {
        nChars.push(chars[k] as string);
        nFrom.push(from[k] as number);
        nTo.push(to[k] as number);
      }
    } else {
      let p = 0;
      while (p < word.length && p < normal.length && word[p] === normal[p]) p++;
      let q = 0;
      while (q < word.length - p && q < normal.length - p && word[word.length - 1 - q] === normal[normal.length - 1 - q]) q++;
      // Origins are per UTF-16 unit of the (unnormalized) word; the changed middle maps as one block.
      const at = (offset: number) => i + offset;
      for (let k = 0; k < normal.length; k++) {
        nChars.push(normal[k] as string);
        if (k < p) {
          nFrom.push(from[at(k)] as number);
          nTo.push(to[at(k)] as number);
        } else if (k >= normal.length - q) {
          const src = at(word.length - (normal.length - k));
          nFrom.push(from[src] as number);
          nTo.push(to[src] as number);
        } else {
          nFrom.push(from[at(p)] as number);
          nTo.push(to[at(word.length - q - 1)] as number);
        }
      }
    }
    i = j;
  }

  // What canonicalize does after NFC only deletes whitespace, so the result is a subsequence.
  const out = { from: new Int32Array(canonical.length), to: new Int32Array(canonical.length) };
  let k = 0;
  for (let c = 0; c < canonical.length; c++) {
    while (k < nChars.length && nChars[k] !== canonical[c]) {
      if (!/\s/.test(nChars[k] as string)) return null;
      k++;
    }
    if (k >= nChars.length) return null;
    out.from[c] = nFrom[k] as number;
    out.to[c] = nTo[k] as number;
    k++;
  }
  return out;
}

function remapSpan(raw: string, canonical: string, origin: Origins, start: number, end: number): Remapped {
  const n = canonical.length;
  // First canonical unit whose origin starts at or after `start`.
  const s = lowerBound(origin.from, start, n);
  if (s > 0 && (origin.to[s - 1] as number) > start && (origin.from[s - 1] as number) < start) {
    if (!/\s/.test(canonical[s - 1] as string)) return { ok: false, reason: 'starts inside characters that canonicalization combined' };
  }
  // One past the last canonical unit whose origin ends at or before `end`.
  const e = upperBoundTo(origin.to, end, n);
  if (e < n && (origin.from[e] as number) < end && (origin.to[e] as number) > end) {
    if (!/\s/.test(canonical[e] as string)) return { ok: false, reason: 'ends inside characters that canonicalization combined' };
  }
  if (e <= s) return { ok: false, reason: 'covers only text that canonicalization removed' };
  const before = visible(raw.slice(start, end));
  const after = visible(canonical.slice(s, e));
  if (before !== after) return { ok: false, reason: 'could not be moved onto the canonical text' };
  return { ok: true, start: s, end: e };
}

/** The characters that must survive any remapping: everything but whitespace and controls. */
function visible(s: string): string {
  return wellFormed(s).replace(/[\s\u0000-\u001f\u007f\u0085\uFEFF]/g, '').normalize('NFC');
}

function lowerBound(arr: Int32Array, value: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((arr[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBoundTo(arr: Int32Array, value: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((arr[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
