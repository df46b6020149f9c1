package dashboards

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Profile is one province (63-province generation) over every PCI year.
type Profile struct {
	Province    Province
	Successor   *Province  // the 2025 province it became part of
	MergedFrom  []Province // provinces merged into it before 2025 (Hà Tây into Hà Nội), shown separately
	Years       []int      // every year loaded, oldest first
	SampleYears []int
	Year        int                          // the year of the radar and the indicators
	Scores      map[string]map[int]YearScore // by province code (itself and MergedFrom), year
	Subs        map[PointKey]float64         // the province's sub-index scores
	SubMedians  map[PointKey]float64         // national medians of the sub-indices
	Keys        []SubindexInfo               // every sub-index key the province has, catalogue order
	Radar       Radar
	Indicators  []IndicatorRow
	NotCovered  []int // loaded years without this province
	Periods     []Period
}

// YearScore is a province's composite in one year.
type YearScore struct {
	PCI        float64
	Rank       int
	RankSource string
	Tier       string
	N          int // provinces ranked that year
}

// Radar compares the province's sub-indices in one year with the national
// median, its region's average and the year's top province.
type Radar struct {
	Subindices []SubindexInfo
	Province   []*float64
	Median     []*float64
	Region     []*float64
	RegionName Region
	Top        []*float64
	TopName    string
	TopCode    string
}

// IndicatorRow is one indicator of the year's release.
type IndicatorRow struct {
	Subindex string
	Code     string
	Name     string
	Value    *float64
	Median   *float64
}

// PCIProvinceProfile reads a province's profile; year 0 = the latest year
// the province has figures.
func PCIProvinceProfile(ctx context.Context, db *sql.DB, ref *Reference, code string, year int) (_ *Profile, err error) {
	defer func() {
		var inv *InvalidError
		if err != nil && !errors.Is(err, ErrNotFound) && !errors.As(err, &inv) {
			err = fmt.Errorf("pci profile %s: %w", code, err)
		}
	}()
	prov, ok := ref.Province(GenPre2025, code)
	if !ok {
		return nil, fmt.Errorf("%w: không có tỉnh mã %q / no province with code %q", ErrNotFound, cut(code), cut(code))
	}
	p := &Profile{Province: prov, Scores: map[string]map[int]YearScore{}, Subs: map[PointKey]float64{},
		SubMedians: map[PointKey]float64{}, Periods: ref.Periods()}
	for _, s := range prov.Successors {
		if sp, ok := ref.Province(Gen2025, s); ok {
			p.Successor = &sp
		}
	}
	for _, other := range ref.Provinces(GenPre2025) {
		if other.MergedInto != nil && other.MergedInto.Code == code {
			p.MergedFrom = append(p.MergedFrom, other)
		}
	}
	// Years, sample flags and the number of provinces each year.
	rows, err := db.QueryContext(ctx, `SELECT year, bool_or(is_sample), count(*)::INTEGER FROM pci_scores GROUP BY year ORDER BY year`)
	if err != nil {
		return nil, err
	}
	counts := map[int]int{}
	for rows.Next() {
		var y, n int
		var sample bool
		if err := rows.Scan(&y, &sample, &n); err != nil {
			rows.Close()
			return nil, err
		}
		p.Years = append(p.Years, y)
		counts[y] = n
		if sample {
			p.SampleYears = append(p.SampleYears, y)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(p.Years) == 0 {
		return nil, fmt.Errorf("%w: chưa có số liệu PCI / no PCI data loaded", ErrNotFound)
	}
	codes := []any{code}
	ph := []string{"?"}
	for _, m := range p.MergedFrom {
		codes = append(codes, m.Code)
		ph = append(ph, "?")
	}
	rows, err = db.QueryContext(ctx, `SELECT province_code, year, pci, rank, rank_source, coalesce(tier, '')
		FROM pci_scores WHERE year < 2025 AND province_code IN (`+strings.Join(ph, ",")+`)`, codes...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var c string
		var y int
		var s YearScore
		if err := rows.Scan(&c, &y, &s.PCI, &s.Rank, &s.RankSource, &s.Tier); err != nil {
			rows.Close()
			return nil, err
		}
		s.N = counts[y]
		if p.Scores[c] == nil {
			p.Scores[c] = map[int]YearScore{}
		}
		p.Scores[c][y] = s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	own := p.Scores[code]
	for _, y := range p.Years {
		if _, ok := own[y]; !ok && y < 2025 {
			p.NotCovered = append(p.NotCovered, y)
		}
	}
	if len(own) == 0 {
		return nil, fmt.Errorf("%w: %s chưa có trong số liệu PCI đã nạp / %s is in no PCI release loaded", ErrNotFound, prov.NameVI, prov.NameVI)
	}
	if year == 0 {
		for y := range own {
			year = max(year, y)
		}
	}
	if _, ok := own[year]; !ok {
		return nil, invalidf("%s không có số liệu PCI năm %d", "%s has no PCI figures for %d", prov.NameVI, year)
	}
	p.Year = year
	if err := p.loadSubindices(ctx, db, ref); err != nil {
		return nil, err
	}
	if err := p.loadRadar(ctx, db, ref); err != nil {
		return nil, err
	}
	return p, p.loadIndicators(ctx, db)
}

func (p *Profile) loadSubindices(ctx context.Context, db *sql.DB, ref *Reference) error {
	rows, err := db.QueryContext(ctx, `SELECT year, subindex, median(score), max(score) FILTER (WHERE province_code = ?), count(score) FILTER (WHERE province_code = ?)
		FROM pci_subindex_scores WHERE year < 2025 GROUP BY year, subindex`, p.Province.Code, p.Province.Code)
	if err != nil {
		return err
	}
	defer rows.Close()
	has := map[string]bool{}
	for rows.Next() {
		var y int
		var key string
		var med float64
		var v sql.NullFloat64
		var n int
		if err := rows.Scan(&y, &key, &med, &v, &n); err != nil {
			return err
		}
		p.SubMedians[PointKey{y, key}] = med
		if n > 0 {
			p.Subs[PointKey{y, key}] = v.Float64
			has[key] = true
		}
	}
	for _, s := range ref.SubindexKeys() {
		if has[s.Key] {
			p.Keys = append(p.Keys, s)
		}
	}
	return rows.Err()
}

func (p *Profile) loadRadar(ctx context.Context, db *sql.DB, ref *Reference) error {
	r := &p.Radar
	r.Subindices = ref.SubindicesOf(p.Year)
	r.RegionName, _ = ref.Region(p.Province.Region)
	rows, err := db.QueryContext(ctx, `SELECT s.province_code, s.subindex, s.score, c.rank
		FROM pci_subindex_scores s JOIN pci_scores c USING (year, province_code) WHERE s.year = ?`, p.Year)
	if err != nil {
		return err
	}
	defer rows.Close()
	all := map[string][]float64{}
	region := map[string][]float64{}
	byCode := map[string]map[string]float64{}
	best, bestCode := 1<<30, ""
	for rows.Next() {
		var code, key string
		var v float64
		var rank int
		if err := rows.Scan(&code, &key, &v, &rank); err != nil {
			return err
		}
		all[key] = append(all[key], v)
		if pr, ok := ref.Province(GenPre2025, code); ok && pr.Region != "" && pr.Region == p.Province.Region {
			region[key] = append(region[key], v)
		}
		if byCode[code] == nil {
			byCode[code] = map[string]float64{}
		}
		byCode[code][key] = v
		if rank < best || rank == best && code < bestCode {
			best, bestCode = rank, code
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	r.TopCode = bestCode
	if tp, ok := ref.Province(GenPre2025, bestCode); ok {
		r.TopName = tp.NameVI
	}
	for _, s := range r.Subindices {
		r.Median = append(r.Median, ptr(median(all[s.Key])))
		r.Region = append(r.Region, ptr(mean(region[s.Key])))
		r.Province = append(r.Province, lookup(byCode[p.Province.Code], s.Key))
		r.Top = append(r.Top, lookup(byCode[bestCode], s.Key))
	}
	return nil
}

func (p *Profile) loadIndicators(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT subindex, indicator_code, indicator_name, value, med FROM (
			SELECT province_code, subindex, indicator_code, indicator_name, value, ord,
				median(value) OVER (PARTITION BY subindex, indicator_code) AS med
			FROM (SELECT *, row_number() OVER () AS ord FROM pci_indicator_values WHERE year = ?))
		WHERE province_code = ? ORDER BY ord`, p.Year, p.Province.Code)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r IndicatorRow
		var v, m sql.NullFloat64
		if err := rows.Scan(&r.Subindex, &r.Code, &r.Name, &v, &m); err != nil {
			return err
		}
		if v.Valid {
			r.Value = &v.Float64
		}
		if m.Valid {
			r.Median = &m.Float64
		}
		p.Indicators = append(p.Indicators, r)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// Sub-indices in catalogue order; the sheet's own order within each.
	order := map[string]int{}
	for i, s := range p.Radar.Subindices {
		order[s.Key] = i
	}
	sort.SliceStable(p.Indicators, func(a, b int) bool {
		return order[p.Indicators[a].Subindex] < order[p.Indicators[b].Subindex]
	})
	return nil
}

func ptr(v float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &v
}

func lookup(m map[string]float64, k string) *float64 {
	v, ok := m[k]
	return ptr(v, ok)
}

func median(v []float64) (float64, bool) {
	if len(v) == 0 {
		return 0, false
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2], true
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2, true
}

func mean(v []float64) (float64, bool) {
	if len(v) == 0 {
		return 0, false
	}
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t / float64(len(v)), true
}

// Breaks are the notes that keep the series honest.
func (p *Profile) Breaks(lang string) []string {
	var n []string
	n = append(n, tr(lang,
		"Phương pháp PCI thay đổi: 2005 (thí điểm, 42 tỉnh), 2006–2008, 2009–2012, từ 2013; bộ chỉ số thành phần và trọng số khác nhau giữa các giai đoạn (vùng tô màu trên biểu đồ).",
		"The PCI methodology changed: 2005 (pilot, 42 provinces), 2006–2008, 2009–2012, 2013 on; sub-indices and weights differ between periods (shaded on the charts)."))
	if len(p.NotCovered) > 0 {
		n = append(n, fmt.Sprintf(tr(lang, "%s không có trong PCI các năm: %s.", "%s was not covered by the PCI in: %s."), p.Province.NameVI, joinInts(p.NotCovered)))
	}
	if p.Province.MergedInto != nil {
		n = append(n, fmt.Sprintf(tr(lang, "%s sáp nhập vào %s từ %s; PCI có số liệu riêng của tỉnh đến năm 2008.", "%s merged into %s on %s; the PCI has its own figures up to 2008."),
			p.Province.NameVI, p.Province.MergedInto.NameVI, p.Province.MergedOn.Format("02/01/2006")))
	}
	for _, m := range p.MergedFrom {
		n = append(n, fmt.Sprintf(tr(lang, "%s (mã %s) sáp nhập vào %s từ %s; số liệu của %s đến 2008 hiển thị riêng, không cộng gộp.",
			"%s (code %s) merged into %s on %s; its figures up to 2008 are shown separately, never combined."),
			m.NameVI, m.Code, p.Province.NameVI, m.MergedOn.Format("02/01/2006"), m.NameVI))
	}
	if p.Successor != nil {
		n = append(n, fmt.Sprintf(tr(lang, "Từ 1/7/2025 thuộc tỉnh %s mới (mã %s).", "From 1 July 2025 part of the new province of %s (code %s)."), p.Successor.NameVI, p.Successor.Code))
	}
	for _, y := range p.Years {
		if s, ok := p.Scores[p.Province.Code][y]; ok && s.RankSource == "computed" {
			n = append(n, fmt.Sprintf(tr(lang, "Thứ hạng năm %d do chúng tôi tính từ điểm PCI (VCCI không công bố thứ hạng).", "The %d rank is computed from the PCI score (VCCI published none)."), y))
		}
	}
	if len(p.SampleYears) > 0 {
		n = append(n, fmt.Sprintf(tr(lang, "Năm %s là DỮ LIỆU MẪU, không phải số liệu chính thức.", "Years %s are SAMPLE data, not official figures."), joinInts(p.SampleYears)))
	}
	return n
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}

func (p *Profile) yearLabels() []string {
	var out []string
	for _, y := range p.Years {
		if y < 2025 {
			out = append(out, strconv.Itoa(y))
		}
	}
	return out
}

// CompositeChart draws the composite (left axis) and the rank (right axis,
// inverted: 1 at the top) over every year, the methodology periods shaded,
// and any province merged into this one as its own dashed line.
func (p *Profile) CompositeChart(lang string) *Chart {
	o := newOption(fmt.Sprintf(tr(lang, "%s: điểm PCI và thứ hạng", "%s: PCI score and rank"), p.Province.NameVI), sourceLine(lang, len(p.SampleYears) > 0), lang)
	o.Legend = &opts.Legend{Show: opts.Bool(true), Top: "50"}
	labels := p.yearLabels()
	o.XAxis = []opts.XAxis{{Type: "category", Data: labels}}
	o.YAxis = []opts.YAxis{
		{Type: "value", Name: tr(lang, "Điểm PCI", "PCI score"), Scale: opts.Bool(true)},
		{Type: "value", Name: tr(lang, "Thứ hạng", "Rank"), Inverse: opts.Bool(true), Min: 1, Max: 64},
	}
	years := p.Years[:len(labels)]
	score := make([]opts.LineData, len(years))
	rank := make([]opts.LineData, len(years))
	own := p.Scores[p.Province.Code]
	for i, y := range years {
		score[i], rank[i] = opts.LineData{Value: dash}, opts.LineData{Value: dash}
		if s, ok := own[y]; ok {
			score[i].Value, rank[i].Value = num(s.PCI), s.Rank
		}
	}
	o.Series = append(o.Series,
		charts.SingleSeries{Name: tr(lang, "Điểm PCI", "PCI score"), Type: "line", Data: score, Symbol: "circle", SymbolSize: 7, MarkAreas: periodAreas(years, lang)},
		charts.SingleSeries{Name: tr(lang, "Thứ hạng (trục phải)", "Rank (right axis)"), Type: "line", YAxisIndex: 1, Data: rank, Symbol: "diamond", SymbolSize: 8,
			LineStyle: &opts.LineStyle{Type: "dotted"}})
	for _, m := range p.MergedFrom {
		data := make([]opts.LineData, len(years))
		for i, y := range years {
			data[i] = opts.LineData{Value: dash}
			if s, ok := p.Scores[m.Code][y]; ok {
				data[i].Value = num(s.PCI)
			}
		}
		o.Series = append(o.Series, charts.SingleSeries{Name: fmt.Sprintf(tr(lang, "Điểm PCI %s (đến 2008)", "PCI score of %s (to 2008)"), m.NameVI),
			Type: "line", Data: data, LineStyle: &opts.LineStyle{Type: "dashed"}, Symbol: "circle"})
	}
	o.Footer(p.Breaks(lang))
	return &Chart{ID: "profile-composite", Option: o}
}

// RadarChart draws the year's sub-indices against the country.
func (p *Profile) RadarChart(lang string) *Chart {
	r := p.Radar
	o := newOption(fmt.Sprintf(tr(lang, "%s: các chỉ số thành phần năm %d", "%s: sub-indices, %d"), p.Province.NameVI, p.Year), sourceLine(lang, slices.Contains(p.SampleYears, p.Year)), lang)
	o.Legend = &opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "50"}
	o.Grid = nil
	o.Tooltip.Trigger = "item"
	rc := &opts.RadarComponent{Shape: "polygon", SplitNumber: 5, Center: []string{"50%", "60%"}}
	for _, s := range r.Subindices {
		rc.Indicator = append(rc.Indicator, &opts.Indicator{Name: tr(lang, s.NameVI, s.NameEN), Min: 0, Max: 10})
	}
	o.Radar = rc
	item := func(name string, vals []*float64) opts.RadarData {
		out := make([]any, len(vals))
		for i, v := range vals {
			out[i] = dash
			if v != nil {
				out[i] = num(*v)
			}
		}
		return opts.RadarData{Name: name, Value: out}
	}
	data := []opts.RadarData{item(p.Province.NameVI, r.Province), item(tr(lang, "Trung vị cả nước", "National median"), r.Median)}
	if r.RegionName.Key != "" {
		data = append(data, item(tr(lang, "Bình quân vùng ", "Average, ")+tr(lang, r.RegionName.NameVI, r.RegionName.NameEN), r.Region))
	}
	if r.TopCode != p.Province.Code {
		data = append(data, item(fmt.Sprintf(tr(lang, "Dẫn đầu %d: %s", "Top in %d: %s"), p.Year, r.TopName), r.Top))
	}
	o.Series = []charts.SingleSeries{{Name: o.Title.Title, Type: "radar", Data: data, Symbol: "circle"}}
	o.Footer(p.Breaks(lang))
	return &Chart{ID: "profile-radar", Option: o}
}

// SubindexCharts draw each sub-index over the years against the national
// median: small multiples, one per key the province has.
func (p *Profile) SubindexCharts(lang string) []*Chart {
	labels := p.yearLabels()
	years := p.Years[:len(labels)]
	var out []*Chart
	for _, s := range p.Keys {
		o := newOption(tr(lang, s.NameVI, s.NameEN), "", lang)
		// a small multiple's title is the sub-index alone: the image says whose and where from
		o.Toolbox.Feature.SaveAsImage.Name = imageName(p.Province.NameVI + " " + tr(lang, s.NameVI, s.NameEN))
		o.Footer(append([]string{p.Province.NameVI + " — " + tr(lang, s.NameVI, s.NameEN), sourceLine(lang, len(p.SampleYears) > 0)}, p.Breaks(lang)...))
		o.Title.TitleStyle = &opts.TextStyle{FontSize: 13}
		o.Legend = nil
		o.Grid = &opts.Grid{Left: "3%", Right: "4%", Top: "40", Bottom: "20", ContainLabel: opts.Bool(true)}
		o.XAxis = []opts.XAxis{{Type: "category", Data: labels}}
		o.YAxis = []opts.YAxis{{Type: "value", Scale: opts.Bool(true)}}
		own := make([]opts.LineData, len(years))
		med := make([]opts.LineData, len(years))
		for i, y := range years {
			own[i], med[i] = opts.LineData{Value: dash}, opts.LineData{Value: dash}
			if v, ok := p.Subs[PointKey{y, s.Key}]; ok {
				own[i].Value = num(v)
			}
			if v, ok := p.SubMedians[PointKey{y, s.Key}]; ok {
				med[i].Value = num(v)
			}
		}
		o.Series = []charts.SingleSeries{
			{Name: p.Province.NameVI, Type: "line", Data: own, Symbol: "circle", MarkAreas: periodAreas(years, lang)},
			{Name: tr(lang, "Trung vị cả nước", "National median"), Type: "line", Data: med, Color: medianColor, LineStyle: &opts.LineStyle{Type: "dashed", Color: medianColor}, Symbol: "none"},
		}
		o.Series[0].MarkAreas.Label.Show = opts.Bool(false)
		out = append(out, &Chart{ID: "profile-sub-" + s.Key, Option: o})
	}
	return out
}

// Table is the profile's main table: one row per year, the composite, its
// rank, the tier and every sub-index.
func (p *Profile) Table(lang string) *Table {
	t := &Table{Title: fmt.Sprintf(tr(lang, "%s: PCI qua các năm", "%s: the PCI over the years"), p.Province.NameVI)}
	t.Columns = []Column{
		{Key: "year", Label: tr(lang, "Năm", "Year"), Kind: KindInteger},
		{Key: "province_code", Label: tr(lang, "Mã tỉnh", "Province code"), Kind: KindCode},
		{Key: "pci", Label: tr(lang, "Điểm PCI", "PCI score"), Kind: KindNumber},
		{Key: "rank", Label: tr(lang, "Hạng", "Rank"), Kind: KindInteger},
		{Key: "provinces", Label: tr(lang, "Số tỉnh", "Provinces"), Kind: KindInteger},
		{Key: "tier", Label: tr(lang, "Xếp nhóm", "Tier"), Kind: KindText},
	}
	for _, s := range p.Keys {
		t.Columns = append(t.Columns, Column{Key: s.Key, Label: tr(lang, s.NameVI, s.NameEN), Kind: KindNumber})
	}
	for _, y := range p.Years {
		s, ok := p.Scores[p.Province.Code][y]
		if !ok {
			continue
		}
		rank := numCell(float64(s.Rank))
		if s.RankSource == "computed" {
			rank.Note = "computed"
		}
		row := []Cell{numCell(float64(y)), textCell(p.Province.Code), numCell(s.PCI), rank, numCell(float64(s.N)), textCell(TierName(s.Tier, lang))}
		for _, k := range p.Keys {
			if v, ok := p.Subs[PointKey{y, k.Key}]; ok {
				row = append(row, numCell(v))
			} else {
				row = append(row, Cell{})
			}
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = p.Breaks(lang)
	return t
}

// RadarTable is the radar's figures: one row per sub-index.
func (p *Profile) RadarTable(lang string) *Table {
	r := p.Radar
	t := &Table{Title: p.RadarChart(lang).Option.Title.Title}
	t.Columns = []Column{
		{Key: "subindex", Label: tr(lang, "Chỉ số thành phần", "Sub-index"), Kind: KindText},
		{Key: "province", Label: p.Province.NameVI, Kind: KindNumber},
		{Key: "national_median", Label: tr(lang, "Trung vị cả nước", "National median"), Kind: KindNumber},
		{Key: "region_average", Label: tr(lang, "Bình quân vùng", "Regional average"), Kind: KindNumber},
		{Key: "top_province", Label: fmt.Sprintf(tr(lang, "Dẫn đầu: %s", "Top: %s"), r.TopName), Kind: KindNumber},
	}
	cell := func(v *float64) Cell {
		if v == nil {
			return Cell{}
		}
		return numCell(*v)
	}
	for i, s := range r.Subindices {
		t.Rows = append(t.Rows, []Cell{textCell(tr(lang, s.NameVI, s.NameEN)), cell(r.Province[i]), cell(r.Median[i]), cell(r.Region[i]), cell(r.Top[i])})
	}
	return t
}

// IndicatorTable lists the year's indicators with the national median.
func (p *Profile) IndicatorTable(lang string, ref *Reference) *Table {
	t := &Table{Title: fmt.Sprintf(tr(lang, "%s: các chỉ tiêu năm %d", "%s: indicators, %d"), p.Province.NameVI, p.Year)}
	t.Columns = []Column{
		{Key: "subindex", Label: tr(lang, "Chỉ số thành phần", "Sub-index"), Kind: KindText},
		{Key: "indicator_code", Label: tr(lang, "Mã chỉ tiêu", "Indicator code"), Kind: KindCode},
		{Key: "indicator_name", Label: tr(lang, "Chỉ tiêu (như VCCI công bố)", "Indicator (as published by VCCI)"), Kind: KindText},
		{Key: "value", Label: tr(lang, "Giá trị", "Value"), Kind: KindNumber},
		{Key: "national_median", Label: tr(lang, "Trung vị cả nước", "National median"), Kind: KindNumber},
	}
	names := map[string]string{}
	for _, s := range ref.SubindicesOf(p.Year) {
		names[s.Key] = tr(lang, s.NameVI, s.NameEN)
	}
	for _, r := range p.Indicators {
		row := []Cell{textCell(names[r.Subindex]), textCell(r.Code), textCell(r.Name), {}, {}}
		if r.Value != nil {
			row[3] = numCell(*r.Value)
		}
		if r.Median != nil {
			row[4] = numCell(*r.Median)
		}
		t.Rows = append(t.Rows, row)
	}
	if len(p.Indicators) > 0 {
		t.Notes = []string{tr(lang, "Mã chỉ tiêu dạng <chỉ số>_<số thứ tự> chỉ ổn định trong một năm công bố; so sánh giữa các năm theo tên chỉ tiêu.",
			"Codes of the form <sub-index>_<nn> are stable within one release only; compare years by indicator name.")}
	}
	return t
}
