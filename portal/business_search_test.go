package portal_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/xuri/excelize/v2"

	"github.com/laocai-dpi/dpi/dashboards/businesstest"
	"github.com/laocai-dpi/dpi/dashboards/pcitest"
	"github.com/laocai-dpi/dpi/portal"
)

// newBusinessServer is the real portal over a warehouse holding the PCI
// fixture and the businesstest register (loaded as sample data).
func newBusinessServer(t *testing.T) *httptest.Server {
	t.Helper()
	f := pcitest.Open(t)
	businesstest.Load(t, f.Warehouse, true)
	srv := httptest.NewServer(portal.New(f.DB, portal.Options{Logger: testLogger(t)}))
	t.Cleanup(srv.Close)
	return srv
}

// noPersonalData fails if any personal value of the register is in body.
func noPersonalData(t *testing.T, where, body string) {
	t.Helper()
	for _, s := range []string{businesstest.SecretName, businesstest.SecretPhone, businesstest.SecretEmail, "Bímật", "bimat"} {
		if strings.Contains(body, s) {
			t.Errorf("%s: personal data %q", where, s)
		}
	}
}

var taxCodeCell = regexp.MustCompile(`<td class="code">([0-9-]+)</td>`)

func pageTaxCodes(body string) []string {
	var out []string
	for _, m := range taxCodeCell.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestBusinessSearchPage(t *testing.T) {
	srv := newBusinessServer(t)

	// "hoa binh" finds both tone placements; the page says it is sample data.
	r := get(t, srv, "/doanh-nghiep/tra-cuu?name=hoa+binh")
	if r.Status != http.StatusOK {
		t.Fatalf("%d %s", r.Status, textOf(r.Body))
	}
	mustContain(t, r.Body, "Công ty TNHH Hòa Bình", "CÔNG TY CỔ PHẦN HOÀ BÌNH XANH", `class="banner sample"`,
		`<strong>2</strong>`, `value="hoa binh"`, "1.000.000.000", "10/02/2025", "Phường Lào Cai", "Thành phố Lào Cai")
	if got := strings.Join(pageTaxCodes(r.Body), " "); got != "5300000002 5300000001" {
		t.Errorf("rows %s", got)
	}
	noPersonalData(t, "page", r.Body)
	for _, f := range []string{"csv", "xlsx", "ods", "json", "parquet"} {
		mustContain(t, r.Body, `href="/doanh-nghiep/tra-cuu.`+f+`?name=hoa&#43;binh"`)
	}

	// Decomposed input and Đ = D, through the URL.
	for _, q := range []string{"name=" + url.QueryEscape("\u0110u\u031bc thu\u0309y"), "name=duc+thuy", "name=%C4%90%E1%BB%A8C"} {
		r := get(t, srv, "/doanh-nghiep/tra-cuu?"+q)
		if r.Status == http.StatusFound {
			r = get(t, srv, r.Header.Get("Location"))
		}
		if got := strings.Join(pageTaxCodes(r.Body), " "); got != "5300000003" {
			t.Errorf("%s: rows %q (%d)", q, got, r.Status)
		}
	}

	// A submitted form (empty fields, defaults) is sent to the canonical URL.
	r = get(t, srv, "/doanh-nghiep/tra-cuu?name=+Ho%C3%A0+&tax_code=&district=&commune=&vsic=g&legal_form=&status=&from=&to=&sort=name&dir=asc&per_page=50")
	if loc := r.Header.Get("Location"); r.Status != http.StatusFound || loc != "/doanh-nghiep/tra-cuu?name=Ho%C3%A0&vsic=G" {
		t.Errorf("form: %d Location %q", r.Status, loc)
	}
	r = get(t, srv, "/doanh-nghiep/tra-cuu?name=Ho%C3%A0&vsic=G")
	if got := strings.Join(pageTaxCodes(r.Body), " "); r.Status != 200 || got != "5300000001" {
		t.Errorf("canonical: %d %q", r.Status, got)
	}

	// Pagination: 45 look-alikes, 10 a page; first/prev/next/last links.
	r = get(t, srv, "/doanh-nghiep/tra-cuu?name=so&per_page=10")
	mustContain(t, r.Body, `<strong>45</strong>`, "Trang 1/5", `rel="next"`, `href="/doanh-nghiep/tra-cuu?name=so&amp;page=2&amp;per_page=10"`,
		`href="/doanh-nghiep/tra-cuu?name=so&amp;page=5&amp;per_page=10" rel="last"`, `<span class="off">« Trang đầu</span>`)
	if n := len(pageTaxCodes(r.Body)); n != 10 {
		t.Errorf("page 1: %d rows", n)
	}
	r = get(t, srv, "/doanh-nghiep/tra-cuu?name=so&page=5&per_page=10&lang=en")
	mustContain(t, r.Body, `<strong>45</strong>`, "Page 5/5", `rel="prev"`, `rel="first"`, `<span class="off">Next ›</span>`, "Charter capital (VND)")
	if got := pageTaxCodes(r.Body); len(got) != 5 || got[4] != "5200000045" {
		t.Errorf("page 5: %v", got)
	}
	// Downloads name the whole list: no page in their links.
	mustContain(t, r.Body, `href="/doanh-nghiep/tra-cuu.xlsx?lang=en&amp;name=so"`)
	r = get(t, srv, "/doanh-nghiep/tra-cuu?name=so&page=9&per_page=10")
	mustContain(t, r.Body, `<strong>45</strong>`, `id="search-none"`, `rel="last"`)

	// Sorting by a column header, and back.
	r = get(t, srv, "/doanh-nghiep/tra-cuu?tax_code=53&sort=capital&dir=desc")
	if got := strings.Join(pageTaxCodes(r.Body), " "); got != "5300000002 5300000001 5300000003 5300000006 5300000005-001 5300000008" {
		t.Errorf("by capital: %s", got)
	}
	mustContain(t, r.Body, `aria-sort="descending"`, `href="/doanh-nghiep/tra-cuu?sort=capital&amp;tax_code=53"`)

	// Bad input: 400, the message in the page's language, the form kept, no rows.
	for _, c := range []struct{ q, msg string }{
		{"tax_code=53x", "Mã số thuế không hợp lệ"},
		{"from=2025-05-01&to=2025-04-01&lang=en", "is before the registered-from date"},
		{"district=%3Cscript%3E", "không có trong danh mục: &#34;&lt;script&gt;&#34;"},
		{"per_page=1000", "Số dòng mỗi trang phải từ 1 đến 200"},
	} {
		r := get(t, srv, "/doanh-nghiep/tra-cuu?"+c.q)
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, c.msg) || !strings.Contains(r.Body, `id="search-error"`) || len(pageTaxCodes(r.Body)) != 0 {
			t.Errorf("%s: %d %s", c.q, r.Status, textOf(r.Body))
		}
	}
	mustNotContain(t, get(t, srv, "/doanh-nghiep/tra-cuu?district=%3Cscript%3E").Body, "<script>")

	// The page names the register as its source, not the PCI.
	mustContain(t, r.Body, "Dữ liệu đăng ký doanh nghiệp", "Nguồn: Sở KH&amp;ĐT Lào Cai — đăng ký doanh nghiệp")
	mustNotContain(t, r.Body, "pcivietnam.vn")

	// The dashboards' navigation links the page.
	mustContain(t, get(t, srv, "/pci/ranking").Body, `href="/doanh-nghiep/tra-cuu">Tra cứu doanh nghiệp</a>`)
}

// The API: one page as JSON, codes as strings, capital a number, dates
// ISO; links to the other pages; errors as JSON.
func TestBusinessSearchAPI(t *testing.T) {
	srv := newBusinessServer(t)
	r := get(t, srv, "/api/v1/business/enterprises?tax_code=0&lang=en")
	var out struct {
		Query    map[string]string `json:"query"`
		Total    int               `json:"total"`
		Page     int               `json:"page"`
		Pages    int               `json:"pages"`
		IsSample bool              `json:"is_sample"`
		ViewURL  string            `json:"view_url"`
		Links    map[string]string `json:"links"`
		Columns  []struct{ Key, Kind string }
		Rows     []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal([]byte(r.Body), &out); err != nil || r.Status != 200 {
		t.Fatalf("%d %v %s", r.Status, err, r.Body)
	}
	if out.Total != 1 || out.Pages != 1 || !out.IsSample || out.Query["tax_code"] != "0" || len(out.Rows) != 1 ||
		out.ViewURL != "/doanh-nghiep/tra-cuu?lang=en&tax_code=0" {
		t.Fatalf("%+v", out)
	}
	row := out.Rows[0]
	if row["tax_code"] != "0100000007" || row["charter_capital_vnd"] != float64(123456789012) || row["registered_on"] != "2010-01-15" ||
		row["status_name"] != "Active" || row["foreign_name"] != "Dung Thuy Company Limited" || row["commune_code"] != "02647" {
		t.Errorf("row %v", row)
	}
	if _, ok := row["representative"]; ok {
		t.Error("representative in the API")
	}
	noPersonalData(t, "API", r.Body)

	r = get(t, srv, "/api/v1/business/enterprises?name=so&per_page=20&page=2")
	if err := json.Unmarshal([]byte(r.Body), &out); err != nil {
		t.Fatal(err)
	}
	if out.Total != 45 || out.Pages != 3 || len(out.Rows) != 20 || out.Rows[0]["name"] != "Công ty TNHH Số 21" ||
		out.Links["next"] != "/api/v1/business/enterprises?name=so&page=3&per_page=20" ||
		out.Links["prev"] != "/api/v1/business/enterprises?name=so&per_page=20" || out.Links["last"] == "" {
		t.Errorf("page 2: total %d pages %d rows %d first %v links %v", out.Total, out.Pages, len(out.Rows), out.Rows[0]["name"], out.Links)
	}

	r = get(t, srv, "/api/v1/business/enterprises?vsic=ZZ")
	if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, `"code":"invalid"`) || !strings.Contains(r.Body, "VSIC") {
		t.Errorf("bad VSIC: %d %s", r.Status, r.Body)
	}
}

// The downloads are the whole filtered list (whatever page the URL
// names), typed, with the view's metadata, and no personal data.
func TestBusinessSearchDownloads(t *testing.T) {
	srv := newBusinessServer(t)
	const q = "?tax_code=5&sort=tax_code&page=2&per_page=10"
	const rows = 6 + businesstest.Fillers

	// csv: BOM, codes quoted, a formula neutralised, every row.
	r := get(t, srv, "/doanh-nghiep/tra-cuu.csv"+q)
	if r.Status != 200 || !strings.HasPrefix(r.Body, "\uFEFF") || r.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("csv: %d %q %.100q", r.Status, r.Header.Get("Content-Type"), r.Body)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\uFEFF"))).ReadAll()
	if err != nil || len(recs) != rows+1 {
		t.Fatalf("csv: %d records, %v", len(recs), err)
	}
	if recs[0][0] != "Mã số thuế" || recs[1][0] != "5200000001" || recs[rows][0] != "5300000008" {
		t.Errorf("csv header/first/last: %v %v %v", recs[0][:3], recs[1][:2], recs[rows][:2])
	}
	mustContain(t, r.Body, `"'=HYPERLINK(`, `"5300000005-001"`)
	noPersonalData(t, "csv", r.Body)

	// xlsx: tax codes text with their zeros, capital a number, dates dates,
	// and a metadata sheet with the source, the filters and the row count.
	r = get(t, srv, "/doanh-nghiep/tra-cuu.xlsx?tax_code=0&lang=en")
	x, err := excelize.OpenReader(strings.NewReader(r.Body))
	if err != nil {
		t.Fatalf("xlsx: %v (%d)", err, r.Status)
	}
	sheets := x.GetSheetList()
	if len(sheets) < 2 || sheets[0] != "Data" {
		t.Fatalf("sheets %v", sheets)
	}
	if v, _ := x.GetCellValue("Data", "A2"); v != "0100000007" {
		t.Errorf("A2 %q", v)
	}
	if typ, _ := x.GetCellType("Data", "A2"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("tax code cell type %v", typ)
	}
	capCol, regCol := "", ""
	header, _ := x.GetRows("Data")
	for i, h := range header[0] {
		name, _ := excelize.CoordinatesToCellName(i+1, 2)
		switch h {
		case "Charter capital (VND)":
			capCol = name
		case "Registered on":
			regCol = name
		}
	}
	if v, _ := x.GetCellValue("Data", capCol, excelize.Options{RawCellValue: true}); v != "123456789012" {
		t.Errorf("capital %s = %q", capCol, v)
	}
	if typ, _ := x.GetCellType("Data", capCol); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("capital cell type %v", typ)
	}
	if v, _ := x.GetCellValue("Data", regCol, excelize.Options{RawCellValue: true}); v != "40193" { // 2010-01-15 as a serial date
		t.Errorf("registered %s = %q", regCol, v)
	}
	about, _ := x.GetRows(sheets[len(sheets)-1])
	aboutText := ""
	for _, row := range about {
		aboutText += strings.Join(row, " | ") + "\n"
	}
	mustContain(t, aboutText, "Sở KH&ĐT Lào Cai — đăng ký doanh nghiệp", "/doanh-nghiep/tra-cuu?lang=en&tax_code=0",
		"Tax code begins with", "SAMPLE DATA", "Data rows | 1")
	x.Close()

	// ods, and every format free of personal data (zips opened).
	for _, f := range []string{"xlsx", "ods"} {
		r := get(t, srv, "/doanh-nghiep/tra-cuu."+f+q)
		zr, err := zip.NewReader(bytes.NewReader([]byte(r.Body)), int64(len(r.Body)))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		all := ""
		for _, zf := range zr.File {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			all += string(b)
		}
		noPersonalData(t, f, all)
		mustContain(t, all, "5200000045", "5300000008")
	}

	// json: every row, the metadata, the count.
	r = get(t, srv, "/doanh-nghiep/tra-cuu.json"+q)
	var j struct {
		Meta     map[string]any `json:"meta"`
		Rows     [][]any        `json:"rows"`
		RowCount int            `json:"row_count"`
		Complete bool           `json:"complete"`
	}
	if err := json.Unmarshal([]byte(r.Body), &j); err != nil || j.RowCount != rows || len(j.Rows) != rows || !j.Complete {
		t.Fatalf("json: %v %d %d", err, j.RowCount, len(j.Rows))
	}
	if j.Meta["source"] != "Sở KH&ĐT Lào Cai — đăng ký doanh nghiệp" || j.Meta["is_sample"] != true {
		t.Errorf("json meta %v", j.Meta)
	}
	noPersonalData(t, "json", r.Body)

	// parquet: readable, typed, every row.
	r = get(t, srv, "/doanh-nghiep/tra-cuu.parquet"+q)
	if r.Status != 200 {
		t.Fatalf("parquet: %d", r.Status)
	}
	tbl, types := readParquet(t, r.Body)
	if tbl.NumRows() != rows {
		t.Errorf("parquet: %d rows", tbl.NumRows())
	}
	if types["tax_code"] != arrow.STRING || types["charter_capital_vnd"] != arrow.INT64 || types["registered_on"] != arrow.DATE32 {
		t.Errorf("parquet types %v", types)
	}
	if v := tbl.Column(0).Data().Chunk(0).(*array.String).Value(0); v != "5200000001" {
		t.Errorf("parquet first tax code %q", v)
	}
	noPersonalData(t, "parquet", r.Body)

	// Bad input: no file, the message.
	if r := get(t, srv, "/doanh-nghiep/tra-cuu.csv?status=open"); r.Status != http.StatusBadRequest || r.Header.Get("Content-Disposition") != "" {
		t.Errorf("bad csv: %d %q", r.Status, r.Header.Get("Content-Disposition"))
	}
}

// The business-support portal's channel "business data search and export"
// leads to the search (sqlite migration 0004), from its menu and its URL.
func TestBusinessPortalChannelLinksSearch(t *testing.T) {
	f := pcitest.Open(t)
	e := newContentEnv(t, f.DB)
	c := e.client()
	r := c.get("/doanh-nghiep/chuyen-muc/tra-cuu-du-lieu-doanh-nghiep")
	if r.Status != http.StatusFound || r.Header.Get("Location") != "/doanh-nghiep/tra-cuu" {
		t.Errorf("channel: %d Location %q", r.Status, r.Header.Get("Location"))
	}
	mustContain(t, c.get("/doanh-nghiep").Body, `href="/doanh-nghiep/tra-cuu"`)
	if r := c.get("/doanh-nghiep/tra-cuu"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Chưa có danh sách doanh nghiệp nào được nạp") {
		t.Errorf("search without a register: %d %s", r.Status, textOf(r.Body))
	}
}
