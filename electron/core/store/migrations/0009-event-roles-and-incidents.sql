-- Events as records (DESIGN.md, "The analyst's layer").
--
-- An event's roles: each points to an annotation of the same article. No foreign key to
-- annotations on either end: a role whose event or span is deleted stays, unseen (every read
-- joins the live annotations), so undoing the delete brings the role back with the span. Deleting
-- the article removes its roles; the trash keeps them for an undo of that.
CREATE TABLE event_roles (
  event_id   TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('actor', 'target', 'with', 'figure', 'source')),
  span_id    TEXT NOT NULL,
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  -- The analyst's order within one role: the first actor is ACLED's actor1.
  position   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, role, span_id)
) WITHOUT ROWID;
CREATE INDEX event_roles_span ON event_roles (span_id);
CREATE INDEX event_roles_article ON event_roles (article_id);

-- One real-world event reported by several articles. An event belongs to at most one incident;
-- like roles, a membership outlives its event's deletion unseen, so undo brings it back.
CREATE TABLE incidents (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL DEFAULT '',
  note       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE incident_events (
  event_id    TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX incident_events_incident ON incident_events (incident_id);
CREATE INDEX incident_events_article ON incident_events (article_id);

-- Event types and sub-types the analyst added to the shipped ACLED codebook ('' for a type alone).
CREATE TABLE codebook_types (
  type       TEXT NOT NULL,
  sub_type   TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  PRIMARY KEY (type, sub_type)
) WITHOUT ROWID;

-- The Events view sorts and filters 100,000 events by date and type a page at a time; with the
-- constant terms first, a page's offset is walked in the index alone, already in order.
CREATE INDEX annotations_event_date ON annotations (label, status, conflict_of, json_extract(attrs, '$.date')) WHERE label = 'event';
CREATE INDEX annotations_event_type ON annotations (label, status, conflict_of, json_extract(attrs, '$.type'), json_extract(attrs, '$.date')) WHERE label = 'event';
