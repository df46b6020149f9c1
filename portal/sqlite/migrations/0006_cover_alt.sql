-- The cover image's text alternative (alt), shown with the image on the
-- public article page; part of each revision like the cover itself.
ALTER TABLE items ADD COLUMN cover_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE revisions ADD COLUMN cover_alt TEXT NOT NULL DEFAULT '';
