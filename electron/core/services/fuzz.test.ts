import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, ERROR_CODES, type Channel } from '../../../shared/ipc/channels';
import { contract } from '../../../shared/ipc/contract';
import { insertArticle } from '../store/articles';
import { insertAnnotation } from '../store/annotations';
import { dumpTables } from '../testing/dump';
import { createRng, describePayload, fuzzInput, randomChannelName, type FuzzPools } from '../testing/fuzz';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';

// A failure prints its seed; SPANWISE_FUZZ_SEED=<seed> replays exactly that run.
const SEED = Number(process.env.SPANWISE_FUZZ_SEED ?? 0x5eed2024);
const PER_CHANNEL = Number(process.env.SPANWISE_FUZZ_ROUNDS ?? 240);
const UNKNOWN_CHANNELS = 300;

const tmp = useTmpDir();
let backend: Backend | null = null;
afterEach(() => {
  backend?.close();
  backend = null;
});

const TEXT = 'Officials said 80 drones were shot down over the city.\n\nThe ministry later said 76, citing 🇺🇦 radar data and Київ sources.';

function seed(b: Backend): void {
  b.db.transaction(() => {
    for (let i = 0; i < 8; i++) {
      const text = `${TEXT}\n\nUpdate ${i}: crews restored power to ${i * 100} homes.`;
      const article = insertArticle(b.db, { title: `Report ${i}`, source: i % 2 ? 'wire' : null, url: null, author: null, publishedAt: `2024-11-${10 + i}`, language: 'en', text });
      insertAnnotation(b.db, { articleId: article.id, label: 'figure', start: 15, end: 24, quote: text.slice(15, 24), attrs: { value: 80, unit: 'drones' } });
      insertAnnotation(b.db, { articleId: article.id, label: 'actor', start: 0, end: 9, quote: text.slice(0, 9), attrs: { kind: 'organisation' } });
      insertAnnotation(b.db, { articleId: article.id, label: 'claim', start: 0, end: 55, quote: text.slice(0, 55), note: 'contested' });
    }
  })();
}

function pools(b: Backend, sandbox: string, jobIds: string[]): FuzzPools {
  return {
    articleIds: b.db.prepare('SELECT id FROM articles ORDER BY rowid').pluck().all() as string[],
    annotationIds: b.db.prepare('SELECT id FROM annotations ORDER BY rowid').pluck().all() as string[],
    jobIds,
    sandbox,
  };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

function isEnvelope(v: unknown): v is Outcome {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  if (e.ok === true) return 'value' in e;
  if (e.ok !== false || typeof e.error !== 'object' || e.error === null) return false;
  const err = e.error as Record<string, unknown>;
  return typeof err.code === 'string' && typeof err.message === 'string';
}

/** Imports and exports run as background jobs; the fuzzer waits for each so the next comparison sees a settled store. */
async function settle(b: Backend, jobId: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    const job = await b.dispatch('jobs/get', { id: jobId });
    if (!job.ok || (job.value as { state: string }).state !== 'running') return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`job ${jobId} never finished`);
}

describe('the IPC gate under random and malformed input', () => {
  it(`answers every call with an envelope and leaves the store unchanged on refusal (seed ${SEED})`, async () => {
    const dir = tmp();
    const sandbox = join(dir, 'inputs');
    mkdirSync(join(sandbox, 'empty'), { recursive: true });
    mkdirSync(join(sandbox, 'out'));
    writeFileSync(join(sandbox, 'note.txt'), 'A short note about the bridge closure.\n');
    writeFileSync(join(sandbox, 'junk.json'), '{"not": "an article"');

    let picks = 0;
    backend = await startBackend(join(dir, 'library.db'), {
      author: 'fuzzer',
      pickImportFiles: async () => [],
      // Every other dialog is "cancelled"; the rest answer a fresh name inside the sandbox.
      pickExportTarget: async (format) => (picks++ % 2 ? null : join(sandbox, 'out', `dialog-${picks}.${format}`)),
    });
    const b = backend;
    seed(b);

    const crashes: unknown[] = [];
    const onCrash = (err: unknown) => crashes.push(err);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();

    const rng = createRng(SEED);
    const jobIds: string[] = [];
    const problems: string[] = [];
    const codes = new Map<string, number>();
    let baseline = dumpTables(b.db);
    let calls = 0;
    let successes = 0;
    let rolledBack = 0;

    // Cheap to read before and after every call: any committed row change moves total_changes,
    // any schema change moves schema_version. Only when one moved is the full dump compared.
    const fingerprint = () =>
      [
        b.db.prepare('SELECT total_changes()').pluck().get(),
        b.db.pragma('schema_version', { simple: true }),
        b.db.pragma('user_version', { simple: true }),
        b.db.pragma('application_id', { simple: true }),
      ].join('|');

    const call = async (channel: string, input: unknown) => {
      const index = calls++;
      const before = fingerprint();
      const where = () => `seed ${SEED}, call ${index}, ${channel} ${describePayload(input)}`;
      let result: unknown;
      try {
        result = await b.dispatch(channel, input);
      } catch (err) {
        problems.push(`threw ${(err as Error)?.message}: ${where()}`);
        return;
      }
      if (!isEnvelope(result)) {
        problems.push(`not an envelope (${describePayload(result)}): ${where()}`);
        return;
      }
      if (!result.ok) {
        codes.set(result.error.code, (codes.get(result.error.code) ?? 0) + 1);
        if (!(ERROR_CODES as readonly string[]).includes(result.error.code)) problems.push(`unknown error code ${result.error.code}: ${where()}`);
        if (result.error.code === 'internal') problems.push(`internal error "${result.error.message.slice(0, 200)}": ${where()}`);
        if (fingerprint() !== before) {
          // The handler wrote before it refused: the transaction must have taken it all back.
          rolledBack++;
          if (dumpTables(b.db) !== baseline) {
            problems.push(`refused (${result.error.code}) but the store changed: ${where()}`);
            baseline = dumpTables(b.db);
          }
        }
        return;
      }
      successes++;
      const output = contract[channel as Channel].output.safeParse(result.value);
      if (!output.success) problems.push(`answer does not match the contract (${output.error.issues[0]?.message}): ${where()}`);
      const value = result.value as { id?: unknown; job?: { id?: unknown } | null } | null;
      const jobId = /^(import|export)\//.test(channel) ? (value?.job?.id ?? value?.id) : undefined;
      if (typeof jobId === 'string') {
        jobIds.push(jobId);
        await settle(b, jobId);
      }
      if (fingerprint() !== before) baseline = dumpTables(b.db);
    };

    const started = Date.now();
    for (let round = 0; round < PER_CHANNEL; round++) {
      for (const channel of CHANNELS) {
        await call(channel, fuzzInput(rng, channel, pools(b, sandbox, jobIds)));
      }
    }
    for (let i = 0; i < UNKNOWN_CHANNELS; i++) await call(randomChannelName(rng), fuzzInput(rng, rng.pick(CHANNELS), pools(b, sandbox, jobIds)));

    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    console.log(
      `fuzz: ${calls} calls in ${Date.now() - started} ms, ${successes} accepted, ${rolledBack} refused after writing; refusals by code: ${JSON.stringify(Object.fromEntries(codes))}`,
    );

    expect(problems.slice(0, 20)).toEqual([]);
    expect(crashes).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The run reached the handlers, not just the schema gate: both outcomes happened in numbers.
    expect(successes).toBeGreaterThan(calls / 20);
    expect(codes.get('invalid_input') ?? 0).toBeGreaterThan(calls / 4);
    expect(codes.get('not_found') ?? 0).toBeGreaterThan(20);
    expect(codes.get('unknown_channel')).toBe(UNKNOWN_CHANNELS);
    expect(rolledBack).toBeGreaterThan(0);
    expect(b.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 60_000);
});
