import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, type Channel } from '../../../shared/ipc/channels';
import { exportCorpus } from '../export';
import { inlineParser } from '../import/pool';
import { loadAttackReports } from '../testing/attack-reports';
import { ok, importText } from '../testing/backend';
import { allAnnotations, fuzzPlatform, newCallState, settle, type CallState } from '../testing/call-state';
import { validCall, WRITE_CHANNELS } from '../testing/contract-calls';
import { createRng, type Rng } from '../testing/fuzz';
import { libraryProblems, storeProblems } from '../testing/library-check';
import { Donors, mutate, mutateBytes } from '../testing/mutate';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';
import { BundleError, importBundle } from './bundle';
import { importBatch } from './importer';

/**
 * Payloads built from valid ones and changed in a place or two (testing/mutate.ts), thrown at
 * every write channel of the contract (valid calls from testing/contract-calls.ts, made on the
 * library as it is at each case) and at the import parsers and the bundle merge.
 * After every accepted call the library keeps every annotation invariant; every FULL_EVERY
 * accepted calls, and at the end, it passes SQLite's integrity and foreign key checks and its own
 * bundle re-imports whole into a fresh library (testing/library-check.ts).
 * SPANWISE_MUTATION_SEED replays a run exactly (the ids and times the services make are drawn
 * from it too); SPANWISE_MUTATION_CASES makes it longer. What earlier runs found has a test of its
 * own: bundle-merge.test.ts (an actor's id that is an alias in another article), bundle.test.ts
 * (an escaped lone surrogate in an article's text), figures.test.ts (a restored resolution the
 * store's CHECK refuses), store/entity-undo.test.ts (undo records pruned by SQLite's clock).
 */
const SEED = Number(process.env.SPANWISE_MUTATION_SEED ?? 0x5a11);
const CASES = Number(process.env.SPANWISE_MUTATION_CASES ?? 2000);

// Ids decide which of two annotations a merge keeps or takes for an alias, times which conflict
// copy inherits a deleted annotation's id: both come from the seed so that a run replays.
const replay = vi.hoisted(() => ({ uuid: (): string => { throw new Error('the seeded ids are set before the run'); } }));
vi.mock('node:crypto', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:crypto')>()), randomUUID: () => replay.uuid() }));
const CLOCK_START = Date.parse('2026-01-01T00:00:00.000Z');
const FULL_EVERY = Number(process.env.SPANWISE_MUTATION_FULL_EVERY ?? 250);
const MAX_ARTICLES = 10;

const EMOJI_TEXT = 'Flags 🇺🇦🇵🇱 and faces 👩‍💼 before the span: officials said 80 drones were shot down over Київ overnight.\n\nA second paragraph, with “curly quotes” and an ALSO READ line.';

const tmp = useTmpDir();

interface Run {
  cases: number;
  accepted: number;
  refused: Map<string, number>;
  /** Broken promises: an internal error, an unknown code, a throw, a library that broke an invariant. */
  broken: string[];
  fullChecks: number;
  ms: number;
  /** Calls and accepted calls per write channel. */
  byChannel: Map<Channel, { calls: number; accepted: number }>;
}

const articleIds = (b: Backend) => b.db.prepare('SELECT id FROM articles ORDER BY rowid').pluck().all() as string[];

/** Channels whose valid call is slow (a key derivation, a file written whole) are drawn less often. */
const RARE: readonly Channel[] = ['import/passphrase', 'export/dialog', 'library/backup', 'library/restore', 'suggestions/start', 'jobs/cancel'];
function pickChannel(rng: Rng): Channel {
  for (;;) {
    const channel = rng.pick(WRITE_CHANNELS);
    if (!RARE.includes(channel) || rng.chance(0.25)) return channel;
  }
}

/** An input file built from the library's own exports or a sample page, mutated in its bytes or its records. */
function mutatedFile(rng: Rng, samples: { jsonl: string[]; bundle: string[]; pages: { name: string; bytes: Buffer }[] }, donors: Donors): { kind: 'file'; name: string; bytes: Uint8Array } | { kind: 'bundle'; lines: string[] } {
  const roll = rng.int(3);
  if (roll === 0) {
    const line = rng.pick(samples.jsonl);
    const mutated = rng.chance(0.6) ? JSON.stringify(mutate(rng, JSON.parse(line) as unknown, donors)) : Buffer.from(mutateBytes(rng, Buffer.from(line))).toString('utf8');
    return { kind: 'file', name: 'mutated.jsonl', bytes: Buffer.from(mutated) };
  }
  if (roll === 1) {
    const [header = '', ...rest] = samples.bundle;
    const end = rest.pop() ?? '';
    const lines = rest.map((l) => (rng.chance(0.5) ? JSON.stringify(mutate(rng, JSON.parse(l) as unknown, donors)) : l));
    return { kind: 'bundle', lines: [header, ...lines, end] };
  }
  const page = rng.pick(samples.pages);
  return { kind: 'file', name: page.name, bytes: mutateBytes(rng, page.bytes) };
}

async function fuzz(s: CallState, dir: string): Promise<Run> {
  const { b, rng } = s;
  const run: Run = { cases: 0, accepted: 0, refused: new Map(), broken: [], fullChecks: 0, ms: 0, byChannel: new Map() };
  const donors = new Donors();
  const jsonlFile = join(dir, 'library.jsonl');
  const bundleFile = join(dir, 'library.spanwise');
  await exportCorpus(b.db, { format: 'jsonl', out: jsonlFile });
  await exportCorpus(b.db, { format: 'bundle', out: bundleFile });
  const samples = {
    jsonl: readFileSync(jsonlFile, 'utf8').trim().split('\n'),
    bundle: gunzipSync(readFileSync(bundleFile)).toString('utf8').trim().split('\n'),
    pages: [
      { name: 'page.html', bytes: Buffer.from(`<html><head><title>Drones</title><meta charset="utf-8"></head><body><nav>Menu</nav><article><h1>Drones</h1><p>${EMOJI_TEXT}</p><p>Second.</p></article></body></html>`) },
      { name: 'note.md', bytes: Buffer.from(`---\ntitle: Note\n---\n\n# Heading\n\n${EMOJI_TEXT}\n\n- item *one*\n`) },
      { name: 'plain.txt', bytes: Buffer.from(`Title\n\n${EMOJI_TEXT}`) },
      { name: 'record.json', bytes: Buffer.from(samples0(jsonlFile)) },
    ],
  };
  for (const line of [...samples.jsonl, ...samples.bundle]) donors.learn(JSON.parse(line));
  for (const a of await allAnnotations(s)) donors.learn(a);

  const check = async (what: string, full: boolean) => {
    const problems = full ? await libraryProblems(b.db, dir, `check-${run.fullChecks++}`) : storeProblems(b.db);
    if (problems.length > 0) run.broken.push(`seed ${SEED}, case ${run.cases}, after ${what}: ${problems.slice(0, 3).join('; ')}`);
  };
  const started = performance.now();
  for (; run.cases < CASES; run.cases++) {
    vi.setSystemTime(CLOCK_START + run.cases * 1000);
    let accepted = false;
    let what: string;
    if (rng.chance(0.75)) {
      const channel = pickChannel(rng);
      const valid = await validCall(s, channel);
      const input = rng.chance(0.85) ? mutate(rng, valid, donors) : valid;
      what = channel;
      const tally = run.byChannel.get(channel) ?? { calls: 0, accepted: 0 };
      run.byChannel.set(channel, tally);
      tally.calls++;
      const answer = await b.dispatch(channel, input);
      if (answer.ok) {
        accepted = true;
        tally.accepted++;
        donors.learn(answer.value);
        // A job that failed let an exception out: a file it could not read is an outcome in its report.
        for (const job of await settle(s, channel, input, answer.value)) {
          if (job.state === 'failed') run.broken.push(`seed ${SEED}, case ${run.cases}, ${channel}: its ${job.kind} job failed: ${job.error?.slice(0, 200)}`);
        }
      } else {
        run.refused.set(answer.error.code, (run.refused.get(answer.error.code) ?? 0) + 1);
        if (answer.error.code === 'internal' || !(ERROR_CODES as readonly string[]).includes(answer.error.code)) {
          run.broken.push(`seed ${SEED}, case ${run.cases}, ${channel}: ${answer.error.code} ${answer.error.message.slice(0, 200)}`);
        }
      }
    } else {
      const file = mutatedFile(rng, samples, donors);
      if (file.kind === 'bundle') {
        what = 'a mutated bundle';
        const path = join(dir, `mutated-${run.cases}.spanwise`);
        writeFileSync(path, gzipSync(file.lines.join('\n'), { level: 1 }));
        try {
          await importBundle(b.db, path);
          accepted = true;
        } catch (err) {
          if (!(err instanceof BundleError)) run.broken.push(`seed ${SEED}, case ${run.cases}, bundle threw ${(err as Error).message}`);
        }
      } else {
        what = `a mutated ${file.name}`;
        const report = await importBatch(b.db, [{ kind: 'bytes', name: file.name, bytes: file.bytes }], { parser: inlineParser(), author: 'fuzz' });
        accepted = report.imported + report.partial > 0;
      }
    }
    if (!accepted) continue;
    run.accepted++;
    await check(what, run.accepted % FULL_EVERY === 0);
    // Imports keep adding articles; a small library keeps each check cheap.
    const ids = articleIds(b);
    if (ids.length > MAX_ARTICLES) await ok(b, 'articles/delete', { ids: ids.slice(3, ids.length - MAX_ARTICLES + 3) });
  }
  await check('the last case', true);
  run.ms = Math.round(performance.now() - started);
  return run;
}

/** A JSON file of one article: the first record of the library's JSONL export. */
function samples0(jsonlFile: string): string {
  return readFileSync(jsonlFile, 'utf8').split('\n')[0] ?? '{}';
}

describe(`valid payloads, mutated, against the write services and the parsers (seed ${SEED})`, () => {
  let backend: Backend | null = null;
  let run: Run;

  beforeAll(async () => {
    replay.uuid = createRng(SEED ^ 0x1d5).uuid;
    // Only Date: timers and performance.now() stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(CLOCK_START - 1000);
    const dir = tmp();
    let state: CallState | null = null;
    backend = await startBackend(join(dir, 'library.db'), fuzzPlatform('fuzzer', () => state as CallState));
    state = { ...newCallState(createRng(SEED), join(dir, 'scratch')), b: backend };
    await loadAttackReports(backend);
    await importText(backend, `Flags and faces\n\n${EMOJI_TEXT}`);
    run = await fuzz(state, dir);
    console.log(
      `mutation fuzz: ${run.cases} cases in ${run.ms} ms, ${run.accepted} accepted, ${run.fullChecks} full library checks; refusals by code: ${JSON.stringify(Object.fromEntries(run.refused))}`,
    );
    if (process.env.SPANWISE_MUTATION_CHANNELS) console.log(Object.fromEntries(run.byChannel));
  }, 240_000);

  afterAll(() => {
    backend?.close();
    vi.useRealTimers();
  });

  it('keeps every invariant after every accepted call, and the library passes its checks and re-imports its own bundle', () => {
    expect(run.broken.slice(0, 10)).toEqual([]);
    expect(run.fullChecks).toBeGreaterThan(1);
  });

  // Each channel's valid call is accepted as made (contract-calls.test.ts); here each is reached
  // often enough that its mutations are more than a handful, and most channels accept some.
  it('calls every write channel of the contract, and most accept some of their mutated calls', () => {
    expect(WRITE_CHANNELS.filter((c) => (run.byChannel.get(c)?.calls ?? 0) < Math.min(5, CASES / 400))).toEqual([]);
    expect(WRITE_CHANNELS.filter((c) => (run.byChannel.get(c)?.accepted ?? 0) > 0).length).toBeGreaterThan(WRITE_CHANNELS.length * 0.8);
  });

  it('reaches past the schemas: many mutated calls are accepted, many refused by the checks behind them', () => {
    expect(run.accepted).toBeGreaterThan(run.cases / 10);
    expect(run.refused.get('invalid_input') ?? 0).toBeGreaterThan(run.cases / 10);
  });
});
