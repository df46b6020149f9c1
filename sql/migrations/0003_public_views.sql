-- Public views: the contract for analysts who open the warehouse file in
-- DuckDB's CLI, Python or R. Documented in sql/README.md and README.md.
-- Columns are only ever added to these views, never renamed or dropped.

CREATE VIEW provinces AS
SELECT generation, code, name_vi, name_ascii, unit_type,
       region6_vi, region6_en, region8_vi, region8_en, pci_id, valid_from, valid_to
FROM ref_provinces;

CREATE VIEW province_crosswalk AS
SELECT generation_from, old_code, o.name_vi AS old_name,
       generation_to, new_code, n.name_vi AS new_name, merge_type, x.valid_from
FROM ref_province_crosswalk x
LEFT JOIN ref_provinces o ON o.generation = x.generation_from AND o.code = x.old_code
LEFT JOIN ref_provinces n ON n.generation = x.generation_to AND n.code = x.new_code;

CREATE VIEW pci_subindices AS
SELECT period, year_from, year_to, key AS subindex, name_vi, name_en, weight_percent, weight_exact
FROM ref_pci_subindices;

CREATE VIEW pci_current_releases AS
SELECT * FROM pci_releases WHERE superseded_at IS NULL;

-- Province names: PCI years before 2025 use the 63-province generation.
CREATE VIEW pci_scores AS
SELECT r.year::INTEGER AS year, s.province_code, p.name_vi AS province_name,
       s.pci, s.rank::INTEGER AS rank, s.rank_source,
       s.pci_unweighted, s.tier, s.province_name_in_file, r.is_sample, r.release_id
FROM pci_current_releases r
JOIN pci_release_scores s USING (release_id)
LEFT JOIN ref_provinces p
       ON p.code = s.province_code
      AND p.generation = CASE WHEN r.year >= 2025 THEN '2025' ELSE 'pre2025' END;

-- weight is the published methodology weight (percent) of that year's period;
-- NULL for the 2005 pilot, whose weights were never published (see pci_subindices).
CREATE VIEW pci_subindex_scores AS
SELECT r.year::INTEGER AS year, x.province_code, x.subindex, x.score,
       CASE WHEN c.weight_exact THEN c.weight_percent END AS weight,
       r.release_id
FROM pci_current_releases r
JOIN pci_release_subindex_scores x USING (release_id)
LEFT JOIN ref_pci_subindices c
       ON c.key = x.subindex AND r.year >= c.year_from AND r.year <= coalesce(c.year_to, 9999);

CREATE VIEW pci_indicator_values AS
SELECT r.year::INTEGER AS year, v.province_code, v.subindex, v.indicator_code,
       v.indicator_name, v.value, r.release_id
FROM pci_current_releases r
JOIN pci_release_indicator_values v USING (release_id);

-- Every figure ever loaded, including those a corrected release replaced.
CREATE VIEW pci_scores_history AS
SELECT r.year::INTEGER AS year, s.province_code, s.pci, s.rank::INTEGER AS rank, s.rank_source,
       r.release_id, r.file_name, r.sha256, r.loaded_at, r.superseded_at, r.superseded_by,
       r.superseded_at IS NULL AS is_current
FROM pci_releases r JOIN pci_release_scores s USING (release_id);

CREATE VIEW pci_subindex_scores_history AS
SELECT r.year::INTEGER AS year, x.province_code, x.subindex, x.score,
       r.release_id, r.loaded_at, r.superseded_at, r.superseded_at IS NULL AS is_current
FROM pci_releases r JOIN pci_release_subindex_scores x USING (release_id);
