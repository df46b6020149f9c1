package portal

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/export"
)

// parseCompare reads the compare tool's query: p=10,01,79 (or p repeated,
// as a form submits it), chart, measure, subindex, indicator, year, gen.
func parseCompare(c *gin.Context) (dashboards.CompareQuery, error) {
	q := dashboards.CompareQuery{
		Gen:       c.Query("gen"),
		Chart:     c.Query("chart"),
		Measure:   c.Query("measure"),
		Subindex:  c.Query("subindex"),
		Indicator: c.Query("indicator"),
	}
	for _, v := range c.QueryArray("p") {
		q.Codes = append(q.Codes, strings.Split(v, ",")...)
	}
	var err error
	q.Year, err = parseYear(c.Query("year"))
	return q, err
}

// compareData is shared by the page, its downloads and the API.
func (s *server) compareData(c *gin.Context) (*dashboards.Compare, *dashboards.Reference, dashboards.CompareQuery, error) {
	q, err := parseCompare(c)
	if err != nil {
		return nil, nil, q, err
	}
	ref, err := s.ref(c)
	if err != nil {
		return nil, nil, q, err
	}
	nq, err := q.Normalize(ref)
	if err != nil {
		return nil, ref, q, dashErr(err)
	}
	cmp, err := dashboards.PCICompare(c.Request.Context(), s.db, ref, nq)
	if err != nil {
		return nil, ref, nq, dashErr(err)
	}
	return cmp, ref, cmp.Query, nil
}

type comparePage struct {
	layout
	Error      string
	Query      dashboards.CompareQuery
	GenOptions []option
	Provinces  []option
	Charts     []option
	Measures   []option
	Subindices []option
	Indicators []option // the chosen sub-index's indicators in the chosen year
	Years      []option
	Chart      *chartView
	Table      *tableView
	Downloads  []download
	APIHref    string
	Sample     bool
	Max        int
}

type option struct {
	Value, Label string
	Selected     bool
	Href         string
}

// pciCompare serves GET /pci/compare: the chart and table of up to six
// provinces. Every choice is in the URL; a form submission (p repeated, or
// the form's indicator_of) is redirected to the canonical URL so that what
// the address bar shows reproduces the view.
func (s *server) pciCompare(c *gin.Context) {
	lang := pageLang(c)
	if len(c.QueryArray("p")) > 1 || c.Query("indicator_of") != "" {
		q, _ := parseCompare(c)
		// The indicator list belongs to the sub-index the form was drawn
		// with: a reader who picked another sub-index wants its score.
		if of := c.Query("indicator_of"); of != "" && of != q.Subindex {
			q.Indicator = ""
		}
		c.Redirect(http.StatusSeeOther, withLangQuery("/pci/compare", compareQuery(q), lang))
		return
	}
	cmp, ref, q, err := s.compareData(c)
	status := http.StatusOK
	p := comparePage{layout: newLayout(c, lang, messages[lang]["compare_title"], "/pci/ranking"), Max: dashboards.MaxCompare}
	p.ChartScripts = true
	if err != nil {
		var he *httpError
		if ref == nil || !errors.As(err, &he) || he.Status != http.StatusBadRequest {
			s.fail(c, err)
			return
		}
		status = he.Status
		p.Error = he.VI
		if lang == "en" {
			p.Error = he.EN
		}
	}
	if cmp != nil {
		p.Title = cmp.Title(lang)
		ch, err := newChartView(cmp.Chart(lang))
		if err != nil {
			s.fail(c, err)
			return
		}
		p.Chart = ch
		tv := newTableView(cmp.Table(lang), lang, s.provinceLink(q.Gen, lang))
		p.Table = &tv
		p.Downloads = downloads("/pci/compare", cmp.Query.Encode())
		p.APIHref = "/api/v1/pci/compare?" + cmp.Query.Encode()
		p.Sample = len(cmp.SampleYears) > 0
		p.AltLangHref = withLangQuery("/pci/compare", cmp.Query.Encode(), p.AltLang)
	}
	p.Query = q
	s.compareForm(c, &p, ref, cmp, lang)
	s.render(c, status, "pci_compare", p)
}

// compareQuery encodes a query that may not have passed validation (the
// form's own choices, kept so the reader can correct them).
func compareQuery(q dashboards.CompareQuery) string {
	parts := []string{"p=" + urlEscape(strings.Join(q.Codes, ","))}
	for _, kv := range [][2]string{{"chart", q.Chart}, {"measure", q.Measure}, {"subindex", q.Subindex}, {"gen", q.Gen}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+urlEscape(kv[1]))
		}
	}
	if q.Year != 0 {
		parts = append(parts, "year="+strconv.Itoa(q.Year))
	}
	if q.Indicator != "" {
		parts = append(parts, "indicator="+urlEscape(q.Indicator))
	}
	return strings.Join(parts, "&")
}

func withLangQuery(path, query, lang string) string {
	if lang == "en" {
		query += "&lang=en"
	}
	return path + "?" + query
}

func (s *server) compareForm(c *gin.Context, p *comparePage, ref *dashboards.Reference, cmp *dashboards.Compare, lang string) {
	if ref == nil {
		return
	}
	q := p.Query
	gen := q.Gen
	if gen != dashboards.Gen2025 {
		gen = dashboards.GenPre2025
	}
	for _, g := range []struct{ gen, vi, en string }{
		{dashboards.GenPre2025, "63 tỉnh, thành phố (đến 30/6/2025)", "63 provinces (to 30 June 2025)"},
		{dashboards.Gen2025, "34 tỉnh, thành phố (từ 1/7/2025)", "34 provinces (from 1 July 2025)"},
	} {
		o := option{Value: g.gen, Label: tr(lang, g.vi, g.en), Selected: g.gen == gen}
		other := q
		other.Gen, other.Codes = g.gen, convertCodes(ref, q.Codes, gen, g.gen)
		o.Href = withLangQuery("/pci/compare", compareQuery(other), lang)
		p.GenOptions = append(p.GenOptions, o)
	}
	for _, pr := range ref.Provinces(gen) {
		label := pr.NameVI
		if gen == dashboards.Gen2025 && len(pr.Predecessors) > 1 {
			var names []string
			for _, x := range pr.Predecessors {
				names = append(names, x.NameVI)
			}
			label += " (" + strings.Join(names, " + ") + ")"
		}
		p.Provinces = append(p.Provinces, option{Value: pr.Code, Label: label, Selected: slices.Contains(q.Codes, pr.Code)})
	}
	chartNames := map[string][2]string{
		dashboards.ChartLine: {"Đường theo năm", "Line over years"}, dashboards.ChartBar: {"Cột một năm", "Bars for a year"},
		dashboards.ChartRadar: {"Radar các chỉ số thành phần", "Radar of sub-indices"}, dashboards.ChartTable: {"Chỉ bảng", "Table only"},
	}
	for _, k := range dashboards.Charts {
		p.Charts = append(p.Charts, option{Value: k, Label: tr(lang, chartNames[k][0], chartNames[k][1]), Selected: k == q.Chart || (q.Chart == "" && k == dashboards.ChartLine)})
	}
	measureNames := map[string][2]string{
		dashboards.MeasureScore: {"Điểm", "Score"}, dashboards.MeasureRank: {"Thứ hạng", "Rank"},
		dashboards.MeasureDiffMedian: {"Chênh lệch so với trung vị cả nước", "Difference from the national median"},
	}
	for _, k := range dashboards.Measures {
		p.Measures = append(p.Measures, option{Value: k, Label: tr(lang, measureNames[k][0], measureNames[k][1]), Selected: k == q.Measure || (q.Measure == "" && k == dashboards.MeasureScore)})
	}
	p.Subindices = append(p.Subindices, option{Value: dashboards.Composite, Label: tr(lang, "Điểm PCI tổng hợp", "PCI composite"), Selected: q.Subindex == "" || q.Subindex == dashboards.Composite})
	for _, si := range ref.SubindexKeys() {
		p.Subindices = append(p.Subindices, option{Value: si.Key, Label: tr(lang, si.NameVI, si.NameEN), Selected: si.Key == q.Subindex})
	}
	var years []int
	if cmp != nil {
		years = cmp.Years
	} else if ys, err := s.years(c); err == nil {
		years = ys
	}
	for i := len(years) - 1; i >= 0; i-- {
		y := years[i]
		p.Years = append(p.Years, option{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == q.Year})
	}
	// Indicators once a sub-index is chosen, from the chosen (else latest) year.
	if _, ok := ref.Subindex(q.Subindex); ok && len(years) > 0 {
		y := q.Year
		if !slices.Contains(years, y) {
			y = years[len(years)-1]
		}
		list, err := dashboards.PCIIndicators(c.Request.Context(), s.db, y, q.Subindex)
		if err != nil {
			return
		}
		p.Indicators = append(p.Indicators, option{Value: "", Label: messages[lang]["indicator_none"], Selected: q.Indicator == ""})
		for _, ind := range list {
			p.Indicators = append(p.Indicators, option{Value: ind.Code, Label: ind.Label(), Selected: ind.Code == q.Indicator})
		}
	}
}

// convertCodes carries a selection to the other generation through the
// crosswalk: an old province to the 2025 province it became part of, a
// 2025 province to its predecessors (at most MaxCompare).
func convertCodes(ref *dashboards.Reference, codes []string, from, to string) []string {
	if from == to {
		return codes
	}
	var out []string
	add := func(c string) {
		if !slices.Contains(out, c) && len(out) < dashboards.MaxCompare {
			out = append(out, c)
		}
	}
	for _, code := range codes {
		p, ok := ref.Province(from, code)
		if !ok {
			continue
		}
		if to == dashboards.Gen2025 {
			for _, succ := range p.Successors {
				add(succ)
			}
			if p.MergedInto != nil {
				if m, ok := ref.Province(dashboards.GenPre2025, p.MergedInto.Code); ok {
					for _, succ := range m.Successors {
						add(succ)
					}
				}
			}
			continue
		}
		for _, pre := range p.Predecessors {
			if pre.MergedInto == nil {
				add(pre.Code)
			}
		}
	}
	return out
}

func (s *server) years(c *gin.Context) ([]int, error) {
	r, err := dashboards.PCIYears(c.Request.Context(), s.db)
	return r, err
}

// provinceLink links a table row to the province's profile (63 view).
func (s *server) provinceLink(gen, lang string) func(row []dashboards.Cell) string {
	return func(row []dashboards.Cell) string {
		if gen != dashboards.GenPre2025 || len(row) < 1 || row[0].Text == "" {
			return ""
		}
		return withLang("/pci/province/"+row[0].Text, url.Values{}, lang)
	}
}

// pciCompareDownload serves /pci/compare.{csv,xlsx,ods,json}.
func (s *server) pciCompareDownload(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		cmp, _, _, err := s.compareData(c)
		if err != nil {
			s.fail(c, err)
			return
		}
		lang := pageLang(c)
		t := cmp.Table(lang)
		s.serveTable(c, format, "pci_so_sanh", t, tableMeta{
			Source: pciSource, Title: t.Title, ViewURL: "/pci/compare?" + cmp.Query.Encode(), Sample: len(cmp.SampleYears) > 0,
			Filters: [][2]string{{"p", strings.Join(cmp.Query.Codes, ",")}, {"chart", cmp.Query.Chart}, {"measure", cmp.Query.Measure},
				{"subindex", cmp.Query.Subindex}, {"indicator", cmp.Query.Indicator}, {"year", strconv.Itoa(cmp.Query.Year)}, {"gen", cmp.Query.Gen}},
			Chart: compareChart(cmp, t),
		})
	}
}

func tr(lang, vi, en string) string {
	if lang == "en" {
		return en
	}
	return vi
}

// urlEscape escapes a query value but keeps commas, which separate codes.
func urlEscape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "%2C", ",") }

// compareChart is the native xlsx chart of the view, drawn the way the page
// draws it: a line per province over the years, bars by province for a
// year, a radar shape per province over the sub-indices; none for a table
// (or a rank radar, which the page does not draw either). Ranks read best
// at the top.
func compareChart(cmp *dashboards.Compare, t *dashboards.Table) *export.ChartSpec {
	q := cmp.Query
	if q.Chart == dashboards.ChartTable || (q.Chart == dashboards.ChartRadar && q.Measure == dashboards.MeasureRank) {
		return nil
	}
	spec := &export.ChartSpec{Kind: q.Chart, Category: "province", ReverseValueAxis: q.Measure == dashboards.MeasureRank,
		SeriesByRow: q.Chart != dashboards.ChartBar}
	for _, col := range t.Columns {
		if col.Kind == dashboards.KindNumber || col.Kind == dashboards.KindInteger {
			spec.Series = append(spec.Series, col.Key)
		}
	}
	if len(spec.Series) == 0 || len(t.Rows) == 0 {
		return nil
	}
	return spec
}
