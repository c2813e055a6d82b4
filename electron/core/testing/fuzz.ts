import { CHANNELS, type Channel } from '../../../shared/ipc/channels';
import { seededRandom } from '../../../shared/random';

/** Seeded (shared/random.ts), so a failing run replays from its seed alone. */
export function createRng(seed: number) {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    /** Ids drawn from the seed too, so a replay asks for exactly the same (missing) records. */
    uuid: () => 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => (c === 'x' ? int(16) : 8 + int(4)).toString(16)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
export type Rng = ReturnType<typeof createRng>;

export interface FuzzPools {
  articleIds: string[];
  annotationIds: string[];
  jobIds: string[];
}

const EDGE_NUMBERS = [0, -0, -1, 1, 0.5, -0.5, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31), 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324, Number.MAX_VALUE];
const NASTY_STRINGS = [
  '',
  ' ',
  '\0',
  '\ud800',
  '\udfff',
  '\u202e\u200b\ufeff',
  '🇺🇦👩‍💼',
  "'; DROP TABLE articles; --",
  '" OR 1=1 --',
  'NEAR(a b',
  '"unterminated',
  '*',
  'a OR',
  '^title:',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  '%00%2e%2e',
  '<script>alert(1)</script>',
  'x'.repeat(64),
  'x'.repeat(65),
];
const POISON_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then'];
const LABEL_LIKE = ['event', 'claim', 'actor', 'figure', 'EVENT', 'Event', 'other', ''];

function randomString(rng: Rng, max = 40): string {
  const alphabets = ['abcdefghij ', 'ÄéßКиївعربي ', '\u0000\u0001\u001f\u007f\ud800\udbff\u200d', '🇺🇦👩‍💼😀 '];
  const alphabet = [...rng.pick(alphabets)];
  let out = '';
  const length = rng.int(max + 1);
  for (let i = 0; i < length; i++) out += rng.pick(alphabet);
  return out;
}

function anyString(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.3) return rng.pick(NASTY_STRINGS);
  if (roll < 0.97) return randomString(rng);
  // Huge strings stay rare: the point is one past each limit, not a slow run.
  return rng.pick(['a', '🇺🇦', '\n']).repeat(rng.pick([65, 1001, 2001, 4097, 100_001]));
}

function anyNumber(rng: Rng): number {
  return rng.chance(0.6) ? rng.pick(EDGE_NUMBERS) : (rng.next() - 0.5) * 10 ** rng.int(12);
}

/** Values of every kind that can cross IPC (structured clone) or the test host (JSON). */
export function anyValue(rng: Rng, depth = 0): unknown {
  const roll = rng.int(depth > 3 ? 6 : 12);
  switch (roll) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return rng.chance(0.5);
    case 3:
      return anyNumber(rng);
    case 4:
    case 5:
      return anyString(rng);
    case 6:
      return Array.from({ length: rng.int(5) }, () => anyValue(rng, depth + 1));
    case 7:
      return randomObject(rng, [], depth);
    case 8:
      return deepNest(rng, rng.pick([50, 1000, 5000]));
    case 9:
      return poisoned(rng);
    case 10:
      return rng.pick([BigInt(rng.int(1000)), new Date(rng.int(2 ** 40)), new Uint8Array(rng.int(16)), new Map([['a', 1]]), new Set([1])]);
    default: {
      // Structured clone carries cycles; JSON never does, but the main process must survive them.
      const cyclic: Record<string, unknown> = { id: 'x' };
      cyclic.self = cyclic;
      return cyclic;
    }
  }
}

function deepNest(rng: Rng, depth: number): unknown {
  let v: unknown = anyString(rng);
  for (let i = 0; i < depth; i++) v = rng.chance(0.5) ? [v] : { id: 'a', items: v };
  return v;
}

/** Own properties named like the prototype chain, as JSON.parse and structured clone create them. */
function poisoned(rng: Rng): unknown {
  const key = rng.pick(POISON_KEYS);
  const value = rng.pick(['{"polluted": true}', '"x"', '[1]', 'null', '{"prototype": {"polluted": true}}']);
  const parsed = JSON.parse(`{"${key}": ${value}, "id": "a"}`) as Record<string, unknown>;
  if (rng.chance(0.3)) {
    const bare = Object.create(null) as Record<string, unknown>;
    Object.assign(bare, { ids: ['a'], polluted: true });
    return bare;
  }
  return parsed;
}

function randomObject(rng: Rng, knownKeys: string[], depth: number): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  const count = rng.int(5);
  for (let i = 0; i < count; i++) {
    const key = rng.chance(0.5) && knownKeys.length ? rng.pick(knownKeys) : rng.chance(0.3) ? rng.pick(POISON_KEYS) : randomString(rng, 8);
    Object.defineProperty(obj, key, { value: anyValue(rng, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return obj;
}

const id = (rng: Rng, pool: string[]): string => {
  const roll = rng.next();
  if (roll < 0.55 && pool.length) return rng.pick(pool);
  if (roll < 0.8) return rng.uuid();
  return rng.pick(['', 'x'.repeat(64), 'x'.repeat(65), '../etc', '%', '\ud800', randomString(rng, 20)]);
};

const offset = (rng: Rng): number => (rng.chance(0.8) ? rng.int(140) : rng.pick([-1, 2 ** 31, 2 ** 53, 0.5, NaN, Infinity, -0]));

function attrs(rng: Rng): unknown {
  const pick = rng.int(6);
  if (pick === 0) return { value: anyNumber(rng), unit: 'drones', qualifier: rng.pick(['exact', 'about', 'at least']) };
  if (pick === 1) return { kind: rng.pick(['person', 'state', 'alien']), canonicalName: anyString(rng) };
  if (pick === 2) return { status: rng.pick(['unverified', 'false', 'maybe']), claimant: anyString(rng), claimantId: id(rng, []) };
  if (pick === 3) return { date: rng.pick(['2024', '2024-11-26', '26/11/2024', '']), location: anyString(rng) };
  if (pick === 4) return poisoned(rng);
  return anyValue(rng, 2);
}

function annotation(rng: Rng, pools: FuzzPools): Record<string, unknown> {
  const start = offset(rng);
  return {
    id: rng.chance(0.3) ? id(rng, pools.annotationIds) : rng.uuid(),
    articleId: id(rng, pools.articleIds),
    label: rng.pick(LABEL_LIKE),
    start,
    end: rng.chance(0.8) ? start + rng.int(20) : offset(rng),
    quote: anyString(rng),
    note: anyString(rng),
    attrs: rng.chance(0.8) ? {} : attrs(rng),
    author: 'fuzz',
    status: rng.pick(['ok', 'orphaned', 'lost']),
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  };
}

/** An input of the channel's own shape with values from the edges of each field's range. */
export function shapedInput(rng: Rng, channel: Channel, pools: FuzzPools): Record<string, unknown> {
  const some = <T>(make: () => T, max = 3) => Array.from({ length: rng.chance(0.1) ? 0 : 1 + rng.int(max) }, make);
  switch (channel) {
    case 'articles/list':
      return pickKeys(rng, {
        query: rng.chance(0.5) ? rng.pick(['drones', 'Київ', 'кие*', 'power AND homes', '"shot down"']) : anyString(rng),
        sort: rng.pick(['relevance', 'imported', 'published', 'title', 'annotations', 'random']),
        descending: rng.chance(0.5),
        source: rng.pick(['wire', '', anyString(rng)]),
        label: rng.pick(LABEL_LIKE),
        unannotated: rng.chance(0.5),
        publishedFrom: rng.pick(['2024', '2024-11-12', anyString(rng)]),
        publishedTo: rng.pick(['2024-11', '2025', anyString(rng)]),
        limit: rng.chance(0.7) ? 1 + rng.int(1000) : anyNumber(rng),
        offset: rng.chance(0.7) ? rng.int(20) : anyNumber(rng),
      });
    case 'articles/get':
    case 'jobs/get':
    case 'jobs/cancel':
      return { id: id(rng, channel === 'articles/get' ? pools.articleIds : pools.jobIds) };
    case 'articles/updateMeta':
      return {
        id: id(rng, pools.articleIds),
        meta: pickKeys(rng, { title: anyString(rng), source: null, url: anyString(rng), author: anyString(rng), publishedAt: '2024-11', language: rng.pick(['en', 'uk', anyString(rng)]) }),
      };
    case 'articles/delete':
      return { ids: some(() => (rng.chance(0.9) ? rng.uuid() : id(rng, pools.articleIds))) };
    case 'articles/restore':
      return { token: rng.chance(0.8) ? rng.uuid() : anyString(rng) };
    case 'import/dialog':
    case 'library/stats':
    case 'library/backup':
    case 'library/restore':
      return {};
    case 'import/texts':
      return {
        items: some(() =>
          rng.chance(0.7)
            ? { name: rng.pick(['a.txt', 'b.md', 'c.html', 'd.json', 'e.jsonl', 'f.bin', anyString(rng) || 'g']), content: anyString(rng) }
            : { name: 'x.txt', base64: rng.chance(0.5) ? Buffer.from(randomString(rng, 200)).toString('base64') : anyString(rng) },
        ),
      };
    case 'import/begin':
      return {
        // Only 0 is both valid and finished at once: a drop that announces files waits for them.
        expected: rng.pick([0, 0, 0, -1, 1.5, 2_000_000]),
        outcomes: some(() => ({ file: rng.pick(['photo.png', '.hidden', anyString(rng) || 'x']), status: rng.pick(['skipped', 'failed', 'imported']), message: anyString(rng) })),
      };
    case 'import/add':
      return {
        id: id(rng, pools.jobIds),
        last: rng.chance(0.5),
        ...(rng.chance(0.2) ? { outcomes: some(() => ({ file: anyString(rng) || 'x', status: 'failed', message: 'unreadable' })) } : {}),
        items: some(() =>
          rng.chance(0.5)
            ? { name: rng.pick(['a.txt', 'dir/b.md', anyString(rng) || 'g']), content: anyString(rng) }
            : { name: 'dir/x.txt', base64: Buffer.from(randomString(rng, 200)).toString('base64'), ...(rng.chance(0.3) ? { annBase64: anyString(rng) } : {}) },
        ),
      };
    case 'import/passphrase':
      return { id: id(rng, pools.jobIds), passphrase: rng.chance(0.2) ? null : anyString(rng) };
    case 'articles/correctText':
      return {
        id: id(rng, pools.articleIds),
        text: rng.chance(0.5) ? `Corrected ${randomString(rng, 60)}` : anyString(rng),
        ...(rng.chance(0.5) ? { positions: some(() => ({ id: id(rng, pools.annotationIds), start: offset(rng), end: offset(rng), status: rng.pick(['ok', 'orphaned', 'gone']) })) } : {}),
      };
    case 'annotations/create':
      return { articleId: id(rng, pools.articleIds), ...span(rng, pools) };
    case 'annotations/createMany':
      return { articleId: id(rng, pools.articleIds), items: some(() => span(rng, pools), 5) };
    case 'annotations/update':
      return { id: id(rng, pools.annotationIds), ...pickKeys(rng, { label: rng.pick(LABEL_LIKE), note: anyString(rng), attrs: attrs(rng) }) };
    case 'annotations/search':
      return {
        query: rng.chance(0.5) ? rng.pick(['drones', 'contested', 'Київ', 'drone*', '"shot down"', 'NOT', 'a OR']) : anyString(rng),
        ...pickKeys(rng, { label: rng.pick(LABEL_LIKE), limit: rng.chance(0.7) ? 1 + rng.int(1000) : anyNumber(rng) }),
      };
    case 'annotations/delete':
      return { ids: some(() => id(rng, pools.annotationIds)) };
    case 'annotations/restore':
      return { annotations: some(() => annotation(rng, pools)) };
    case 'export/dialog':
      return exportRequest(rng, pools);
    // events as records
    case 'roles/list':
      return { articleId: id(rng, pools.articleIds) };
    case 'roles/set':
      return { eventId: id(rng, pools.annotationIds), roles: some(() => ({ role: rng.pick(['actor', 'target', 'with', 'figure', 'source', 'claimant']), spanId: id(rng, pools.annotationIds) })) };
    case 'events/list':
      return pickKeys(rng, {
        sort: rng.pick(['date', 'type', 'location', 'source', 'article', 'random']),
        descending: rng.chance(0.5),
        type: rng.pick(['Battles', anyString(rng)]),
        actor: anyString(rng),
        dateFrom: rng.pick(['2024', '2024-11-12', anyString(rng)]),
        dateTo: rng.pick(['2024-11', anyString(rng)]),
        source: anyString(rng),
        limit: rng.chance(0.7) ? 1 + rng.int(1000) : anyNumber(rng),
        offset: rng.chance(0.7) ? rng.int(20) : anyNumber(rng),
      });
    case 'events/candidates':
      return { eventId: id(rng, pools.annotationIds), ...pickKeys(rng, { limit: rng.chance(0.7) ? 1 + rng.int(200) : anyNumber(rng) }) };
    case 'incidents/group':
      return { eventIds: some(() => id(rng, pools.annotationIds)), ...pickKeys(rng, { incidentId: rng.uuid() }) };
    case 'incidents/ungroup':
      return { eventIds: some(() => id(rng, pools.annotationIds)) };
    case 'incidents/get':
      return { id: rng.chance(0.5) ? rng.uuid() : anyString(rng) };
    case 'codebook/get':
      return {};
    case 'codebook/add':
      return { type: rng.pick(['Battles', 'Cyber attack', anyString(rng)]), ...pickKeys(rng, { subType: anyString(rng) }) };
    // The actor and place registry.
    case 'entities/list':
      return pickKeys(rng, {
        kind: rng.pick(['actor', 'place', 'thing']),
        filter: rng.chance(0.5) ? rng.pick(['zel', 'Київ', 'İst']) : anyString(rng),
        sort: rng.pick(['name', 'kind', 'mentions', 'articles', 'updated', 'random']),
        descending: rng.chance(0.5),
        limit: rng.chance(0.7) ? 1 + rng.int(1000) : anyNumber(rng),
        offset: rng.chance(0.7) ? rng.int(20) : anyNumber(rng),
      });
    case 'entities/get':
    case 'entities/mentions':
      return { id: id(rng, []), ...pickKeys(rng, { limit: 1 + rng.int(1000), offset: rng.int(20) }) };
    case 'entities/search':
      return { query: rng.chance(0.5) ? rng.pick(['z', 'Зел', 'ISTANBUL']) : anyString(rng), ...pickKeys(rng, { kind: rng.pick(['actor', 'place', 'x']), limit: anyNumber(rng) }) };
    case 'entities/create':
      return entityDraft(rng);
    case 'entities/update':
      return { id: id(rng, []), ...pickKeys(rng, { name: anyString(rng), aliases: some(() => anyString(rng)), note: anyString(rng), actorKind: rng.pick(['person', 'alien', null]) }) };
    case 'entities/delete':
      return { ids: some(() => id(rng, [])) };
    case 'entities/merge':
    case 'entities/keepApart':
      return { from: id(rng, []), into: id(rng, []) };
    case 'entities/split':
      return { annotationIds: some(() => id(rng, pools.annotationIds)), to: rng.chance(0.5) ? { id: id(rng, []) } : { create: entityDraft(rng) } };
    case 'entities/undo':
      return { token: rng.chance(0.8) ? rng.uuid() : anyString(rng) };
    case 'annotations/link':
      return { annotationId: id(rng, pools.annotationIds), entityId: rng.chance(0.3) ? null : id(rng, []) };
    case 'suggestions/list':
    case 'suggestions/acceptAll':
      return { articleId: id(rng, pools.articleIds) };
    case 'suggestions/accept':
    case 'suggestions/reject':
      return { articleId: id(rng, pools.articleIds), ids: some(() => anyString(rng)) };
    case 'suggestions/start':
      return pickKeys(rng, { accept: rng.chance(0.5) ? false : anyValue(rng) });
    case 'provenance/get':
    case 'provenance/saveOriginal':
    case 'provenance/removed':
      return { id: id(rng, pools.articleIds) };
    case 'events/get':
      return { ids: some(() => id(rng, pools.annotationIds)) };
    // Figures that disagree.
    case 'figures/disagreements':
      return pickKeys(rng, { kind: rng.pick(['conflict', 'variance', 'x']), scope: rng.pick(['article', 'incident', 'x']), unresolved: anyValue(rng), limit: anyNumber(rng), offset: anyNumber(rng) });
    case 'figures/resolve':
      return {
        id: rng.chance(0.5) ? rng.uuid() : anyString(rng),
        resolution: rng.chance(0.2) ? null : { decision: rng.pick(['value', 'range', 'not_same_count', 'maybe']), ...pickKeys(rng, { value: anyNumber(rng), min: anyNumber(rng), max: anyNumber(rng), note: anyString(rng) }) },
      };
    case 'figures/restoreResolution':
      return { id: rng.chance(0.5) ? rng.uuid() : anyString(rng), resolution: rng.chance(0.5) ? null : anyValue(rng) };
    case 'figures/settings':
      return pickKeys(rng, { spread: rng.chance(0.5) ? rng.int(100) / 100 : anyNumber(rng) });
    case 'figures/vocabulary':
      return {};
    case 'library/lockState':
      return {};
    case 'library/unlock':
      return pickKeys(rng, { passphrase: anyString(rng), remember: anyValue(rng) });
    case 'library/searchIndex':
      return {};
    case 'library/pauseSearchIndex':
      return pickKeys(rng, { paused: anyValue(rng) });
    // The Timeline and the actor Network.
    case 'timeline/counts':
      return pickKeys(rng, { type: rng.pick(['Battles', anyString(rng)]), actor: rng.pick(['rus', '%_\\', anyString(rng)]), source: anyString(rng) });
    case 'timeline/figures':
      return pickKeys(rng, { filter: rng.chance(0.8) ? pickKeys(rng, { type: rng.pick(['Battles', anyString(rng)]), actor: anyString(rng) }) : anyValue(rng), unit: rng.pick(['day', 'week', 'month', 'year']) });
    case 'network/graph':
      return pickKeys(rng, { type: rng.pick(['Battles', anyString(rng)]), source: anyString(rng), limit: rng.chance(0.7) ? 1 + rng.int(2000) : anyNumber(rng) });
    default:
      // A new channel needs its own generator here. No channel takes a file path: the renderer is
      // untrusted, so paths come only from the platform's dialogs.
      throw new Error(`no fuzz generator for channel ${String(channel satisfies never)}`);
  }
}

function entityDraft(rng: Rng): Record<string, unknown> {
  return {
    kind: rng.pick(['actor', 'place', 'other']),
    name: rng.chance(0.6) ? rng.pick(['Zelensky', 'Київ', 'İstanbul', '!!!']) : anyString(rng),
    ...pickKeys(rng, { aliases: Array.from({ length: rng.int(3) }, () => anyString(rng)), externalIds: ['wikidata:Q1'], actorKind: rng.pick(['person', 'alien', null]), note: anyString(rng) }),
  };
}

function exportRequest(rng: Rng, pools: FuzzPools): Record<string, unknown> {
  return {
    format: rng.chance(0.9) ? rng.pick(['jsonl', 'csv', 'brat', 'w3c', 'bundle']) : anyString(rng),
    ...pickKeys(rng, {
      scope: rng.chance(0.5)
        ? { ids: Array.from({ length: 1 + rng.int(3) }, () => id(rng, pools.articleIds)) }
        : pickKeys(rng, { query: rng.pick(['drones', anyString(rng)]), label: rng.pick(LABEL_LIKE), unannotated: rng.chance(0.5), publishedFrom: '2024' }),
      labels: Array.from({ length: rng.int(6) }, () => rng.pick(LABEL_LIKE)),
    }),
  };
}

function span(rng: Rng, pools: FuzzPools): Record<string, unknown> {
  const start = offset(rng);
  return {
    // The renderer's own ids: fresh, already taken, or malformed.
    ...(rng.chance(0.3) ? { id: id(rng, pools.annotationIds) } : {}),
    label: rng.chance(0.85) ? rng.pick(['event', 'claim', 'actor', 'figure']) : rng.pick(LABEL_LIKE),
    start,
    end: rng.chance(0.85) ? start + 1 + rng.int(30) : offset(rng),
    ...pickKeys(rng, { note: anyString(rng), attrs: attrs(rng) }),
  };
}

function pickKeys(rng: Rng, all: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(all).filter(() => rng.chance(0.5)));
}

/** Breaks one thing about a well-shaped input: a field's type, a missing field, an extra or poisoned key. */
function mutate(rng: Rng, input: Record<string, unknown>): unknown {
  const keys = Object.keys(input);
  const out: Record<string, unknown> = { ...input };
  const roll = rng.int(7);
  if (roll === 0 && keys.length) out[rng.pick(keys)] = anyValue(rng);
  else if (roll === 1 && keys.length) delete out[rng.pick(keys)];
  else if (roll === 2) Object.defineProperty(out, rng.pick(POISON_KEYS), { value: anyValue(rng), enumerable: true });
  else if (roll === 3) out[randomString(rng, 10) || 'extra'] = anyValue(rng);
  else if (roll === 4) return [input];
  else if (roll === 5 && keys.length) out[rng.pick(keys)] = rng.chance(0.5) ? [out[rng.pick(keys)]] : describePayload(out[rng.pick(keys)]);
  else {
    // What arrives over the test host's HTTP: JSON.parse makes "__proto__" an own key.
    let inner = '';
    try {
      inner = JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).slice(1, -1);
    } catch {
      // A cyclic value cannot travel as JSON; the poisoned key alone still makes a payload.
    }
    return JSON.parse(`{"__proto__": {"polluted": true}${inner ? `, ${inner}` : ''}}`) as unknown;
  }
  return out;
}

/** One payload for a channel: a third wholly random, a third broken shapes, a third well-shaped. */
export function fuzzInput(rng: Rng, channel: Channel, pools: FuzzPools): unknown {
  const roll = rng.next();
  let input: unknown;
  if (roll < 0.3) input = anyValue(rng);
  else if (roll < 0.6) input = mutate(rng, shapedInput(rng, channel, pools));
  else input = shapedInput(rng, channel, pools);
  return input;
}

export function randomChannelName(rng: Rng): string {
  for (;;) {
    const name = rng.pick([
      () => randomString(rng, 30),
      () => rng.pick(POISON_KEYS),
      () => `${rng.pick(CHANNELS)} `,
      () => rng.pick(CHANNELS).toUpperCase(),
      () => `${rng.pick(CHANNELS)}/../library/stats`,
      () => 'articles/',
      () => '/articles/list',
      () => 'x'.repeat(100_000),
    ])();
    if (!(CHANNELS as readonly string[]).includes(name)) return name;
  }
}

/** A short, always printable account of a payload for failure messages. */
export function describePayload(value: unknown): string {
  const seen = new WeakSet<object>();
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'bigint') return `${v}n`;
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[cycle]';
        seen.add(v);
      }
      return v;
    }) ?? String(value);
  } catch (err) {
    text = `[unprintable: ${(err as Error).message}]`;
  }
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}
