-- A business load no longer brings enterprise_search up to date inside its
-- own transaction (it cost more than the rest of a million-row load): it
-- records itself here, in that transaction, and the next opening of the
-- warehouse for writing (dpi serve, dpi sql, the next load) applies what is
-- pending: one load incrementally, several by rebuilding the table from the
-- enterprises view. prev_id is the load it replaced (0: none).
CREATE TABLE enterprise_search_pending (
    load_id BIGINT PRIMARY KEY,
    prev_id BIGINT NOT NULL
);
