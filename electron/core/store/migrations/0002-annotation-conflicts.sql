-- A bundle merge never overwrites an annotation edited on both machines: the incoming version is
-- stored beside the local one and points at it here, so an analyst can compare and pick. When the
-- local annotation is deleted (the conflict resolved in favour of the copy), the copy becomes an
-- ordinary annotation.
ALTER TABLE annotations ADD COLUMN conflict_of TEXT REFERENCES annotations (id) ON DELETE SET NULL;

-- Partial: almost every annotation has no conflict, and the foreign key's delete check and the
-- merge's "already imported this copy?" lookup both search by this column.
CREATE INDEX annotations_conflict ON annotations (conflict_of) WHERE conflict_of IS NOT NULL;
