-- What the extraction took out of each article as page furniture (DESIGN.md "Provenance"): teaser
-- lines, notices, share bars, embedded posts' media links, page blocks marked as ads or teasers,
-- and a plain text's headline taken out of the body into the title.
-- Listed in the article's details and put back into the text on request, as a correction.
CREATE TABLE article_removed_parts (
  article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  -- Order of the part in the article as imported.
  seq         INTEGER NOT NULL CHECK (seq >= 0),
  kind        TEXT NOT NULL CHECK (kind IN ('teaser', 'notice', 'credit', 'share', 'media_link', 'page_block', 'embed', 'headline')),
  text        TEXT NOT NULL,
  -- UTF-16 offset into the text as imported (articles.original_text when it was corrected since,
  -- else articles.text), where `text_before || text || text_after` goes back in.
  at          INTEGER NOT NULL CHECK (at >= 0),
  text_before TEXT NOT NULL DEFAULT '',
  text_after  TEXT NOT NULL DEFAULT '',
  -- 0 when where it stood is not known (taken out before the article was found in its page).
  located     INTEGER NOT NULL DEFAULT 1 CHECK (located IN (0, 1)),
  PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
