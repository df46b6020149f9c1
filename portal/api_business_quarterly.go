package portal

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/dashboards"
)

// apiBizQuarterly is the dashboard's figures at full precision. A figure
// that cannot be known is null; a year-on-year change is null when the same
// quarter a year earlier is not loaded (or a figure is unknown).
type apiBizQuarterly struct {
	Query     apiBizQuery      `json:"query"`
	ViewURL   string           `json:"view_url"`
	Source    string           `json:"source"`
	IsSample  bool             `json:"is_sample"`
	Freshness apiBizFreshness  `json:"freshness"`
	Quarters  []apiBizQuarter  `json:"quarters"`
	Breakdown []apiBizGroupRow `json:"breakdown"`
}

type apiBizQuery struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Quarter  string `json:"q"`
	By       string `json:"by"`
	Section  string `json:"section"`
	Form     string `json:"form"`
	District string `json:"district"`
	Commune  string `json:"commune"`
}

type apiBizFreshness struct {
	LatestQuarter    string `json:"latest_quarter"`
	AsOf             string `json:"as_of"`
	LoadedAt         string `json:"loaded_at"`
	DueBy            string `json:"due_by"`
	Overdue          bool   `json:"overdue"`
	LastEndedQuarter string `json:"last_ended_quarter"`
	QuartersBehind   int    `json:"quarters_behind"`
}

type apiBizQuarter struct {
	Quarter  string                `json:"quarter"`
	IsSample bool                  `json:"is_sample"`
	Figures  map[string]*int64     `json:"figures"`
	YoY      map[string]*apiBizYoY `json:"yoy"`
}

type apiBizYoY struct {
	YearBefore string   `json:"quarter_year_before"`
	Previous   int64    `json:"previous"`
	Change     int64    `json:"change"`
	ChangePct  *float64 `json:"change_pct"`
}

type apiBizGroupRow struct {
	Code               string            `json:"code"` // "" = not known
	Name               string            `json:"name"`
	Figures            map[string]*int64 `json:"figures"`
	NewCountYearBefore *int64            `json:"new_count_year_before"`
}

func apiFigures(f [dashboards.MetricCount]dashboards.Figure) map[string]*int64 {
	out := map[string]*int64{}
	for m, info := range dashboards.Metrics {
		if f[m].Known {
			v := f[m].Value
			out[info.Key] = &v
		} else {
			out[info.Key] = nil
		}
	}
	return out
}

// apiBusinessQuarterly serves GET /api/v1/business/quarterly: the same
// query as /doanh-nghiep/thong-ke.
func (s *server) apiBusinessQuarterly(c *gin.Context) {
	d, _, _, err := s.bizData(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	lang := pageLang(c)
	q := d.Query
	fr := d.Freshness
	out := apiBizQuarterly{
		Query:   apiBizQuery{From: q.From, To: q.To, Quarter: q.Quarter, By: q.By, Section: q.Section, Form: q.Form, District: q.District, Commune: q.Commune},
		ViewURL: bizPath + "?" + q.Encode(), Source: dashboards.BizSource, IsSample: len(d.SampleQuarters()) > 0,
		Freshness: apiBizFreshness{LatestQuarter: fr.Latest, AsOf: fr.AsOf.Format("2006-01-02"), LoadedAt: fr.LoadedAt.In(dashboards.ICT).Format("2006-01-02T15:04:05-07:00"),
			DueBy: fr.DueBy.In(dashboards.ICT).Format("2006-01-02T15:04:05-07:00"), Overdue: fr.Overdue,
			LastEndedQuarter: fr.Completed, QuartersBehind: fr.Behind},
		Quarters: []apiBizQuarter{}, Breakdown: []apiBizGroupRow{},
	}
	for _, x := range d.Series() {
		aq := apiBizQuarter{Quarter: x.Quarter, IsSample: x.Sample, Figures: apiFigures(x.Figures), YoY: map[string]*apiBizYoY{}}
		for m, info := range dashboards.Metrics {
			aq.YoY[info.Key] = nil
			if ch, ok := d.YoY(x.Quarter, dashboards.Metric(m)); ok {
				y := &apiBizYoY{YearBefore: dashboards.YearBefore(x.Quarter), Previous: ch.Prev, Change: ch.Diff}
				if ch.HasPct {
					pct := ch.Pct
					y.ChangePct = &pct
				}
				aq.YoY[info.Key] = y
			}
		}
		out.Quarters = append(out.Quarters, aq)
	}
	ref := d.Reference()
	for _, r := range d.Breakdown {
		row := apiBizGroupRow{Code: r.Code, Name: ref.Name(q.By, r.Code, lang), Figures: apiFigures(r.Figures)}
		if r.PrevYear.Known {
			v := r.PrevYear.Value
			row.NewCountYearBefore = &v
		}
		out.Breakdown = append(out.Breakdown, row)
	}
	c.JSON(http.StatusOK, out)
}
