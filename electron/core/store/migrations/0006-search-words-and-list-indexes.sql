-- 1. Search in scripts written without spaces. The full-text indexes read their text through a
-- view that gives, for an article (or annotation) with Chinese, Japanese, Thai, Lao, Khmer or
-- Burmese in it, a copy with a zero-width space between words (spanwise_segment, registered on
-- every connection: store/segment.ts), and the text itself for everything else. The copies are
-- kept only for the rows that need one. Snippets come from the same view, so the hits line up.
-- The tokenizer now keeps combining marks inside words (categories M*), as the query parser
-- always did: Thai, Indic and Hebrew words are no longer cut at every vowel sign.

DROP TRIGGER articles_fts_ai;
DROP TRIGGER articles_fts_ad;
DROP TRIGGER articles_fts_au;
DROP TABLE articles_fts;

CREATE TABLE articles_segmented (
  rowid INTEGER PRIMARY KEY,
  title TEXT,
  text  TEXT
);

CREATE VIEW articles_fts_source AS
  SELECT a.rowid AS rid, coalesce(s.title, a.title) AS title, coalesce(s.text, a.text) AS text
  FROM articles a LEFT JOIN articles_segmented s ON s.rowid = a.rowid;

-- Prefix indexes of two and three characters: a short prefix ("dro*") otherwise expands to
-- every term it starts and merges their lists on each query (5x slower at 100,000 articles);
-- the index grows by about 80%.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text,
  content = 'articles_fts_source', content_rowid = 'rid',
  tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
  prefix = '2 3'
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO articles_segmented (rowid, title, text)
  SELECT rowid, t, x FROM (SELECT rowid, spanwise_segment(title) AS t, spanwise_segment(text) AS x FROM articles)
  WHERE t IS NOT NULL OR x IS NOT NULL;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_segmented (rowid, title, text)
    SELECT new.rowid, t, x FROM (SELECT spanwise_segment(new.title) AS t, spanwise_segment(new.text) AS x)
    WHERE t IS NOT NULL OR x IS NOT NULL;
  INSERT INTO articles_fts (rowid, title, text) SELECT rid, title, text FROM articles_fts_source WHERE rid = new.rowid;
END;

-- A delete must give the index exactly what it was given, so the copy is read before it goes.
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text)
    SELECT 'delete', old.rowid, coalesce(s.title, old.title), coalesce(s.text, old.text)
    FROM (SELECT 1) LEFT JOIN articles_segmented s ON s.rowid = old.rowid;
  DELETE FROM articles_segmented WHERE rowid = old.rowid;
END;

CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text)
    SELECT 'delete', old.rowid, coalesce(s.title, old.title), coalesce(s.text, old.text)
    FROM (SELECT 1) LEFT JOIN articles_segmented s ON s.rowid = old.rowid;
  DELETE FROM articles_segmented WHERE rowid = old.rowid;
  INSERT INTO articles_segmented (rowid, title, text)
    SELECT new.rowid, t, x FROM (SELECT spanwise_segment(new.title) AS t, spanwise_segment(new.text) AS x)
    WHERE t IS NOT NULL OR x IS NOT NULL;
  INSERT INTO articles_fts (rowid, title, text) SELECT rid, title, text FROM articles_fts_source WHERE rid = new.rowid;
END;

-- The same for annotations' quotes and notes, so a query means the same thing in both places.
DROP TRIGGER annotations_fts_ai;
DROP TRIGGER annotations_fts_ad;
DROP TRIGGER annotations_fts_au;
DROP TABLE annotations_fts;

CREATE TABLE annotations_segmented (
  rowid INTEGER PRIMARY KEY,
  quote TEXT,
  note  TEXT
);

CREATE VIEW annotations_fts_source AS
  SELECT n.rowid AS rid, coalesce(s.quote, n.quote) AS quote, coalesce(s.note, n.note) AS note
  FROM annotations n LEFT JOIN annotations_segmented s ON s.rowid = n.rowid;

CREATE VIRTUAL TABLE annotations_fts USING fts5 (
  quote, note,
  content = 'annotations_fts_source', content_rowid = 'rid',
  tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
  prefix = '2 3'
);
INSERT INTO annotations_fts (annotations_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO annotations_segmented (rowid, quote, note)
  SELECT rowid, q, t FROM (SELECT rowid, spanwise_segment(quote) AS q, spanwise_segment(note) AS t FROM annotations)
  WHERE q IS NOT NULL OR t IS NOT NULL;
INSERT INTO annotations_fts (annotations_fts) VALUES ('rebuild');

CREATE TRIGGER annotations_fts_ai AFTER INSERT ON annotations BEGIN
  INSERT INTO annotations_segmented (rowid, quote, note)
    SELECT new.rowid, q, t FROM (SELECT spanwise_segment(new.quote) AS q, spanwise_segment(new.note) AS t)
    WHERE q IS NOT NULL OR t IS NOT NULL;
  INSERT INTO annotations_fts (rowid, quote, note) SELECT rid, quote, note FROM annotations_fts_source WHERE rid = new.rowid;
END;

CREATE TRIGGER annotations_fts_ad AFTER DELETE ON annotations BEGIN
  INSERT INTO annotations_fts (annotations_fts, rowid, quote, note)
    SELECT 'delete', old.rowid, coalesce(s.quote, old.quote), coalesce(s.note, old.note)
    FROM (SELECT 1) LEFT JOIN annotations_segmented s ON s.rowid = old.rowid;
  DELETE FROM annotations_segmented WHERE rowid = old.rowid;
END;

CREATE TRIGGER annotations_fts_au AFTER UPDATE OF quote, note ON annotations BEGIN
  INSERT INTO annotations_fts (annotations_fts, rowid, quote, note)
    SELECT 'delete', old.rowid, coalesce(s.quote, old.quote), coalesce(s.note, old.note)
    FROM (SELECT 1) LEFT JOIN annotations_segmented s ON s.rowid = old.rowid;
  DELETE FROM annotations_segmented WHERE rowid = old.rowid;
  INSERT INTO annotations_segmented (rowid, quote, note)
    SELECT new.rowid, q, t FROM (SELECT spanwise_segment(new.quote) AS q, spanwise_segment(new.note) AS t)
    WHERE q IS NOT NULL OR t IS NOT NULL;
  INSERT INTO annotations_fts (rowid, quote, note) SELECT rid, quote, note FROM annotations_fts_source WHERE rid = new.rowid;
END;

-- 2. The library list at 100,000 articles: every sort order reads an index in exactly its order.
-- Published: undated articles last in both directions, so one index per direction (the second
-- is read backwards). Annotation count: article_counts_total, ties broken by its rowid.
CREATE INDEX articles_published_asc ON articles (published_at IS NULL, published_at);
CREATE INDEX articles_published_desc ON articles (published_at IS NULL DESC, published_at);

-- "Has an event" and the like are counted from these without reading the articles.
CREATE INDEX article_counts_event ON article_counts (event) WHERE event > 0;
CREATE INDEX article_counts_claim ON article_counts (claim) WHERE claim > 0;
CREATE INDEX article_counts_actor ON article_counts (actor) WHERE actor > 0;
CREATE INDEX article_counts_figure ON article_counts (figure) WHERE figure > 0;
