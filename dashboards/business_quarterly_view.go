package dashboards

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// BizSource is the source line of the business views.
const BizSource = "Sở KH&ĐT Lào Cai — đăng ký doanh nghiệp"

func bizSourceLine(lang string, sample bool) string {
	s := tr(lang, "Nguồn: ", "Source: ") + BizSource
	if sample {
		s += tr(lang, " · có DỮ LIỆU MẪU, không phải số liệu chính thức", " · includes SAMPLE data, not official figures")
	}
	return s
}

// FilterLabel describes the filters ("" when none): the subtitle of charts
// and the title of tables say what they count.
func (d *BizDashboard) FilterLabel(lang string) string {
	q := d.Query
	var parts []string
	if q.Section != "" {
		parts = append(parts, tr(lang, "ngành ", "section ")+q.Section+" "+d.ref.Name(BySection, q.Section, lang))
	}
	if q.Form != "" {
		parts = append(parts, d.ref.Name(ByForm, q.Form, lang))
	}
	if q.District != "" {
		parts = append(parts, d.ref.Name(ByDistrict, q.District, lang)+tr(lang, " (trước 1/7/2025)", " (before 1 July 2025)"))
	}
	if q.Commune != "" {
		parts = append(parts, d.ref.Name(ByCommune, q.Commune, lang)+tr(lang, " (từ 1/7/2025)", " (from 1 July 2025)"))
	}
	return strings.Join(parts, " · ")
}

func (d *BizDashboard) sample() bool { return len(d.SampleQuarters()) > 0 }

// Title of the dashboard's series.
func (d *BizDashboard) Title(lang string) string {
	t := fmt.Sprintf(tr(lang, "Đăng ký doanh nghiệp tỉnh Lào Cai theo quý, %s–%s", "Business registrations in Lào Cai by quarter, %s–%s"), d.Query.From, d.Query.To)
	if f := d.FilterLabel(lang); f != "" {
		t += " — " + f
	}
	return t
}

// BreakdownTitle is the title of the breakdown of the chosen quarter.
func (d *BizDashboard) BreakdownTitle(lang string) string {
	t := fmt.Sprintf(tr(lang, "Quý %s theo %s", "%s by %s"), d.Query.Quarter, lowerFirst(DimensionLabel(d.Query.By, lang)))
	if f := d.FilterLabel(lang); f != "" {
		t += " — " + f
	}
	return t
}

func (d *BizDashboard) categories() []string {
	var out []string
	for _, q := range d.Series() {
		out = append(out, q.Quarter)
	}
	return out
}

func figureData(v Figure, scale float64) any {
	if !v.Known {
		return dash
	}
	if scale != 1 {
		return roundTo(float64(v.Value)/scale, 3)
	}
	return v.Value
}

// CountsChart: bars of the quarter's events (new, dissolved, suspended,
// resumed); a quarter whose changes cannot be placed has no bar for them.
func (d *BizDashboard) CountsChart(lang string) *Chart {
	o := newOption(tr(lang, "Thành lập mới, giải thể, tạm ngừng, quay lại hoạt động", "New, dissolved, suspended, resumed"),
		bizSubtitle(d, lang), lang)
	o.Legend = &opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "50"}
	o.XAxis = []opts.XAxis{{Type: "category", Data: d.categories()}}
	o.YAxis = []opts.YAxis{{Type: "value", Name: tr(lang, "doanh nghiệp", "enterprises"), Min: 0}}
	for _, m := range []Metric{MetricNew, MetricDissolved, MetricSuspended, MetricResumed} {
		var data []opts.BarData
		for _, q := range d.Series() {
			data = append(data, opts.BarData{Value: figureData(q.Figures[m], 1)})
		}
		o.Series = append(o.Series, charts.SingleSeries{Name: m.Name(lang), Type: "bar", Data: data, BarMaxWidth: "40"})
	}
	return &Chart{ID: "biz-counts", Option: o}
}

// StockChart: a line of the active enterprises at each quarter's end.
func (d *BizDashboard) StockChart(lang string) *Chart {
	return d.lineChart("biz-active", MetricActive, 1, tr(lang, "doanh nghiệp", "enterprises"), lang)
}

// CapitalChart: a line of the registered capital of new enterprises, in
// billions of đồng (the tables keep đồng).
func (d *BizDashboard) CapitalChart(lang string) *Chart {
	return d.lineChart("biz-capital", MetricCapital, 1e9, tr(lang, "tỷ đồng", "billion VND"), lang)
}

func (d *BizDashboard) lineChart(id string, m Metric, scale float64, unit, lang string) *Chart {
	name := m.Name(lang)
	if scale != 1 {
		name = tr(lang, "Vốn đăng ký của doanh nghiệp mới", "Registered capital of new enterprises") + " (" + unit + ")"
	}
	o := newOption(name, bizSubtitle(d, lang), lang)
	o.Legend = nil
	o.XAxis = []opts.XAxis{{Type: "category", Data: d.categories()}}
	o.YAxis = []opts.YAxis{{Type: "value", Name: unit, Scale: opts.Bool(true)}}
	var data []opts.LineData
	for _, q := range d.Series() {
		data = append(data, opts.LineData{Value: figureData(q.Figures[m], scale)})
	}
	o.Series = []charts.SingleSeries{{Name: name, Type: "line", Data: data, ConnectNulls: opts.Bool(false), Symbol: "circle", SymbolSize: 7}}
	return &Chart{ID: id, Option: o}
}

func bizSubtitle(d *BizDashboard, lang string) string {
	s := bizSourceLine(lang, d.sample())
	if f := d.FilterLabel(lang); f != "" {
		s = f + " · " + s
	}
	return s
}

// MaxBreakdownBars is the most groups the breakdown chart draws (the table
// has them all).
const MaxBreakdownBars = 20

// BreakdownChart: horizontal bars of the chosen quarter's new registrations
// by group, most first.
func (d *BizDashboard) BreakdownChart(lang string) *Chart {
	title := fmt.Sprintf(tr(lang, "Đăng ký thành lập mới quý %s theo %s", "New registrations, %s, by %s"), d.Query.Quarter, lowerFirst(DimensionLabel(d.Query.By, lang)))
	rows := d.Breakdown
	if len(rows) > MaxBreakdownBars {
		rows = rows[:MaxBreakdownBars]
		title += fmt.Sprintf(tr(lang, " (%d đơn vị nhiều nhất)", " (top %d)"), MaxBreakdownBars)
	}
	sub := bizSourceLine(lang, d.sample())
	if f := d.FilterLabel(lang); f != "" {
		sub = f + " · " + sub
	}
	o := newOption(title, sub, lang)
	o.Legend = nil
	var names []string
	var data, prev []opts.BarData
	withPrev := len(rows) > 0 && rows[0].PrevYear.Known // known for every row or none
	for _, r := range rows {
		names = append(names, d.ref.Name(d.Query.By, r.Code, lang))
		data = append(data, opts.BarData{Value: r.Figures[MetricNew].Value})
		prev = append(prev, opts.BarData{Value: r.PrevYear.Value})
	}
	o.YAxis = []opts.YAxis{{Type: "category", Data: names, Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0"}}}
	o.XAxis = []opts.XAxis{{Type: "value", Min: 0}}
	o.Series = []charts.SingleSeries{{Name: d.Query.Quarter, Type: "bar", Data: data, BarMaxWidth: "24"}}
	if withPrev {
		// the same quarter a year earlier, beside each bar, in grey
		o.Legend = &opts.Legend{Show: opts.Bool(true), Top: "50"}
		o.Series = append(o.Series, charts.SingleSeries{Name: YearBefore(d.Query.Quarter), Type: "bar", Data: prev, BarMaxWidth: "24", Color: medianColor})
	}
	return &Chart{ID: "biz-breakdown", Option: o}
}

func yoyColumn(m Metric, lang string) Column {
	return Column{Key: Metrics[m].Key + "_yoy_pct",
		Label: m.Name(lang) + tr(lang, " — so với cùng kỳ năm trước (%)", " — change on a year earlier (%)"), Kind: KindNumber}
}

func figureCell(f Figure) Cell {
	if !f.Known {
		return Cell{}
	}
	return numCell(float64(f.Value))
}

// SeriesTable: one row per quarter of the range, each figure with its
// year-on-year change in per cent.
func (d *BizDashboard) SeriesTable(lang string) *Table {
	t := &Table{Title: d.Title(lang)}
	t.Columns = append(t.Columns, Column{Key: "quarter", Label: tr(lang, "Quý", "Quarter"), Kind: KindCode})
	for m := range Metric(MetricCount) {
		t.Columns = append(t.Columns, Column{Key: Metrics[m].Key, Label: m.Name(lang), Kind: KindCount}, yoyColumn(m, lang))
	}
	for _, q := range d.Series() {
		row := []Cell{textCell(q.Quarter)}
		for m := range Metric(MetricCount) {
			row = append(row, figureCell(q.Figures[m]))
			if c, ok := d.YoY(q.Quarter, m); ok && c.HasPct {
				row = append(row, numCell(c.Pct))
			} else {
				row = append(row, Cell{})
			}
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = d.notes(lang)
	return t
}

// BreakdownTable: one row per group of the chosen quarter, with new
// registrations a year earlier and the change.
func (d *BizDashboard) BreakdownTable(lang string) *Table {
	t := &Table{Title: d.BreakdownTitle(lang)}
	t.Columns = []Column{
		{Key: "code", Label: tr(lang, "Mã", "Code"), Kind: KindCode},
		{Key: "name", Label: DimensionLabel(d.Query.By, lang), Kind: KindText},
	}
	for m := range Metric(MetricCount) {
		t.Columns = append(t.Columns, Column{Key: Metrics[m].Key, Label: m.Name(lang), Kind: KindCount})
	}
	t.Columns = append(t.Columns,
		Column{Key: "new_share_pct", Label: tr(lang, "Tỷ trọng đăng ký mới (%)", "Share of new registrations (%)"), Kind: KindNumber},
		Column{Key: "new_count_year_before", Label: fmt.Sprintf(tr(lang, "Thành lập mới quý %s", "New registrations, %s"), YearBefore(d.Query.Quarter)), Kind: KindCount},
		yoyColumn(MetricNew, lang))
	cur, _ := d.Quarter(d.Query.Quarter)
	total := cur.Figures[MetricNew]
	for _, r := range d.Breakdown {
		row := []Cell{textCell(r.Code), textCell(d.ref.Name(d.Query.By, r.Code, lang))}
		for m := range Metric(MetricCount) {
			row = append(row, figureCell(r.Figures[m]))
		}
		if total.Value > 0 {
			row = append(row, numCell(float64(r.Figures[MetricNew].Value)*100/float64(total.Value)))
		} else {
			row = append(row, Cell{})
		}
		row = append(row, figureCell(r.PrevYear))
		if c, ok := change(r.Figures[MetricNew], r.PrevYear); ok && c.HasPct {
			row = append(row, numCell(c.Pct))
		} else {
			row = append(row, Cell{})
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = d.notes(lang)
	if d.Query.By == ByDistrict && d.Query.Quarter >= ReformQuarter {
		t.Notes = append(t.Notes, tr(lang, "Từ quý 3/2025 hồ sơ ghi địa chỉ theo xã, phường mới; huyện cũ chỉ xác định được khi xã mới nằm trọn trong một huyện cũ, còn lại thuộc dòng (không xác định). Nên xem theo xã, phường (từ 1/7/2025).",
			"From 2025Q3 the files give 2025 communes; the former district is known only where the commune lies within one, the rest count as (unknown). Prefer the breakdown by 2025 commune."))
		if YearBefore(d.Query.Quarter) < ReformQuarter {
			t.Notes = append(t.Notes, tr(lang, "Không so sánh từng huyện với cùng kỳ trước cải cách: hai kỳ không cùng phạm vi xác định huyện.",
				"Districts are not compared with the same quarter before the reform: the two do not know districts alike."))
		}
	}
	return t
}

func (d *BizDashboard) notes(lang string) []string {
	n := []string{
		tr(lang, "Thay đổi so với cùng kỳ: so với cùng quý năm trước; để trống khi quý đó chưa được nạp, số liệu chưa xác định hoặc bằng 0.",
			"Year-on-year: against the same quarter a year earlier; blank when that quarter is not loaded, a figure is unknown, or the earlier figure is 0."),
		tr(lang, "Giải thể, tạm ngừng, quay lại hoạt động chỉ xác định được khi có danh sách của quý đó và quý liền trước; số đang hoạt động cần danh sách cuối quý.",
			"Dissolved, suspended and resumed are known only when the quarter and the quarter before both have a register snapshot; the active count needs the quarter's snapshot."),
	}
	if s := d.SampleQuarters(); len(s) > 0 {
		n = append(n, fmt.Sprintf(tr(lang, "Các quý %s là DỮ LIỆU MẪU, không phải số liệu chính thức.", "Quarters %s are SAMPLE data, not official figures."), strings.Join(s, ", ")))
	}
	return n
}

// lowerFirst lowers the first letter only, for a label inside a sentence
// ("by district (before 1 July 2025)").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
