import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Channel } from '../../../shared/ipc/channels';
import { EXPORT_EXTENSIONS, type Job } from '../../../shared/ipc/contract';
import type { Resolution } from '../../../shared/ipc/figures';
import type { Annotation, Article } from '../../../shared/model';
import { exportCorpus } from '../export';
import type { Backend } from '../services/app';
import type { Platform } from '../services/handlers';
import { ok } from './backend';
import type { Rng } from './fuzz';
import { quietPlatform } from './platform';

/**
 * What the contract's valid calls (contract-calls.ts) are made from: the library as the contract
 * reads it, what earlier answers gave (tokens, deleted annotations, resolutions, jobs), and a
 * platform whose dialogs answer with scratch files.
 */

export const FUZZ_PASSPHRASE = 'low tide at the north pier';

export interface CallState {
  b: Backend;
  rng: Rng;
  scratch: string;
  /** What the platform's dialogs answer next (the makers set them). */
  pickFiles: string[];
  backupSource: string | null;
  /** Learned from accepted answers: what undo-like channels are given back. */
  deleted: Annotation[];
  articleTokens: string[];
  entityTokens: string[];
  resolutions: { id: string; resolution: Resolution | null }[];
  backups: string[];
  jobIds: string[];
  /** Counts up for unique names and files. */
  seq: number;
  sealedBundle: string | null;
}

/** The input of a valid call of its channel, made with setup calls if needed (they must succeed). */
export type Maker = (s: CallState) => Promise<unknown>;
export type ChannelUse = { write: Maker } | 'reads';

/** A platform whose dialogs answer from the state: files to import, scratch files to write. */
export function fuzzPlatform(author: string, state: () => CallState): Platform {
  const target = (name: string) => {
    const s = state();
    return join(s.scratch, `${s.seq++}-${name}`);
  };
  return quietPlatform(author, {
    pickImportFiles: async () => state().pickFiles,
    pickExportTarget: async (format) => target(`export${EXPORT_EXTENSIONS[format]}`),
    pickBackupTarget: async () => {
      const file = target('backup.db');
      state().backups.push(file);
      return file;
    },
    pickBackupSource: async () => state().backupSource,
    pickOriginalTarget: async (name) => target(name.replace(/[^\w.-]/g, '_').slice(0, 80) || 'original'),
  });
}

export function newCallState(rng: Rng, scratch: string): Omit<CallState, 'b'> {
  mkdirSync(scratch, { recursive: true });
  return { rng, scratch, pickFiles: [], backupSource: null, deleted: [], articleTokens: [], entityTokens: [], resolutions: [], backups: [], jobIds: [], seq: 0, sealedBundle: null };
}

// Reads through the contract, so the makers see the library as the renderer does.
export const articleIds = async (s: CallState) => (await ok<{ items: { id: string }[] }>(s.b, 'articles/list', { limit: 1000 })).items.map((i) => i.id);
export const articleOf = (s: CallState, id: string) => ok<{ article: Article; annotations: Annotation[] }>(s.b, 'articles/get', { id });
export async function someArticle(s: CallState): Promise<{ article: Article; annotations: Annotation[] }> {
  const ids = await articleIds(s);
  if (ids.length === 0) await waitJob(s, await ok<Job>(s.b, 'import/texts', { items: [{ name: 'a.txt', content: sampleText(s) }] }));
  const picked = await articleOf(s, s.rng.pick(ids.length ? ids : await articleIds(s)));
  if (/\S/u.test(picked.article.text)) return picked;
  // An article with nothing to tag, should one get in (a mutated bundle once stored one with an
  // empty text, now refused): the calls made from it need words.
  for (const id of await articleIds(s)) {
    const other = await articleOf(s, id);
    if (/\S/u.test(other.article.text)) return other;
  }
  await waitJob(s, await ok<Job>(s.b, 'import/texts', { items: [{ name: 'words.txt', content: sampleText(s) }] }));
  return someArticle(s);
}
export async function allAnnotations(s: CallState): Promise<Annotation[]> {
  const out: Annotation[] = [];
  for (const id of await articleIds(s)) out.push(...(await articleOf(s, id)).annotations);
  return out;
}

/** A span of the text over something visible, `length` UTF-16 units at most, never splitting a pair. */
export function someSpan(rng: Rng, text: string, length = 20): { start: number; end: number } {
  const boundaries = [...text.matchAll(/\S+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const first = rng.pick(boundaries);
  const last = boundaries.find((b) => b.start >= first.start && b.end - first.start > length) ?? first;
  return { start: first.start, end: last === first ? first.end : last.end };
}

const SAMPLES = [
  'Officials said 40 drones were shot down over the region overnight, and power was cut to 3,000 homes.',
  'Перемовини тривали всю ніч; сторони обмінялися 90 полоненими, повідомив омбудсман.',
  'Flags 🇺🇦🇵🇱 and faces 👩‍💼 before the span: the mayor said two bridges were closed.',
];
export const sampleText = (s: CallState) => `Report ${s.seq++}\n\n${s.rng.pick(SAMPLES)}`;

/** Waits for a job to end: a passphrase it asks is given (or refused, from the second asking), a job still running after a while is cancelled. */
export async function waitJob(s: CallState, job: Job): Promise<Job> {
  const until = performance.now() + 5000;
  let current = job;
  let cancelled = false;
  while (current.state === 'running') {
    if (current.passphrase) {
      await s.b.dispatch('import/passphrase', { id: current.id, passphrase: current.passphrase.attempt === 1 ? FUZZ_PASSPHRASE : null });
    } else if (!cancelled && performance.now() > until) {
      await s.b.dispatch('jobs/cancel', { id: current.id });
      cancelled = true;
    }
    await new Promise((r) => setTimeout(r, 2));
    current = await ok<Job>(s.b, 'jobs/get', { id: current.id });
  }
  return current;
}

/** Waits for the jobs an answer started and keeps what the later makers can use of it; gives the jobs as they ended. */
export async function settle(s: CallState, channel: Channel, input: unknown, value: unknown): Promise<Job[]> {
  const jobs = [value, (value as { job?: unknown } | null)?.job].filter((v): v is Job => typeof v === 'object' && v !== null && 'kind' in v && 'state' in v);
  const ended: Job[] = [];
  for (const job of jobs) {
    s.jobIds.push(job.id);
    ended.push(await waitJob(s, job));
  }
  const v = value as Record<string, unknown>;
  if (channel === 'annotations/delete') s.deleted.push(...(value as Annotation[]));
  if (channel === 'articles/delete') s.articleTokens.push(v.token as string);
  if (typeof v?.token === 'string' && channel !== 'articles/delete') s.entityTokens.push(v.token);
  if (channel === 'figures/resolve') {
    const id = (input as { id: string }).id;
    s.resolutions.push({ id, resolution: (v.previous as Resolution | null) ?? null });
    const now = (v.disagreement as { resolution: Resolution | null } | null)?.resolution;
    if (now) s.resolutions.push({ id, resolution: now });
  }
  if (s.jobIds.length > 50) s.jobIds.splice(0, 25);
  if (s.deleted.length > 200) s.deleted.splice(0, 100);
  return ended;
}

/** A bundle of the library sealed with FUZZ_PASSPHRASE, made once (the key derivation is slow on purpose). */
export async function sealedBundle(s: CallState): Promise<string> {
  if (!s.sealedBundle) {
    s.sealedBundle = join(s.scratch, 'sealed.spanwise');
    await exportCorpus(s.b.db, { format: 'bundle', out: s.sealedBundle, passphrase: FUZZ_PASSPHRASE });
  }
  return s.sealedBundle;
}

export async function runningJob(s: CallState, start: () => Promise<Job>, until: (job: Job) => boolean): Promise<Job> {
  let job = await start();
  while (job.state === 'running' && !until(job)) {
    await new Promise((r) => setTimeout(r, 2));
    job = await ok<Job>(s.b, 'jobs/get', { id: job.id });
  }
  return job;
}

