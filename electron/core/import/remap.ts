import { canonicalize, wellFormed, withoutBom } from '../../../shared/text';

export type Remapped = { ok: true; start: number; end: number } | { ok: false; reason: string };

export interface CanonicalText {
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
export function canonicalWithMap(raw: string): CanonicalText {
  const text = canonicalize(raw);
  if (text === raw) return { text, changed: false, remap: (start, end) => ({ ok: true, start, end }) };
  // Traced on the first span only: a dataset's articles mostly come without spans to move.
  let origin: Origins | null | undefined;
  return {
    text,
    changed: true,
    remap: (start, end) => {
      if (origin === undefined) origin = traceOrigins(raw, text);
      if (!origin) return { ok: false, reason: 'canonicalizing the text changed it in a way the span cannot follow' };
      return remapSpan(raw, text, origin, start, end);
    },
  };
}

/**
 * Where each unit of a derived text came from in its source, as runs rather than per unit: a
 * 'step' run maps unit at+k to [src+k, src+k+1), a 'block' run maps each of its units to the
 * whole [src, srcEnd) (a CRLF that became one \n; the letters NFC composed). A run lasts until
 * the next one starts, so a text canonicalization hardly changed needs a handful of runs, and
 * the worst (every other unit removed) one run per two units: a few bytes per unit at most,
 * where one JavaScript value per unit took over a hundred.
 */
class Runs {
  private at = new Int32Array(16);
  private src = new Int32Array(16);
  /** -1 for a step run. */
  private srcEnd = new Int32Array(16);
  private count = 0;

  /** Unit `k` of the derived text comes from unit `s` of the source. */
  step(k: number, s: number): void {
    const last = this.count - 1;
    if (last >= 0 && this.srcEnd[last] === -1 && (this.src[last] as number) + (k - (this.at[last] as number)) === s) return;
    this.push(k, s, -1);
  }

  /** Unit `k` stands for the source's units [s, e). */
  block(k: number, s: number, e: number): void {
    const last = this.count - 1;
    if (last >= 0 && this.src[last] === s && this.srcEnd[last] === e) return;
    this.push(k, s, e);
  }

  /** The source range of unit `k`: [from, to). */
  from(k: number): number {
    const i = this.find(k);
    const end = this.srcEnd[i] as number;
    return end === -1 ? (this.src[i] as number) + (k - (this.at[i] as number)) : (this.src[i] as number);
  }

  to(k: number): number {
    const i = this.find(k);
    const end = this.srcEnd[i] as number;
    return end === -1 ? (this.src[i] as number) + (k - (this.at[i] as number)) + 1 : end;
  }

  private find(k: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.at[mid] as number) <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private push(k: number, s: number, e: number): void {
    if (this.count === this.at.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.at = grow(this.at);
      this.src = grow(this.src);
      this.srcEnd = grow(this.srcEnd);
    }
    this.at[this.count] = k;
    this.src[this.count] = s;
    this.srcEnd[this.count] = e;
    this.count++;
  }
}

interface Origins {
  /** For unit `c` of the canonical text, the range [from(c), to(c)) of the original it stands for; both never decrease. */
  from(c: number): number;
  to(c: number): number;
}

/**
 * Replays canonicalize's steps with their origins, then aligns the result: line breaks and
 * control characters (each unit of the result to its units of the original), NFC per run
 * between whitespace, then the whitespace canonicalize removes. Linear in the text.
 */
function traceOrigins(raw: string, canonical: string): Origins | null {
  // 1. Line breaks, control characters, lone surrogates: the text as canonicalize has it before NFC.
  const unified = wellFormed(withoutBom(raw))
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029\u0085\f\v]/g, '\n')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '');
  const lines = new Runs();
  let k = 0;
  for (let i = raw.charCodeAt(0) === 0xfeff ? 1 : 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x0d && raw.charCodeAt(i + 1) === 0x0a) {
      lines.block(k++, i, i + 2);
      i++;
    } else if (c <= 0x08 || (c >= 0x0e && c <= 0x1f) || c === 0x7f) continue;
    else lines.step(k++, i);
  }
  if (k !== unified.length) return null;

  // 2. NFC never composes across whitespace, so each run between whitespace normalizes on its own.
  let composed = unified;
  let nfc: Runs | null = null;
  if (unified.normalize('NFC') !== unified) {
    nfc = new Runs();
    const parts: string[] = [];
    let copied = 0;
    let out = 0;
    const word = /\S+/g;
    for (let m = word.exec(unified); m; m = word.exec(unified)) {
      const w = m[0];
      const normal = w.normalize('NFC');
      if (normal === w) continue;
      const i = m.index;
      // The unchanged stretch before this word, then the word's unchanged ends around its changed middle.
      nfc.step(out, copied);
      out += i - copied;
      let p = 0;
      while (p < w.length && p < normal.length && w[p] === normal[p]) p++;
      let q = 0;
      while (q < w.length - p && q < normal.length - p && w[w.length - 1 - q] === normal[normal.length - 1 - q]) q++;
      if (p > 0) nfc.step(out, i);
      for (let u = p; u < normal.length - q; u++) nfc.block(out + u, i + p, i + w.length - q);
      if (q > 0) nfc.step(out + normal.length - q, i + w.length - q);
      out += normal.length;
      parts.push(unified.slice(copied, i), normal);
      copied = i + w.length;
    }
    nfc.step(out, copied);
    parts.push(unified.slice(copied));
    composed = parts.join('');
  }

  // 3. What canonicalize does after NFC only deletes whitespace, so the result is a subsequence.
  const kept = new Runs();
  let j = 0;
  for (let c = 0; c < canonical.length; c++) {
    const want = canonical.charCodeAt(c);
    let skipped = c === 0;
    while (j < composed.length && composed.charCodeAt(j) !== want) {
      if (!/\s/.test(composed[j] as string)) return null;
      j++;
      skipped = true;
    }
    if (j >= composed.length) return null;
    if (skipped) kept.step(c, j);
    j++;
  }

  const fromNfc = (u: number) => (nfc ? nfc.from(u) : u);
  const toNfc = (u: number) => (nfc ? nfc.to(u) : u + 1);
  return {
    from: (c) => lines.from(fromNfc(kept.from(c))),
    to: (c) => lines.to(toNfc(kept.from(c)) - 1),
  };
}

function remapSpan(raw: string, canonical: string, origin: Origins, start: number, end: number): Remapped {
  const n = canonical.length;
  // First canonical unit whose origin starts at or after `start`.
  const s = firstWhere(n, (c) => origin.from(c) >= start);
  if (s > 0 && origin.to(s - 1) > start && origin.from(s - 1) < start) {
    if (!/\s/.test(canonical[s - 1] as string)) return { ok: false, reason: 'starts inside characters that canonicalization combined' };
  }
  // One past the last canonical unit whose origin ends at or before `end`.
  const e = firstWhere(n, (c) => origin.to(c) > end);
  if (e < n && origin.from(e) < end && origin.to(e) > end) {
    if (!/\s/.test(canonical[e] as string)) return { ok: false, reason: 'ends inside characters that canonicalization combined' };
  }
  if (e <= s) return { ok: false, reason: 'covers only text that canonicalization removed' };
  const before = visible(raw.slice(start, end));
  const after = visible(canonical.slice(s, e));
  if (before !== after) return { ok: false, reason: 'could not be moved onto the canonical text' };
  return { ok: true, start: s, end: e };
}

/** The first index in [0, n) where a condition that stays true once true holds; n when it never does. */
function firstWhere(n: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The characters that must survive any remapping: everything but whitespace and controls. */
function visible(s: string): string {
  return wellFormed(s).replace(/[\s\u0000-\u001f\u007f\u0085\uFEFF]/g, '').normalize('NFC');
}
