/**
 * A small seeded PRNG (sfc32) so every corpus is the same on every machine and every run: the
 * figures of two runs differ only by the code and the machine, never by the data.
 */
export type Rng = () => number;

/** A 32-bit hash of a string or numbers (FNV-1a then a finaliser), for deriving seeds. */
export function hash32(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = String(part);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x2c;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export function sfc32(a: number, b: number, c: number, d: number): Rng {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** An independent stream per (seed, name...): article 7 is the same whatever else is generated. */
export function rngFor(...parts: (string | number)[]): Rng {
  const rng = sfc32(hash32(...parts, 'a'), hash32(...parts, 'b'), hash32(...parts, 'c'), hash32(...parts, 'd'));
  // Warm up: the first outputs of sfc32 from related seeds are correlated.
  for (let i = 0; i < 12; i++) rng();
  return rng;
}

export const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** Standard normal by Box-Muller. */
export function normal(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A deterministic UUID-shaped id (version 4 layout) from the stream. */
export function uuid(rng: Rng): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(rng() * 4)]}${hex(3)}-${hex(12)}`;
}

/**
 * Samples ranks 0..n-1 with Zipf weights 1/(r+1+offset)^s, the shape of word frequencies in
 * running text (offset: how many more frequent words of another list rank above these), by binary
 * search over the cumulative weights.
 */
export function zipf(n: number, s: number, offset = 0): (rng: Rng) => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    total += 1 / Math.pow(r + 1 + offset, s);
    cumulative[r] = total;
  }
  return (rng) => {
    const x = rng() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
