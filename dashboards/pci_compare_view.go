package dashboards

import (
	"fmt"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// MeasureLabel names a measure of a sub-index for people.
func MeasureLabel(measure string, sub SubindexInfo, lang string) string {
	name := sub.NameVI
	if lang == "en" {
		name = sub.NameEN
	}
	switch measure {
	case MeasureRank:
		return tr(lang, "Thứ hạng — ", "Rank — ") + name
	case MeasureDiffMedian:
		return tr(lang, "Chênh lệch so với trung vị cả nước — ", "Difference from the national median — ") + name
	}
	return name
}

// Title of the compare view.
func (c *Compare) Title(lang string) string {
	q := c.Query
	switch q.Chart {
	case ChartRadar:
		return fmt.Sprintf(tr(lang, "Các chỉ số thành phần PCI %d", "PCI sub-indices, %d"), q.Year) + measureSuffix(q.Measure, lang)
	case ChartBar:
		return fmt.Sprintf("%s, %d", MeasureLabel(q.Measure, c.Subindices[0], lang), q.Year)
	}
	ys := c.ViewYears
	if len(ys) == 1 {
		return fmt.Sprintf("%s, %d", MeasureLabel(q.Measure, c.Subindices[0], lang), ys[0])
	}
	return MeasureLabel(q.Measure, c.Subindices[0], lang) + fmt.Sprintf(", %d–%d", ys[0], ys[len(ys)-1])
}

// key is the figures' key in the series: the sub-index (or composite), or
// the indicator's code.
func (c *Compare) key() string {
	if c.Query.Indicator != "" {
		return c.Query.Indicator
	}
	return c.Query.Subindex
}

func measureSuffix(m, lang string) string {
	switch m {
	case MeasureRank:
		return tr(lang, " — thứ hạng", " — rank")
	case MeasureDiffMedian:
		return tr(lang, " — chênh lệch so với trung vị cả nước", " — difference from the national median")
	}
	return ""
}

// shown lists the series that have at least one figure in the view: a 2025
// province with no release of its own yet adds nothing but an empty line.
func (c *Compare) shown() []Series {
	var out []Series
	for _, s := range c.AllSeries() {
		if len(s.Points) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// medianShown: the national median is drawn for scores (as a difference it
// is 0 by definition, and ranks have none).
func (c *Compare) medianShown() bool { return c.Query.Measure == MeasureScore }

// Chart is the view's chart, or nil when the view has none (chart=table,
// or ranks asked for on a radar, which cannot invert its axes).
func (c *Compare) Chart(lang string) *Chart {
	q := c.Query
	if q.Chart == ChartTable || (q.Chart == ChartRadar && q.Measure == MeasureRank) {
		return nil
	}
	o := newOption(c.Title(lang), sourceLine(lang, len(c.SampleYears) > 0), lang)
	o.Legend = &opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "50"}
	switch q.Chart {
	case ChartLine:
		c.lineChart(&o, lang)
	case ChartBar:
		c.barChart(&o, lang)
	case ChartRadar:
		c.radarChart(&o, lang)
	}
	o.Footer(c.Table(lang).Notes)
	return &Chart{ID: "compare-chart", Option: o}
}

func (c *Compare) yAxis(lang string) opts.YAxis {
	y := opts.YAxis{Type: "value", Scale: opts.Bool(true)} // the title names the measure
	if c.Query.Measure == MeasureRank {
		y.Inverse = opts.Bool(true) // rank 1 at the top
		y.Min = 1
		y.Scale = nil
	}
	return y
}

func (c *Compare) lineChart(o *Option, lang string) {
	key := c.key()
	var years []string
	for _, y := range c.ViewYears {
		years = append(years, strconv.Itoa(y))
	}
	o.XAxis = []opts.XAxis{{Type: "category", Data: years}}
	o.YAxis = []opts.YAxis{c.yAxis(lang)}
	for i, s := range c.shown() {
		data := make([]opts.LineData, len(c.ViewYears))
		for j, y := range c.ViewYears {
			data[j] = opts.LineData{Value: dash}
			if p, ok := s.Point(y, key); ok {
				data[j].Value = num(p.Value(c.Query.Measure))
			}
		}
		ser := charts.SingleSeries{Name: c.Label(s, lang), Type: "line", Data: data, ConnectNulls: opts.Bool(false), Symbol: "circle", SymbolSize: 7}
		if i == 0 {
			ser.MarkAreas = periodAreas(c.ViewYears, lang)
		}
		o.Series = append(o.Series, ser)
	}
	if c.medianShown() {
		data := make([]opts.LineData, len(c.ViewYears))
		for j, y := range c.ViewYears {
			data[j] = opts.LineData{Value: dash}
			if m, ok := c.Medians[PointKey{y, key}]; ok {
				data[j].Value = num(m)
			}
		}
		o.Series = append(o.Series, charts.SingleSeries{Name: tr(lang, "Trung vị cả nước", "National median"), Type: "line", Data: data,
			Color: medianColor, LineStyle: &opts.LineStyle{Type: "dashed", Color: medianColor}, Symbol: "none"})
	}
}

// periodAreas shades the methodology periods the years span, so that a
// reader sees where the sub-indices and weights changed.
func periodAreas(years []int, lang string) *opts.MarkAreas {
	type span struct {
		label    string
		from, to int
	}
	spans := []span{{"2005", 2005, 2005}, {"2006–2008", 2006, 2008}, {"2009–2012", 2009, 2012}, {tr(lang, "2013 trở đi", "2013 on"), 2013, 9999}}
	ma := &opts.MarkAreas{MarkAreaStyle: opts.MarkAreaStyle{
		Label: &opts.Label{Show: opts.Bool(true), Position: "insideTop", Color: medianColor},
	}}
	for i, sp := range spans {
		first, last := 0, 0
		for _, y := range years {
			if y >= sp.from && y <= sp.to {
				if first == 0 {
					first = y
				}
				last = y
			}
		}
		if first == 0 {
			continue
		}
		color := "rgba(11,83,148,0.07)"
		if i%2 == 0 {
			color = "rgba(0,0,0,0.015)"
		}
		ma.Data = append(ma.Data, []opts.MarkAreaData{
			{Name: tr(lang, "Phương pháp ", "Method ") + sp.label, XAxis: strconv.Itoa(first),
				MarkAreaStyle: opts.MarkAreaStyle{ItemStyle: &opts.ItemStyle{Color: color}}},
			{XAxis: strconv.Itoa(last)},
		})
	}
	return ma
}

func (c *Compare) barChart(o *Option, lang string) {
	key, y := c.key(), c.Query.Year
	var names []string
	var data []opts.BarData
	for _, s := range c.shown() {
		names = append(names, c.Label(s, lang))
		d := opts.BarData{Value: dash}
		if p, ok := s.Point(y, key); ok {
			d.Value = num(p.Value(c.Query.Measure))
		}
		data = append(data, d)
	}
	o.XAxis = []opts.XAxis{{Type: "category", Data: names, AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 20}}}
	o.YAxis = []opts.YAxis{c.yAxis(lang)}
	o.Tooltip.Trigger = "axis"
	ser := charts.SingleSeries{Name: MeasureLabel(c.Query.Measure, c.Subindices[0], lang), Type: "bar", Data: data, ColorBy: "data", BarMaxWidth: "60"}
	if m, ok := c.Medians[PointKey{y, key}]; ok && c.medianShown() {
		ser.MarkLines = &opts.MarkLines{Data: []any{opts.MarkLineNameYAxisItem{Name: tr(lang, "Trung vị cả nước", "National median"), YAxis: num(m)}},
			MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"}, LineStyle: &opts.LineStyle{Type: "dashed", Color: medianColor},
				Label: &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: "{b}: {c}"}}}
	}
	o.Legend = nil
	o.Series = []charts.SingleSeries{ser}
}

func (c *Compare) radarChart(o *Option, lang string) {
	y := c.Query.Year
	lo, hi := 0.0, 10.0
	if c.Query.Measure == MeasureDiffMedian {
		m := 0.5
		for _, s := range c.shown() {
			for _, sub := range c.Subindices {
				if p, ok := s.Point(y, sub.Key); ok {
					m = math.Max(m, math.Abs(p.Value(MeasureDiffMedian)))
				}
			}
		}
		m = math.Ceil(m*2) / 2
		lo, hi = -m, m
	}
	rc := &opts.RadarComponent{Shape: "polygon", SplitNumber: 5, Center: []string{"50%", "58%"}}
	for _, sub := range c.Subindices {
		name := sub.NameVI
		if lang == "en" {
			name = sub.NameEN
		}
		rc.Indicator = append(rc.Indicator, &opts.Indicator{Name: name, Min: float32(lo), Max: float32(hi)})
	}
	o.Radar = rc
	o.Grid = nil
	o.Tooltip.Trigger = "item"
	var data []opts.RadarData
	for _, s := range c.shown() {
		vals := make([]any, len(c.Subindices))
		for i, sub := range c.Subindices {
			vals[i] = dash
			if p, ok := s.Point(y, sub.Key); ok {
				vals[i] = num(p.Value(c.Query.Measure))
			}
		}
		data = append(data, opts.RadarData{Name: c.Label(s, lang), Value: vals})
	}
	ser := charts.SingleSeries{Name: c.Title(lang), Type: "radar", Data: data, Symbol: "circle"}
	o.Series = []charts.SingleSeries{ser}
	if c.medianShown() {
		vals := make([]any, len(c.Subindices))
		for i, sub := range c.Subindices {
			vals[i] = dash
			if m, ok := c.Medians[PointKey{y, sub.Key}]; ok {
				vals[i] = num(m)
			}
		}
		o.Series = append(o.Series, charts.SingleSeries{Name: tr(lang, "Trung vị cả nước", "National median"), Type: "radar",
			Data:  []opts.RadarData{{Name: tr(lang, "Trung vị cả nước", "National median"), Value: vals}},
			Color: medianColor, LineStyle: &opts.LineStyle{Type: "dashed", Color: medianColor}, Symbol: "none"})
	}
}

// Table is the compare view's table: one row per series (and the national
// median for scores), one column per year (line, table), per sub-index
// (radar) or the value of the year (bar).
func (c *Compare) Table(lang string) *Table {
	q := c.Query
	t := &Table{Title: c.Title(lang)}
	if q.Gen == Gen2025 {
		t.Columns = append(t.Columns,
			Column{Key: "province_code_2025", Label: tr(lang, "Mã tỉnh (từ 1/7/2025)", "Province code (from 1 July 2025)"), Kind: KindCode},
			Column{Key: "province_2025", Label: tr(lang, "Tỉnh (từ 1/7/2025)", "Province (from 1 July 2025)"), Kind: KindText})
	}
	t.Columns = append(t.Columns,
		Column{Key: "province_code", Label: tr(lang, "Mã tỉnh", "Province code"), Kind: KindCode},
		Column{Key: "province", Label: tr(lang, "Tỉnh, thành phố", "Province"), Kind: KindText})
	kind := KindNumber
	if q.Measure == MeasureRank {
		kind = KindInteger
	}
	type col struct {
		year int
		key  string
	}
	var cols []col
	switch q.Chart {
	case ChartRadar:
		for _, s := range c.Subindices {
			cols = append(cols, col{q.Year, s.Key})
			label := s.NameVI
			if lang == "en" {
				label = s.NameEN
			}
			t.Columns = append(t.Columns, Column{Key: s.Key, Label: label, Kind: kind})
		}
	case ChartBar:
		cols = []col{{q.Year, c.key()}}
		t.Columns = append(t.Columns, Column{Key: strconv.Itoa(q.Year), Label: strconv.Itoa(q.Year), Kind: kind})
	default:
		for _, y := range c.ViewYears {
			cols = append(cols, col{y, c.key()})
			t.Columns = append(t.Columns, Column{Key: strconv.Itoa(y), Label: strconv.Itoa(y), Kind: kind})
		}
	}
	anyComputed := false
	for _, u := range c.Units {
		for _, s := range u.Series {
			if len(s.Points) == 0 {
				continue
			}
			var row []Cell
			if q.Gen == Gen2025 {
				row = append(row, textCell(u.Province.Code), textCell(u.Province.NameVI))
			}
			row = append(row, textCell(s.Province.Code), textCell(c.Label(s, lang)))
			for _, cl := range cols {
				p, ok := s.Point(cl.year, cl.key)
				if !ok {
					row = append(row, Cell{})
					continue
				}
				cell := numCell(p.Value(q.Measure))
				if q.Measure == MeasureRank && p.RankSource == "computed" {
					cell.Note = "computed"
					anyComputed = true
				}
				row = append(row, cell)
			}
			t.Rows = append(t.Rows, row)
		}
	}
	if c.medianShown() {
		var row []Cell
		if q.Gen == Gen2025 {
			row = append(row, Cell{}, Cell{})
		}
		row = append(row, Cell{}, textCell(tr(lang, "Trung vị cả nước", "National median")))
		for _, cl := range cols {
			if m, ok := c.Medians[PointKey{cl.year, cl.key}]; ok {
				row = append(row, numCell(m))
			} else {
				row = append(row, Cell{})
			}
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = c.notes(lang, anyComputed)
	return t
}

func (c *Compare) notes(lang string, anyComputed bool) []string {
	var n []string
	if c.Indicator != nil {
		n = append(n, c.indicatorNotes(lang)...)
	}
	if anyComputed && c.Indicator == nil {
		n = append(n, tr(lang, "Thứ hạng đánh dấu * do chúng tôi tính từ điểm (VCCI không công bố): điểm cao hơn xếp trên, bằng điểm cùng hạng.",
			"Ranks marked * are computed from the scores (not published by VCCI): higher scores first, ties share a rank."))
	}
	if c.Query.Chart != ChartRadar && c.Query.Chart != ChartBar {
		n = append(n, tr(lang, "Phương pháp PCI thay đổi năm 2006, 2009 và 2013 (bộ chỉ số thành phần và trọng số): so sánh qua các giai đoạn chỉ mang tính tham khảo.",
			"The PCI methodology changed in 2006, 2009 and 2013 (sub-indices and weights): compare across periods with care."))
	}
	if c.Query.Gen == Gen2025 {
		n = append(n, tr(lang, "Tỉnh sau sáp nhập (1/7/2025) hiển thị số liệu của từng tỉnh cũ cạnh nhau; không cộng gộp hay tính bình quân.",
			"A province merged on 1 July 2025 shows each former province's figures side by side; nothing is summed or averaged."))
	}
	if len(c.SampleYears) > 0 {
		n = append(n, fmt.Sprintf(tr(lang, "Năm %v là DỮ LIỆU MẪU, không phải số liệu chính thức.", "Years %v are SAMPLE data, not official figures."), c.SampleYears))
	}
	if c.Query.Chart == ChartRadar && c.Query.Measure == MeasureRank {
		n = append(n, tr(lang, "Biểu đồ radar không thể hiện thứ hạng (trục không đảo được); xem bảng.", "A radar cannot show ranks (its axes cannot be inverted); see the table."))
	}
	return n
}
