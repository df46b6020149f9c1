-- Public views of the business register: the contract for analysts, with the
-- PCI views of 0003. Documented in sql/README.md. Columns are only ever added.
-- No view selects representative, phone or email (personal data).

-- Reference ------------------------------------------------------------------

CREATE VIEW legal_forms AS
SELECT key AS legal_form, name_vi, name_en, is_dependent_unit, aliases
FROM ref_business_legal_forms;

CREATE VIEW business_statuses AS
SELECT key AS status, name_vi, name_en, is_operating, aliases
FROM ref_business_statuses;

CREATE VIEW vsic_sections AS
SELECT section, name_vi, name_en, division_from, division_to
FROM ref_vsic_sections;

CREATE VIEW vsic_codes AS
SELECT code, level, name_vi, section
FROM ref_vsic_codes;

-- Districts and communes before 1 July 2025 (level 'district' or 'commune').
CREATE VIEW admin_units_pre2025 AS
SELECT 'district' AS level, province_code, district_code, NULL::VARCHAR AS commune_code,
       name_vi, unit_type, name_ascii
FROM ref_admin_districts_pre2025
UNION ALL
SELECT 'commune', province_code, district_code, commune_code, name_vi, unit_type, name_ascii
FROM ref_admin_communes_pre2025;

CREATE VIEW admin_communes_2025 AS
SELECT province_code, commune_code, name_vi, unit_type, name_ascii
FROM ref_admin_communes_2025;

CREATE VIEW commune_crosswalk_2025 AS
SELECT x.old_commune_code, o.name_vi AS old_name, o.district_code AS old_district_code,
       o.province_code AS old_province_code,
       x.new_commune_code, n.name_vi AS new_name, n.province_code AS new_province_code,
       x.merge_type
FROM ref_admin_commune_crosswalk_2025 x
LEFT JOIN ref_admin_communes_pre2025 o ON o.commune_code = x.old_commune_code
LEFT JOIN ref_admin_communes_2025 n ON n.commune_code = x.new_commune_code;

-- Helpers (not part of the contract; their columns may change) ---------------

-- Every row of every current load, both kinds, public columns only.
CREATE VIEW business_current_rows AS
SELECT l.quarter, l.kind, l.quarter_start, l.quarter_end, l.is_sample, l.load_id,
       r.tax_code, r.name, r.foreign_name, r.short_name, r.legal_form, r.vsic_code, r.vsic_section,
       r.charter_capital_vnd, r.registered_on, r.changed_on, r.status, r.address,
       r.province_code_pre2025, r.district_code, r.commune_code_pre2025,
       r.province_code_2025, r.commune_code_2025
FROM business_loads l JOIN business_rows r ON r.load_id = l.load_id
WHERE l.superseded_at IS NULL;

-- One row per enterprise ever listed by a current load: its first and last
-- quarter, the load of its latest row (latest quarter; the snapshot before
-- the new list of the same quarter) and of its earliest row (earliest
-- quarter; the snapshot first likewise). Aggregating load ids and joining
-- back is far cheaper than carrying whole rows through the aggregate.
CREATE VIEW business_enterprise_loads AS
SELECT tax_code, min(quarter) AS first_quarter, max(quarter) AS last_quarter,
       arg_max(load_id, quarter || CASE kind WHEN 'snapshot' THEN '1' ELSE '0' END) AS latest_load,
       arg_min(load_id, quarter || CASE kind WHEN 'snapshot' THEN '0' ELSE '1' END) AS earliest_load
FROM business_current_rows
GROUP BY tax_code;

-- Each current snapshot beside the previous current snapshot (by quarter):
-- one row per enterprise listed by either. listed / listed_before say which.
CREATE VIEW business_snapshot_pairs AS
WITH sq AS (
    SELECT load_id, quarter, quarter_start, quarter_end, is_sample,
           lag(load_id) OVER (ORDER BY quarter) AS prev_load,
           lag(quarter) OVER (ORDER BY quarter) AS prev_quarter
    FROM business_loads
    WHERE kind = 'snapshot' AND superseded_at IS NULL
), c AS (
    SELECT sq.load_id, sq.quarter, sq.quarter_start, sq.quarter_end, sq.is_sample, sq.prev_quarter,
           r.tax_code, r.status, r.charter_capital_vnd, r.registered_on, r.changed_on,
           r.commune_code_2025, r.commune_code_pre2025, r.name, r.vsic_code, r.legal_form,
           r.province_code_pre2025, r.district_code, r.province_code_2025, r.vsic_section
    FROM sq JOIN business_rows r ON r.load_id = sq.load_id
), p AS (
    SELECT sq.load_id AS next_load, sq.quarter AS next_quarter, sq.is_sample AS next_is_sample,
           sq.prev_quarter AS quarter,
           r.tax_code, r.status, r.charter_capital_vnd, r.commune_code_2025, r.commune_code_pre2025,
           r.name, r.vsic_code, r.legal_form,
           r.province_code_pre2025, r.district_code, r.province_code_2025, r.vsic_section
    FROM sq JOIN business_rows r ON r.load_id = sq.prev_load
)
SELECT coalesce(c.quarter, p.next_quarter) AS quarter,
       coalesce(c.prev_quarter, p.quarter) AS prev_quarter,
       coalesce(c.tax_code, p.tax_code) AS tax_code,
       c.tax_code IS NOT NULL AS listed,
       p.tax_code IS NOT NULL AS listed_before,
       coalesce(c.is_sample, p.next_is_sample) AS is_sample,
       c.quarter_start, c.quarter_end,
       c.status, c.charter_capital_vnd, c.registered_on, c.changed_on,
       c.commune_code_2025, c.commune_code_pre2025, c.name, c.vsic_code, c.legal_form,
       p.status AS prev_status, p.charter_capital_vnd AS prev_capital,
       p.commune_code_2025 AS prev_commune_2025, p.commune_code_pre2025 AS prev_commune_pre2025,
       p.name AS prev_name, p.vsic_code AS prev_vsic_code, p.legal_form AS prev_legal_form,
       -- where the enterprise is: this quarter's row, or the previous one if it left
       CASE WHEN c.tax_code IS NOT NULL THEN c.province_code_pre2025 ELSE p.province_code_pre2025 END AS g_province_code_pre2025,
       CASE WHEN c.tax_code IS NOT NULL THEN c.district_code ELSE p.district_code END AS g_district_code,
       CASE WHEN c.tax_code IS NOT NULL THEN c.province_code_2025 ELSE p.province_code_2025 END AS g_province_code_2025,
       CASE WHEN c.tax_code IS NOT NULL THEN c.commune_code_2025 ELSE p.commune_code_2025 END AS g_commune_code,
       CASE WHEN c.tax_code IS NOT NULL THEN c.vsic_section ELSE p.vsic_section END AS g_vsic_section,
       CASE WHEN c.tax_code IS NOT NULL THEN c.legal_form ELSE p.legal_form END AS g_legal_form,
       CASE WHEN c.tax_code IS NOT NULL THEN c.charter_capital_vnd ELSE p.charter_capital_vnd END AS g_capital
FROM c FULL JOIN p ON p.next_load = c.load_id AND p.tax_code = c.tax_code;

-- The register ----------------------------------------------------------------

-- One row per enterprise per quarterly snapshot: the current snapshot load of
-- each quarter.
CREATE VIEW enterprise_snapshots AS
SELECT quarter, tax_code, name, legal_form, vsic_code, vsic_section, charter_capital_vnd,
       registered_on, changed_on, status, province_code_pre2025, district_code, commune_code_pre2025,
       province_code_2025, commune_code_2025, is_sample, load_id, foreign_name, short_name, address
FROM business_current_rows
WHERE kind = 'snapshot';

-- The quarters' lists of new registrations, as loaded.
CREATE VIEW enterprise_new_registrations AS
SELECT quarter, tax_code, name, legal_form, vsic_code, vsic_section, charter_capital_vnd,
       registered_on, changed_on, status, province_code_pre2025, district_code, commune_code_pre2025,
       province_code_2025, commune_code_2025, is_sample, load_id, foreign_name, short_name, address
FROM business_current_rows
WHERE kind = 'new';

-- Every row of every load ever, both kinds, including the loads a corrected
-- file replaced.
CREATE VIEW enterprise_snapshots_history AS
SELECT l.quarter, l.kind, r.tax_code, r.name, r.legal_form, r.vsic_code, r.vsic_section,
       r.charter_capital_vnd, r.registered_on, r.changed_on, r.status,
       r.province_code_pre2025, r.district_code, r.commune_code_pre2025,
       r.province_code_2025, r.commune_code_2025, l.is_sample,
       l.load_id, l.file_name, l.sha256, l.loaded_at, l.superseded_at, l.superseded_by,
       l.superseded_at IS NULL AS is_current
FROM business_loads l JOIN business_rows r ON r.load_id = l.load_id;

-- One row per enterprise ever listed by a current load (dissolved ones
-- included), in its latest state. commune_code is the 2025 commune.
CREATE VIEW enterprises AS
SELECT e.tax_code, r.name, r.legal_form, r.vsic_code, r.vsic_section, r.charter_capital_vnd,
       r.registered_on, r.status, r.province_code_pre2025, r.district_code,
       r.province_code_2025, r.commune_code_2025 AS commune_code,
       e.first_quarter, e.last_quarter,
       r.changed_on, r.commune_code_pre2025, r.foreign_name, r.short_name, r.address,
       l.is_sample, e.latest_load AS load_id
FROM business_enterprise_loads e
JOIN business_rows r ON r.load_id = e.latest_load AND r.tax_code = e.tax_code
JOIN business_loads l ON l.load_id = e.latest_load;

-- Events -----------------------------------------------------------------------

-- Derived from the current loads on every query, so a corrected file
-- re-derives them. The rules are in sql/README.md.
CREATE VIEW business_events AS
WITH registered AS (
    SELECT e.tax_code, n.registered_on, l.is_sample,
           f.province_code_pre2025, f.district_code, f.province_code_2025, f.commune_code_2025,
           f.vsic_section, f.legal_form, f.charter_capital_vnd
    FROM business_enterprise_loads e
    JOIN business_rows n ON n.load_id = e.latest_load AND n.tax_code = e.tax_code
    JOIN business_rows f ON f.load_id = e.earliest_load AND f.tax_code = e.tax_code
    JOIN business_loads l ON l.load_id = e.latest_load
    WHERE n.registered_on IS NOT NULL
), x AS (
    SELECT *,
           CASE WHEN changed_on BETWEEN quarter_start AND quarter_end THEN changed_on END AS dated,
           -- not in the previous snapshot, but it entered its state in this
           -- quarter: registered in it, or its change date falls in it
           NOT listed_before AND (registered_on >= quarter_start
                                  OR changed_on BETWEEN quarter_start AND quarter_end) AS new_here,
           -- compare 2025 communes when both rows have one, else pre-2025 communes
           commune_code_2025 IS NOT NULL AND prev_commune_2025 IS NOT NULL AS by_2025
    FROM business_snapshot_pairs
), changes AS (
    SELECT quarter, tax_code, 'dissolved' AS event, dated AS event_date, prev_quarter,
           prev_status AS value_before, status AS value_after, x
    FROM x WHERE status = 'dissolved' AND (listed_before AND prev_status IS DISTINCT FROM 'dissolved' OR new_here)
    UNION ALL
    SELECT quarter, tax_code, 'suspended', dated, prev_quarter, prev_status, status, x
    FROM x WHERE status = 'suspended' AND (listed_before AND prev_status IS DISTINCT FROM 'suspended' OR new_here)
    UNION ALL
    SELECT quarter, tax_code, 'resumed', dated, prev_quarter, prev_status, status, x
    FROM x WHERE prev_status = 'suspended' AND status = 'active'
    UNION ALL
    -- any other change of status (to revoked, dissolving, not_at_address, ...)
    SELECT quarter, tax_code, 'status_changed', dated, prev_quarter, prev_status, status, x
    FROM x WHERE prev_status <> status AND status NOT IN ('dissolved', 'suspended')
                 AND NOT (prev_status = 'suspended' AND status = 'active')
    UNION ALL
    SELECT quarter, tax_code, 'capital_changed', dated, prev_quarter,
           prev_capital::VARCHAR, charter_capital_vnd::VARCHAR, x
    FROM x WHERE prev_capital <> charter_capital_vnd
    UNION ALL
    SELECT quarter, tax_code, 'moved', dated, prev_quarter,
           CASE WHEN by_2025 THEN prev_commune_2025 ELSE prev_commune_pre2025 END,
           CASE WHEN by_2025 THEN commune_code_2025 ELSE commune_code_pre2025 END, x
    FROM x WHERE CASE WHEN by_2025 THEN prev_commune_2025 <> commune_code_2025
                      ELSE prev_commune_pre2025 <> commune_code_pre2025 END
    UNION ALL
    SELECT quarter, tax_code, 'renamed', dated, prev_quarter, prev_name, name, x
    FROM x WHERE prev_name <> name
    UNION ALL
    SELECT quarter, tax_code, 'industry_changed', dated, prev_quarter, prev_vsic_code, vsic_code, x
    FROM x WHERE prev_vsic_code <> vsic_code
    UNION ALL
    SELECT quarter, tax_code, 'legal_form_changed', dated, prev_quarter, prev_legal_form, legal_form, x
    FROM x WHERE prev_legal_form <> legal_form
    UNION ALL
    -- listed by the previous snapshot, not by this one: it left the
    -- province's register (moved to another province, or was removed)
    SELECT quarter, tax_code, 'left_register', NULL, prev_quarter, prev_status, NULL, x
    FROM x WHERE NOT listed
)
SELECT strftime(registered_on, '%Y') || 'Q' || quarter(registered_on) AS quarter,
       tax_code, 'registered' AS event, registered_on AS event_date,
       NULL::VARCHAR AS previous_quarter, NULL::VARCHAR AS value_before, NULL::VARCHAR AS value_after,
       province_code_pre2025, district_code, province_code_2025, commune_code_2025 AS commune_code,
       vsic_section, legal_form, charter_capital_vnd, is_sample
FROM registered
UNION ALL
SELECT quarter, tax_code, event, event_date, prev_quarter, value_before, value_after,
       x.g_province_code_pre2025, x.g_district_code, x.g_province_code_2025, x.g_commune_code,
       x.g_vsic_section, x.g_legal_form, x.g_capital, x.is_sample
FROM changes;

-- Quarterly figures ------------------------------------------------------------

-- Per quarter with a current load, per group (the enterprise's location,
-- section and legal form in that quarter). NULL = not observable that
-- quarter: active_count needs the quarter's snapshot; dissolved, suspended
-- and resumed need it and the previous calendar quarter's snapshot.
CREATE VIEW business_quarterly AS
WITH q AS (
    SELECT quarter,
           bool_or(kind = 'snapshot') AS has_snapshot,
           bool_or(is_sample) AS is_sample,
           -- the calendar quarter before
           CASE WHEN right(quarter, 1) = '1' THEN (left(quarter, 4)::INTEGER - 1)::VARCHAR || 'Q4'
                ELSE left(quarter, 5) || (right(quarter, 1)::INTEGER - 1)::VARCHAR END AS prev_quarter
    FROM business_loads
    WHERE superseded_at IS NULL
    GROUP BY quarter
), qq AS (
    SELECT q.quarter, q.has_snapshot, q.is_sample,
           q.has_snapshot AND coalesce(p.has_snapshot, false) AS changes_known
    FROM q LEFT JOIN q p ON p.quarter = q.prev_quarter
), contrib AS (
    SELECT quarter, province_code_pre2025, district_code, province_code_2025, vsic_section, legal_form,
           event, charter_capital_vnd
    FROM business_events
    WHERE event IN ('registered', 'dissolved', 'suspended', 'resumed')
    UNION ALL
    SELECT quarter, province_code_pre2025, district_code, province_code_2025, vsic_section, legal_form,
           'active', NULL
    FROM business_current_rows
    WHERE kind = 'snapshot' AND status = 'active'
), agg AS (
    SELECT quarter, province_code_pre2025, district_code, province_code_2025, vsic_section, legal_form,
           count(*) FILTER (WHERE event = 'registered') AS new_count,
           coalesce(sum(charter_capital_vnd) FILTER (WHERE event = 'registered'), 0) AS new_capital_vnd,
           count(*) FILTER (WHERE event = 'dissolved') AS dissolved_count,
           count(*) FILTER (WHERE event = 'suspended') AS suspended_count,
           count(*) FILTER (WHERE event = 'resumed') AS resumed_count,
           count(*) FILTER (WHERE event = 'active') AS active_count
    FROM contrib
    WHERE quarter IN (SELECT quarter FROM q)
    GROUP BY ALL
)
SELECT a.quarter, a.province_code_pre2025, a.district_code, a.province_code_2025, a.vsic_section, a.legal_form,
       a.new_count, a.new_capital_vnd::BIGINT AS new_capital_vnd,
       CASE WHEN qq.changes_known THEN a.dissolved_count END AS dissolved_count,
       CASE WHEN qq.changes_known THEN a.suspended_count END AS suspended_count,
       CASE WHEN qq.changes_known THEN a.resumed_count END AS resumed_count,
       CASE WHEN qq.has_snapshot THEN a.active_count END AS active_count,
       qq.is_sample
FROM agg a JOIN qq USING (quarter);
