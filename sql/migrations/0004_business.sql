-- Business registrations: the province's enterprise register, loaded quarter
-- by quarter, and the reference tables its codes point into.

-- Reference tables filled from sql/ref/<name>.csv by the generic sync
-- (warehouse/reference.go): the CSV header must name exactly these columns.
CREATE TABLE ref_business_legal_forms (
    key               VARCHAR PRIMARY KEY,
    name_vi           VARCHAR NOT NULL,
    name_en           VARCHAR,
    is_dependent_unit BOOLEAN NOT NULL,  -- branch / representative office / business location
    aliases           VARCHAR            -- spellings seen in files, '|'-separated
);

CREATE TABLE ref_business_statuses (
    key          VARCHAR PRIMARY KEY,    -- 'active', 'suspended', 'dissolved', ...
    name_vi      VARCHAR NOT NULL,
    name_en      VARCHAR,
    is_operating BOOLEAN NOT NULL,
    aliases      VARCHAR
);

CREATE TABLE ref_vsic_sections (
    section       VARCHAR PRIMARY KEY,   -- A..U
    name_vi       VARCHAR NOT NULL,
    name_en       VARCHAR,
    division_from VARCHAR NOT NULL,      -- 2-digit division codes, as text
    division_to   VARCHAR NOT NULL
);

CREATE TABLE ref_vsic_codes (
    code    VARCHAR NOT NULL,            -- as text: leading zeros matter (01110)
    level   INTEGER NOT NULL,
    name_vi VARCHAR NOT NULL,
    section VARCHAR NOT NULL,
    PRIMARY KEY (level, code)
);

CREATE TABLE ref_admin_districts_pre2025 (
    province_code VARCHAR NOT NULL,
    district_code VARCHAR PRIMARY KEY,
    name_vi       VARCHAR NOT NULL,
    unit_type     VARCHAR NOT NULL,
    name_ascii    VARCHAR NOT NULL
);

CREATE TABLE ref_admin_communes_pre2025 (
    province_code VARCHAR NOT NULL,
    district_code VARCHAR NOT NULL,
    commune_code  VARCHAR PRIMARY KEY,
    name_vi       VARCHAR NOT NULL,
    unit_type     VARCHAR NOT NULL,
    name_ascii    VARCHAR NOT NULL
);

CREATE TABLE ref_admin_communes_2025 (
    province_code VARCHAR NOT NULL,
    commune_code  VARCHAR PRIMARY KEY,
    name_vi       VARCHAR NOT NULL,
    unit_type     VARCHAR NOT NULL,
    name_ascii    VARCHAR NOT NULL
);

CREATE TABLE ref_admin_commune_crosswalk_2025 (
    old_commune_code VARCHAR NOT NULL,
    new_commune_code VARCHAR NOT NULL,
    merge_type       VARCHAR NOT NULL,
    PRIMARY KEY (old_commune_code, new_commune_code)
);

-- One load = one file for one (quarter, kind). A corrected file for the same
-- (quarter, kind) adds a load and marks the previous one superseded; the
-- replaced rows stay in business_rows as history.
CREATE SEQUENCE business_load_seq;
CREATE TABLE business_loads (
    load_id       BIGINT PRIMARY KEY DEFAULT nextval('business_load_seq'),
    ingest_id     BIGINT NOT NULL,
    quarter       VARCHAR NOT NULL CHECK (regexp_full_match(quarter, '[0-9]{4}Q[1-4]')),
    kind          VARCHAR NOT NULL CHECK (kind IN ('snapshot', 'new')),
    quarter_start DATE NOT NULL,
    quarter_end   DATE NOT NULL,
    file_name     VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    loaded_at     TIMESTAMPTZ NOT NULL,
    loaded_by     VARCHAR NOT NULL,
    is_sample     BOOLEAN NOT NULL DEFAULT false,
    rows          INTEGER NOT NULL,     -- enterprise rows stored
    rows_read     INTEGER NOT NULL,     -- data rows seen in the file
    rows_skipped  INTEGER NOT NULL,     -- blank, total and title rows
    warning_count INTEGER NOT NULL,     -- all warnings; business_load_problems keeps the first 1000
    notes         VARCHAR,
    superseded_at TIMESTAMPTZ,
    superseded_by BIGINT
);

-- The rows of every load, current and replaced. No key or index: the
-- appender writes a million rows a quarter, and the parser guarantees one row
-- per tax_code per load. Empty cells are NULL. representative, phone and
-- email are personal data: no public view selects them.
CREATE TABLE business_rows (
    load_id               BIGINT NOT NULL,
    row_no                INTEGER NOT NULL,  -- 1-based row in the sheet
    tax_code              VARCHAR NOT NULL,
    name                  VARCHAR,
    foreign_name          VARCHAR,
    short_name            VARCHAR,
    legal_form            VARCHAR,
    registered_on         DATE,
    changed_on            DATE,
    address               VARCHAR,
    commune_text          VARCHAR,
    district_text         VARCHAR,
    province_text         VARCHAR,
    province_code_pre2025 VARCHAR,
    district_code         VARCHAR,
    commune_code_pre2025  VARCHAR,
    province_code_2025    VARCHAR,
    commune_code_2025     VARCHAR,
    charter_capital_vnd   BIGINT,
    vsic_code             VARCHAR,
    vsic_section          VARCHAR,
    status                VARCHAR,
    representative        VARCHAR,
    phone                 VARCHAR,
    email                 VARCHAR
);

-- Warnings found in a load's file (rows that loaded but deserve a look).
-- Values may quote any cell of the file: not a public table.
CREATE TABLE business_load_problems (
    load_id  BIGINT NOT NULL,
    severity VARCHAR NOT NULL,
    code     VARCHAR NOT NULL,
    sheet    VARCHAR,
    row_no   INTEGER,   -- 1-based, NULL when not about one row
    col      VARCHAR,   -- spreadsheet letter, NULL when not about one column
    value    VARCHAR,
    reason   VARCHAR NOT NULL
);
