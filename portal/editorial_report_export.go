package portal

import (
	"fmt"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/dashboards/export"
	"github.com/laocai-dpi/dpi/portal/content"
)

// The reports' downloads (xlsx, ods) are exactly the page's data, written by
// dashboards/export with the view's metadata sheet, and go to the audit log.

const reportSource = "Cổng thông tin điện tử Sở Kế hoạch và Đầu tư tỉnh Lào Cai"

// serveReport writes the export to the audit log, then streams it.
func (s *server) serveReport(c *gin.Context, format, filename, what string, cols []export.Column, rows [][]any, meta export.Meta) {
	if err := s.ed.content.RecordAudit(c.Request.Context(), currentViewer(c).Actor, "export", "report", 0,
		fmt.Sprintf("%s, %s, %d rows", what, format, len(rows))); err != nil {
		s.editorialFail(c, err)
		return
	}
	meta.Source, meta.Lang, meta.GeneratedAt = reportSource, "vi", time.Now()
	export.Serve(c.Writer, c.Request, format, filename, export.SliceSource(cols, rows), meta)
}

var weeklyColumns = []export.Column{
	{Key: "published_at", LabelVI: "Đăng lúc", LabelEN: "Published", Type: export.DateTime},
	{Key: "item_id", LabelVI: "Mã bài", LabelEN: "Item", Type: export.Integer, NoGrouping: true},
	{Key: "title", LabelVI: "Tiêu đề", LabelEN: "Title", Type: export.Text},
	{Key: "portal", LabelVI: "Cổng", LabelEN: "Portal", Type: export.Text},
	{Key: "channel", LabelVI: "Chuyên mục", LabelEN: "Channel", Type: export.Text},
	{Key: "source", LabelVI: "Nguồn", LabelEN: "Source", Type: export.Text},
	{Key: "source_url", LabelVI: "Địa chỉ bài gốc", LabelEN: "Original address", Type: export.Text},
	{Key: "published_by", LabelVI: "Người đăng", LabelEN: "Published by", Type: export.Text},
	{Key: "state", LabelVI: "Trạng thái", LabelEN: "State", Type: export.Text},
}

// weeklyDownload is the weekly report to the board as xlsx or ods.
func (s *server) weeklyDownload(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		day, err := weekOf(c)
		if err != nil {
			s.fail(c, err)
			return
		}
		r, err := s.ed.content.WeeklyTrustedReport(c.Request.Context(), currentViewer(c).Actor, day)
		if err != nil {
			s.editorialFail(c, err)
			return
		}
		rows := make([][]any, 0, len(r.Items))
		for _, w := range r.Items {
			rows = append(rows, []any{w.Item.PublishedAt, w.Item.ID, w.Item.Title, w.Portal, w.Channel, w.Source, w.SourceURL,
				w.PublishedBy, stateLabel(w.Item.State)})
		}
		monday := r.From.In(content.ICT).Format("2006-01-02")
		to := r.To.Add(-time.Second).In(content.ICT).Format("02/01/2006")
		s.serveReport(c, format, "bao-cao-tuan-"+monday, "weekly report "+monday, weeklyColumns, rows, export.Meta{
			TitleVI: "Báo cáo tuần: tin đăng trực tiếp từ nguồn chính thức", TitleEN: "Weekly report: items posted directly from trusted sources",
			URL:     s.origin(c) + "/quan-tri/bao-cao-tuan?tuan=" + monday,
			Filters: []export.KV{{Key: "Tuần / Week", Value: r.From.In(content.ICT).Format("02/01/2006") + " – " + to}},
			Notes:   []string{"Theo quy chế, mọi tin quản trị đăng trực tiếp từ nguồn chính thức được báo cáo Ban biên tập hằng tuần / every item posted directly from a trusted source is reported to the board weekly"}})
	}
}

var monthlyColumns = []export.Column{
	{Key: "section", LabelVI: "Phần", LabelEN: "Section", Type: export.Text},
	{Key: "portal", LabelVI: "Cổng", LabelEN: "Portal", Type: export.Text},
	{Key: "measure", LabelVI: "Chỉ tiêu", LabelEN: "Measure", Type: export.Text},
	{Key: "value", LabelVI: "Số lượng", LabelEN: "Count", Type: export.Integer},
	{Key: "rule", LabelVI: "Yêu cầu của quy chế", LabelEN: "Rule", Type: export.Text},
}

// monthlyRows lays the report out as one long table: the rules first, then
// per portal, channel and department, as the page shows them.
func monthlyRows(r *content.MonthlyReport) [][]any {
	var rows [][]any
	met := func(ok bool) string {
		if ok {
			return "Đạt / met"
		}
		return "Chưa đạt / not met"
	}
	for _, pm := range r.Portals {
		rows = append(rows, []any{"Quy chế / Rules", pm.Portal.NameVI, fmt.Sprintf("Tin tức trong tháng (tối thiểu %d) / news items (at least %d)",
			content.MinNewsPerMonth, content.MinNewsPerMonth), pm.News, met(!pm.NewsBehind)})
	}
	asOf := any(nil)
	biz := "chưa có dữ liệu / no data"
	if r.BusinessDataKnown {
		biz = "số liệu đến ngày / data as of " + r.BusinessDataAsOf.Format("02/01/2006")
	}
	rows = append(rows, []any{"Quy chế / Rules", "", fmt.Sprintf("Dữ liệu đăng ký doanh nghiệp cập nhật ít nhất %d tháng một lần / business data refreshed at least every %d months: %s",
		content.BusinessDataMaxAge, content.BusinessDataMaxAge, biz), asOf, met(!r.BusinessBehind)})
	for _, pm := range r.Portals {
		for _, m := range []struct {
			name string
			n    int
		}{{"Bài đã đăng / items published", pm.Published}, {"Tin tức / news", pm.News}, {"Thông cáo báo chí / press releases", pm.PressReleases},
			{"Đăng trực tiếp từ nguồn chính thức / posted from trusted sources", pm.Direct}, {"Đăng muộn so với lịch / published late", pm.Late},
			{"Góp ý nhận / feedback received", pm.FeedbackReceived}, {"Góp ý đã trả lời / feedback answered", pm.FeedbackAnswered}} {
			rows = append(rows, []any{"Theo cổng / By portal", pm.Portal.NameVI, m.name, m.n, ""})
		}
	}
	for _, pm := range r.Portals {
		for _, ch := range pm.Channels {
			rows = append(rows, []any{"Theo chuyên mục / By channel", pm.Portal.NameVI, ch.Name, ch.Count, ""})
		}
	}
	for _, d := range r.Departments {
		rows = append(rows, []any{"Theo đơn vị / By department", "", d.Name, d.Count, ""})
	}
	return rows
}

// monthlyDownload is the monthly report as xlsx or ods.
func (s *server) monthlyDownload(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		r, err := s.monthlyData(c)
		if err != nil {
			s.editorialFail(c, err)
			return
		}
		label := r.From.In(content.ICT).Format("01/2006")
		s.serveReport(c, format, "bao-cao-thang-"+r.Month, "monthly report "+r.Month, monthlyColumns, monthlyRows(r), export.Meta{
			TitleVI: "Báo cáo tháng " + label + ": thông tin cung cấp trên các cổng", TitleEN: "Monthly report " + label + ": information provided on the portals",
			URL:     s.origin(c) + "/quan-tri/bao-cao-thang?thang=" + r.Month,
			Filters: []export.KV{{Key: "Tháng / Month", Value: label}},
			Notes: []string{fmt.Sprintf("Quy chế: ít nhất %d tin tức mỗi tháng trên mỗi cổng; dữ liệu đăng ký doanh nghiệp cập nhật 3 tháng một lần / rules: at least %d news items a month per portal; business data refreshed every 3 months",
				content.MinNewsPerMonth, content.MinNewsPerMonth)}})
	}
}
