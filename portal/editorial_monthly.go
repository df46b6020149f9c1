package portal

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/portal/content"
)

type monthlyPage struct {
	adminPage
	Report     *content.MonthlyReport
	Month      string // "2026-03", for the form
	MonthLabel string // "03/2026"
	Prev, Next string
	MinNews    int
	MaxAge     int
	AsOf       string // the business data's last day, dd/mm/yyyy
	Exports    []exportLink
	Rules      []ruleRow
}

// ruleRow is one of the rules' minimums, met or not.
type ruleRow struct {
	Rule, Actual string
	Met          bool
}

type exportLink struct{ Href, Label string }

// monthOf reads ?thang=2026-03 (default: this month in ICT).
func monthOf(c *gin.Context) (string, error) {
	m := strings.TrimSpace(c.Query("thang"))
	if m == "" {
		return content.MonthOf(time.Now()), nil
	}
	if _, _, err := content.MonthRange(m); err != nil {
		return "", err
	}
	return m, nil
}

// monthlyData builds the month's report, with the business data's
// freshness read from the warehouse.
func (s *server) monthlyData(c *gin.Context) (*content.MonthlyReport, error) {
	month, err := monthOf(c)
	if err != nil {
		return nil, err
	}
	latest, loadedAt, ok, err := dashboards.LatestBusinessLoad(c.Request.Context(), s.db)
	if err != nil {
		return nil, fmt.Errorf("business data freshness: %w", err)
	}
	var biz content.BusinessFreshness
	if ok { // the business dashboard's rule, so the two never disagree
		biz = func(at time.Time) (time.Time, bool, bool) {
			f := dashboards.FreshnessAt(latest, loadedAt, at)
			return f.AsOf, true, f.Overdue
		}
	}
	return s.ed.content.MonthlyReport(c.Request.Context(), currentViewer(c).Actor, month, biz)
}

// monthlyReport is the monthly report of information provided: per portal,
// channel and department, feedback received and answered, and the rules'
// minimums (2 news items a month per portal; business data refreshed at least every 3
// months) shown as met or not.
func (s *server) monthlyReport(c *gin.Context) {
	r, err := s.monthlyData(c)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	from := r.From.In(content.ICT)
	lang := adminLang(c)
	p := monthlyPage{adminPage: newAdminPage(c, "title_monthly", monthIn(lang, from)), Report: r, Month: r.Month,
		MonthLabel: monthIn(lang, from), MinNews: content.MinNewsPerMonth, MaxAge: content.BusinessDataMaxAge,
		Prev: "/quan-tri/bao-cao-thang?thang=" + from.AddDate(0, -1, 0).Format("2006-01"),
		Next: "/quan-tri/bao-cao-thang?thang=" + from.AddDate(0, 1, 0).Format("2006-01")}
	if r.BusinessDataKnown {
		p.AsOf = dateIn(lang, r.BusinessDataAsOf)
	}
	for _, f := range []string{"xlsx", "ods"} {
		p.Exports = append(p.Exports, exportLink{Href: "/quan-tri/bao-cao-thang." + f + "?thang=" + r.Month, Label: strings.ToUpper(f)})
	}
	p.Rules = monthlyRules(lang, r)
	s.renderAdmin(c, http.StatusOK, "monthly", p)
}

// monthlyRules states each minimum of the rules and whether the month met it.
func monthlyRules(lang string, r *content.MonthlyReport) []ruleRow {
	var out []ruleRow
	for _, pm := range r.Portals {
		out = append(out, ruleRow{
			Rule:   at(lang, "mo_rule_news", portalNameIn(lang, pm.Portal), content.MinNewsPerMonth),
			Actual: at(lang, "mo_news_n", pm.News), Met: !pm.NewsBehind})
	}
	biz := ruleRow{Rule: at(lang, "mo_rule_biz", content.BusinessDataMaxAge), Met: !r.BusinessBehind,
		Actual: at(lang, "mo_biz_none")}
	if r.BusinessDataKnown {
		biz.Actual = at(lang, "mo_biz_asof", dateIn(lang, r.BusinessDataAsOf))
	}
	return append(out, biz)
}
