/**
 * The project's one seeded pseudo-random generator (sfc32, seeded through a string hash), for
 * tests, fuzzing and benchmarks: the same seed gives the same stream on every machine, so a
 * failing random case replays from its seed alone and two benchmark runs see the same data.
 * Not for anything secret.
 */
export type Rng = () => number;

/** A 32-bit hash of strings or numbers (FNV-1a then a finaliser), for deriving seeds. */
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

function sfc32(a: number, b: number, c: number, d: number): Rng {
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

/**
 * A stream of numbers in [0, 1) for the seed made of `parts`: independent per distinct seed
 * (article 7 of a corpus is the same whatever else is generated).
 */
export function seededRandom(...parts: (string | number)[]): Rng {
  const rng = sfc32(hash32(...parts, 'a'), hash32(...parts, 'b'), hash32(...parts, 'c'), hash32(...parts, 'd'));
  // The first outputs of sfc32 from related seeds are correlated.
  for (let i = 0; i < 12; i++) rng();
  return rng;
}
