import type { Rng } from './fuzz';

/**
 * Mutation for fuzzing: payloads built from valid ones, changed in one or a few places, so that
 * most of them pass the contract's schemas and reach the checks behind it (a random payload is
 * refused at the schema gate and tests nothing deeper). Values come from the edges of each kind
 * and, by key, from other valid payloads (`Donors`): an annotation's attributes swapped for
 * another label's, a claimant or a conflict copy from another article, a time from a field that
 * is not one.
 */
export class Donors {
  private byKey = new Map<string, unknown[]>();

  /** Remembers every value under every key of `value`, to give them to other payloads later. */
  learn(value: unknown, depth = 0): void {
    if (depth > 6 || value === null || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      const seen = this.byKey.get(key) ?? [];
      if (seen.length < 200) seen.push(v);
      else seen[(seen.length * 7919 + depth) % 200] = v;
      this.byKey.set(key, seen);
      this.learn(v, depth + 1);
    }
  }

  for(key: string): unknown[] {
    return this.byKey.get(key) ?? [];
  }
}

const EDGE_STRINGS = [
  '',
  ' ',
  '\n\n',
  '\u00a0\u2003',
  'yesterday',
  '2024-13-45T99:99:99Z',
  '2024-11-26',
  '\ud800',
  '\udc00x',
  '👩‍💼🇺🇦',
  '\u0000\u001b[2J',
  '__proto__',
  'x'.repeat(501),
  'x'.repeat(10_240),
];

function edgeNumber(rng: Rng, n: number): number {
  return rng.pick([n + 1, n - 1, n + 2, n - 2, 0, -1, n * 2, 2 ** 31, 0.5]);
}

function leafMutation(rng: Rng, key: string, value: unknown, donors: Donors): unknown {
  const donated = donors.for(key);
  const roll = rng.next();
  if (roll < 0.35 && donated.length > 0) return rng.pick(donated);
  if (typeof value === 'number') return edgeNumber(rng, value);
  if (typeof value === 'string') {
    if (roll < 0.6) return rng.pick(EDGE_STRINGS);
    // A character in the middle changed: a near miss of a valid id, label or date.
    const at = rng.int(value.length + 1);
    return value.slice(0, at) + rng.pick(['', 'x', ' ', '\ud83d', '0']) + value.slice(at + 1);
  }
  if (roll < 0.8) return rng.pick(EDGE_STRINGS);
  return rng.pick([null, 0, true, [], {}]);
}

/** The paths to every value in `value`, objects and arrays included. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  if (depth > 6 || value === null || typeof value !== 'object') return out;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [k, v] of entries) {
    const p = [...prefix, k];
    out.push(p);
    paths(v, p, out, depth + 1);
  }
  return out;
}

/** A deep copy with one to three changes: a value replaced, a key dropped, a key another payload has added, an element doubled. */
export function mutate<T>(rng: Rng, value: T, donors: Donors): T {
  const copy = structuredClone(value) as unknown;
  const changes = 1 + rng.int(3);
  for (let c = 0; c < changes; c++) {
    const all = paths(copy);
    if (all.length === 0) break;
    const path = rng.pick(all);
    const key = path[path.length - 1] as string | number;
    let parent = copy as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    const roll = rng.next();
    if (roll < 0.12 && !Array.isArray(parent)) delete parent[key];
    else if (roll < 0.22 && Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
    else if (roll < 0.3 && !Array.isArray(parent)) {
      // A key of some other payload, with a value it had there.
      const foreign = rng.pick(['claimantId', 'conflictOf', 'value', 'kind', 'status', 'date', 'canonicalName', 'qualifier', 'articleId', 'createdAt']);
      const donated = donors.for(foreign);
      parent[foreign] = donated.length ? rng.pick(donated) : rng.pick(EDGE_STRINGS);
    } else parent[key] = leafMutation(rng, String(key), parent[key], donors);
  }
  return copy as T;
}

/** Raw bytes changed where parsers are fragile: markup and quotes inserted, bytes flipped, a cut, a doubled run. */
export function mutateBytes(rng: Rng, bytes: Uint8Array): Uint8Array {
  let out = Buffer.from(bytes);
  const changes = 1 + rng.int(3);
  for (let c = 0; c < changes; c++) {
    const at = rng.int(out.length + 1);
    const roll = rng.next();
    if (roll < 0.3) {
      const insert = Buffer.from(rng.pick(['<div>', '</p>', '<script>', '"', '\\', '{', ']', '\n', '\r\n', '\u001b', '\ufeff', '&amp;', '<!--', '\u2028', '🇺🇦', '\u0000']));
      out = Buffer.concat([out.subarray(0, at), insert, out.subarray(at)]);
    } else if (roll < 0.5 && out.length > 0) {
      out[Math.min(at, out.length - 1)] = rng.int(256);
    } else if (roll < 0.65) {
      out = out.subarray(0, at);
    } else if (roll < 0.8) {
      const end = Math.min(out.length, at + 1 + rng.int(64));
      out = Buffer.concat([out.subarray(0, end), out.subarray(at, end), out.subarray(end)]);
    } else {
      const end = Math.min(out.length, at + 1 + rng.int(32));
      out = Buffer.concat([out.subarray(0, at), out.subarray(end)]);
    }
  }
  return out;
}
