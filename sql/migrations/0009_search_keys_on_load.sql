-- The search keys of enterprise_search (0007) stored with each row as it
-- loads: folded in Go on the load's scan goroutine (warehouse/
-- business_fold.go), equal to fold_vi by construction and by test, so that
-- the refresh of enterprise_search at the end of a load folds no name in
-- SQL. NULL where the load did not fold the row (the rows of the loads
-- before this migration, and the rare names with characters outside
-- Vietnamese and ASCII letters): the refresh folds those with fold_vi.
-- Not public: no view selects them.
--   sort_key:   fold_vi(name)
--   search_key: ' ' || concat_ws(' ', fold_vi(name), fold_vi(short_name), fold_vi(foreign_name))
ALTER TABLE business_rows ADD COLUMN sort_key VARCHAR;
ALTER TABLE business_rows ADD COLUMN search_key VARCHAR;

-- enterprise_search again, each text column with the compression DuckDB
-- picks for it anyway (as 0006 did for business_rows): the loads now update
-- the table in place and insert the enterprises they list first, and a
-- stated compression spares DuckDB trying every method on every column of
-- every row group it writes (a million-row first load writes a million
-- rows here too). Same columns, same order; the rows are copied.
CREATE TABLE enterprise_search_compressed (
    tax_code              VARCHAR USING COMPRESSION fsst,
    name                  VARCHAR USING COMPRESSION fsst,
    legal_form            VARCHAR USING COMPRESSION dictionary,
    vsic_code             VARCHAR USING COMPRESSION dictionary,
    vsic_section          VARCHAR USING COMPRESSION dictionary,
    charter_capital_vnd   BIGINT,
    registered_on         DATE,
    status                VARCHAR USING COMPRESSION dictionary,
    province_code_pre2025 VARCHAR USING COMPRESSION dictionary,
    district_code         VARCHAR USING COMPRESSION dictionary,
    province_code_2025    VARCHAR USING COMPRESSION dictionary,
    commune_code          VARCHAR USING COMPRESSION dictionary,
    first_quarter         VARCHAR USING COMPRESSION dictionary,
    last_quarter          VARCHAR USING COMPRESSION dictionary,
    changed_on            DATE,
    commune_code_pre2025  VARCHAR USING COMPRESSION fsst,
    foreign_name          VARCHAR USING COMPRESSION fsst,
    short_name            VARCHAR USING COMPRESSION fsst,
    address               VARCHAR USING COMPRESSION fsst,
    is_sample             BOOLEAN,
    load_id               BIGINT,
    search_key            VARCHAR USING COMPRESSION fsst,
    sort_key              VARCHAR USING COMPRESSION fsst
);

INSERT INTO enterprise_search_compressed SELECT * FROM enterprise_search;
DROP TABLE enterprise_search;
ALTER TABLE enterprise_search_compressed RENAME TO enterprise_search;
