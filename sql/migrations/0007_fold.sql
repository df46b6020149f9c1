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
