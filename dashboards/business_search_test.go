package dashboards_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/businesstest"
	"github.com/laocai-dpi/dpi/dashboards/pcitest"
)

func openRegister(t *testing.T) (*sql.DB, *dashboards.BusinessRef) {
	t.Helper()
	w := pcitest.OpenEmpty(t)
	businesstest.Load(t, w, true)
	ref, err := dashboards.LoadBusinessRef(context.Background(), w.DB())
	if err != nil {
		t.Fatal(err)
	}
	return w.DB(), ref
}

// search runs a URL query and returns the result.
func search(t *testing.T, db *sql.DB, ref *dashboards.BusinessRef, query string) *dashboards.EnterpriseResult {
	t.Helper()
	v, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	q, err := dashboards.ParseEnterpriseQuery(v, ref)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	r, err := dashboards.SearchEnterprises(context.Background(), db, q, "vi")
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return r
}

func taxCodes(r *dashboards.EnterpriseResult) []string {
	var out []string
	for _, row := range r.Rows {
		out = append(out, row.TaxCode)
	}
	return out
}

func TestEnterpriseSearchFilters(t *testing.T) {
	db, ref := openRegister(t)
	all := len(businesstest.Rows())
	cases := []struct {
		query string
		want  []string // tax codes in order; nil: only the total is checked
		total int
	}{
		// Folding: both tone placements, Đ = D, decomposed input, case.
		{"name=hoa+binh", []string{"5300000002", "5300000001"}, 2},
		{"name=" + url.QueryEscape("Hoà Bình"), []string{"5300000002", "5300000001"}, 2},
		{"name=" + url.QueryEscape("HÒA BÌNH xanh"), []string{"5300000002"}, 1},
		{"name=" + url.QueryEscape(norm.NFD.String("hòa bình")), []string{"5300000002", "5300000001"}, 2},
		{"name=duc+thuy", []string{"5300000003"}, 1},
		{"name=" + url.QueryEscape("Đức Thuỷ"), []string{"5300000003"}, 1},
		{"name=" + url.QueryEscape("ĐỨC"), []string{"5300000003"}, 1},
		// A word is found at the start of a word: "hoa" is not inside "Khoa".
		{"name=hoa", []string{"5300000002", "5300000001"}, 2},
		{"name=khoa", []string{"1000000004"}, 1},
		// Short and foreign names count; every word must occur.
		{"name=thuy+company", []string{"0100000007"}, 1},
		{"name=dung+co", []string{"0100000007"}, 1},
		{"name=thuy", []string{"0100000007", "5300000003"}, 2},
		{"name=hoa+thuy", nil, 0},
		// Words that fold to nothing search nothing.
		{"name=" + url.QueryEscape(" - . "), nil, all},
		{"name=" + url.QueryEscape(businesstest.Script), []string{"5300000006"}, 1},
		// Tax code prefix, dependent units, leading zeros.
		{"tax_code=53000000", []string{"5300000006", "5300000005-001", "5300000002", "5300000001", "5300000003", "5300000008"}, 6},
		{"tax_code=5300000005-", []string{"5300000005-001"}, 1},
		{"tax_code=5300000005-001", []string{"5300000005-001"}, 1},
		{"tax_code=01", []string{"0100000007"}, 1},
		{"tax_code=" + url.QueryEscape(" 1000 000 "), []string{"1000000004"}, 1},
		{"tax_code=54", nil, 0},
		// Units, industry, form, status.
		{"district=082", nil, 2 + businesstest.Fillers},
		{"district=082&name=hoa", []string{"5300000002"}, 1},
		{"commune=02647", []string{"5300000006", "5300000005-001", "0100000007", "5300000001", "5300000003"}, 5},
		{"vsic=a", []string{"5300000003", "5300000008"}, 2},
		{"vsic=F", []string{"5300000006", "5300000002"}, 2},
		{"vsic=47&name=cong+ty+tnhh", nil, 3 + businesstest.Fillers},
		{"vsic=4711", []string{"5300000005-001", "5300000001"}, 2},
		{"legal_form=jsc", []string{"5300000002"}, 1},
		{"legal_form=branch", []string{"5300000005-001"}, 1},
		{"status=suspended", []string{"5300000002"}, 1},
		{"status=dissolved", []string{"1000000004"}, 1},
		// Registration dates, both ends included; no date never matches.
		{"from=2025-01-01&to=2025-03-31", []string{"5300000001", "5300000003"}, 2},
		{"from=2025-03-31&to=2025-03-31", []string{"5300000003"}, 1},
		{"to=2012-12-31", []string{"0100000007"}, 1},
		{"from=2025-04-01&vsic=G", []string{"5300000005-001", "1000000004"}, 2},
		// Orders.
		{"tax_code=53000000&sort=registered_on&dir=desc", []string{"5300000006", "5300000005-001", "5300000003", "5300000001", "5300000002", "5300000008"}, 6},
		{"tax_code=5&sort=capital&per_page=3", []string{"5200000001", "5200000002", "5200000003"}, 6 + businesstest.Fillers},
		{"tax_code=53&sort=capital&dir=desc", []string{"5300000002", "5300000001", "5300000003", "5300000006", "5300000005-001", "5300000008"}, 6},
		{"name=hoa&sort=tax_code&dir=desc", []string{"5300000002", "5300000001"}, 2},
	}
	for _, c := range cases {
		r := search(t, db, ref, c.query)
		if r.Total != int64(c.total) {
			t.Errorf("%s: total %d, want %d (%v)", c.query, r.Total, c.total, taxCodes(r))
		}
		if c.want != nil && !slices.Equal(taxCodes(r), c.want) {
			t.Errorf("%s: %v, want %v", c.query, taxCodes(r), c.want)
		}
	}
}

// The name order folds Đ with D: "Đức Thủy" sorts before "Hợp tác xã",
// not after every other letter as bytes would put it.
func TestEnterpriseSearchNameOrder(t *testing.T) {
	db, ref := openRegister(t)
	r := search(t, db, ref, "vsic=A")
	if got := taxCodes(r); !slices.Equal(got, []string{"5300000003", "5300000008"}) {
		t.Errorf("name order: %v", got)
	}
}

func TestEnterpriseSearchPages(t *testing.T) {
	db, ref := openRegister(t)
	var seen []string
	pages := 0
	for p := 1; ; p++ {
		r := search(t, db, ref, fmt.Sprintf("name=so&per_page=10&page=%d", p))
		if r.Total != businesstest.Fillers || r.Pages != 5 {
			t.Fatalf("page %d: total %d pages %d", p, r.Total, r.Pages)
		}
		if len(r.Rows) == 0 {
			break
		}
		pages++
		for _, row := range r.Rows {
			seen = append(seen, row.Name)
		}
	}
	if pages != 5 || len(seen) != businesstest.Fillers {
		t.Fatalf("%d pages, %d rows", pages, len(seen))
	}
	for i, name := range seen {
		if want := fmt.Sprintf("Công ty TNHH Số %02d", i+1); name != want {
			t.Errorf("row %d: %q, want %q", i, name, want)
		}
	}
	// The names of codes come from the reference views, in the language.
	r := search(t, db, ref, "tax_code=5300000001")
	row := r.Rows[0]
	if row.LegalFormName != "Công ty TNHH hai thành viên trở lên" || row.StatusName != "Đang hoạt động" ||
		row.DistrictName != "Thành phố Lào Cai" || row.CommuneName != "Phường Lào Cai" || row.VSICSection != "G" ||
		!strings.HasPrefix(row.VSICName, "Bán lẻ lương thực") || row.CapitalVND == nil || *row.CapitalVND != 1_000_000_000 ||
		row.RegisteredOn == nil || row.RegisteredOn.Format("2006-01-02") != "2025-02-10" || !r.IsSample || !r.Loaded {
		t.Errorf("row: %+v (sample %v)", row, r.IsSample)
	}
	q, _ := dashboards.ParseEnterpriseQuery(url.Values{"tax_code": {"5300000001"}}, ref)
	en, err := dashboards.SearchEnterprises(context.Background(), db, q, "en")
	if err != nil || en.Rows[0].StatusName != "Active" || en.Rows[0].LegalFormName != "Multi-member limited liability company" {
		t.Errorf("English names: %+v %v", en.Rows, err)
	}
}

// Every bad choice is refused with a message in both languages; nothing
// the user typed reaches the SQL text.
func TestEnterpriseQueryInvalid(t *testing.T) {
	_, ref := openRegister(t)
	for _, query := range []string{
		"tax_code=53a", "tax_code=12345678901", "tax_code=53-001", "tax_code=5300000005-0001",
		"district=999", "commune=' OR 1=1 --", "vsic=Z", "vsic=00", "vsic=47x", "vsic=12345",
		"legal_form=llc", "status=open", "from=2025-13-01", "to=yesterday", "from=2025-05-01&to=2025-04-30",
		"sort=random", "dir=up", "page=0", "page=x", "per_page=201", "per_page=-1",
		"name=" + strings.Repeat("a", 201), "name=a+b+c+d+e+f+g+h+i",
	} {
		v, _ := url.ParseQuery(query)
		_, err := dashboards.ParseEnterpriseQuery(v, ref)
		var inv *dashboards.InvalidError
		if !errors.As(err, &inv) || inv.VI == "" || inv.EN == "" || inv.VI == inv.EN {
			t.Errorf("%s: %v, want a bilingual InvalidError", query, err)
		}
	}
	// The canonical URL leaves defaults out and round-trips.
	v, _ := url.ParseQuery("name=+Hoà+Bình+&page=1&per_page=50&sort=name&dir=asc&vsic=g")
	q, err := dashboards.ParseEnterpriseQuery(v, ref)
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Values().Encode(); got != "name=Ho%C3%A0+B%C3%ACnh&vsic=G" {
		t.Errorf("canonical query %q", got)
	}
}
