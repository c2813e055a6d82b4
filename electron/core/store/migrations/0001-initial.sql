-- Articles hold canonical text (DESIGN.md); original_text keeps the imported text once the
-- analyst corrects it, for provenance.
CREATE TABLE articles (
  id            TEXT PRIMARY KEY,
  title         TEXT NOT NULL DEFAULT '',
  source        TEXT,
  url           TEXT,
  author        TEXT,
  published_at  TEXT,
  language      TEXT,
  text          TEXT NOT NULL,
  original_text TEXT,
  -- sha256 of the canonical text as imported: duplicate detection and bundle matching.
  text_hash     TEXT NOT NULL UNIQUE,
  imported_at   TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX articles_imported ON articles (imported_at);
CREATE INDEX articles_published ON articles (published_at);
CREATE INDEX articles_title ON articles (title COLLATE NOCASE);
CREATE INDEX articles_source ON articles (source);

-- Offsets are UTF-16 code units, end-exclusive, into articles.text.
CREATE TABLE annotations (
  id          TEXT PRIMARY KEY,
  article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  label       TEXT NOT NULL CHECK (label IN ('event', 'claim', 'actor', 'figure')),
  start       INTEGER NOT NULL CHECK (start >= 0),
  "end"       INTEGER NOT NULL,
  quote       TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  attrs       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attrs)),
  author      TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'orphaned')),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK ("end" >= start)
);
CREATE INDEX annotations_article ON annotations (article_id, start);
CREATE INDEX annotations_label ON annotations (label, article_id);

-- Per-article label counts, kept by triggers so the library can sort and filter 100,000
-- articles by annotation count without scanning annotations.
CREATE TABLE article_counts (
  article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  event  INTEGER NOT NULL DEFAULT 0,
  claim  INTEGER NOT NULL DEFAULT 0,
  actor  INTEGER NOT NULL DEFAULT 0,
  figure INTEGER NOT NULL DEFAULT 0,
  total  INTEGER GENERATED ALWAYS AS (event + claim + actor + figure) STORED
);
CREATE INDEX article_counts_total ON article_counts (total);

CREATE TRIGGER articles_counts_ai AFTER INSERT ON articles BEGIN
  INSERT INTO article_counts (article_id) VALUES (new.id);
END;

CREATE TRIGGER annotations_counts_ai AFTER INSERT ON annotations BEGIN
  UPDATE article_counts SET
    event  = event  + (new.label = 'event'),
    claim  = claim  + (new.label = 'claim'),
    actor  = actor  + (new.label = 'actor'),
    figure = figure + (new.label = 'figure')
  WHERE article_id = new.article_id;
END;

CREATE TRIGGER annotations_counts_ad AFTER DELETE ON annotations BEGIN
  UPDATE article_counts SET
    event  = event  - (old.label = 'event'),
    claim  = claim  - (old.label = 'claim'),
    actor  = actor  - (old.label = 'actor'),
    figure = figure - (old.label = 'figure')
  WHERE article_id = old.article_id;
END;

CREATE TRIGGER annotations_counts_au AFTER UPDATE OF label ON annotations BEGIN
  UPDATE article_counts SET
    event  = event  - (old.label = 'event'),
    claim  = claim  - (old.label = 'claim'),
    actor  = actor  - (old.label = 'actor'),
    figure = figure - (old.label = 'figure')
  WHERE article_id = old.article_id;
  UPDATE article_counts SET
    event  = event  + (new.label = 'event'),
    claim  = claim  + (new.label = 'claim'),
    actor  = actor  + (new.label = 'actor'),
    figure = figure + (new.label = 'figure')
  WHERE article_id = new.article_id;
END;

-- Full-text index over title and text. remove_diacritics 2 folds accents for every script
-- unicode61 knows; the external-content table keeps one copy of the text.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text,
  content = 'articles', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
