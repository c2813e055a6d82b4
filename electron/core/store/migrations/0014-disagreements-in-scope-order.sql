-- Disagreements stored in the order they are computed (by scope, scope id, counts and unit), so
-- recomputing a whole library appends to its B-trees instead of writing all over them.
--
-- 0012 keyed a disagreement by a hash of its scope, scope id, counts and unit: every row of a
-- full recomputation (half a million at a million figures) went to a random page of the table
-- and of its two indexes, which cost several times the computation itself. The table is now
-- ordered by that key and has no other index, and the id is the key itself, written in hex (the
-- parts joined by NUL, which no part holds and which sorts below every other byte): it sorts as
-- the key does, is read back into the key to find its row, and the same four values give the
-- same id in SQL (below) and in store/disagreement-refresh.ts.
CREATE TABLE figure_disagreements_keyed (
  scope    TEXT NOT NULL CHECK (scope IN ('article', 'incident')),
  scope_id TEXT NOT NULL,
  counts   TEXT NOT NULL,
  unit     TEXT NOT NULL,
  id       TEXT NOT NULL,
  kind     TEXT NOT NULL CHECK (kind IN ('conflict', 'variance')),
  span_ids TEXT NOT NULL CHECK (json_valid(span_ids)),
  PRIMARY KEY (scope, scope_id, counts, unit)
) WITHOUT ROWID;

INSERT INTO figure_disagreements_keyed (scope, scope_id, counts, unit, id, kind, span_ids)
SELECT scope, scope_id, counts, unit, 'fd-' || lower(hex(scope || char(0) || scope_id || char(0) || counts || char(0) || unit)), kind, span_ids
FROM figure_disagreements ORDER BY scope, scope_id, counts, unit;

DROP TABLE figure_disagreements;
ALTER TABLE figure_disagreements_keyed RENAME TO figure_disagreements;

-- A resolution is found by its disagreement's id: the same key, so the same new id.
UPDATE figure_resolutions SET id = 'fd-' || lower(hex(scope || char(0) || scope_id || char(0) || counts || char(0) || unit));
