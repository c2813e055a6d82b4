-- Where each article came from (DESIGN.md "Provenance"): the imported file's bytes, compressed,
-- kept once per distinct content however many articles it gave, and per article the file's name,
-- the importer that read it, who imported it and when.
CREATE TABLE source_files (
  sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  -- Bytes of the original file.
  size        INTEGER NOT NULL CHECK (size >= 0),
  -- 'br' (brotli) with the bytes; NULL for a file too large to keep (a streamed JSONL dataset),
  -- of which only the hash is known.
  compression TEXT CHECK (compression IN ('br')),
  content     BLOB,
  CHECK ((content IS NULL) = (compression IS NULL))
);

CREATE TABLE article_provenance (
  article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  sha256      TEXT NOT NULL REFERENCES source_files (sha256),
  file_name   TEXT NOT NULL,
  -- The reader the file went through: txt, md, html, json, jsonl, brat, pasted text, ...
  importer    TEXT NOT NULL,
  imported_by TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL,
  -- Where in the file the article was ('line 4'), for files of many articles.
  origin      TEXT
);
CREATE INDEX article_provenance_sha256 ON article_provenance (sha256);

-- The bytes go with the last article that came from them: nothing of a deleted source stays.
CREATE TRIGGER source_files_unused AFTER DELETE ON article_provenance
WHEN NOT EXISTS (SELECT 1 FROM article_provenance WHERE sha256 = OLD.sha256)
BEGIN
  DELETE FROM source_files WHERE sha256 = OLD.sha256;
END;
