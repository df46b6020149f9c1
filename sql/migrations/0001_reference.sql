-- Reference tables written by us (rows come from sql/ref/*.csv, refreshed by
-- the migrator whenever those files change). Province identity is the GSO
-- code *within a generation*: codes were reused on 1 July 2025.
CREATE TABLE ref_provinces (
    generation  VARCHAR NOT NULL CHECK (generation IN ('pre2025', '2025')),
    code        VARCHAR NOT NULL CHECK (length(code) = 2),
    name_vi     VARCHAR NOT NULL,
    name_ascii  VARCHAR NOT NULL,
    unit_type   VARCHAR NOT NULL,
    region6_vi  VARCHAR,
    region6_en  VARCHAR,
    region8_vi  VARCHAR,
    region8_en  VARCHAR,
    pci_id      INTEGER,
    valid_from  DATE,
    valid_to    DATE,
    PRIMARY KEY (generation, code)
);

CREATE TABLE ref_province_crosswalk (
    old_code        VARCHAR NOT NULL,
    generation_from VARCHAR NOT NULL,
    new_code        VARCHAR NOT NULL,
    generation_to   VARCHAR NOT NULL,
    merge_type      VARCHAR NOT NULL,
    valid_from      DATE NOT NULL,
    PRIMARY KEY (generation_from, old_code, generation_to, new_code)
);

CREATE TABLE ref_pci_subindices (
    period         VARCHAR NOT NULL,
    year_from      INTEGER NOT NULL,
    year_to        INTEGER,
    key            VARCHAR NOT NULL,
    name_vi        VARCHAR NOT NULL,
    name_en        VARCHAR NOT NULL,
    weight_percent DOUBLE NOT NULL,
    weight_exact   BOOLEAN NOT NULL,
    PRIMARY KEY (period, key)
);

-- Which version of the sql/ref files the reference tables hold.
CREATE TABLE ref_version (
    file   VARCHAR PRIMARY KEY,
    sha256 VARCHAR NOT NULL
);
