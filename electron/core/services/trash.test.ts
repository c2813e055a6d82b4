import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { useTmpDir } from '../testing/tmp';
import { quietPlatform } from '../testing/platform';
import { insertArticle } from '../store/articles';
import { deleteAnnotation, insertAnnotation, updateAnnotation } from '../store/annotations';
import { openStore, type Db } from '../store/db';
import { historyOf, tombstoneOf } from '../store/revisions';
import { startBackend, type Backend } from './app';
import { createTrash } from './trash';
import { libraryProblems } from '../testing/library-check';
import { ok, importText } from '../testing/backend';

const tmp = useTmpDir();
let backend: Backend | null = null;
afterEach(() => {
  backend?.close();
  backend = null;
});

const TEXT = 'Quay closure\n\nThe quay at Ostrava closed on Friday after a crane failure.';
const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

describe('undoing an article delete', () => {
  it('puts the article back as it was', async () => {
    const b = (backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester')));
    const id = await importText(b, TEXT);
    await ok(b, 'annotations/create', { articleId: id, label: 'event', ...span('closed on Friday') });
    const deleted = await ok<{ token: string; annotations: number }>(b, 'articles/delete', { ids: [id] });
    expect(deleted.annotations).toBe(1);
    expect(await ok(b, 'articles/restore', { token: deleted.token })).toEqual({ articles: 1, merged: 0, annotations: 1 });
    const got = await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id });
    expect(got.annotations.map((a) => a.quote)).toEqual(['closed on Friday']);
  });

  it('after the same text was imported again, adds the annotations to that copy instead of failing', async () => {
    const b = (backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester')));
    const id = await importText(b, TEXT);
    const event = await ok<Annotation>(b, 'annotations/create', { articleId: id, label: 'event', ...span('closed on Friday') });
    await ok(b, 'annotations/create', { articleId: id, label: 'actor', ...span('Ostrava') });
    const deleted = await ok<{ token: string }>(b, 'articles/delete', { ids: [id] });
    const copy = await importText(b, TEXT);
    expect(copy).not.toBe(id);
    // The analyst had already tagged the same span on the copy: it is not doubled.
    await ok(b, 'annotations/create', { articleId: copy, label: 'actor', ...span('Ostrava') });

    const restored = await b.dispatch('articles/restore', { token: deleted.token });
    expect(restored).toEqual({ ok: true, value: { articles: 1, merged: 1, annotations: 1 } });
    const got = await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id: copy });
    expect(got.annotations.map((a) => [a.label, a.quote])).toEqual([
      ['actor', 'Ostrava'],
      ['event', 'closed on Friday'],
    ]);
    expect(got.annotations.find((a) => a.label === 'event')?.id).toBe(event.id);
    expect(await ok(b, 'library/stats', {})).toMatchObject({ articles: 1, annotations: 2 });
    expect(await b.dispatch('articles/get', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers a token it does not know with not_found', async () => {
    const b = (backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester')));
    expect(await b.dispatch('articles/restore', { token: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('undoing an article delete keeps what bundle merges rely on', () => {
  const article = { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'en', text: TEXT };
  const aliasesOf = (db: Db) => db.prepare('SELECT alias, annotation_id FROM annotation_aliases ORDER BY alias').raw().all();

  it('restores the revisions, tombstones and aliases of its annotations', () => {
    const db = openStore(join(tmp(), 'library.db'));
    insertArticle(db, article, { id: 'art' });
    insertAnnotation(db, { id: 'edited', articleId: 'art', label: 'event', ...span('closed on Friday'), quote: 'closed on Friday' });
    updateAnnotation(db, 'edited', { note: 'checked' });
    insertAnnotation(db, { id: 'gone', articleId: 'art', label: 'actor', ...span('Ostrava'), quote: 'Ostrava' });
    deleteAnnotation(db, 'gone');
    db.prepare("INSERT INTO annotation_aliases (alias, annotation_id) VALUES ('elsewhere', 'edited')").run();
    const before = { edited: historyOf(db, 'edited'), gone: historyOf(db, 'gone'), tombstone: tombstoneOf(db, ['gone']), aliases: aliasesOf(db) };
    expect(before.edited.size).toBe(1);
    expect(before.tombstone).not.toBeNull();

    const trash = createTrash(db);
    const { token } = trash.remove(['art']);
    expect(historyOf(db, 'edited').size).toBe(0);
    expect(tombstoneOf(db, ['gone'])).toBeNull();
    expect(aliasesOf(db)).toEqual([]);

    trash.restore(token);
    expect({ edited: historyOf(db, 'edited'), gone: historyOf(db, 'gone'), tombstone: tombstoneOf(db, ['gone']), aliases: aliasesOf(db) }).toEqual(before);
    db.close();
  });

  it('gives a deleted span the copy already holds under another id its history, and its old id as an alias', () => {
    const db = openStore(join(tmp(), 'library.db'));
    insertArticle(db, article, { id: 'art' });
    insertAnnotation(db, { id: 'mine', articleId: 'art', label: 'event', ...span('closed on Friday'), quote: 'closed on Friday', note: 'first' });
    updateAnnotation(db, 'mine', { note: 'second' });
    const history = historyOf(db, 'mine');
    const trash = createTrash(db);
    const { token } = trash.remove(['art']);
    insertArticle(db, article, { id: 'copy' });
    insertAnnotation(db, { id: 'theirs', articleId: 'copy', label: 'event', ...span('closed on Friday'), quote: 'closed on Friday', note: 'second' });

    expect(trash.restore(token)).toEqual({ articles: 1, merged: 1, annotations: 0 });
    expect(historyOf(db, 'theirs')).toEqual(history);
    expect(aliasesOf(db)).toEqual([['mine', 'theirs']]);
    db.close();
  });

  it('keeps the invariants on the way back: a claimant follows its actor onto the copy, and the library re-imports its own bundle', async () => {
    const dir = tmp();
    const db = openStore(join(dir, 'library.db'));
    insertArticle(db, article, { id: 'art' });
    insertAnnotation(db, { id: 'actor', articleId: 'art', label: 'actor', ...span('Ostrava'), quote: 'Ostrava' });
    insertAnnotation(db, { id: 'claim', articleId: 'art', label: 'claim', ...span('closed on Friday'), quote: 'closed on Friday', attrs: { claimantId: 'actor' } });
    const trash = createTrash(db);
    const { token } = trash.remove(['art']);
    // The copy imported since holds the actor span under an id of its own.
    insertArticle(db, article, { id: 'copy' });
    insertAnnotation(db, { id: 'their-actor', articleId: 'copy', label: 'actor', ...span('Ostrava'), quote: 'Ostrava' });

    expect(trash.restore(token)).toEqual({ articles: 1, merged: 1, annotations: 1 });
    expect(db.prepare("SELECT article_id, attrs FROM annotations WHERE id = 'claim'").raw().get()).toEqual(['copy', JSON.stringify({ claimantId: 'their-actor' })]);
    expect(await libraryProblems(db, dir)).toEqual([]);
    db.close();
  });

  it('refuses, with the reason and writing nothing, a deleted annotation that breaks an invariant', async () => {
    const dir = tmp();
    const db = openStore(join(dir, 'library.db'));
    insertArticle(db, article, { id: 'art' });
    // Written past the checks, as a library from before them may hold: a span of whitespace only.
    const blank = TEXT.indexOf('\n\n');
    insertAnnotation(db, { id: 'blank', articleId: 'art', label: 'event', start: blank, end: blank + 2, quote: '\n\n' });
    const trash = createTrash(db);
    const { token } = trash.remove(['art']);
    expect(() => trash.restore(token)).toThrow(`the delete cannot be undone: annotation blank: offsets ${blank}-${blank + 2} hold only whitespace`);
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(0);
    expect(await libraryProblems(db, dir)).toEqual([]);
    db.close();
  });
});
