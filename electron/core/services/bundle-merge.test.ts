import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exportCorpus } from '../export/index';
import { bundleWriter } from '../export/test-support/bundles';
import { buildCorpus } from '../export/test-support/corpus';
import { insertArticle, textHash } from '../store/articles';
import { deleteAnnotation, getAnnotation, insertAnnotation, listAnnotations, updateAnnotation } from '../store/annotations';
import { openStore, type Db } from '../store/db';
import { listConflicts } from '../store/merge';
import { resolveId } from '../store/revisions';
import { annotationProblems } from '../testing/library-check';
import { useTmpDir } from '../testing/tmp';
import { importBundle } from './bundle';
import { correctText } from './correct';

/** Two machines: A has the corpus, B got it from A's first bundle. */
describe('bundle merge with revision histories', () => {
  const tmp = useTmpDir();

  async function machines() {
    const dir = tmp();
    const a = openStore(join(dir, 'a.db'));
    const corpus = buildCorpus(a);
    const b = openStore(join(dir, 'b.db'));
    const bundle = bundleWriter(dir);
    await importBundle(b, await bundle(a));
    return { dir, a, b, corpus, bundle };
  }

  const rows = (db: Db) => db.prepare('SELECT id, label, start, "end", note, attrs, conflict_of FROM annotations ORDER BY id').all();

  it('takes an edit made on the other machine only, without a conflict', async () => {
    const { a, b, bundle } = await machines();
    updateAnnotation(b, 'kyiv-s3', { note: 'bob checked the count' });
    updateAnnotation(b, 'kyiv-s3', { attrs: { value: 80, unit: 'drones', qualifier: 'exact' } });
    const report = await importBundle(a, await bundle(b));
    expect(report).toMatchObject({ annotationsUpdated: 1, annotationsAdded: 0, conflicts: [] });
    expect(getAnnotation(a, 'kyiv-s3')).toMatchObject({ note: 'bob checked the count', attrs: { value: 80, unit: 'drones', qualifier: 'exact' }, author: 'alice' });
    expect(rows(a)).toEqual(rows(b));
  });

  it('keeps a local edit when the bundle brings the older version', async () => {
    const { a, b, bundle } = await machines();
    const old = await bundle(b);
    updateAnnotation(a, 'kyiv-s3', { note: 'alice checked the count' });
    const report = await importBundle(a, old);
    expect(report).toMatchObject({ annotationsUpdated: 0, annotationsAdded: 0, conflicts: [] });
    expect(getAnnotation(a, 'kyiv-s3')?.note).toBe('alice checked the count');
    // And B, given A's bundle, takes the edit: it is the same history seen from the other side.
    expect(await importBundle(b, await bundle(a))).toMatchObject({ annotationsUpdated: 1, conflicts: [] });
    expect(getAnnotation(b, 'kyiv-s3')?.note).toBe('alice checked the count');
  });

  it('keeps both versions when both machines edited the same annotation', async () => {
    const { a, b, bundle } = await machines();
    updateAnnotation(a, 'kyiv-s3', { note: 'alice says exact' });
    updateAnnotation(b, 'kyiv-s3', { label: 'claim', attrs: {}, note: 'bob says claim' });
    const report = await importBundle(a, await bundle(b));
    expect(report.conflicts).toEqual([{ articleId: 'kyiv', localId: 'kyiv-s3', copyId: expect.any(String), label: 'claim' }]);
    expect(getAnnotation(a, 'kyiv-s3')?.note).toBe('alice says exact');
    expect(getAnnotation(a, report.conflicts[0]?.copyId ?? '')).toMatchObject({ note: 'bob says claim', conflictOf: 'kyiv-s3' });
  });

  it('does not raise a conflict again once the analyst kept the local version', async () => {
    const { a, b, bundle } = await machines();
    updateAnnotation(a, 'kyiv-s3', { note: 'alice says exact' });
    updateAnnotation(b, 'kyiv-s3', { note: 'bob says approximate' });
    const fromB = await bundle(b);
    const copyId = (await importBundle(a, fromB)).conflicts[0]?.copyId ?? '';
    deleteAnnotation(a, copyId);
    const again = await importBundle(a, fromB);
    expect(again).toMatchObject({ conflicts: [], annotationsAdded: 0, revived: [] });
    expect(listConflicts(a)).toEqual([]);
    expect(getAnnotation(a, 'kyiv-s3')?.note).toBe('alice says exact');
    // B then learns that A's version superseded its own: it takes it, no conflict.
    expect(await importBundle(b, await bundle(a))).toMatchObject({ annotationsUpdated: 1, conflicts: [] });
    expect(getAnnotation(b, 'kyiv-s3')?.note).toBe('alice says exact');
  });

  it('does not raise a conflict again once the analyst kept the incoming version, and takes its later edits', async () => {
    const { a, b, bundle } = await machines();
    updateAnnotation(a, 'kyiv-s3', { note: 'alice says exact' });
    updateAnnotation(b, 'kyiv-s3', { note: 'bob says approximate' });
    const fromB = await bundle(b);
    const copyId = (await importBundle(a, fromB)).conflicts[0]?.copyId ?? '';
    deleteAnnotation(a, 'kyiv-s3');
    expect(getAnnotation(a, copyId)).toMatchObject({ note: 'bob says approximate', conflictOf: null });
    expect(await importBundle(a, fromB)).toMatchObject({ conflicts: [], annotationsAdded: 0, annotationsKeptDeleted: 0, revived: [] });
    updateAnnotation(b, 'kyiv-s3', { note: 'bob says approximate, 80 at most' });
    expect(await importBundle(a, await bundle(b))).toMatchObject({ annotationsUpdated: 1, conflicts: [], annotationsAdded: 0 });
    expect(getAnnotation(a, copyId)?.note).toBe('bob says approximate, 80 at most');
    // And A's bundle changes nothing on B: the kept copy stands for kyiv-s3 there.
    expect(await importBundle(b, await bundle(a))).toMatchObject({ annotationsAdded: 0, annotationsUpdated: 0, conflicts: [] });
    expect(listAnnotations(b, 'kyiv').filter((x) => x.note.startsWith('bob'))).toHaveLength(1);
  });

  it('keeps a deleted annotation deleted when the same bundle comes back', async () => {
    const { a, b, bundle } = await machines();
    const fromB = await bundle(b);
    const gone = deleteAnnotation(a, 'kyiv-s3');
    const report = await importBundle(a, fromB);
    expect(report).toMatchObject({ annotationsKeptDeleted: 1, annotationsAdded: 0, revived: [] });
    expect(getAnnotation(a, 'kyiv-s3')).toBeNull();
    // Undoing the deletion (the reader restores the same annotation) makes it an ordinary one again.
    insertAnnotation(a, gone);
    expect(await importBundle(a, fromB)).toMatchObject({ annotationsKeptDeleted: 0, annotationsAdded: 0, conflicts: [] });
    expect(getAnnotation(a, 'kyiv-s3')).toEqual(gone);
  });

  it('brings back, and reports, an annotation deleted here that the other machine changed since', async () => {
    const { a, b, bundle } = await machines();
    deleteAnnotation(a, 'kyiv-s3');
    updateAnnotation(b, 'kyiv-s3', { note: 'bob still needs this' });
    const report = await importBundle(a, await bundle(b));
    expect(report.revived).toEqual([{ articleId: 'kyiv', annotationId: 'kyiv-s3', quote: '80 drones' }]);
    expect(getAnnotation(a, 'kyiv-s3')?.note).toBe('bob still needs this');
    // Deleted again, it stays deleted.
    deleteAnnotation(a, 'kyiv-s3');
    expect(await importBundle(a, await bundle(b))).toMatchObject({ annotationsKeptDeleted: 1, revived: [] });
  });

  it('changes nothing, histories included, when the same bundle is imported twice', async () => {
    const { a, b, bundle } = await machines();
    updateAnnotation(a, 'kyiv-s3', { note: 'alice' });
    updateAnnotation(b, 'kyiv-s3', { note: 'bob' });
    updateAnnotation(b, 'kyiv-s5', { note: 'bob only' });
    deleteAnnotation(a, 'kyiv-s7');
    const fromB = await bundle(b);
    await importBundle(a, fromB);
    const state = () => ({ rows: rows(a), history: a.prepare('SELECT * FROM annotation_revisions ORDER BY 1, 2').all(), tombstones: a.prepare('SELECT id FROM annotation_tombstones').all() });
    const before = state();
    const again = await importBundle(a, fromB);
    expect(again).toMatchObject({ annotationsAdded: 0, annotationsUpdated: 0, conflicts: [], revived: [], annotationsKeptDeleted: 1 });
    expect(state()).toEqual(before);
  });

  it('matches an article both machines imported when one corrected its text, never trusting the bundle hash', async () => {
    const dir = tmp();
    const a = openStore(join(dir, 'a.db'));
    const b = openStore(join(dir, 'b.db'));
    const draft = { title: 'Budget', source: null, url: null, author: null, publishedAt: null, language: 'en', text: 'The council approved 48.5 milion euros.' };
    const mine = insertArticle(a, draft, { id: 'a-budget' });
    insertArticle(b, draft, { id: 'b-budget' });
    // A corrects the typo; its annotation follows the text.
    const corrected = 'The council approved 48.5 million euros.';
    a.prepare('UPDATE articles SET text = ?, original_text = ?, text_hash = ? WHERE id = ?').run(corrected, draft.text, textHash(corrected), mine.id);
    insertAnnotation(a, { articleId: mine.id, label: 'figure', start: 21, end: 39, quote: corrected.slice(21, 39), author: 'alice' });
    const file = join(dir, 'a.spanwise');
    await exportCorpus(a, { format: 'bundle', out: file });
    // A bundle whose text_hash lies must still be matched by its texts.
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    writeFileSync(file, gzipSync(lines.map((l) => l.replace(/"text_hash":"[0-9a-f]{64}"/, `"text_hash":"${'0'.repeat(64)}"`)).join('\n')));

    const intoB = await importBundle(b, file);
    expect(intoB).toMatchObject({ articlesAdded: 0, articlesMatched: 1, unplaced: [expect.objectContaining({ quote: '48.5 million euros' })] });
    expect(b.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);

    // The other way round: B's uncorrected article into A, which corrected it.
    const back = join(dir, 'b.spanwise');
    insertAnnotation(b, { articleId: 'b-budget', label: 'actor', start: 4, end: 11, quote: 'council', author: 'bob' });
    await exportCorpus(b, { format: 'bundle', out: back });
    const intoA = await importBundle(a, back);
    expect(intoA).toMatchObject({ articlesAdded: 0, articlesMatched: 1, annotationsAdded: 1 });
    expect(a.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
    expect(listAnnotations(a, mine.id).map((x) => x.quote).sort()).toEqual(['48.5 million euros', 'council']);
  });

  describe('a correction on one machine and an edit on the other', () => {
    const TEXT = 'The council aproved 48.5 million euros for the harbour.';
    const FIXED = 'The city council approved 48.5 million euros for the harbour.';
    async function pair() {
      const dir = tmp();
      const a = openStore(join(dir, 'a.db'));
      const b = openStore(join(dir, 'b.db'));
      insertArticle(a, { title: 'Budget', source: null, url: null, author: null, publishedAt: null, language: 'en', text: TEXT }, { id: 'budget' });
      const quote = '48.5 million euros';
      insertAnnotation(a, { id: 'sum', articleId: 'budget', label: 'figure', start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, quote, author: 'alice' });
      const bundle = bundleWriter(dir);
      await importBundle(b, await bundle(a));
      // A corrects the text, which moves the annotation; B edits the annotation's note.
      correctText(a, 'budget', FIXED, undefined);
      updateAnnotation(b, 'sum', { note: 'bob: the figure is from the minutes' });
      return { a, b, bundle };
    }

    it('takes the edit into the corrected text as an update, not a conflict', async () => {
      const { a, b, bundle } = await pair();
      const report = await importBundle(a, await bundle(b));
      expect(report).toMatchObject({ annotationsUpdated: 1, conflicts: [], unplaced: [] });
      const sum = getAnnotation(a, 'sum');
      expect(sum).toMatchObject({ note: 'bob: the figure is from the minutes', start: FIXED.indexOf('48.5'), quote: '48.5 million euros' });
      expect(listConflicts(a, 'budget')).toEqual([]);
    });

    it('keeps the edit when the corrected side sends its moved version back', async () => {
      const { a, b, bundle } = await pair();
      const report = await importBundle(b, await bundle(a));
      expect(report).toMatchObject({ annotationsUnchanged: 1, annotationsUpdated: 0, conflicts: [] });
      expect(getAnnotation(b, 'sum')).toMatchObject({ note: 'bob: the figure is from the minutes', start: TEXT.indexOf('48.5') });
    });
  });

  it('does not hand an undeleted annotation\'s id to the conflict copy that had taken it over', async () => {
    const dir = tmp();
    const db = openStore(join(dir, 'here.db'));
    const text = 'Officials said the bridge was hit twice overnight.';
    insertArticle(db, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'en', text }, { id: 'here' });
    insertAnnotation(db, { id: 'x', articleId: 'here', label: 'actor', start: 0, end: 9, quote: 'Officials', author: 'alice' });
    insertAnnotation(db, { id: 'copy', articleId: 'here', label: 'actor', start: 0, end: 9, quote: 'Officials', note: 'theirs', conflictOf: 'x', author: 'bob' });
    // Deleted (the copy takes over its id as an alias), then the delete undone.
    insertAnnotation(db, deleteAnnotation(db, 'x'));
    const fresh = openStore(join(dir, 'fresh.db'));
    await importBundle(fresh, await bundleWriter(dir)(db));
    expect(listAnnotations(fresh, 'here').map((a) => [a.id, a.note]).sort()).toEqual([['copy', 'theirs'], ['x', '']]);
  });

  describe('conflict copies whose version another version of the same annotation has passed', () => {
    const TEXT = 'Officials said the bridge was hit twice overnight.';
    const versions = (db: Db) => listAnnotations(db, 'here').map((a) => [a.id, a.note, a.conflictOf]).sort();

    function library(dir: string) {
      const db = openStore(join(dir, 'here.db'));
      insertArticle(db, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'en', text: TEXT }, { id: 'here' });
      insertAnnotation(db, { id: 'x', articleId: 'here', label: 'actor', start: 0, end: 9, quote: 'Officials', note: 'mine', author: 'alice' });
      insertAnnotation(db, { id: 'copy', articleId: 'here', label: 'actor', start: 0, end: 9, quote: 'Officials', note: 'theirs', conflictOf: 'x', author: 'bob' });
      return db;
    }

    it('re-imports a library whose original was edited through its copy\'s version and past it', async () => {
      const dir = tmp();
      const db = library(dir);
      // The analyst tries the other machine's version on the original, then writes a third: the
      // original's history now holds the copy's revision, and the copy is still open here.
      updateAnnotation(db, 'x', { note: 'theirs' });
      updateAnnotation(db, 'x', { note: 'ours, after all' });
      const fresh = openStore(join(dir, 'fresh.db'));
      const report = await importBundle(fresh, await bundleWriter(dir)(db));
      expect(versions(fresh)).toEqual(versions(db));
      expect(report).toMatchObject({ annotationsAdded: 2, annotationsUnchanged: 0 });
      // And the same bundle again changes nothing.
      expect(await importBundle(fresh, await bundleWriter(dir)(db))).toMatchObject({ annotationsAdded: 0, annotationsUpdated: 0, conflicts: [] });
      expect(versions(fresh)).toEqual(versions(db));
    });

    it('re-imports two copies of one annotation when one was edited through the other\'s version', async () => {
      const dir = tmp();
      const db = library(dir);
      insertAnnotation(db, { id: 'copy2', articleId: 'here', label: 'actor', start: 0, end: 9, quote: 'Officials', note: 'carol', conflictOf: 'x', author: 'carol' });
      updateAnnotation(db, 'copy2', { note: 'theirs' });
      updateAnnotation(db, 'copy2', { note: 'carol, again' });
      const fresh = openStore(join(dir, 'fresh.db'));
      await importBundle(fresh, await bundleWriter(dir)(db));
      expect(versions(fresh)).toEqual(versions(db));
    });

    it('re-imports two copies of a claim when one went through the other\'s version as it is without a claimant the bundle cannot carry', async () => {
      const dir = tmp();
      const db = openStore(join(dir, 'here.db'));
      insertArticle(db, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'en', text: TEXT }, { id: 'here' });
      insertAnnotation(db, { id: 'who', articleId: 'here', label: 'actor', start: 0, end: 9, quote: 'Officials', author: 'alice' });
      const claim = { articleId: 'here', label: 'claim' as const, start: 15, end: 49, quote: TEXT.slice(15, 49) };
      insertAnnotation(db, { ...claim, id: 'x', note: 'mine', attrs: { claimantId: 'who' }, author: 'alice' });
      insertAnnotation(db, { ...claim, id: 'copy', note: 'theirs', attrs: { claimantId: 'who' }, conflictOf: 'x', author: 'bob' });
      insertAnnotation(db, { ...claim, id: 'copy2', note: 'carol', conflictOf: 'x', author: 'carol' });
      // copy2 passes through what copy is once its claimant is gone, then moves on; then the actor goes.
      updateAnnotation(db, 'copy2', { note: 'theirs' });
      updateAnnotation(db, 'copy2', { note: 'carol, again' });
      deleteAnnotation(db, 'who');
      const fresh = openStore(join(dir, 'fresh.db'));
      await importBundle(fresh, await bundleWriter(dir)(db));
      expect(versions(fresh)).toEqual(versions(db));
    });

    it('still skips a copy of a version the original here has moved past, when the sender had not', async () => {
      const { a, b, bundle } = await machines();
      updateAnnotation(a, 'kyiv-s3', { note: 'alice' });
      updateAnnotation(b, 'kyiv-s3', { note: 'bob' });
      // B gets A's version as a copy of its own, then A moves its annotation on.
      await importBundle(b, await bundle(a));
      updateAnnotation(a, 'kyiv-s3', { note: 'alice, later' });
      const report = await importBundle(a, await bundle(b));
      // B's own 'bob' comes in as a conflict; B's copy of A's 'alice' is A's past, not a new version.
      expect(report.conflicts).toHaveLength(1);
      expect(listAnnotations(a, 'kyiv').filter((x) => x.note.startsWith('alice')).map((x) => x.note)).toEqual(['alice, later']);
    });
  });

  describe('an incoming id that still names an annotation of another article here', () => {
    const HERE = 'Officials said the bridge was hit twice overnight.';
    const THERE = 'The ministry said 12 drones were shot down.';
    const article = (text: string) => ({ title: 'T', source: null, url: null, author: null, publishedAt: null, language: 'en', text });
    const span = (text: string, quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, quote });

    /** Here: a claim linked to `x`, an id that now names another annotation of this article (an alias) or a deleted one (a tombstone). */
    async function setUp(how: 'alias' | 'tombstone') {
      const dir = tmp();
      const db = openStore(join(dir, 'here.db'));
      insertArticle(db, article(HERE), { id: 'here' });
      insertAnnotation(db, { id: 'x', articleId: 'here', label: 'actor', ...span(HERE, 'Officials'), author: 'alice' });
      // A conflict copy takes over the id of the annotation the analyst deletes: x becomes its alias.
      if (how === 'alias') insertAnnotation(db, { id: 'heir', articleId: 'here', label: 'actor', ...span(HERE, 'Officials'), note: 'theirs', conflictOf: 'x', author: 'bob' });
      insertAnnotation(db, { id: 'claim-here', articleId: 'here', label: 'claim', ...span(HERE, 'the bridge was hit twice'), attrs: { claimantId: 'x' }, author: 'alice' });
      deleteAnnotation(db, 'x');
      // The other machine holds another article whose claimant happens to carry the same id.
      const other = openStore(join(dir, 'other.db'));
      insertArticle(other, article(THERE), { id: 'there' });
      insertAnnotation(other, { id: 'x', articleId: 'there', label: 'actor', ...span(THERE, 'The ministry'), author: 'carol' });
      insertAnnotation(other, { id: 'claim-there', articleId: 'there', label: 'claim', ...span(THERE, '12 drones were shot down'), attrs: { claimantId: 'x' }, author: 'carol' });
      expect(annotationProblems(db)).toEqual([]);
      return { db, file: await bundleWriter(dir)(other) };
    }

    for (const how of ['alias', 'tombstone'] as const) {
      it(`gives it a new id, so links through it stay in their articles (${how})`, async () => {
        const { db, file } = await setUp(how);
        await importBundle(db, file);
        const [actor] = listAnnotations(db, 'there').filter((a) => a.label === 'actor');
        expect(actor?.id).not.toBe('x');
        expect(getAnnotation(db, 'claim-there')?.attrs.claimantId).toBe(actor?.id);
        // x still names what it named here.
        expect(resolveId(db, ['x'])).toBe(how === 'alias' ? 'heir' : null);
        expect(db.prepare('SELECT article_id FROM annotation_tombstones WHERE id = ?').pluck().get('x')).toBe(how === 'tombstone' ? 'here' : undefined);
        expect(annotationProblems(db)).toEqual([]);
      });
    }
  });
});

