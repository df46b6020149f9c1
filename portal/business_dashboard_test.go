package portal_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/laocai-dpi/dpi/dashboards/biztest"
	"github.com/laocai-dpi/dpi/portal"
)

// newBizServer starts the real portal over a real warehouse holding a
// generated register (seven quarters, sample) and the PCI fixture; now is
// the clock freshness is judged by (nil: the real one).
func newBizServer(t *testing.T, now func() time.Time) (*httptest.Server, *biztest.Fixture) {
	t.Helper()
	f := biztest.Open(t)
	srv := httptest.NewServer(portal.New(f.DB, portal.Options{Logger: testLogger(t), Now: now}))
	t.Cleanup(srv.Close)
	return srv, f
}

func latestLoad(t *testing.T, f *biztest.Fixture) time.Time {
	t.Helper()
	var at time.Time
	if err := f.DB.QueryRow(`SELECT max(loaded_at) FROM business_loads WHERE quarter = ?`, f.Q(-1)).Scan(&at); err != nil {
		t.Fatal(err)
	}
	return at
}

var tagRE = regexp.MustCompile(`<[^>]+>`)

// The page: sample and freshness banners, the chosen quarter's figures,
// both tables, every download as a plain link; overdue data is said so.
func TestBusinessDashboardPage(t *testing.T) {
	var now time.Time
	srv, f := newBizServer(t, func() time.Time { return now })
	loaded := latestLoad(t, f)
	now = loaded.Add(time.Hour)
	r := get(t, srv, "/doanh-nghiep/thong-ke")
	if r.Status != 200 {
		t.Fatalf("page: %d %.300s", r.Status, r.Body)
	}
	g, _ := f.Quarter(f.Q(-1))
	text := tagRE.ReplaceAllString(r.Body, " ")
	view := "from=" + f.Q(0) + "&amp;to=" + f.Q(-1) + "&amp;q=" + f.Q(-1) + "&amp;by=commune"
	for _, want := range []string{
		`class="banner sample"`, `id="biz-freshness" data-overdue="false"`, "Số liệu mới nhất: quý " + f.Q(-1) + " (đến hết ngày ",
		`<dd class="value">` + strconv.Itoa(g.NewRegistration) + `</dd>`,
		`id="biz-counts"`, `id="biz-active"`, `id="biz-capital"`, `id="biz-breakdown"`,
		`href="/doanh-nghiep/thong-ke.xlsx?` + view, `href="/doanh-nghiep/thong-ke.ods?` + view, `href="/doanh-nghiep/thong-ke.json?` + view,
		`href="/doanh-nghiep/thong-ke.csv?` + strings.TrimSuffix(view, `"`) + `&amp;table=breakdown"`,
		`href="/api/v1/business/quarterly?` + view,
		`href="/doanh-nghiep/tra-cuu"`, `href="/doanh-nghiep/thong-ke">Đăng ký doanh nghiệp</a>`,
		"Sở KH&amp;ĐT Lào Cai — đăng ký doanh nghiệp",
	} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(text, "VCCI") {
		t.Error("the business page names the PCI's source")
	}

	// Four months later the next quarter is overdue.
	now = loaded.AddDate(0, 4, 0)
	r = get(t, srv, "/doanh-nghiep/thong-ke?lang=en")
	if !strings.Contains(r.Body, `data-overdue="true"`) || !strings.Contains(r.Body, "overdue for a refresh") {
		t.Errorf("overdue not shown:\n%.2000s", r.Body)
	}

	// A filter and a breakdown in English: names from the reference views.
	r = get(t, srv, "/doanh-nghiep/thong-ke?by=section&form=jsc&lang=en")
	if r.Status != 200 || !strings.Contains(r.Body, "Joint stock company") || !strings.Contains(r.Body, "Industry (VSIC section)") {
		t.Errorf("English breakdown: %d", r.Status)
	}

	// Bad choices: 400, the message in the page's language, the form kept.
	for _, c := range []struct{ q, want string }{
		{"from=2026Q1&to=2025Q1", "Quý bắt đầu 2026Q1 sau quý kết thúc 2025Q1"},
		{"section=ZZ&lang=en", "No VSIC section &#34;ZZ&#34;"},
		{"q=2019Q1", "Chưa có số liệu quý 2019Q1"},
		{"by=%3Cscript%3E", "Cách phân tổ không hợp lệ: &#34;&lt;script&gt;&#34;"},
	} {
		r := get(t, srv, "/doanh-nghiep/thong-ke?"+c.q)
		if r.Status != 400 || !strings.Contains(r.Body, c.want) || !strings.Contains(r.Body, `<form method="get" action="/doanh-nghiep/thong-ke"`) {
			t.Errorf("%s: %d, want 400 with %q: %.300s", c.q, r.Status, c.want, textOf(r.Body))
		}
	}
}

// Every download reads back: xlsx numbers are numbers and codes text, with a
// native chart and the business source on the metadata sheet; csv has a
// BOM and the generator's figures; ods is an ODF package; json has rows.
func TestBusinessDashboardDownloads(t *testing.T) {
	srv, f := newBizServer(t, nil)
	const view = "/doanh-nghiep/thong-ke.%s?by=commune"
	r := get(t, srv, strings.Replace(view, "%s", "xlsx", 1)+"&table=breakdown")
	if r.Status != 200 {
		t.Fatalf("xlsx: %d %.300s", r.Status, r.Body)
	}
	x, err := excelize.OpenReader(strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if strings.Join(sheets, "|") != "Biểu đồ|Dữ liệu|Thông tin" {
		t.Fatalf("sheets %v", sheets)
	}
	rows, _ := x.GetRows("Dữ liệu", excelize.Options{RawCellValue: true})
	if len(rows) < 10 || rows[0][0] != "Mã" {
		t.Fatalf("breakdown rows: %d %v", len(rows), rows[:1])
	}
	if typ, _ := x.GetCellType("Dữ liệu", "A2"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("commune code A2 should be text, is %v", typ)
	}
	if v, _ := x.GetCellValue("Dữ liệu", "A2"); len(v) != 5 || v[0] != '0' {
		t.Errorf("commune code %q: leading zero lost", v)
	}
	for _, cell := range []string{"C2", "D2", "H2"} { // new count, capital, active
		if typ, _ := x.GetCellType("Dữ liệu", cell); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s should be a number, is %v", cell, typ)
		}
		if v, _ := x.GetCellValue("Dữ liệu", cell, excelize.Options{RawCellValue: true}); v == "" || strings.ContainsAny(v, ",. ") {
			t.Errorf("%s raw value %q", cell, v)
		}
	}
	meta, _ := x.GetRows("Thông tin")
	var metaText strings.Builder
	for _, row := range meta {
		metaText.WriteString(strings.Join(row, " ") + "\n")
	}
	for _, want := range []string{"Sở KH&ĐT Lào Cai — đăng ký doanh nghiệp", "/doanh-nghiep/thong-ke?from=" + f.Q(0) + "&to=" + f.Q(-1) + "&q=" + f.Q(-1) + "&by=commune", "breakdown", "MẪU"} {
		if !strings.Contains(metaText.String(), want) {
			t.Errorf("metadata sheet lacks %q:\n%s", want, metaText.String())
		}
	}
	if strings.Contains(metaText.String(), "VCCI") {
		t.Errorf("metadata names the PCI source:\n%s", metaText.String())
	}
	if !hasChart(t, r.Body) {
		t.Error("no native chart in the breakdown xlsx")
	}

	// The quarterly table: the generator's figures, numbers as numbers.
	r = get(t, srv, strings.Replace(view, "%s", "xlsx", 1))
	x2, err := excelize.OpenReader(strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer x2.Close()
	qrows, _ := x2.GetRows("Dữ liệu", excelize.Options{RawCellValue: true})
	if len(qrows) != 1+len(f.Counts.Quarters) {
		t.Fatalf("quarterly rows %d", len(qrows))
	}
	for i, g := range f.Counts.Quarters {
		if qrows[i+1][0] != g.Quarter || qrows[i+1][1] != strconv.Itoa(g.NewRegistration) || qrows[i+1][11] != strconv.Itoa(g.ByStatus["active"]) {
			t.Errorf("xlsx row %d %v, generator %s new %d active %d", i+1, qrows[i+1], g.Quarter, g.NewRegistration, g.ByStatus["active"])
		}
	}
	if typ, _ := x2.GetCellType("Dữ liệu", "B2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("new_count B2 should be a number, is %v", typ)
	}
	if !hasChart(t, r.Body) {
		t.Error("no native chart in the quarterly xlsx")
	}

	c := get(t, srv, strings.Replace(view, "%s", "csv", 1))
	if c.Status != 200 || !strings.HasPrefix(c.Body, "\ufeff") {
		t.Fatalf("csv: %d, BOM %v", c.Status, strings.HasPrefix(c.Body, "\ufeff"))
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(c.Body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range f.Counts.Quarters {
		rec := recs[i+1]
		want := []string{g.Quarter, strconv.Itoa(g.NewRegistration), "", strconv.FormatInt(g.NewCapitalVND, 10)}
		if i > 0 {
			if rec[5] != strconv.Itoa(g.Dissolved) || rec[7] != strconv.Itoa(g.Suspended) || rec[9] != strconv.Itoa(g.Resumed) {
				t.Errorf("csv %s changes %v, generator %d %d %d", g.Quarter, rec, g.Dissolved, g.Suspended, g.Resumed)
			}
		} else if rec[5] != "" {
			t.Errorf("csv %s dissolved %q: the first quarter cannot know", g.Quarter, rec[5])
		}
		if i < 4 && strings.Join(rec[:4], "|") != strings.Join(want, "|") {
			t.Errorf("csv %v, want %v", rec[:4], want)
		}
	}

	o := get(t, srv, strings.Replace(view, "%s", "ods", 1)+"&table=breakdown")
	if o.Status != 200 || !strings.HasPrefix(o.Body, "PK") || !strings.Contains(o.Body[:100], "mimetypeapplication/vnd.oasis.opendocument.spreadsheet") {
		t.Fatalf("ods: %d", o.Status)
	}
	// The first data row: the commune code as a string, its new
	// registrations and capital as floats equal to the xlsx's.
	content := zipFile(t, o.Body, "content.xml")
	first := regexp.MustCompile(`<table:table-row><table:table-cell office:value-type="string"><text:p>(\d+)</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>[^<]*</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="(\d+)"/><table:table-cell office:value-type="float" office:value="(\d+)"/>`).
		FindStringSubmatch(content)
	if first == nil || first[1] != rows[1][0] || first[2] != rows[1][2] || first[3] != rows[1][3] {
		t.Errorf("ods first row %v, xlsx %v", first, rows[1])
	}

	j := get(t, srv, strings.Replace(view, "%s", "json", 1)+"&table=breakdown")
	var doc struct {
		Source   string           `json:"source"`
		IsSample bool             `json:"is_sample"`
		Rows     []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal([]byte(j.Body), &doc); err != nil || j.Status != 200 {
		t.Fatalf("json: %d %v", j.Status, err)
	}
	if doc.Source != "Sở KH&ĐT Lào Cai — đăng ký doanh nghiệp" || !doc.IsSample || len(doc.Rows) < 10 {
		t.Errorf("json: %s %v %d rows", doc.Source, doc.IsSample, len(doc.Rows))
	}
	if code, ok := doc.Rows[0]["code"].(string); !ok || len(code) != 5 {
		t.Errorf("json code %v should be text", doc.Rows[0]["code"])
	}
	if _, ok := doc.Rows[0]["new_count"].(float64); !ok {
		t.Errorf("json new_count %v should be a number", doc.Rows[0]["new_count"])
	}
	if b := get(t, srv, "/doanh-nghiep/thong-ke.csv?table=nope"); b.Status != 400 {
		t.Errorf("table=nope: %d", b.Status)
	}
}

func zipFile(t *testing.T, body, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("no %s in the package", name)
	return ""
}

func hasChart(t *testing.T, body string) bool {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return strings.Contains(string(b), "barChart")
		}
	}
	return false
}

// The API: the same figures at full precision, null where unknown or where
// no year-earlier quarter is loaded.
func TestAPIBusinessQuarterly(t *testing.T) {
	srv, f := newBizServer(t, nil)
	r := get(t, srv, "/api/v1/business/quarterly?by=section")
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("api: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	var doc struct {
		Query     map[string]string `json:"query"`
		IsSample  bool              `json:"is_sample"`
		Freshness struct {
			Latest  string `json:"latest_quarter"`
			Overdue bool   `json:"overdue"`
		} `json:"freshness"`
		Quarters []struct {
			Quarter string                               `json:"quarter"`
			Figures map[string]*int64                    `json:"figures"`
			YoY     map[string]*struct{ Previous int64 } `json:"yoy"`
		} `json:"quarters"`
		Breakdown []struct {
			Code, Name string
			Figures    map[string]*int64 `json:"figures"`
		} `json:"breakdown"`
	}
	if err := json.Unmarshal([]byte(r.Body), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Query["by"] != "section" || doc.Query["q"] != f.Q(-1) || !doc.IsSample || doc.Freshness.Latest != f.Q(-1) || doc.Freshness.Overdue {
		t.Errorf("api head: %+v %v %+v", doc.Query, doc.IsSample, doc.Freshness)
	}
	if len(doc.Quarters) != len(f.Counts.Quarters) {
		t.Fatalf("%d quarters", len(doc.Quarters))
	}
	for i, g := range f.Counts.Quarters {
		q := doc.Quarters[i]
		if q.Quarter != g.Quarter || q.Figures["new_count"] == nil || *q.Figures["new_count"] != int64(g.NewRegistration) ||
			*q.Figures["active_count"] != int64(g.ByStatus["active"]) {
			t.Errorf("api %s: %+v, generator new %d", g.Quarter, q.Figures, g.NewRegistration)
		}
		if (i == 0) != (q.Figures["dissolved_count"] == nil) {
			t.Errorf("api %s dissolved %v", g.Quarter, q.Figures["dissolved_count"])
		}
		if i == 0 && q.YoY["new_count"] != nil {
			t.Errorf("api %s yoy without a year-earlier quarter: %+v", g.Quarter, q.YoY["new_count"])
		}
	}
	if y := doc.Quarters[4].YoY["new_count"]; y == nil || y.Previous != int64(f.Counts.Quarters[0].NewRegistration) {
		t.Errorf("api %s yoy: %+v", f.Q(4), y)
	}
	var sum int64
	for _, b := range doc.Breakdown {
		sum += *b.Figures["new_count"]
	}
	g, _ := f.Quarter(f.Q(-1))
	if sum != int64(g.NewRegistration) {
		t.Errorf("breakdown new_count sums to %d, generator %d", sum, g.NewRegistration)
	}
	if e := get(t, srv, "/api/v1/business/quarterly?from=x"); e.Status != 400 || !strings.Contains(e.Body, `"code":"invalid"`) {
		t.Errorf("bad from: %d %s", e.Status, e.Body)
	}
}

// The business-support portal's menu leads to the dashboard (a data channel
// added by the content store's migration 0005).
func TestBusinessPortalMenuLinksDashboard(t *testing.T) {
	e := newContentEnv(t, nil)
	c := e.client()
	mustContain(t, c.get("/doanh-nghiep").Body, `href="/doanh-nghiep/thong-ke"`, "Thống kê đăng ký doanh nghiệp theo quý")
	mustContain(t, c.get("/doanh-nghiep?lang=en").Body, `href="/doanh-nghiep/thong-ke?lang=en"`, "Quarterly business registration statistics")
	if r := c.get("/doanh-nghiep/chuyen-muc/thong-ke-dang-ky-doanh-nghiep"); r.Status != 302 || r.Header.Get("Location") != "/doanh-nghiep/thong-ke" {
		t.Errorf("data channel: %d %q", r.Status, r.Header.Get("Location"))
	}
}
