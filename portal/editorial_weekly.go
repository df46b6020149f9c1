package portal

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

type weeklyPage struct {
	adminPage
	Report     *content.WeeklyReport
	Rows       []weeklyRow
	From, To   string // ICT dates shown
	Week       string // the week's Monday, for the form
	Prev, Next string
	Exports    []exportLink
}

type weeklyRow struct {
	content.WeeklyItem
	Href       string
	Published  string
	PublicHref string
}

// weeklyReport is the weekly report to the editorial board of the items the
// administrators published directly from trusted sources (?tuan=YYYY-MM-DD:
// the week holding that day, Monday to Sunday in ICT; default this week).
func (s *server) weeklyReport(c *gin.Context) {
	ctx, v := c.Request.Context(), currentViewer(c)
	day, err := weekOf(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	r, err := s.ed.content.WeeklyTrustedReport(ctx, v.Actor, day)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	n, err := s.loadNames(ctx)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	date := func(t time.Time) string { return t.In(content.ICT).Format("2006-01-02") }
	lang := adminLang(c)
	p := weeklyPage{adminPage: newAdminPage(c, "title_weekly"), Report: r,
		From: dateIn(lang, r.From.In(content.ICT)), To: dateIn(lang, r.To.Add(-time.Second).In(content.ICT)),
		Week: date(r.From), Prev: "/quan-tri/bao-cao-tuan?tuan=" + date(r.From.AddDate(0, 0, -7)),
		Next: "/quan-tri/bao-cao-tuan?tuan=" + date(r.To)}
	for _, f := range []string{"xlsx", "ods"} {
		p.Exports = append(p.Exports, exportLink{Href: "/quan-tri/bao-cao-tuan." + f + "?tuan=" + date(r.From), Label: strings.ToUpper(f)})
	}
	for _, w := range r.Items {
		row := weeklyRow{WeeklyItem: w, Href: itemHref(w.Item.ID), Published: formatICTIn(lang, w.Item.PublishedAt)}
		if lang == "en" {
			row.Portal, row.Channel = n.portal(w.Item.PortalID), n.channel(w.Item.ChannelID)
		}
		if w.Item.State == content.StatePublished {
			row.PublicHref = s.articlePath(n.portals[w.Item.PortalID], w.Item, "vi")
		}
		p.Rows = append(p.Rows, row)
	}
	s.renderAdmin(c, http.StatusOK, "weekly", p)
}

// weekOf reads ?tuan=YYYY-MM-DD (default: today).
func weekOf(c *gin.Context) (time.Time, error) {
	q := strings.TrimSpace(c.Query("tuan"))
	if q == "" {
		return time.Now(), nil
	}
	d, err := time.ParseInLocation("2006-01-02", q, content.ICT)
	if err != nil {
		return d, invalid("Ngày không hợp lệ (YYYY-MM-DD)", "Not a date (YYYY-MM-DD)")
	}
	return d, nil
}
