-- Sample content written by `dpi demo` (SAMPLE data for evaluating the
-- product): a persistent flag on every row it creates, set once at creation
-- and never cleared by an edit, so public pages, feeds and admin pages show
-- a "Mẫu / Sample" badge, the demo knows a store holding only sample content
-- from one holding the department's own, and backups keep it (it is a
-- column like any other). Sample accounts have no password and cannot sign
-- in; they are not counted as the store's first (bootstrap) account.
ALTER TABLE accounts ADD COLUMN is_sample INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN is_sample INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN is_sample INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feedback ADD COLUMN is_sample INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff_units ADD COLUMN is_sample INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN is_sample INTEGER NOT NULL DEFAULT 0;
