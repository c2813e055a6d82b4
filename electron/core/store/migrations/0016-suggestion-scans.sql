-- Library-wide suggestions read again only what changed. A pass used to scan every article's
-- text against the registry (about 1.3 ms an article: over two minutes at 100,000 articles) even
-- when nothing had changed since the last one. Now each article keeps what its last scan found,
-- with the set of its words, and a pass scans again only:
--   - articles with no stored scan: new ones, and those whose text, annotations or rejected
--     suggestions changed since (the triggers below drop the stored scan);
--   - articles holding every word of a name added, removed or re-pointed since the last
--     complete pass, or of an entity whose canonical name, kind or merge changed (the registry's
--     changes are logged with their keys by the triggers below).
-- The FTS5 index cannot tell which articles hold a name: it folds otherwise than the registry
-- does (no NFKC, no ß to ss, marks kept on Cyrillic й and ё), so it would miss some.

-- One row per article scanned. `words`: the distinct hashes (shared/fold.ts wordHash) of its
-- folded words, sorted, as little-endian 32-bit integers. `proposals`: JSON, what the scan
-- proposed, [start, end, text, entityId, action, annotationId] each, in text order.
CREATE TABLE suggestion_scans (
  article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  count      INTEGER NOT NULL,
  words      BLOB NOT NULL,
  proposals  TEXT NOT NULL
) WITHOUT ROWID;

-- The registry version the stored scans are all good for (after the last complete pass) and
-- the matcher they were made by (a new word-cutting or fold rule makes them all stale).
CREATE TABLE suggestion_scan_state (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  matcher INTEGER NOT NULL
);

-- Each change to the registry's names, numbered: a name's key with the entity it named before
-- the change (was = 1) or after it (was = 0), or an entity whose canonical name, kind or merge
-- changed, all of whose names count as changed (key NULL). A name taken off and put back on the
-- same entity (an edit writes all of an entity's names again) changes nothing: what counts is
-- the key's entity before its first change against its entity now. Rows up to the state's
-- version are pruned by a complete pass.
CREATE TABLE registry_changes (
  version   INTEGER PRIMARY KEY AUTOINCREMENT,
  kind      TEXT,
  key       TEXT,
  entity_id TEXT,
  was       INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER registry_changes_names_ai AFTER INSERT ON entity_names BEGIN
  INSERT INTO registry_changes (kind, key, entity_id, was) VALUES (new.kind, new.key, new.entity_id, 0);
END;
CREATE TRIGGER registry_changes_names_ad AFTER DELETE ON entity_names BEGIN
  INSERT INTO registry_changes (kind, key, entity_id, was) VALUES (old.kind, old.key, old.entity_id, 1);
END;
CREATE TRIGGER registry_changes_names_au AFTER UPDATE ON entity_names BEGIN
  INSERT INTO registry_changes (kind, key, entity_id, was) VALUES (old.kind, old.key, old.entity_id, 1);
  INSERT INTO registry_changes (kind, key, entity_id, was) SELECT new.kind, new.key, new.entity_id, 0
    WHERE new.kind IS NOT old.kind OR new.key IS NOT old.key;
END;
CREATE TRIGGER registry_changes_entities_au AFTER UPDATE OF name, kind, merged_into ON entities
WHEN new.name IS NOT old.name OR new.kind IS NOT old.kind OR new.merged_into IS NOT old.merged_into BEGIN
  INSERT INTO registry_changes (entity_id) VALUES (new.id);
END;
CREATE TRIGGER registry_changes_entities_ad AFTER DELETE ON entities BEGIN
  INSERT INTO registry_changes (entity_id) VALUES (old.id);
END;

-- What an article's suggestions depend on besides the registry: its text, its annotations (an
-- actor span, its link) and the suggestions rejected in it.
CREATE TRIGGER suggestion_scans_text AFTER UPDATE OF text ON articles BEGIN
  DELETE FROM suggestion_scans WHERE article_id = new.id;
END;
CREATE TRIGGER suggestion_scans_annotations_ai AFTER INSERT ON annotations BEGIN
  DELETE FROM suggestion_scans WHERE article_id = new.article_id;
END;
CREATE TRIGGER suggestion_scans_annotations_au AFTER UPDATE ON annotations BEGIN
  DELETE FROM suggestion_scans WHERE article_id IN (old.article_id, new.article_id);
END;
CREATE TRIGGER suggestion_scans_annotations_ad AFTER DELETE ON annotations BEGIN
  DELETE FROM suggestion_scans WHERE article_id = old.article_id;
END;
CREATE TRIGGER suggestion_scans_rejections_ai AFTER INSERT ON suggestion_rejections BEGIN
  DELETE FROM suggestion_scans WHERE article_id = new.article_id;
END;
CREATE TRIGGER suggestion_scans_rejections_ad AFTER DELETE ON suggestion_rejections BEGIN
  DELETE FROM suggestion_scans WHERE article_id = old.article_id;
END;
