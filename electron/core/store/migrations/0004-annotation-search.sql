-- Full-text search inside annotations: their quotes and notes, with the same tokenizer as the
-- article index so a query means the same thing in both places.
CREATE VIRTUAL TABLE annotations_fts USING fts5 (
  quote,
  note,
  content = 'annotations',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO annotations_fts (annotations_fts, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER annotations_fts_ai AFTER INSERT ON annotations BEGIN
  INSERT INTO annotations_fts (rowid, quote, note) VALUES (new.rowid, new.quote, new.note);
END;
CREATE TRIGGER annotations_fts_ad AFTER DELETE ON annotations BEGIN
  INSERT INTO annotations_fts (annotations_fts, rowid, quote, note) VALUES ('delete', old.rowid, old.quote, old.note);
END;
CREATE TRIGGER annotations_fts_au AFTER UPDATE OF quote, note ON annotations BEGIN
  INSERT INTO annotations_fts (annotations_fts, rowid, quote, note) VALUES ('delete', old.rowid, old.quote, old.note);
  INSERT INTO annotations_fts (rowid, quote, note) VALUES (new.rowid, new.quote, new.note);
END;

INSERT INTO annotations_fts (annotations_fts) VALUES ('rebuild');
