-- A deleted annotation's history stays with its tombstone (0005). Deleting the article removes
-- the tombstones by cascade, and nothing removed the history they held: every annotation deleted
-- before its article left its revisions behind for good. A tombstone that goes now takes that
-- history with it, unless the annotation is live again (an undone deletion, a merge bringing it
-- back), which keeps its history.
CREATE TRIGGER annotation_tombstones_history_ad AFTER DELETE ON annotation_tombstones
WHEN NOT EXISTS (SELECT 1 FROM annotations WHERE id = old.id) BEGIN
  DELETE FROM annotation_revisions WHERE annotation_id = old.id;
END;

-- What libraries already left behind.
DELETE FROM annotation_revisions
WHERE annotation_id NOT IN (SELECT id FROM annotations)
  AND annotation_id NOT IN (SELECT id FROM annotation_tombstones);
