-- Figures that disagree (DESIGN.md, "Disagreement"), kept up to date incrementally.
--
-- The rule lives in shared/disagreements.ts, so SQL cannot apply it: triggers only mark the
-- scopes a write touched (an article, an incident) as dirty, and the next read of the
-- disagreements recomputes those scopes alone (store/disagreements.ts). A library upgraded to
-- this schema starts with every scope dirty: its first read computes everything once.
CREATE TABLE figure_dirty (
  scope    TEXT NOT NULL CHECK (scope IN ('article', 'incident')),
  scope_id TEXT NOT NULL,
  PRIMARY KEY (scope, scope_id)
) WITHOUT ROWID;

-- One row per disagreement found: which figures, of which count and unit, in which scope. The
-- values, quotes, sources and dates are read from the figures themselves when listed.
CREATE TABLE figure_disagreements (
  id       TEXT PRIMARY KEY,
  scope    TEXT NOT NULL CHECK (scope IN ('article', 'incident')),
  scope_id TEXT NOT NULL,
  counts   TEXT NOT NULL,
  unit     TEXT NOT NULL,
  kind     TEXT NOT NULL CHECK (kind IN ('conflict', 'variance')),
  span_ids TEXT NOT NULL CHECK (json_valid(span_ids))
) WITHOUT ROWID;
CREATE INDEX figure_disagreements_scope ON figure_disagreements (scope, scope_id);
CREATE INDEX figure_disagreements_kind ON figure_disagreements (kind, id);

-- The analyst's decision on a disagreement, kept by its id (scope, scope id, counts and unit),
-- so it outlives a recomputation and comes back if the disagreement does.
CREATE TABLE figure_resolutions (
  id         TEXT PRIMARY KEY,
  scope      TEXT NOT NULL CHECK (scope IN ('article', 'incident')),
  scope_id   TEXT NOT NULL,
  counts     TEXT NOT NULL,
  unit       TEXT NOT NULL,
  decision   TEXT NOT NULL CHECK (decision IN ('value', 'range', 'not_same_count')),
  value      REAL,
  min        REAL,
  max        REAL,
  note       TEXT NOT NULL DEFAULT '',
  -- The figures the analyst looked at, so a bundle can find the scope in another library.
  span_ids   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(span_ids)),
  author     TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((decision = 'value' AND value IS NOT NULL) OR (decision = 'range' AND min IS NOT NULL AND max IS NOT NULL AND min <= max) OR decision = 'not_same_count')
) WITHOUT ROWID;
CREATE INDEX figure_resolutions_scope ON figure_resolutions (scope, scope_id);

-- The spread an approximate value allows (a fraction: 0.05 is 5%), and other figure settings.
CREATE TABLE figure_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- The analyst's vocabulary: units and counts words used, and the unit given to a word as quotes
-- write it ('form'), which the normaliser then reads that way.
CREATE TABLE figure_vocabulary (
  kind    TEXT NOT NULL CHECK (kind IN ('unit', 'counts', 'form')),
  form    TEXT NOT NULL,
  word    TEXT NOT NULL,
  uses    INTEGER NOT NULL DEFAULT 1,
  used_at TEXT NOT NULL,
  PRIMARY KEY (kind, form)
) WITHOUT ROWID;

-- Figures and events both matter: an event's figures are what an incident compares. The
-- triggers test for the row rather than use INSERT OR IGNORE: the conflict policy of the statement
-- that fires a trigger (an upsert's ABORT) overrides the trigger's own.
CREATE TRIGGER annotations_figures_ai AFTER INSERT ON annotations WHEN new.label IN ('figure', 'event') BEGIN
  INSERT INTO figure_dirty (scope, scope_id) SELECT 'article', new.article_id WHERE NOT EXISTS (SELECT 1 FROM figure_dirty WHERE scope = 'article' AND scope_id = new.article_id);
END;
CREATE TRIGGER annotations_figures_ad AFTER DELETE ON annotations WHEN old.label IN ('figure', 'event') BEGIN
  INSERT INTO figure_dirty (scope, scope_id) SELECT 'article', old.article_id WHERE NOT EXISTS (SELECT 1 FROM figure_dirty WHERE scope = 'article' AND scope_id = old.article_id);
END;
CREATE TRIGGER annotations_figures_au AFTER UPDATE OF label, attrs, status, conflict_of, article_id, quote ON annotations
WHEN old.label IN ('figure', 'event') OR new.label IN ('figure', 'event') BEGIN
  INSERT INTO figure_dirty (scope, scope_id) SELECT 'article', old.article_id WHERE NOT EXISTS (SELECT 1 FROM figure_dirty WHERE scope = 'article' AND scope_id = old.article_id);
  INSERT INTO figure_dirty (scope, scope_id) SELECT 'article', new.article_id WHERE NOT EXISTS (SELECT 1 FROM figure_dirty WHERE scope = 'article' AND scope_id = new.article_id);
END;
CREATE TRIGGER event_roles_figures_ai AFTER INSERT ON event_roles WHEN new.role = 'figure' BEGIN
  INSERT INTO figure_dirty (scope, scope_id) SELECT 'article', new.article_id WHERE NOT EXISTS (SELECT 1 FROM figure_dirty WHERE scope = 'article' AND scope_id = new.article_id);
END;
CREATE TRIGGER event_roles_figures_ad AFTER DELETE ON event_roles WHEN old.role = 'figure' BEGIN
  INSERT INTO figure_dirty (scope, scope_id) SELECT 'article', old.article_id WHERE NOT EXISTS (SELECT 1 FROM figure_dirty WHERE scope = 'article' AND scope_id = old.article_id);
END;
CREATE TRIGGER incident_events_figures_ai AFTER INSERT ON incident_events BEGIN
  INSERT INTO figure_dirty (scope, scope_id) SELECT 'incident', new.incident_id WHERE NOT EXISTS (SELECT 1 FROM figure_dirty WHERE scope = 'incident' AND scope_id = new.incident_id);
END;
CREATE TRIGGER incident_events_figures_ad AFTER DELETE ON incident_events BEGIN
  INSERT INTO figure_dirty (scope, scope_id) SELECT 'incident', old.incident_id WHERE NOT EXISTS (SELECT 1 FROM figure_dirty WHERE scope = 'incident' AND scope_id = old.incident_id);
END;
CREATE TRIGGER incident_events_figures_au AFTER UPDATE ON incident_events BEGIN
  INSERT INTO figure_dirty (scope, scope_id) SELECT 'incident', old.incident_id WHERE NOT EXISTS (SELECT 1 FROM figure_dirty WHERE scope = 'incident' AND scope_id = old.incident_id);
  INSERT INTO figure_dirty (scope, scope_id) SELECT 'incident', new.incident_id WHERE NOT EXISTS (SELECT 1 FROM figure_dirty WHERE scope = 'incident' AND scope_id = new.incident_id);
END;
-- A source or a date is shown, not compared: only the article's removal matters here.
CREATE TRIGGER articles_figures_ad AFTER DELETE ON articles BEGIN
  INSERT INTO figure_dirty (scope, scope_id) SELECT 'article', old.id WHERE NOT EXISTS (SELECT 1 FROM figure_dirty WHERE scope = 'article' AND scope_id = old.id);
END;

INSERT OR IGNORE INTO figure_dirty (scope, scope_id) SELECT DISTINCT 'article', article_id FROM annotations WHERE label = 'figure';
INSERT OR IGNORE INTO figure_dirty (scope, scope_id) SELECT DISTINCT 'incident', incident_id FROM incident_events;
