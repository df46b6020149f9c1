package dashboards

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// MaxCompare is the most provinces the compare tool shows at once.
const MaxCompare = 6

// Chart types, measures and the composite's key in compare queries.
const (
	ChartLine  = "line"
	ChartBar   = "bar"
	ChartRadar = "radar"
	ChartTable = "table"

	MeasureScore      = "score"
	MeasureRank       = "rank"
	MeasureDiffMedian = "diff_median"

	Composite = "pci"
)

var (
	Charts   = []string{ChartLine, ChartBar, ChartRadar, ChartTable}
	Measures = []string{MeasureScore, MeasureRank, MeasureDiffMedian}
)

// InvalidError is a query the reader can correct; the portal answers 400
// with its message in the page's language.
type InvalidError struct{ VI, EN string }

func (e *InvalidError) Error() string { return e.VI + " / " + e.EN }

func invalidf(vi, en string, args ...any) error {
	return &InvalidError{VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)}
}

// CompareQuery is every choice of the compare tool; Encode gives the URL
// query that reproduces it.
type CompareQuery struct {
	Gen      string   // GenPre2025 (the 63 provinces) or Gen2025 (the 34)
	Codes    []string // provinces of Gen, at most MaxCompare
	Chart    string
	Measure  string
	Subindex string // Composite or a sub-index key (line, bar, table)
	// Indicator is an indicator code of Subindex (pci_indicator_values),
	// or "" for the sub-index score itself; not on a radar.
	Indicator string
	Year      int // bar and radar, and the year that names an indicator; 0 = the latest year loaded
}

// Normalize fills defaults and checks every choice against the reference.
func (q CompareQuery) Normalize(ref *Reference) (CompareQuery, error) {
	if q.Gen == "" {
		q.Gen = GenPre2025
	}
	if q.Gen != GenPre2025 && q.Gen != Gen2025 {
		return q, invalidf("Thế hệ tỉnh không hợp lệ: %q (pre2025 hoặc 2025)", "Invalid province generation: %q (pre2025 or 2025)", cut(q.Gen))
	}
	if q.Chart == "" {
		q.Chart = ChartLine
	}
	if !slices.Contains(Charts, q.Chart) {
		return q, invalidf("Loại biểu đồ không hợp lệ: %q", "Invalid chart type: %q", cut(q.Chart))
	}
	if q.Measure == "" {
		q.Measure = MeasureScore
	}
	if !slices.Contains(Measures, q.Measure) {
		return q, invalidf("Thước đo không hợp lệ: %q", "Invalid measure: %q", cut(q.Measure))
	}
	if q.Subindex == "" {
		q.Subindex = Composite
	}
	if _, ok := ref.Subindex(q.Subindex); q.Subindex != Composite && !ok {
		return q, invalidf("Chỉ số thành phần không hợp lệ: %q", "Invalid sub-index: %q", cut(q.Subindex))
	}
	q.Indicator = strings.TrimSpace(q.Indicator)
	if q.Indicator != "" {
		switch {
		case q.Subindex == Composite:
			return q, invalidf("Chọn một chỉ số thành phần trước khi chọn chỉ tiêu %q", "Choose a sub-index before the indicator %q", cut(q.Indicator))
		case q.Chart == ChartRadar:
			return q, invalidf("Biểu đồ radar so sánh các chỉ số thành phần, không so sánh chỉ tiêu: chọn cột, đường hoặc bảng", "A radar compares sub-indices, not indicators: choose bars, line or table")
		case len(q.Indicator) > 60:
			return q, invalidf("Mã chỉ tiêu không hợp lệ: %q", "Invalid indicator code: %q", cut(q.Indicator))
		}
	}
	var codes []string
	for _, c := range q.Codes {
		c = strings.TrimSpace(c)
		if c == "" || slices.Contains(codes, c) {
			continue
		}
		if _, ok := ref.Province(q.Gen, c); !ok {
			return q, invalidf("Không có tỉnh mã %q trong danh mục %s", "No province with code %q in the %s list", cut(c), genLabel(q.Gen))
		}
		codes = append(codes, c)
	}
	if len(codes) > MaxCompare {
		return q, invalidf("Chọn tối đa %d tỉnh để so sánh (đang chọn %d)", "Choose at most %d provinces to compare (%d chosen)", MaxCompare, len(codes))
	}
	if len(codes) == 0 {
		return q, invalidf("Chọn ít nhất một tỉnh", "Choose at least one province")
	}
	q.Codes = codes
	return q, nil
}

func genLabel(gen string) string {
	if gen == Gen2025 {
		return "34 (2025)"
	}
	return "63 (pre2025)"
}

func cut(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

// Encode is the canonical query string: fixed order, codes comma-separated;
// indicator last, and only when one is chosen.
func (q CompareQuery) Encode() string {
	s := fmt.Sprintf("p=%s&chart=%s&measure=%s&subindex=%s&year=%d&gen=%s",
		strings.Join(q.Codes, ","), q.Chart, q.Measure, q.Subindex, q.Year, q.Gen)
	if q.Indicator != "" {
		s += "&indicator=" + url.QueryEscape(q.Indicator)
	}
	return s
}

// Point is one figure of one province, year and sub-index, with the
// national context of that year.
type Point struct {
	Score      float64
	Rank       int    // published composite rank, else computed (descending score, ties share)
	RankSource string // "published" or "computed"
	Median     float64
	N          int // provinces with a figure that year
}

// Value is the point in a measure.
func (p Point) Value(measure string) float64 {
	switch measure {
	case MeasureRank:
		return float64(p.Rank)
	case MeasureDiffMedian:
		return p.Score - p.Median
	}
	return p.Score
}

// PointKey addresses a point within a series.
type PointKey struct {
	Year     int
	Subindex string
}

// Series is the figures of one province (of the generation its years use).
type Series struct {
	Province Province
	Points   map[PointKey]Point
}

// Unit is a selected province and the series that show it: itself in the 63
// view; in the 34 view, each predecessor's series side by side (and its own
// from 2025), never a combined figure.
type Unit struct {
	Province Province
	Series   []Series
}

// Compare is the result of a compare query.
type Compare struct {
	Query       CompareQuery
	Years       []int // every year loaded, oldest first
	SampleYears []int
	// Indicator is the chosen indicator (Query.Indicator), named as the
	// chosen year's release names it; nil for a sub-index or the composite.
	Indicator *Indicator
	// ViewYears are the years a line or table shows: every year loaded, or
	// for an indicator the years it can be compared over; Omitted the others.
	ViewYears  []int
	Omitted    []OmittedYears
	ref        *Reference
	Subindices []SubindexInfo // radar: the year's; otherwise the one chosen
	Units      []Unit
	Medians    map[PointKey]float64
}

// AllSeries lists the series of every unit, in order.
func (c *Compare) AllSeries() []Series {
	var out []Series
	for _, u := range c.Units {
		out = append(out, u.Series...)
	}
	return out
}

// CompareSQL is the one query behind a compare view: the figures of the
// chosen provinces with each year's national median and count; one row per
// (year, sub-index) carrying the median alone (province_code NULL), so that
// years where none of the provinces has a figure still appear; and one row
// per year loaded (subindex '#year') with its sample flag. Year 0 (bar,
// radar) means the latest year loaded, resolved in the query. It is
// exported for the benchmark that compares page time with the bare query.
func CompareSQL(q CompareQuery, ref *Reference) (string, []any) {
	return compareSQL(q, ref, nil)
}

// compareSQL: for an indicator, its values (NULLs left out, so that medians
// and ranks count the provinces that have one) in years, or in the
// query's year when years is nil.
func compareSQL(q CompareQuery, ref *Reference, years []int) (string, []any) {
	var args []any
	var parts []string
	if q.Indicator != "" {
		args = append(args, q.Subindex, q.Indicator)
		var in string
		switch {
		case years != nil:
			ph := make([]string, len(years))
			for i, y := range years {
				ph[i] = "?"
				args = append(args, y)
			}
			in = "year IN (" + strings.Join(ph, ",") + ")"
		case q.Year == 0:
			in = "year = (SELECT max(year) FROM pci_scores)"
		default:
			in = "year = ?"
			args = append(args, q.Year)
		}
		parts = append(parts, `SELECT year, province_code, indicator_code AS subindex, value AS score, NULL::INTEGER AS rank, 'computed' AS rank_source
	FROM pci_indicator_values WHERE subindex = ? AND indicator_code = ? AND value IS NOT NULL AND `+in)
	} else if q.Chart != ChartRadar && q.Subindex == Composite {
		parts = append(parts, `SELECT year, province_code, 'pci' AS subindex, pci AS score, rank, rank_source FROM pci_scores`)
	} else {
		filter := "" // radar: every sub-index of the year
		if q.Chart != ChartRadar {
			filter = " WHERE subindex = ?"
			args = append(args, q.Subindex)
		}
		parts = append(parts, `SELECT year, province_code, subindex, score, NULL::INTEGER AS rank, 'computed' AS rank_source FROM pci_subindex_scores`+filter)
	}
	yearFilter := ""
	if q.Indicator == "" && (q.Chart == ChartBar || q.Chart == ChartRadar) {
		yearFilter = "WHERE year = coalesce(?, (SELECT max(year) FROM pci_scores))"
		if q.Year == 0 {
			args = append(args, nil)
		} else {
			args = append(args, q.Year)
		}
	}
	old, new := seriesCodes(q, ref)
	inList := func(codes []string) string {
		if len(codes) == 0 {
			return "NULL"
		}
		ph := make([]string, len(codes))
		for i, c := range codes {
			ph[i] = "?"
			args = append(args, c)
		}
		return strings.Join(ph, ",")
	}
	oldIn := inList(old)
	newIn := inList(new)
	query := `WITH base AS (` + strings.Join(parts, " UNION ALL ") + `),
w AS MATERIALIZED (
	SELECT year, subindex, province_code, score,
		coalesce(rank, rank() OVER (PARTITION BY year, subindex ORDER BY score DESC))::INTEGER AS rk,
		rank_source,
		median(score) OVER (PARTITION BY year, subindex) AS med,
		count(*) OVER (PARTITION BY year, subindex)::INTEGER AS n
	FROM base ` + yearFilter + `
)
SELECT year, subindex, province_code, score, rk, rank_source, med, n, NULL::BOOLEAN
FROM w
WHERE (year < 2025 AND province_code IN (` + oldIn + `)) OR (year >= 2025 AND province_code IN (` + newIn + `))
UNION ALL
SELECT DISTINCT year, subindex, NULL, NULL, NULL, NULL, med, n, NULL FROM w
UNION ALL
SELECT year, '#year', NULL, NULL, NULL, NULL, NULL, NULL, bool_or(is_sample) FROM pci_scores GROUP BY year
ORDER BY 1, 2, 3`
	return query, args
}

// seriesCodes: the pre-2025 codes whose series are shown, and the 2025 codes.
func seriesCodes(q CompareQuery, ref *Reference) (old, new []string) {
	if q.Gen == GenPre2025 {
		return q.Codes, nil
	}
	for _, c := range q.Codes {
		p, _ := ref.Province(Gen2025, c)
		for _, pre := range p.Predecessors {
			old = append(old, pre.Code)
		}
		new = append(new, c)
	}
	return old, new
}

// PCICompare runs a compare query (normalise it first).
func PCICompare(ctx context.Context, db *sql.DB, ref *Reference, q CompareQuery) (_ *Compare, err error) {
	defer func() {
		var inv *InvalidError
		if err != nil && !errors.Is(err, ErrNotFound) && !errors.As(err, &inv) {
			err = fmt.Errorf("pci compare %s: %w", q.Encode(), err)
		}
	}()
	c := &Compare{Query: q, Medians: map[PointKey]float64{}, ref: ref}
	switch {
	case q.Chart == ChartRadar: // the year's sub-indices, once the query has resolved the year
	case q.Subindex == Composite:
		c.Subindices = []SubindexInfo{{Key: Composite, NameVI: "Điểm PCI", NameEN: "PCI score"}}
	default:
		s, _ := ref.Subindex(q.Subindex)
		c.Subindices = []SubindexInfo{s}
	}
	series := map[string]*Series{} // by "gen/code"
	for _, code := range q.Codes {
		p, _ := ref.Province(q.Gen, code)
		u := Unit{Province: p}
		if q.Gen == GenPre2025 {
			u.Series = []Series{{Province: p, Points: map[PointKey]Point{}}}
		} else {
			for _, pre := range p.Predecessors {
				u.Series = append(u.Series, Series{Province: pre, Points: map[PointKey]Point{}})
			}
			u.Series = append(u.Series, Series{Province: p, Points: map[PointKey]Point{}})
		}
		c.Units = append(c.Units, u)
	}
	for ui := range c.Units {
		for si := range c.Units[ui].Series {
			s := &c.Units[ui].Series[si]
			series[s.Province.Generation+"/"+s.Province.Code] = s
		}
	}
	var years []int
	if q.Indicator != "" {
		if years, err = c.resolveIndicator(ctx, db, ref); err != nil {
			return nil, err
		}
	}
	query, args := compareSQL(q, ref, years)
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type row struct {
		year   int
		key    string
		code   sql.NullString
		score  sql.NullFloat64
		rank   sql.NullInt64
		source sql.NullString
		med    sql.NullFloat64
		n      sql.NullInt64
		sample sql.NullBool
	}
	var figures []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.year, &r.key, &r.code, &r.score, &r.rank, &r.source, &r.med, &r.n, &r.sample); err != nil {
			return nil, err
		}
		switch {
		case r.key == "#year":
			c.Years = append(c.Years, r.year)
			if r.sample.Bool {
				c.SampleYears = append(c.SampleYears, r.year)
			}
		case !r.code.Valid:
			c.Medians[PointKey{r.year, r.key}] = r.med.Float64
		default:
			figures = append(figures, r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(c.Years) == 0 {
		return nil, fmt.Errorf("%w: chưa có số liệu PCI / no PCI data loaded", ErrNotFound)
	}
	if c.Query.Year == 0 {
		c.Query.Year = c.Years[len(c.Years)-1]
	}
	if !slices.Contains(c.Years, c.Query.Year) {
		return nil, &InvalidError{VI: fmt.Sprintf("Chưa có số liệu PCI năm %d", c.Query.Year), EN: fmt.Sprintf("No PCI data for %d", c.Query.Year)}
	}
	if q.Chart == ChartRadar {
		c.Subindices = ref.SubindicesOf(c.Query.Year)
	}
	if c.ViewYears == nil {
		c.ViewYears = c.Years
	}
	for _, r := range figures {
		s := series[GenerationOf(r.year)+"/"+r.code.String]
		if s == nil {
			continue
		}
		s.Points[PointKey{r.year, r.key}] = Point{Score: r.score.Float64, Rank: int(r.rank.Int64), RankSource: r.source.String, Median: r.med.Float64, N: int(r.n.Int64)}
	}
	return c, nil
}

// Point is a series' figure for a year and sub-index, if it has one.
func (s Series) Point(year int, key string) (Point, bool) {
	p, ok := s.Points[PointKey{year, key}]
	return p, ok
}

// Label names a series: the province, and in the 34 view which generation.
func (c *Compare) Label(s Series, lang string) string {
	if c.Query.Gen == GenPre2025 {
		return s.Province.NameVI
	}
	if s.Province.Generation == GenPre2025 {
		return fmt.Sprintf("%s (%s %s)", s.Province.NameVI, tr(lang, "cũ", "former"), s.Province.Code)
	}
	return fmt.Sprintf("%s (%s)", s.Province.NameVI, tr(lang, "từ 2025", "from 2025"))
}

func tr(lang, vi, en string) string {
	if lang == "en" {
		return en
	}
	return vi
}
