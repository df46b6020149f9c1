package dashboards

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	Year     int    // bar and radar; 0 = the latest year loaded
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

// Encode is the canonical query string: fixed order, codes comma-separated.
func (q CompareQuery) Encode() string {
	return fmt.Sprintf("p=%s&chart=%s&measure=%s&subindex=%s&year=%d&gen=%s",
		strings.Join(q.Codes, ","), q.Chart, q.Measure, q.Subindex, q.Year, q.Gen)
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
	Subindices  []SubindexInfo // radar: the year's; otherwise the one chosen
	Units       []Unit
	Medians     map[PointKey]float64
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
// chosen provinces with each year's national median and count, plus one row
// per (year, sub-index) carrying the median alone (province_code NULL), so
// that years where none of the provinces has a figure still appear. It is
// exported for the benchmark that compares page time with the bare query.
func CompareSQL(q CompareQuery, ref *Reference) (string, []any) {
	var args []any
	subs := []string{q.Subindex}
	if q.Chart == ChartRadar {
		subs = nil
		for _, s := range ref.SubindicesOf(q.Year) {
			subs = append(subs, s.Key)
		}
	}
	var parts []string
	if slices.Contains(subs, Composite) {
		parts = append(parts, `SELECT year, province_code, 'pci' AS subindex, pci AS score, rank, rank_source FROM pci_scores`)
	}
	var keys []string
	for _, s := range subs {
		if s != Composite {
			keys = append(keys, "?")
			args = append(args, s)
		}
	}
	if len(keys) > 0 {
		parts = append(parts, `SELECT year, province_code, subindex, score, NULL::INTEGER AS rank, 'computed' AS rank_source FROM pci_subindex_scores WHERE subindex IN (`+strings.Join(keys, ",")+`)`)
	}
	yearFilter := ""
	if q.Chart == ChartBar || q.Chart == ChartRadar {
		yearFilter = "WHERE year = ?"
		args = append(args, q.Year)
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
),
sample AS (SELECT year, bool_or(is_sample) AS is_sample FROM pci_scores GROUP BY year)
SELECT w.year, w.subindex, w.province_code, w.score, w.rk, w.rank_source, w.med, w.n, false
FROM w
WHERE (w.year < 2025 AND w.province_code IN (` + oldIn + `)) OR (w.year >= 2025 AND w.province_code IN (` + newIn + `))
UNION ALL
SELECT DISTINCT w.year, w.subindex, NULL, NULL, NULL, NULL, w.med, w.n, s.is_sample
FROM w JOIN sample s USING (year)
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
	years, err := pciYears(ctx, db)
	if err != nil {
		return nil, err
	}
	if len(years) == 0 {
		return nil, fmt.Errorf("%w: chưa có số liệu PCI / no PCI data loaded", ErrNotFound)
	}
	slices.Reverse(years)
	if q.Year == 0 {
		q.Year = years[len(years)-1]
	}
	if !slices.Contains(years, q.Year) {
		return nil, &InvalidError{VI: fmt.Sprintf("Chưa có số liệu PCI năm %d", q.Year), EN: fmt.Sprintf("No PCI data for %d", q.Year)}
	}
	c := &Compare{Query: q, Years: years, Medians: map[PointKey]float64{}}
	if q.Chart == ChartRadar {
		c.Subindices = ref.SubindicesOf(q.Year)
	} else if q.Subindex == Composite {
		c.Subindices = []SubindexInfo{{Key: Composite, NameVI: "Điểm PCI", NameEN: "PCI score"}}
	} else {
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
	query, args := CompareSQL(q, ref)
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var year, n int
		var key string
		var code, source sql.NullString
		var score sql.NullFloat64
		var rank sql.NullInt64
		var med float64
		var sample bool
		if err := rows.Scan(&year, &key, &code, &score, &rank, &source, &med, &n, &sample); err != nil {
			return nil, err
		}
		pk := PointKey{year, key}
		if !code.Valid {
			c.Medians[pk] = med
			if sample && !slices.Contains(c.SampleYears, year) {
				c.SampleYears = append(c.SampleYears, year)
			}
			continue
		}
		s := series[GenerationOf(year)+"/"+code.String]
		if s == nil {
			continue
		}
		s.Points[pk] = Point{Score: score.Float64, Rank: int(rank.Int64), RankSource: source.String, Median: med, N: n}
	}
	return c, rows.Err()
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
