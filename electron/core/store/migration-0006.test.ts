import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIT_CLOSE, HIT_OPEN } from '../../../shared/model';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { listArticles } from './list';
import { insertAnnotation, searchAnnotations } from './annotations';
import { loadMigrations, openStore, schemaVersion } from './db';

const tmp = useTmpDir();

const TEXT = '乌克兰空军表示，俄罗斯无人机被击落。The Kestrel bridge reopened.';

describe('migration 0006', () => {
  it('reindexes a library made before it, so words inside Chinese text are found in articles and annotations', () => {
    const file = join(tmp(), 'old.db');
    const migrations = loadMigrations();
    const old = openStore(file, { migrations: migrations.slice(0, 5) });
    expect(schemaVersion(old)).toBe(5);
    const article = insertArticle(old, { title: '无人机报告', source: null, url: null, author: null, publishedAt: null, language: 'zh', text: TEXT });
    const at = TEXT.indexOf('俄罗斯无人机');
    insertAnnotation(old, { articleId: article.id, label: 'claim', start: at, end: at + 6, quote: '俄罗斯无人机', note: '无人机数量有争议' });
    // Before: the whole sentence is one token.
    expect(old.prepare("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"无人机\"'").pluck().get()).toBe(0);
    old.close();

    const db = openStore(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    const found = listArticles(db, { query: '无人机', sort: 'relevance', descending: true, limit: 10, offset: 0 });
    expect(found.items.map((i) => i.id)).toEqual([article.id]);
    expect(found.items[0]?.snippet).toContain(`俄罗斯${HIT_OPEN}无人机${HIT_CLOSE}被击落`);
    expect(listArticles(db, { query: 'kestrel', sort: 'relevance', descending: true, limit: 10, offset: 0 }).total).toBe(1);
    const hits = searchAnnotations(db, { query: '无人机', limit: 10 });
    expect(hits.hits.map((h) => h.snippet)).toEqual([`俄罗斯${HIT_OPEN}无人机${HIT_CLOSE} — ${HIT_OPEN}无人机${HIT_CLOSE}数量有争议`]);
    // Both indexes agree with what they index.
    expect(() => db.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    expect(() => db.prepare("INSERT INTO annotations_fts (annotations_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    db.close();
  });

  it('keeps the indexes right through edits and deletes of segmented text', () => {
    const db = openStore(join(tmp(), 'new.db'));
    const article = insertArticle(db, { title: 'T', source: null, url: null, author: null, publishedAt: null, language: null, text: TEXT });
    db.prepare('UPDATE articles SET text = ?, text_hash = ? WHERE id = ?').run('日本の防衛省はドローンを撃墜した。', 'h2', article.id);
    const search = (q: string) => listArticles(db, { query: q, sort: 'relevance', descending: true, limit: 10, offset: 0 }).total;
    expect(search('无人机')).toBe(0);
    expect(search('ドローン')).toBe(1);
    expect(() => db.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    db.prepare('DELETE FROM articles WHERE id = ?').run(article.id);
    expect(search('ドローン')).toBe(0);
    expect(db.prepare('SELECT count(*) FROM articles_segmented').pluck().get()).toBe(0);
    expect(() => db.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    db.close();
  });
});
