-- The quarterly figures with the 2025 commune in the group, for the
-- business dashboard's breakdown by commune (and for analysts). The same
-- rules as business_quarterly (0005, sql/README.md); summing over
-- commune_code_2025 gives business_quarterly's rows. business_quarterly
-- itself is left as it is: adding a key to its group would change what one
-- of its rows means.

CREATE VIEW business_quarterly_communes AS
WITH q AS (
    SELECT quarter,
           bool_or(kind = 'snapshot') AS has_snapshot,
           bool_or(is_sample) AS is_sample,
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
    SELECT quarter, province_code_pre2025, district_code, province_code_2025, commune_code AS commune_code_2025,
           vsic_section, legal_form, event, charter_capital_vnd
    FROM business_events
    WHERE event IN ('registered', 'dissolved', 'suspended', 'resumed')
    UNION ALL
    SELECT quarter, province_code_pre2025, district_code, province_code_2025, commune_code_2025,
           vsic_section, legal_form, 'active', NULL
    FROM business_current_rows
    WHERE kind = 'snapshot' AND status = 'active'
), agg AS (
    SELECT quarter, province_code_pre2025, district_code, province_code_2025, commune_code_2025,
           vsic_section, legal_form,
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
SELECT a.quarter, a.province_code_pre2025, a.district_code, a.province_code_2025, a.commune_code_2025,
       a.vsic_section, a.legal_form,
       a.new_count, a.new_capital_vnd::BIGINT AS new_capital_vnd,
       CASE WHEN qq.changes_known THEN a.dissolved_count END AS dissolved_count,
       CASE WHEN qq.changes_known THEN a.suspended_count END AS suspended_count,
       CASE WHEN qq.changes_known THEN a.resumed_count END AS resumed_count,
       CASE WHEN qq.has_snapshot THEN a.active_count END AS active_count,
       qq.is_sample
FROM agg a JOIN qq USING (quarter);
