-- The actor and place registry (DESIGN.md, "The analyst's layer"). An entity has a canonical
-- name and aliases in any script; links from annotations to entities live in the annotations'
-- attributes (an actor's entityId, an event's locationEntityId), so undo, bundles and exports
-- carry them like any attribute, and entity_links below is kept from them by triggers for the
-- lookups and counts.
CREATE TABLE entities (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('actor', 'place')),
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  actor_kind   TEXT CHECK (actor_kind IS NULL OR (kind = 'actor' AND actor_kind IN ('person', 'organisation', 'state', 'armed group', 'other'))),
  external_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(external_ids)),
  note         TEXT NOT NULL DEFAULT '',
  author       TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  -- Set when the entity was merged into another: it keeps its id so links and bundles naming it
  -- still find the survivor, and so the merge can be undone.
  merged_into  TEXT REFERENCES entities (id) ON DELETE SET NULL,
  CHECK (merged_into IS NULL OR merged_into <> id)
);
CREATE INDEX entities_kind_name ON entities (kind, name COLLATE NOCASE) WHERE merged_into IS NULL;
CREATE INDEX entities_updated ON entities (updated_at) WHERE merged_into IS NULL;
CREATE INDEX entities_merged ON entities (merged_into) WHERE merged_into IS NOT NULL;

-- Every name of an entity, canonical (position 0) and aliases (1...), with its match key: the
-- name's folded words (shared/fold.ts). A key is unique per kind: one name never means two
-- entities. A merged entity's names belong to the survivor (as aliases) while the merge stands.
CREATE TABLE entity_names (
  kind      TEXT NOT NULL,
  key       TEXT NOT NULL,
  entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX entity_names_entity ON entity_names (entity_id, position);

-- Type-ahead: each name's key from the start of each of its words, so "zel" finds "Volodymyr
-- Zelensky" by a range scan of one index (word 0 is the whole key).
CREATE TABLE entity_name_words (
  key       TEXT NOT NULL,
  kind      TEXT NOT NULL,
  entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  word      INTEGER NOT NULL,
  PRIMARY KEY (key, kind, entity_id, name)
) WITHOUT ROWID;
CREATE INDEX entity_name_words_entity ON entity_name_words (entity_id);

-- One row per linked annotation, from its attributes. No foreign key to entities: a link to an
-- entity this library lacks (a bundle brought the annotation first, an entity deleted) stays in
-- the attributes and is shown as broken, never refused.
CREATE TABLE entity_links (
  annotation_id TEXT PRIMARY KEY REFERENCES annotations (id) ON DELETE CASCADE,
  entity_id     TEXT NOT NULL,
  article_id    TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('actor', 'location'))
) WITHOUT ROWID;
CREATE INDEX entity_links_entity ON entity_links (entity_id, article_id);

-- Mention and article counts per entity, so the Actors view sorts 10,000 entities by them
-- without counting a million links.
CREATE TABLE entity_counts (
  entity_id TEXT PRIMARY KEY,
  mentions  INTEGER NOT NULL DEFAULT 0,
  articles  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX entity_counts_mentions ON entity_counts (mentions);
CREATE INDEX entity_counts_articles ON entity_counts (articles);

CREATE TRIGGER annotations_entity_ai AFTER INSERT ON annotations
WHEN (new.label = 'actor' AND json_extract(new.attrs, '$.entityId') IS NOT NULL)
  OR (new.label = 'event' AND json_extract(new.attrs, '$.locationEntityId') IS NOT NULL) BEGIN
  INSERT INTO entity_links (annotation_id, entity_id, article_id, role)
    VALUES (new.id, CASE new.label WHEN 'actor' THEN json_extract(new.attrs, '$.entityId') ELSE json_extract(new.attrs, '$.locationEntityId') END,
            new.article_id, CASE new.label WHEN 'actor' THEN 'actor' ELSE 'location' END);
END;

CREATE TRIGGER annotations_entity_au AFTER UPDATE OF label, attrs ON annotations BEGIN
  DELETE FROM entity_links WHERE annotation_id = old.id;
  INSERT INTO entity_links (annotation_id, entity_id, article_id, role)
    SELECT new.id, e, new.article_id, CASE new.label WHEN 'actor' THEN 'actor' ELSE 'location' END
    FROM (SELECT CASE new.label WHEN 'actor' THEN json_extract(new.attrs, '$.entityId')
                                WHEN 'event' THEN json_extract(new.attrs, '$.locationEntityId') END AS e)
    WHERE e IS NOT NULL;
END;

CREATE TRIGGER entity_links_counts_ai AFTER INSERT ON entity_links BEGIN
  INSERT OR IGNORE INTO entity_counts (entity_id) VALUES (new.entity_id);
  UPDATE entity_counts SET
    mentions = mentions + 1,
    articles = articles + NOT EXISTS (
      SELECT 1 FROM entity_links WHERE entity_id = new.entity_id AND article_id = new.article_id AND annotation_id <> new.annotation_id)
  WHERE entity_id = new.entity_id;
END;

CREATE TRIGGER entity_links_counts_ad AFTER DELETE ON entity_links BEGIN
  UPDATE entity_counts SET
    mentions = mentions - 1,
    articles = articles - NOT EXISTS (SELECT 1 FROM entity_links WHERE entity_id = old.entity_id AND article_id = old.article_id)
  WHERE entity_id = old.entity_id;
END;

-- Suggestions the analyst rejected, per mention (article, span, entity, action), with the text
-- the span held: after a correction moves other text there, the rejection no longer applies.
CREATE TABLE suggestion_rejections (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  entity_id  TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('link', 'tag')),
  quote      TEXT NOT NULL,
  author     TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  PRIMARY KEY (article_id, start, "end", entity_id, action)
) WITHOUT ROWID;

-- What undoing a registry step needs (a merge, split, delete, import, accepted suggestions):
-- the step's kind and, as JSON, the state it changed, kept until undone or pruned by age.
CREATE TABLE entity_undo (
  token      TEXT PRIMARY KEY,
  step       TEXT NOT NULL,
  payload    TEXT NOT NULL CHECK (json_valid(payload)),
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX entity_undo_created ON entity_undo (created_at);
