-- A disagreement's id is its key written out (migration 0014), so storing it stored every key
-- twice: about 70 of a row's 180 bytes, written again by every recomputation. The id is now a
-- virtual column computed from the key with SQLite's own functions (so any SQLite tool still
-- reads, checks and vacuums the table), the same value as before.
CREATE TABLE figure_disagreements_new (
  scope    TEXT NOT NULL CHECK (scope IN ('article', 'incident')),
  scope_id TEXT NOT NULL,
  counts   TEXT NOT NULL,
  unit     TEXT NOT NULL,
  id       TEXT NOT NULL GENERATED ALWAYS AS ('fd-' || lower(hex(scope || char(0) || scope_id || char(0) || counts || char(0) || unit))) VIRTUAL,
  kind     TEXT NOT NULL CHECK (kind IN ('conflict', 'variance')),
  span_ids TEXT NOT NULL CHECK (json_valid(span_ids)),
  PRIMARY KEY (scope, scope_id, counts, unit)
) WITHOUT ROWID;

INSERT INTO figure_disagreements_new (scope, scope_id, counts, unit, kind, span_ids)
SELECT scope, scope_id, counts, unit, kind, span_ids FROM figure_disagreements ORDER BY scope, scope_id, counts, unit;

DROP TABLE figure_disagreements;
ALTER TABLE figure_disagreements_new RENAME TO figure_disagreements;
