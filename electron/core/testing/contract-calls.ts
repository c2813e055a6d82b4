import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Channel } from '../../../shared/ipc/channels';
import { EXPORT_FORMATS, type Job } from '../../../shared/ipc/contract';
import { exportCorpus } from '../export';
import type { Annotation } from '../../../shared/model';
import { ok } from './backend';
import { allAnnotations, articleIds, articleOf, FUZZ_PASSPHRASE, runningJob, sampleText, sealedBundle, someArticle, someSpan, waitJob, type CallState, type ChannelUse, type Maker } from './call-state';
import { RECORD_CALLS } from './contract-calls-records';

/**
 * A valid call for every channel of the contract that writes (to the library, or to a file the
 * analyst picked), made against the library as it is: what the mutation fuzz changes in a place
 * or two. Every channel is listed here, a reader as 'reads', so a channel added to the contract
 * fails the type check until it is; contract-calls.test.ts runs each valid call unmutated.
 */

/** The library's bundle as it is now, written to a scratch file. */
async function plainBundle(s: CallState): Promise<string> {
  const out = join(s.scratch, `${s.seq++}-library.spanwise`);
  await exportCorpus(s.b.db, { format: 'bundle', out });
  return out;
}

const ARTICLE_CALLS = {
  'articles/updateMeta': async (s) => {
    const { article } = await someArticle(s);
    const meta = { title: `${article.title} (edited)`, source: s.rng.pick(['Harbour Wire', null]), url: 'https://example.org/a', author: 'Desk', publishedAt: '2026-03-15', language: s.rng.pick(['en', 'uk']) };
    return { id: article.id, meta: Object.fromEntries(Object.entries(meta).filter(() => s.rng.chance(0.6))) };
  },
  'articles/delete': async (s) => {
    const ids = await articleIds(s);
    // The last articles are kept: the other makers need something to write on.
    if (ids.length < 4) await waitJob(s, await ok<Job>(s.b, 'import/texts', { items: [{ name: 'a.txt', content: sampleText(s) }] }));
    return { ids: [s.rng.pick(await articleIds(s))] };
  },
  'articles/restore': async (s) => {
    let token = s.articleTokens.pop();
    if (!token) token = (await ok<{ token: string }>(s.b, 'articles/delete', { ids: [(await someArticle(s)).article.id] })).token;
    return { token };
  },
  'articles/correctText': async (s) => {
    const { article, annotations } = await someArticle(s);
    const text = article.text;
    const at = s.rng.int(text.length);
    const corrected = s.rng.chance(0.5) ? `${text.slice(0, at)} (sic)${text.slice(at)}` : text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + s.rng.int(5)));
    // With positions, every annotation is given its place (a correction must account for all).
    const positions = s.rng.chance(0.3) ? annotations.map((a) => ({ id: a.id, start: a.start, end: a.end, status: a.status })) : undefined;
    return { id: article.id, text: positions || corrected.trim() === '' ? text : corrected, ...(positions ? { positions } : {}) };
  },
  'annotations/create': async (s) => {
    const { article, annotations } = await someArticle(s);
    const label = s.rng.pick(['event', 'claim', 'actor', 'figure'] as const);
    const like = annotations.find((a) => a.label === label);
    return { articleId: article.id, label, ...someSpan(s.rng, article.text), note: 'fuzz', attrs: like?.attrs ?? {} };
  },
  'annotations/createMany': async (s) => {
    const { article } = await someArticle(s);
    const one = someSpan(s.rng, article.text, 8);
    const two = someSpan(s.rng, article.text, 30);
    const items = [{ label: 'actor', ...one, attrs: { kind: 'person' } }];
    if (two.start !== one.start || two.end !== one.end) items.push({ label: 'actor', ...two, attrs: { kind: 'state' } });
    return { articleId: article.id, items };
  },
  'annotations/update': async (s) => {
    const some = s.rng.pick(await allAnnotations(s));
    const span = some.status === 'ok' ? { start: some.start, end: some.end, status: 'ok' } : { ...someSpan(s.rng, (await articleOf(s, some.articleId)).article.text), status: 'ok' };
    return { id: some.id, label: some.label, note: `${some.note}!`, attrs: some.attrs, span };
  },
  'annotations/delete': async (s) => ({ ids: [s.rng.pick(await allAnnotations(s)).id] }),
  'annotations/restore': async (s) => {
    if (s.deleted.length === 0) s.deleted.push(...(await ok<Annotation[]>(s.b, 'annotations/delete', { ids: [s.rng.pick(await allAnnotations(s)).id] })));
    // The newest deletion first: an older one may wait on a later restore of its claimant.
    return { annotations: [s.deleted.pop()] };
  },
} satisfies Partial<Record<Channel, Maker>>;

const FILE_CALLS = {
  'import/dialog': async (s) => {
    const file = join(s.scratch, `${s.seq++}-picked.txt`);
    writeFileSync(file, sampleText(s));
    s.pickFiles = [file];
    return { folder: false };
  },
  'import/texts': async (s) => ({ items: [{ name: 'pasted.txt', content: sampleText(s) }] }),
  'import/begin': async () => ({ expected: 0, outcomes: [{ file: 'photo.png', status: 'skipped', message: 'not an article file' }] }),
  'import/add': async (s) => {
    const job = await ok<Job>(s.b, 'import/begin', { expected: 1, outcomes: [] });
    s.jobIds.push(job.id);
    // Sometimes a bundle is dropped: the library's own, or sealed (waitJob gives its passphrase).
    const roll = s.rng.next();
    const bundle = roll < 0.1 ? await sealedBundle(s) : roll < 0.25 ? await plainBundle(s) : null;
    const item = bundle ? { name: 'inbox/dropped.spanwise', base64: readFileSync(bundle).toString('base64') } : { name: 'dropped.txt', base64: Buffer.from(sampleText(s)).toString('base64') };
    return { id: job.id, items: [item], last: true };
  },
  'import/passphrase': async (s) => {
    s.pickFiles = [await sealedBundle(s)];
    const job = await runningJob(s, async () => (await ok<{ job: Job }>(s.b, 'import/dialog', { folder: false })).job as Job, (j) => j.passphrase !== null && j.passphrase !== undefined);
    s.jobIds.push(job.id);
    return { id: job.id, passphrase: FUZZ_PASSPHRASE };
  },
  'export/dialog': async (s) => {
    const format = s.rng.pick(EXPORT_FORMATS);
    // ACLED and PLOVER take the whole library: an incident's reports may lie in other articles.
    if (format === 'acled' || format === 'plover') return { format };
    const scope = s.rng.chance(0.5) ? { scope: { ids: [(await someArticle(s)).article.id] } } : {};
    return { format, ...scope, ...(s.rng.chance(0.3) ? { labels: ['event', 'figure'] } : {}), ...(format === 'csv' && s.rng.chance(0.5) ? { spreadsheetSafe: true } : {}) };
  },
  'jobs/cancel': async (s) => {
    const job = s.rng.chance(0.5) && s.jobIds.length ? null : await ok<Job>(s.b, 'suggestions/start', { accept: false });
    if (job) s.jobIds.push(job.id);
    return { id: job?.id ?? s.rng.pick(s.jobIds) };
  },
  'library/backup': async () => ({}),
  'library/restore': async (s) => {
    if (s.backups.length === 0) await ok(s.b, 'library/backup', {});
    s.backupSource = s.rng.pick(s.backups);
    return {};
  },
  'provenance/saveOriginal': async (s) => ({ id: (await someArticle(s)).article.id }),
} satisfies Partial<Record<Channel, Maker>>;

const w = (makers: Record<string, Maker>) => Object.fromEntries(Object.entries(makers).map(([k, m]) => [k, { write: m }]));

/** Every channel: how to make a valid call of each that writes, or 'reads'. */
export const CHANNEL_USES: Record<Channel, ChannelUse> = {
  'articles/list': 'reads',
  'articles/get': 'reads',
  'jobs/get': 'reads',
  'annotations/search': 'reads',
  'library/stats': 'reads',
  'roles/list': 'reads',
  'events/list': 'reads',
  'events/candidates': 'reads',
  'events/get': 'reads',
  'incidents/get': 'reads',
  'codebook/get': 'reads',
  'entities/list': 'reads',
  'entities/get': 'reads',
  'entities/search': 'reads',
  'entities/mentions': 'reads',
  'suggestions/list': 'reads',
  'provenance/get': 'reads',
  'provenance/removed': 'reads',
  'figures/disagreements': 'reads',
  'figures/vocabulary': 'reads',
  // Answered by library-gate.ts while an encrypted library is locked; an open library only says so.
  'library/lockState': 'reads',
  'library/unlock': 'reads',
  // The rebuild's pause is held in memory for this run; neither writes the library.
  'library/searchIndex': 'reads',
  'library/pauseSearchIndex': 'reads',
  'timeline/counts': 'reads',
  'timeline/figures': 'reads',
  'network/graph': 'reads',
  ...(w(ARTICLE_CALLS) as Record<keyof typeof ARTICLE_CALLS, ChannelUse>),
  ...(w(FILE_CALLS) as Record<keyof typeof FILE_CALLS, ChannelUse>),
  ...(w(RECORD_CALLS) as Record<keyof typeof RECORD_CALLS, ChannelUse>),
};

export const WRITE_CHANNELS = (Object.keys(CHANNEL_USES) as Channel[]).filter((c) => CHANNEL_USES[c] !== 'reads');

/** A valid call of a write channel on the library as it is. */
export async function validCall(s: CallState, channel: Channel): Promise<unknown> {
  const use = CHANNEL_USES[channel];
  if (use === 'reads') throw new Error(`${channel} writes nothing: it has no valid write call`);
  return use.write(s);
}
