-- Where a background rebuild of the article search index stands. Migration 0015 rebuilt the
-- index inside the migration: 14 s at 10,000 articles, 13 minutes at 100,000, and the library
-- could not be opened until it was done. A library upgraded from before 0015 together with this
-- migration skips 0015's rebuild (store/search-rebuild.ts): the new index is made empty beside
-- the old one, which keeps answering searches, and is filled a slice at a time in the
-- background, each slice its own transaction. `done`: every article up to this rowid is in the
-- new index (articles_fts_next), so the rebuild resumes there after a quit or a crash. At most
-- one row; none when no rebuild is pending (every new library, and every one indexed already).
CREATE TABLE search_index_rebuild (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  done INTEGER NOT NULL,
  started_at TEXT NOT NULL
);
