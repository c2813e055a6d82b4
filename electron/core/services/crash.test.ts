import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore, type Db } from '../store/db';
import { createRng } from '../testing/fuzz';
import { useTmpDir } from '../testing/tmp';

const ROUNDS_PER_MODE = Number(process.env.SPANWISE_CRASH_ROUNDS ?? 10);
const SEED = Number(process.env.SPANWISE_CRASH_SEED ?? 0xc0ffee);
const BATCH_SIZE = 12;
const CHILD = fileURLToPath(new URL('../testing/crash-child.ts', import.meta.url));
const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

const tmp = useTmpDir();

interface Round {
  lines: string[];
  stderr: string;
  signal: NodeJS.Signals | null;
  code: number | null;
}

/** Starts the child, lets it write for `delayMs` after it is ready, then SIGKILLs it. */
function killMidway(mode: 'import' | 'edits', dbFile: string, seed: number, delayMs: number): Promise<Round> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, dbFile, String(seed), String(BATCH_SIZE)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    // A child that never gets ready must not hang the suite.
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line === 'ready' && !timer) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      // A line cut off by the kill was never fully acknowledged; it is dropped, not trusted.
      done({ lines, stderr, signal, code });
    });
  });
}

function checkStore(db: Db): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  // The label counts kept by triggers agree with the annotations actually stored.
  const drift = db
    .prepare(
      `SELECT count(*) FROM article_counts c WHERE
         c.event  != (SELECT count(*) FROM annotations a WHERE a.article_id = c.article_id AND a.label = 'event') OR
         c.claim  != (SELECT count(*) FROM annotations a WHERE a.article_id = c.article_id AND a.label = 'claim') OR
         c.actor  != (SELECT count(*) FROM annotations a WHERE a.article_id = c.article_id AND a.label = 'actor') OR
         c.figure != (SELECT count(*) FROM annotations a WHERE a.article_id = c.article_id AND a.label = 'figure')`,
    )
    .pluck()
    .get();
  expect(drift).toBe(0);
  expect(db.prepare('SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM article_counts)').pluck().get()).toBe(0);
  // FTS5 compares its index with the articles table and throws on any difference.
  expect(() => db.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
}

describe('killed at a random moment, the store keeps every acknowledged save and nothing half-written', () => {
  // A file of one chunk (importer.ts: each file is written on its own) is all or nothing.
  it(`batch imports are all or nothing (${ROUNDS_PER_MODE} kills, seed ${SEED})`, async () => {
    const rng = createRng(SEED);
    const dbFile = join(tmp(), 'library.db');
    const acked = new Set<string>();
    let inFlight = 0;
    for (let round = 0; round < ROUNDS_PER_MODE; round++) {
      const result = await killMidway('import', dbFile, SEED + round, 30 + rng.int(700));
      expect(result.signal, `round ${round} ended by itself: ${result.stderr}`).toBe('SIGKILL');
      const begun = result.lines.filter((l) => l.startsWith('begin ')).map((l) => l.slice(6));
      for (const l of result.lines) if (l.startsWith('ack ')) acked.add(l.slice(4));
      inFlight += begun.filter((tag) => !acked.has(tag)).length;

      const db = openStore(dbFile);
      checkStore(db);
      const perBatch = new Map<string, number>();
      for (const title of db.prepare('SELECT title FROM articles').pluck().all() as string[]) {
        const tag = /^Batch (\S+) #\d+$/.exec(title)?.[1];
        expect(tag, `unexpected article "${title}"`).toBeDefined();
        perBatch.set(tag as string, (perBatch.get(tag as string) ?? 0) + 1);
      }
      for (const [tag, count] of perBatch) expect(count, `batch ${tag}`).toBe(BATCH_SIZE);
      for (const tag of acked) expect(perBatch.get(tag), `acknowledged batch ${tag}`).toBe(BATCH_SIZE);
      // Every article arrived with both of its spans, in the same transaction.
      expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(perBatch.size * BATCH_SIZE * 2);
      db.close();
    }
    console.log(`import crashes: ${ROUNDS_PER_MODE} kills, ${acked.size} batches acknowledged, ${inFlight} in flight when killed`);
    expect(acked.size).toBeGreaterThan(0);
    expect(inFlight).toBeGreaterThan(0);
    // Each round starts a child and its parsing worker, both compiling TypeScript from a checkout.
  }, 150_000);

  it(`streamed annotation edits survive once acknowledged (${ROUNDS_PER_MODE} kills, seed ${SEED})`, async () => {
    const rng = createRng(SEED + 1);
    const dbFile = join(tmp(), 'library.db');
    const acked = new Set<string>();
    const version = new Map<string, number>();
    for (let round = 0; round < ROUNDS_PER_MODE; round++) {
      const result = await killMidway('edits', dbFile, SEED + 100 + round, 30 + rng.int(700));
      expect(result.signal, `round ${round} ended by itself: ${result.stderr}`).toBe('SIGKILL');
      for (const line of result.lines) {
        const [kind, id, n] = line.split(' ');
        if (kind === 'ack' && id) acked.add(id);
        if (kind === 'upd' && id) version.set(id, Number(n));
      }

      const db = openStore(dbFile);
      checkStore(db);
      const stored = new Map(
        (db.prepare('SELECT id, note FROM annotations').all() as { id: string; note: string }[]).map((r) => [r.id, Number(r.note.slice(1))]),
      );
      const missing = [...acked].filter((id) => !stored.has(id));
      expect(missing, `acknowledged annotations lost after round ${round}`).toEqual([]);
      // A later edit may have landed without its acknowledgement, never an earlier one in its place.
      const stale = [...version].filter(([id, n]) => (stored.get(id) ?? -1) < n);
      expect(stale, `acknowledged edits lost after round ${round}`).toEqual([]);
      db.close();
    }
    console.log(`edit crashes: ${ROUNDS_PER_MODE} kills, ${acked.size} annotations and ${version.size} edited notes acknowledged`);
    expect(acked.size).toBeGreaterThan(ROUNDS_PER_MODE);
  }, 150_000);
});
