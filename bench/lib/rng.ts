/**
 * Helpers over the project's seeded generator (shared/random.ts), so every corpus is the same on
 * every machine and every run: the figures of two runs differ only by the code and the machine,
 * never by the data.
 */
import { seededRandom, type Rng } from '../../shared/random';

export type { Rng };

/** An independent stream per (seed, name...): article 7 is the same whatever else is generated. */
export const rngFor = (...parts: (string | number)[]): Rng => seededRandom(...parts);

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
