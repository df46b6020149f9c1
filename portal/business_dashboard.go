package portal

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/export"
)

// The quarterly business-registration dashboard: GET /doanh-nghiep/thong-ke,
// its downloads and GET /api/v1/business/quarterly, all from one query.

const bizPath = "/doanh-nghiep/thong-ke"

// parseBiz reads the dashboard's query: from, to, q (the breakdown's
// quarter), by, section, form, district, commune.
func parseBiz(c *gin.Context) dashboards.BizQuery {
	return dashboards.BizQuery{From: c.Query("from"), To: c.Query("to"), Quarter: c.Query("q"), By: c.Query("by"),
		Section: c.Query("section"), Form: c.Query("form"), District: c.Query("district"), Commune: c.Query("commune")}
}

// bizData is shared by the page, its downloads and the API.
func (s *server) bizData(c *gin.Context) (*dashboards.BizDashboard, *dashboards.BizReference, dashboards.BizQuery, error) {
	q := parseBiz(c)
	ref, err := dashboards.BizReferenceCached(c.Request.Context(), s.db)
	if err != nil {
		return nil, nil, q, err
	}
	nq, err := q.Normalize(ref)
	if err != nil {
		return nil, ref, q, bizErr(err)
	}
	d, err := dashboards.BusinessQuarterlyCached(c.Request.Context(), s.db, ref, nq, s.now())
	if err != nil {
		return nil, ref, nq, bizErr(err)
	}
	return d, ref, d.Query, nil
}

func bizErr(err error) error {
	if errors.Is(err, dashboards.ErrNotFound) {
		return notFound("Chưa có số liệu đăng ký doanh nghiệp nào được nạp", "No business register has been loaded yet")
	}
	return dashErr(err)
}

type bizPage struct {
	layout
	Error      string
	Query      dashboards.BizQuery
	From, To   []option
	Quarters   []option
	Dims       []option
	Sections   []option
	Forms      []option
	Districts  []option
	Communes   []option
	KPIs       []kpi
	Charts     []*chartView
	Breakdown  *chartView
	Series     *tableView
	ByTable    *tableView
	SeriesDL   []download
	ByDL       []download
	APIHref    string
	Sample     bool
	Fresh      *freshView
	SearchHref string
}

// kpi is one figure of the chosen quarter with its year-on-year change.
type kpi struct {
	Label, Value, Change string
	Up, Down, None       bool
}

type freshView struct {
	Latest, AsOf, LoadedAt, DueBy, Completed string
	Overdue, DuePassed                       bool
	Behind                                   int
}

// bizDashboard serves GET /doanh-nghiep/thong-ke.
func (s *server) bizDashboard(c *gin.Context) {
	lang := pageLang(c)
	d, ref, q, err := s.bizData(c)
	status := http.StatusOK
	p := bizPage{layout: newLayout(c, lang, messages[lang]["biz_title"], bizPath)}
	p.ChartScripts = true
	p.SiteSub = messages[lang]["biz_site_sub"]
	p.FooterSource = dashboards.BizSource
	p.SearchHref = withLang("/doanh-nghiep/tra-cuu", url.Values{}, lang)
	if err != nil {
		var he *httpError
		if ref == nil || !errors.As(err, &he) || he.Status != http.StatusBadRequest {
			s.fail(c, err)
			return
		}
		status = he.Status
		p.Error = tr(lang, he.VI, he.EN)
	}
	p.Query = q
	if d != nil {
		if err := s.bizFill(&p, d, lang); err != nil {
			s.fail(c, err)
			return
		}
	}
	bizForm(&p, ref, d, lang)
	s.render(c, status, "business_dashboard", p)
}

func (s *server) bizFill(p *bizPage, d *dashboards.BizDashboard, lang string) error {
	enc := d.Query.Encode()
	p.Title = d.Title(lang)
	for _, ch := range []*dashboards.Chart{d.CountsChart(lang), d.StockChart(lang), d.CapitalChart(lang)} {
		cv, err := newChartView(ch)
		if err != nil {
			return err
		}
		p.Charts = append(p.Charts, cv)
	}
	if len(d.Breakdown) > 0 {
		cv, err := newChartView(d.BreakdownChart(lang))
		if err != nil {
			return err
		}
		p.Breakdown = cv
	}
	st := newTableView(d.SeriesTable(lang), lang, nil)
	p.Series = &st
	bt := newTableView(d.BreakdownTable(lang), lang, nil)
	p.ByTable = &bt
	p.SeriesDL = downloads(bizPath, enc)
	p.ByDL = downloads(bizPath, enc+"&table=breakdown")
	p.APIHref = "/api/v1/business/quarterly?" + enc
	p.Sample = len(d.SampleQuarters()) > 0
	p.AltLangHref = withLangQuery(bizPath, enc, p.AltLang)

	// The chosen quarter's figures, with the change on a year earlier.
	if cur, ok := d.Quarter(d.Query.Quarter); ok {
		for m := range dashboards.Metric(len(dashboards.Metrics)) {
			f := cur.Figures[m]
			k := kpi{Label: m.Name(lang), Value: "—", None: true}
			if f.Known {
				k.Value = formatCount(float64(f.Value), lang)
				if m == dashboards.MetricCapital {
					k.Label = tr(lang, "Vốn đăng ký mới (tỷ đồng)", "New registered capital (billion VND)")
					k.Value = formatGrouped(float64(f.Value)/1e9, 1, lang)
				}
			}
			if c, ok := d.YoY(d.Query.Quarter, m); ok && c.HasPct {
				k.None = false
				k.Up, k.Down = c.Diff > 0, c.Diff < 0
				sign := ""
				if c.Diff > 0 {
					sign = "+"
				}
				k.Change = fmt.Sprintf(tr(lang, "%s%s%% so với %s", "%s%s%% vs %s"), sign, formatNumber(c.Pct, 1, lang), dashboards.YearBefore(d.Query.Quarter))
			} else {
				k.Change = fmt.Sprintf(tr(lang, "không có số liệu so sánh %s", "no figure for %s to compare"), dashboards.YearBefore(d.Query.Quarter))
			}
			p.KPIs = append(p.KPIs, k)
		}
	}
	fr := d.Freshness
	p.Fresh = &freshView{Latest: fr.Latest, AsOf: fr.AsOf.Format("02/01/2006"), LoadedAt: fr.LoadedAt.In(dashboards.ICT).Format("02/01/2006 15:04"),
		DueBy: fr.DueBy.In(dashboards.ICT).Format("02/01/2006"), Completed: fr.Completed, Overdue: fr.Overdue, Behind: fr.Behind,
		DuePassed: s.now().After(fr.DueBy)}
	return nil
}

// bizForm fills the form's choices, keeping the reader's own (even
// invalid) choices selected where they exist.
func bizForm(p *bizPage, ref *dashboards.BizReference, d *dashboards.BizDashboard, lang string) {
	q := p.Query
	if d != nil {
		for i := len(d.All) - 1; i >= 0; i-- {
			x := d.All[i].Quarter
			p.From = append(p.From, option{Value: x, Label: x, Selected: x == q.From})
			p.To = append(p.To, option{Value: x, Label: x, Selected: x == q.To})
			p.Quarters = append(p.Quarters, option{Value: x, Label: x, Selected: x == q.Quarter})
		}
	}
	for _, by := range dashboards.Dimensions {
		p.Dims = append(p.Dims, option{Value: by, Label: dashboards.DimensionLabel(by, lang), Selected: by == q.By})
	}
	if ref == nil {
		return
	}
	list := func(items []dashboards.RefItem, sel string, withCode bool) []option {
		out := []option{{Value: "", Label: tr(lang, "Tất cả", "All"), Selected: sel == ""}}
		for _, it := range items {
			label := it.Name(lang)
			if withCode {
				label = it.Code + " — " + label
			}
			out = append(out, option{Value: it.Code, Label: label, Selected: strings.EqualFold(it.Code, sel)})
		}
		return out
	}
	p.Sections = list(ref.SectionList, q.Section, true)
	p.Forms = list(ref.FormList, q.Form, false)
	p.Districts = list(ref.DistrictList, q.District, false)
	p.Communes = list(ref.CommuneList, q.Commune, false)
}

// bizDownload serves /doanh-nghiep/thong-ke.{csv,xlsx,ods,json}: the
// quarterly table, or with table=breakdown the breakdown of the quarter.
func (s *server) bizDownload(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		d, _, _, err := s.bizData(c)
		if err != nil {
			s.fail(c, err)
			return
		}
		lang := pageLang(c)
		q := d.Query
		filters := [][2]string{{"from", q.From}, {"to", q.To}, {"q", q.Quarter}, {"by", q.By},
			{"section", q.Section}, {"form", q.Form}, {"district", q.District}, {"commune", q.Commune}}
		meta := tableMeta{Source: dashboards.BizSource, ViewURL: bizPath + "?" + q.Encode(), Filters: filters, Sample: len(d.SampleQuarters()) > 0}
		switch c.Query("table") {
		case "", "quarters":
			t := d.SeriesTable(lang)
			meta.Title = t.Title
			meta.Chart = bizSeriesChart()
			s.serveTable(c, format, "dang_ky_doanh_nghiep_theo_quy", t, meta)
		case "breakdown":
			t := d.BreakdownTable(lang)
			meta.Title = t.Title
			meta.Filters = append(meta.Filters, [2]string{"table", "breakdown"})
			meta.Chart = bizBreakdownChart()
			s.serveTable(c, format, "dang_ky_doanh_nghiep_"+q.Quarter+"_"+q.By, t, meta)
		default:
			s.fail(c, invalid(fmt.Sprintf("Bảng không hợp lệ: %q (quarters hoặc breakdown)", cutQ(c.Query("table"))),
				fmt.Sprintf("Invalid table: %q (quarters or breakdown)", cutQ(c.Query("table")))))
		}
	}
}

// bizSeriesChart: the xlsx's native chart of the quarterly table, bars of
// the quarter's events as on the page.
func bizSeriesChart() *export.ChartSpec {
	return &export.ChartSpec{Kind: "bar", Category: "quarter", Series: []string{"new_count", "dissolved_count", "suspended_count", "resumed_count"}}
}

// bizBreakdownChart: the breakdown's new registrations by group.
func bizBreakdownChart() *export.ChartSpec {
	return &export.ChartSpec{Kind: "bar", Category: "name", Series: []string{"new_count"}}
}

func cutQ(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}
