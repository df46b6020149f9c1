-- fold_vi(s): the search key of a Vietnamese name, equal to Go's
-- ingest/province.Fold for names (tested over every name of the reference
-- views): diacritics and both tone-mark placements removed (hoà = hòa,
-- Thuỷ = Thủy; decomposed input too), đ/Đ (and the look-alike ð/Ð of
-- files converted from legacy encodings) to d, lower case, invisible format
-- characters (BOM, zero-width space) dropped, every run of white space,
-- '-', '.', '_' and ',' one space, trimmed.
--
--   fold_vi('Đường Hoà Bình, P. Kim Tân') = 'duong hoa binh p kim tan'
--
-- Where it differs from Fold (never in Vietnamese text): Fold applies
-- compatibility decomposition (NFKD: the ligature 'ﬁ' becomes 'fi', '½'
-- '1⁄2', full-width 'Ａ' 'a'), fold_vi only canonical decomposition; and
-- strip_accents also drops spacing and enclosing combining marks (Unicode
-- Mc, Me: Indic vowel signs), which Fold keeps. The white space Fold gets
-- from NFKD (no-break and other Unicode spaces) is listed below.
CREATE MACRO fold_vi(s) AS
    trim(regexp_replace(
        regexp_replace(translate(lower(strip_accents(s)), 'đð', 'dd'), '\p{Cf}+', '', 'g'),
        '[\s\x{0B}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}._,-]+', ' ', 'g'));

-- The enterprise search reads this table, not the enterprises view: the
-- view derives every enterprise's latest state from all current loads on
-- each query, and folding a million names at query time takes seconds
-- (measured in sql/README.md). The table is the view as of the last load,
-- with the folded keys, rebuilt inside each load's transaction
-- (warehouse/business_search.go), where only changed names are folded again.
--   sort_key:   fold_vi(name), so that Đ sorts with D.
--   search_key: ' ' || the folded name, short name and foreign name joined
--               by spaces; the leading space lets ' ' || word find the
--               words that begin with word. (sort_key is reused: each name
--               is folded once.)
CREATE TABLE enterprise_search AS
SELECT tax_code, name, legal_form, vsic_code, vsic_section, charter_capital_vnd, registered_on, status,
       province_code_pre2025, district_code, province_code_2025, commune_code, first_quarter, last_quarter,
       changed_on, commune_code_pre2025, foreign_name, short_name, address, is_sample, load_id,
       ' ' || concat_ws(' ', sort_key, fold_vi(short_name), fold_vi(foreign_name)) AS search_key,
       sort_key
FROM (SELECT *, fold_vi(name) AS sort_key FROM enterprises);
