-- Each live figure as the disagreement rule reads it, kept so that recomputing every scope (a new
-- spread, an upgrade) is one SQL statement per page of scopes over narrow rows instead of every
-- figure's attributes parsed again in JavaScript, once for its article and once for its incident.
--
-- The attributes are read in JavaScript (store/figure-facts.ts), which keys counts and units as
-- the analyst means them (case and surrounding spaces aside, in any script): triggers only mark
-- the articles whose figures changed, and the next recomputation rewrites their facts before it
-- compares anything. No expression here calls a function of the app's own, so any SQLite tool can
-- still vacuum, check or reindex a library.
--
-- `lo` and `hi` are the values a figure allows before the spread (at least: up to infinity; at
-- most: down from it); an approximate figure's are widened by the spread when compared. `seq` is
-- the figure's rowid in annotations, the order a disagreement lists its figures in.
CREATE TABLE figure_facts (
  article_id  TEXT NOT NULL,
  counts      TEXT NOT NULL,
  unit        TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  span_id     TEXT NOT NULL,
  value       REAL,
  min         REAL,
  max         REAL,
  lo          REAL NOT NULL,
  hi          REAL NOT NULL,
  approximate INTEGER NOT NULL CHECK (approximate IN (0, 1)),
  PRIMARY KEY (article_id, counts, unit, seq, span_id)
) WITHOUT ROWID;
-- An incident reaches its figures through its events' roles, by span id.
CREATE UNIQUE INDEX figure_facts_span ON figure_facts (span_id);

-- Articles whose facts are to be read again; every one is also a dirty scope.
CREATE TABLE figure_facts_dirty (
  article_id TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TRIGGER annotations_facts_ai AFTER INSERT ON annotations WHEN new.label = 'figure' BEGIN
  INSERT INTO figure_facts_dirty (article_id) SELECT new.article_id WHERE NOT EXISTS (SELECT 1 FROM figure_facts_dirty WHERE article_id = new.article_id);
END;
CREATE TRIGGER annotations_facts_ad AFTER DELETE ON annotations WHEN old.label = 'figure' BEGIN
  INSERT INTO figure_facts_dirty (article_id) SELECT old.article_id WHERE NOT EXISTS (SELECT 1 FROM figure_facts_dirty WHERE article_id = old.article_id);
END;
CREATE TRIGGER annotations_facts_au AFTER UPDATE OF id, label, attrs, status, conflict_of, article_id ON annotations
WHEN old.label = 'figure' OR new.label = 'figure' BEGIN
  INSERT INTO figure_facts_dirty (article_id) SELECT old.article_id WHERE NOT EXISTS (SELECT 1 FROM figure_facts_dirty WHERE article_id = old.article_id);
  INSERT INTO figure_facts_dirty (article_id) SELECT new.article_id WHERE NOT EXISTS (SELECT 1 FROM figure_facts_dirty WHERE article_id = new.article_id);
END;
CREATE TRIGGER articles_facts_ad AFTER DELETE ON articles BEGIN
  INSERT INTO figure_facts_dirty (article_id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM figure_facts_dirty WHERE article_id = old.id);
END;

-- An upgraded library reads every figure once, at its first recomputation.
INSERT OR IGNORE INTO figure_facts_dirty (article_id) SELECT DISTINCT article_id FROM annotations WHERE label = 'figure';
