-- Prefix indexes of four and five characters as well. A prefix longer than the longest prefix
-- index ("ment*") makes FTS5 merge the lists of every term it starts into one list before it can
-- return a single row, so even a count or a first page of twenty read all of them: at 100,000
-- articles 95 ms for the count of "ment*" alone, against 0.5 ms for a prefix with its own index.
-- With an index a prefix query reads one list, and a first page or a capped count stops early.
-- The index grows by about a fifth; rebuilding it takes a while once, on a large library.
DROP TABLE articles_fts;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text,
  content = 'articles_fts_source', content_rowid = 'rid',
  tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
  prefix = '2 3 4 5'
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
