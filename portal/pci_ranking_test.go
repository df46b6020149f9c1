package portal_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/ingest/pci"
)

func TestRankingPage(t *testing.T) {
	srv, _ := newServer(t)
	cat, err := pci.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("vietnamese by default", func(t *testing.T) {
		r := get(t, srv, "/pci/ranking?year=2016")
		if r.Status != 200 || r.Header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Fatalf("%d %s", r.Status, r.Header.Get("Content-Type"))
		}
		mustContain(t, r.Body,
			`<html lang="vi">`,
			"Bảng xếp hạng PCI các tỉnh, thành phố năm 2016",
			"66,45", "62,72", "62,12", // 2 decimals, comma
			`href="/api/v1/pci/scores?year=2016"`, "Tải JSON",
			`href="/pci/ranking?lang=en&amp;year=2016"`, "English",
			`<option value="2016" selected>2016</option>`, `<option value="2008">2008</option>`,
			"Nguồn: VCCI/USAID PCI (", "pcivietnam.vn",
			`<link rel="stylesheet" href="/static/style.css">`,
			`<tr id="p10" class="home">`, // Lào Cai highlighted
		)
		mustNotContain(t, r.Body, "66.45", "Dữ liệu mẫu", "Thứ hạng tính từ điểm PCI", "<script")
		for _, s := range cat.ForYear(2016) {
			mustContain(t, r.Body, s.NameVI+` <span class="weight" title="trọng số">(`+formatWeight(s.Weight)+`%)</span>`)
		}
		checkOrder(t, r.Body, "Lào Cai", "Hồ Chí Minh", "Hà Nội")
	})

	t.Run("english", func(t *testing.T) {
		r := get(t, srv, "/pci/ranking?year=2016&lang=en")
		mustContain(t, r.Body, `<html lang="en">`, "PCI ranking of provinces, 2016", "66.45", "62.72",
			"Download JSON", `href="/pci/ranking?year=2016"`, "Tiếng Việt", "Source: VCCI/USAID PCI",
			`<input type="hidden" name="lang" value="en">`)
		mustNotContain(t, r.Body, "66,45")
		for _, s := range cat.ForYear(2016) {
			mustContain(t, r.Body, s.NameEN+` <span class="weight" title="weight">(`+formatWeight(s.Weight)+`%)</span>`)
		}
	})

	t.Run("latest year without a parameter", func(t *testing.T) {
		r := get(t, srv, "/pci/ranking")
		mustContain(t, r.Body, "năm 2016", `<option value="2016" selected>`)
	})

	t.Run("sorting", func(t *testing.T) {
		for _, tc := range []struct {
			query string
			order []string
		}{
			{"sort=name", []string{"Hà Nội", "Hồ Chí Minh", "Lào Cai"}}, // Vietnamese collation
			{"sort=name&dir=desc", []string{"Lào Cai", "Hồ Chí Minh", "Hà Nội"}},
			{"sort=pci&dir=asc", []string{"Hà Nội", "Hồ Chí Minh", "Lào Cai"}},
			{"sort=rank&dir=desc", []string{"Hà Nội", "Hồ Chí Minh", "Lào Cai"}},
			{"sort=entry_costs", []string{"Hà Nội", "Hồ Chí Minh", "Lào Cai"}}, // scores: best first
			{"sort=bogus", []string{"Lào Cai", "Hồ Chí Minh", "Hà Nội"}},       // falls back to rank
		} {
			r := get(t, srv, "/pci/ranking?year=2016&"+tc.query)
			if got := rowNames(r.Body); !slices.Equal(got, tc.order) {
				t.Errorf("%s: %v, want %v", tc.query, got, tc.order)
			}
		}
		r := get(t, srv, "/pci/ranking?year=2016&sort=name")
		mustContain(t, r.Body,
			`aria-sort="ascending"><a href="/pci/ranking?dir=desc&amp;sort=name&amp;year=2016">`, // click again: reverse
			`<a href="/pci/ranking?dir=desc&amp;sort=pci&amp;year=2016">`,                        // scores open best first
			`<input type="hidden" name="sort" value="name">`,                                     // year form keeps the view
		)
	})

	t.Run("computed ranks and sample data", func(t *testing.T) {
		r := get(t, srv, "/pci/ranking?year=2008")
		mustContain(t, r.Body,
			"Dữ liệu mẫu — không phải số liệu chính thức / Sample data — not official figures",
			"Thứ hạng tính từ điểm PCI / rank computed from the PCI score",
			`2<a href="#computed-note" class="mark">*</a>`,
			"Ưu đãi đối với doanh nghiệp nhà nước (môi trường cạnh tranh)",
		)
		checkOrder(t, r.Body, "Lào Cai", "Hà Nội", "Hồ Chí Minh") // tie at 2: by code
	})
}

func TestRankingRegionHighlight(t *testing.T) {
	srv, _ := newServer(t)
	r := get(t, srv, "/pci/ranking?year=2016&region=red-river-delta&hl=01")
	checkOrder(t, r.Body, "Hà Nội")
	mustContain(t, r.Body, `<tr id="p01" class="hl">`, `<option value="red-river-delta" selected>Đồng bằng sông Hồng</option>`,
		`<a href="/pci/province/01">Hà Nội</a>`, `href="/pci/ranking.csv?region=red-river-delta&amp;year=2016"`)
	r = get(t, srv, "/pci/ranking?year=2016&hl=79&sort=name")
	checkOrder(t, r.Body, "Hà Nội", "Hồ Chí Minh", "Lào Cai")
	mustContain(t, r.Body, `<tr id="p79" class="hl">`, `<a href="/pci/ranking?dir=desc&amp;hl=79&amp;sort=name&amp;year=2016">`)
	if r := get(t, srv, "/pci/ranking?year=2016&region=atlantis"); r.Status != 400 {
		t.Errorf("unknown region: %d", r.Status)
	}
	if r := get(t, srv, "/api/v1/pci/scores?year=2016&region=south-east"); r.Status != 200 || !strings.Contains(r.Body, `"province_code":"79"`) || strings.Contains(r.Body, `"province_code":"10"`) {
		t.Errorf("api region filter: %d %s", r.Status, r.Body)
	}
}

func TestRankingPageErrors(t *testing.T) {
	srv, _ := newServer(t)
	for _, tc := range []struct {
		query  string
		status int
		text   string
	}{
		{"year=%3Cscript%3Ealert(1)%3C/script%3E", 400, "Năm không hợp lệ"},
		{"year=%3Cscript%3E&lang=en", 400, "Invalid year"},
		{"year=2020", 404, "Chưa có số liệu PCI năm 2020"},
		{"year=2020&lang=en", 404, "No PCI data for 2020"},
	} {
		r := get(t, srv, "/pci/ranking?"+tc.query)
		if r.Status != tc.status || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: %d %s, want %d", tc.query, r.Status, r.Header.Get("Content-Type"), tc.status)
		}
		mustContain(t, r.Body, tc.text)
		mustNotContain(t, r.Body, "<script")
	}
	if r := get(t, srv, "/no/such/page"); r.Status != 404 || !strings.Contains(r.Body, "Không tìm thấy trang") {
		t.Errorf("unknown page: %d", r.Status)
	}
}

func checkOrder(t *testing.T, body string, want ...string) {
	t.Helper()
	if got := rowNames(body); !slices.Equal(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
}

func mustContain(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("body lacks %q", w)
		}
	}
}

func mustNotContain(t *testing.T, body string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(body, b) {
			t.Errorf("body has %q", b)
		}
	}
}

// formatWeight: the weights of 2006 on are whole percents, the same in both languages.
func formatWeight(w float64) string { return strconv.FormatFloat(w, 'f', -1, 64) }
