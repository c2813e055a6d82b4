-- What a bundle merge needs to be three-way in effect without keeping old versions: each
-- annotation's content revisions (a hash of label, start, end, note and attributes, computed in
-- electron/core/store/revisions.ts). An annotation's current revision is computed from its row;
-- this table holds the others it has passed through, here or, as a merged bundle reported, on
-- another machine. An incoming version whose revision is in the local history is older than the
-- local one; a local revision in the incoming history means only the other side changed it.
-- No foreign key: a deleted annotation's history stays with its tombstone.
CREATE TABLE annotation_revisions (
  annotation_id TEXT NOT NULL,
  revision      TEXT NOT NULL,
  PRIMARY KEY (annotation_id, revision)
) WITHOUT ROWID;

-- An annotation the analyst deleted, with the revision it had, so a bundle bringing that same
-- version back does not undo the deletion. Deleting the article deletes its tombstones (and an
-- article deleted whole comes back whole from a bundle, like any article this store lacks).
CREATE TABLE annotation_tombstones (
  id         TEXT PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  revision   TEXT NOT NULL,
  deleted_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX annotation_tombstones_article ON annotation_tombstones (article_id);

-- Ids an annotation also answers to in a merge. Keeping the incoming copy of a conflict deletes
-- the local annotation; the copy then stands for it, so the other machine's later versions of
-- that annotation find it.
CREATE TABLE annotation_aliases (
  alias         TEXT PRIMARY KEY,
  annotation_id TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX annotation_aliases_target ON annotation_aliases (annotation_id);

-- An annotation that comes back (an undone deletion, a merge bringing back a changed version) is
-- no longer deleted.
CREATE TRIGGER annotations_tombstone_ai AFTER INSERT ON annotations BEGIN
  DELETE FROM annotation_tombstones WHERE id = new.id;
END;

-- History of an annotation removed without a tombstone (its article deleted) goes with it.
CREATE TRIGGER annotations_history_ad AFTER DELETE ON annotations
WHEN NOT EXISTS (SELECT 1 FROM annotation_tombstones WHERE id = old.id) BEGIN
  DELETE FROM annotation_revisions WHERE annotation_id = old.id;
END;

-- Bundle matching finds an article by the text it was first imported with when either side has
-- corrected it. Only corrected articles have an original_text, and a prefix keeps the index
-- small; the lookup compares the whole text after the prefix narrows it.
CREATE INDEX articles_original_prefix ON articles (substr(original_text, 1, 64)) WHERE original_text IS NOT NULL;
