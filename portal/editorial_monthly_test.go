package portal_test

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/laocai-dpi/dpi/ingest/business"
	"github.com/laocai-dpi/dpi/portal/content"
	"github.com/laocai-dpi/dpi/warehouse"
)

// warehouseWithQuarter is a real warehouse with one business-registration
// load of quarter q (e.g. "2026Q1").
// The load is dated loadedAt, as if the file had come in then (the
// warehouse stamps loads with the real time; freshness is judged by it).
func warehouseWithQuarter(t *testing.T, q string, loadedAt time.Time) *sql.DB {
	t.Helper()
	ctx := context.Background()
	w, err := warehouse.Open(ctx, t.TempDir(), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	quarter, err := business.ParseQuarter(q)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dn_"+q+".csv")
	if err := os.WriteFile(path, []byte("Mã số thuế,Tên\n5300100001,Công ty A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = w.LoadBusinesses(ctx, warehouse.BusinessLoad{FileName: "dn_" + q + ".csv", Path: path, Quarter: quarter, Kind: business.Snapshot,
		LoadedBy: "test", Scan: func(emit func(*business.Enterprise) error) (warehouse.BusinessScan, error) {
			e := business.Enterprise{Row: 1, TaxCode: "5300100001", Name: "Công ty A", LegalForm: "llc", Status: "active",
				Location: business.Location{ProvinceCodePre2025: "10", ProvinceCode2025: "15"}}
			return warehouse.BusinessScan{RowsRead: 1}, emit(&e)
		}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.DB().ExecContext(ctx, `UPDATE business_loads SET loaded_at = ?`, loadedAt); err != nil {
		t.Fatal(err)
	}
	return w.DB()
}

// The monthly report shows the rules' minimums met or not: two news items
// a month per portal; business data refreshed at least every three months
// (the business dashboard's rule). Its xlsx and ods carry the same figures and go
// to the audit log.
func TestMonthlyReport(t *testing.T) {
	e := newContentEnv(t, warehouseWithQuarter(t, "2026Q1", time.Date(2026, 4, 10, 3, 0, 0, 0, time.UTC)))
	e.svc.Now = func() time.Time { return time.Date(2026, 5, 12, 3, 0, 0, 0, time.UTC) }
	e.item(e.writer, e.news, "Tin thứ nhất tháng 5", "Nội dung.", content.StatePublished)
	e.item(e.writer, e.news, "Tin thứ hai tháng 5", "Nội dung.", content.StatePublished)
	e.item(e.writer, e.bizNews, "Tin doanh nghiệp tháng 5", "Nội dung.", content.StatePublished)
	e.svc.Now = nil
	rev := e.signIn(e.reviewer)

	page := rev.get("/quan-tri/bao-cao-thang?thang=2026-05")
	if page.Status != 200 {
		t.Fatalf("monthly: %d %s", page.Status, textOf(page.Body))
	}
	rules := between(page.Body, `id="rules"`, "</table>")
	for _, want := range []string{
		`data-met="true"><th scope="row">Cổng thông tin điện tử Sở Kế hoạch và Đầu tư: ít nhất 2 tin tức`,
		`data-met="false"><th scope="row">Cổng hỗ trợ doanh nghiệp: ít nhất 2 tin tức`,
		`data-met="true"><th scope="row">Dữ liệu đăng ký doanh nghiệp`, "số liệu đến ngày / data as of 31/03/2026",
	} {
		mustContain(t, rules, want)
	}
	mustContain(t, between(page.Body, `data-portal="department"`, "</tr>"), "<td>2</td><td>2</td>")
	// In August the last refresh (10 April) is four months old.
	mustContain(t, rev.get("/quan-tri/bao-cao-thang?thang=2026-08").Body, `data-met="false"><th scope="row">Dữ liệu đăng ký doanh nghiệp`)
	if r := rev.get("/quan-tri/bao-cao-thang?thang=2026-13"); r.Status != http.StatusBadRequest {
		t.Errorf("a bad month: %d", r.Status)
	}

	// xlsx: the rules, with the same counts.
	x := rev.get("/quan-tri/bao-cao-thang.xlsx?thang=2026-05")
	if x.Status != 200 || !strings.HasPrefix(x.Header.Get("Content-Disposition"), `attachment; filename="bao-cao-thang-2026-05.xlsx"`) {
		t.Fatalf("xlsx: %d %v", x.Status, x.Header)
	}
	f, err := excelize.OpenReader(strings.NewReader(x.Body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil || len(rows) < 5 {
		t.Fatalf("xlsx rows: %v %v", err, rows)
	}
	found := false
	for _, r := range rows {
		if len(r) >= 5 && r[1] == "Cổng hỗ trợ doanh nghiệp" && strings.HasPrefix(r[2], "Tin tức trong tháng") {
			found = r[3] == "1" && r[4] == "Chưa đạt / not met"
		}
	}
	if !found {
		t.Errorf("xlsx lacks the business portal's rule row: %v", rows)
	}
	o := rev.get("/quan-tri/bao-cao-thang.ods?thang=2026-05")
	if o.Status != 200 || o.Header.Get("Content-Type") != "application/vnd.oasis.opendocument.spreadsheet" ||
		!strings.Contains(odsContent(t, o.Body), "Cổng hỗ trợ doanh nghiệp") {
		t.Fatalf("ods: %d %v", o.Status, o.Header)
	}
	evs, err := e.svc.AuditLog(e.ctx, e.actor(e.admin), content.AuditFilter{Action: "export"})
	if err != nil || len(evs) != 2 || evs[0].Actor != e.reviewer.Email || !strings.Contains(evs[0].Detail, "monthly report 2026-05, ods") {
		t.Errorf("export audit: %v %+v", err, evs)
	}
	if r := e.signIn(e.writer).get("/quan-tri/bao-cao-thang.xlsx"); r.Status != http.StatusForbidden {
		t.Errorf("a contributor exports the report: %d", r.Status)
	}

	// Without business data the rule is not met, and says so.
	e2 := newContentEnv(t, nil)
	mustContain(t, e2.signIn(e2.admin).get("/quan-tri/bao-cao-thang").Body, "chưa có dữ liệu trong kho", `data-met="false"><th scope="row">Dữ liệu đăng ký`)
}

// The weekly report downloads as xlsx with every directly posted item.
func TestWeeklyReportExport(t *testing.T) {
	e := newContentEnv(t, nil)
	it, err := e.svc.CreateItem(e.ctx, e.actor(e.admin), content.ItemInput{ChannelID: e.news, Title: "Nghị định mới về đăng ký doanh nghiệp",
		Body: "Toàn văn.", SourceID: 1, SourceURL: "https://chinhphu.vn/nd-168"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.PublishDirect(e.ctx, e.actor(e.admin), it.ID); err != nil {
		t.Fatal(err)
	}
	rev := e.signIn(e.reviewer)
	mustContain(t, rev.get("/quan-tri/bao-cao-tuan").Body, `href="/quan-tri/bao-cao-tuan.xlsx?tuan=`)
	x := rev.get("/quan-tri/bao-cao-tuan.xlsx")
	if x.Status != 200 {
		t.Fatalf("weekly xlsx: %d", x.Status)
	}
	f, err := excelize.OpenReader(strings.NewReader(x.Body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetList()[0])
	if len(rows) != 2 || rows[1][2] != "Nghị định mới về đăng ký doanh nghiệp" || rows[1][6] != "https://chinhphu.vn/nd-168" || rows[1][7] != e.admin.Name {
		t.Errorf("weekly rows: %q", rows)
	}
	o := rev.get("/quan-tri/bao-cao-tuan.ods")
	if o.Status != 200 || !strings.Contains(odsContent(t, o.Body), "Nghị định mới về đăng ký doanh nghiệp") {
		t.Errorf("weekly ods: %d", o.Status)
	}
}

// odsContent is the content.xml of an ods file.
func odsContent(t *testing.T, body string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "content.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatal("no content.xml")
	return ""
}

// between is the part of s from the first from to the next to after it.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}
