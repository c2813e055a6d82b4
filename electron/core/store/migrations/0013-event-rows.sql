-- The Events table's sort keys and filters, one row per live event (DESIGN.md, the Events view),
-- kept by triggers so every way an event is written (the app, imports, bundle merges, the
-- command) keeps it. A page of the table seeks in one of these indexes from a known row's keys
-- instead of walking an OFFSET, and the article's source and title sort and filter without a
-- join to every article.
--
-- Sort keys are never NULL, so a page can seek past a row with one row-value comparison: '0'
-- stands for no value and sorts first (as NULL does in SQLite), '1' || v keeps v's order.
-- `rid` is the annotation's rowid when the row was written: the tie-break the table has always
-- used, last in every index so a seek's row value covers it (SQLite leaves a rowid out of one).
CREATE TABLE event_rows (
  id           TEXT PRIMARY KEY,
  rid          INTEGER NOT NULL,
  article_id   TEXT NOT NULL,
  date_key     TEXT NOT NULL,
  type_key     TEXT NOT NULL,
  location_key TEXT NOT NULL,
  source_key   TEXT NOT NULL,
  title_key    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX event_rows_date ON event_rows (date_key, rid);
CREATE INDEX event_rows_type ON event_rows (type_key, date_key, rid);
CREATE INDEX event_rows_location ON event_rows (location_key, rid);
CREATE INDEX event_rows_source ON event_rows (source_key, rid);
CREATE INDEX event_rows_source_date ON event_rows (source_key, date_key, rid);
CREATE INDEX event_rows_title ON event_rows (title_key, rid);
CREATE INDEX event_rows_article ON event_rows (article_id);

-- Live, placed, local versions only (store/events.ts LIVE_EVENT): an orphan or an unresolved
-- merge copy is not a row of the table.
CREATE VIEW event_rows_source_view AS
  SELECT n.id AS id, n.rowid AS rid, n.article_id AS article_id,
         coalesce('1' || json_extract(n.attrs, '$.date'), '0') AS date_key,
         coalesce('1' || json_extract(n.attrs, '$.type'), '0') AS type_key,
         coalesce('1' || json_extract(n.attrs, '$.location'), '0') AS location_key,
         coalesce('1' || a.source, '0') AS source_key,
         coalesce('1' || a.title, '0') AS title_key
  FROM annotations n JOIN articles a ON a.id = n.article_id
  WHERE n.label = 'event' AND n.status = 'ok' AND n.conflict_of IS NULL;

INSERT INTO event_rows SELECT * FROM event_rows_source_view;

CREATE TRIGGER event_rows_ai AFTER INSERT ON annotations WHEN new.label = 'event' BEGIN
  INSERT OR REPLACE INTO event_rows SELECT * FROM event_rows_source_view WHERE id = new.id;
END;

CREATE TRIGGER event_rows_ad AFTER DELETE ON annotations WHEN old.label = 'event' BEGIN
  DELETE FROM event_rows WHERE id = old.id;
END;

-- Any change may move an event in or out of the table (status, conflict, label) or change a key.
CREATE TRIGGER event_rows_au AFTER UPDATE ON annotations WHEN old.label = 'event' OR new.label = 'event' BEGIN
  DELETE FROM event_rows WHERE id = old.id;
  INSERT OR REPLACE INTO event_rows SELECT * FROM event_rows_source_view WHERE id = new.id;
END;

CREATE TRIGGER event_rows_article_au AFTER UPDATE OF source, title ON articles BEGIN
  UPDATE event_rows SET source_key = coalesce('1' || new.source, '0'), title_key = coalesce('1' || new.title, '0') WHERE article_id = new.id;
END;
