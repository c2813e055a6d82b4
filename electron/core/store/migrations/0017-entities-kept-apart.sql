-- Pairs of entities the analyst chose to keep apart when a bundle offered them as one (the same
-- name, the same kind, two ids). Remembered so that importing the same bundle again, or a later
-- one from the same machine, does not ask the same question again; the import report counts them
-- instead. `a` < `b`: a pair is unordered. No foreign keys: a deleted entity comes back with its
-- id when its deletion is undone, and the choice with it; a pair naming an entity that is no
-- longer here is never matched (the store resolves both ids first).
CREATE TABLE entities_kept_apart (
  a          TEXT NOT NULL,
  b          TEXT NOT NULL,
  author     TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  PRIMARY KEY (a, b),
  CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX entities_kept_apart_b ON entities_kept_apart (b);
