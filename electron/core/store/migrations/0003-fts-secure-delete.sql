-- Deleting an article must remove its words from the file (analysts delete sensitive sources).
-- By default FTS5 records a deletion as a tombstone and keeps the words in older index segments
-- until a merge happens to rewrite them; with secure-delete it removes them from the index at
-- once, and the page-level secure_delete pragma (db.ts) then zeroes the freed bytes.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('secure-delete', 1);

-- Words of articles deleted before this migration still sit in old segments: one full merge
-- rewrites the index without them.
INSERT INTO articles_fts (articles_fts) VALUES ('optimize');
