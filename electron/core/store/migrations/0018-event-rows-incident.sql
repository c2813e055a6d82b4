-- The incident each row of the Events table belongs to, kept beside its other keys. The Timeline
-- counts each incident once, at the earliest date of its reports: it looked every member of
-- incident_events up in event_rows by id (33,000 lookups at 100,000 events, over 100 ms, more than
-- the rest of its counts). With the incident here, a partial index holds the members in incident
-- order with the keys the Timeline filters by (and the id, as every index of the table does), so
-- those counts are a walk of it that never reads the table but for an actor filter.
ALTER TABLE event_rows ADD COLUMN incident_id TEXT;

UPDATE event_rows SET incident_id = m.incident_id FROM incident_events m WHERE m.event_id = event_rows.id;

CREATE INDEX event_rows_incident ON event_rows (incident_id, date_key, type_key, source_key) WHERE incident_id IS NOT NULL;

-- The triggers of 0013 insert `SELECT *` of this view: it gains the column in the same place.
DROP VIEW event_rows_source_view;
CREATE VIEW event_rows_source_view AS
  SELECT n.id AS id, n.rowid AS rid, n.article_id AS article_id,
         coalesce('1' || json_extract(n.attrs, '$.date'), '0') AS date_key,
         coalesce('1' || json_extract(n.attrs, '$.type'), '0') AS type_key,
         coalesce('1' || json_extract(n.attrs, '$.location'), '0') AS location_key,
         coalesce('1' || a.source, '0') AS source_key,
         coalesce('1' || a.title, '0') AS title_key,
         (SELECT m.incident_id FROM incident_events m WHERE m.event_id = n.id) AS incident_id
  FROM annotations n JOIN articles a ON a.id = n.article_id
  WHERE n.label = 'event' AND n.status = 'ok' AND n.conflict_of IS NULL;

-- A membership outlives its event's deletion (undo brings both back): a row is only touched when
-- its event is in the table.
CREATE TRIGGER event_rows_incident_ai AFTER INSERT ON incident_events BEGIN
  UPDATE event_rows SET incident_id = new.incident_id WHERE id = new.event_id;
END;

CREATE TRIGGER event_rows_incident_au AFTER UPDATE ON incident_events BEGIN
  UPDATE event_rows SET incident_id = NULL WHERE id = old.event_id;
  UPDATE event_rows SET incident_id = new.incident_id WHERE id = new.event_id;
END;

CREATE TRIGGER event_rows_incident_ad AFTER DELETE ON incident_events BEGIN
  UPDATE event_rows SET incident_id = NULL WHERE id = old.event_id;
END;
