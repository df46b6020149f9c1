package warehouse

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/laocai-dpi/dpi/ingest/province"
)

// The SQL macro fold_vi (sql/migrations/0007_fold.sql) equals Go's
// province.Fold on every name of the reference views, composed and
// decomposed, and on the tricky spellings search must fold alike.
func TestFoldVIEqualsProvinceFold(t *testing.T) {
	ctx := context.Background()
	w := openTest(t)
	rows, err := w.DB().QueryContext(ctx, `
		SELECT name_vi FROM provinces UNION ALL SELECT name_ascii FROM provinces
		UNION ALL SELECT old_name FROM province_crosswalk UNION ALL SELECT new_name FROM province_crosswalk
		UNION ALL SELECT name_vi FROM admin_units_pre2025 UNION ALL SELECT unit_type FROM admin_units_pre2025
		UNION ALL SELECT name_vi FROM admin_communes_2025 UNION ALL SELECT unit_type FROM admin_communes_2025
		UNION ALL SELECT name_vi FROM legal_forms UNION ALL SELECT name_en FROM legal_forms
		UNION ALL SELECT unnest(string_split(aliases, '|')) FROM legal_forms
		UNION ALL SELECT name_vi FROM business_statuses UNION ALL SELECT name_en FROM business_statuses
		UNION ALL SELECT unnest(string_split(aliases, '|')) FROM business_statuses
		UNION ALL SELECT name_vi FROM vsic_sections UNION ALL SELECT name_en FROM vsic_sections
		UNION ALL SELECT name_vi FROM vsic_codes
		UNION ALL SELECT name_vi FROM pci_subindices UNION ALL SELECT name_en FROM pci_subindices`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var s *string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		if s != nil {
			names = append(names, *s)
		}
	}
	rows.Close()
	if len(names) < 1000 {
		t.Fatalf("only %d reference names: the reference views are not filled", len(names))
	}
	tricky := []string{
		"Hoà Bình", "Hòa Bình", "HOÀ BÌNH", "hoa binh", "Thuỷ", "Thủy", "THUỶ", "Khánh Hoà", "Quy Nhơn",
		"Đồng Đăng", "ĐỖ ĐỨC ĐẠT", "đ", "Ð ð (legacy)", "Nguyễn", "Ngũ Hành Sơn",
		"Công ty TNHH Một thành viên — Xây dựng, Thương mại & Dịch vụ (Lào Cai)",
		"  TT- Huế.. ", "a_b,c.d-e", "\ufeffBOM", "zero\u200bwidth", "no\u00a0break", "tab\tand\nnewline",
		"Ideo\u3000graphic space", "=HYPERLINK(\"x\")", "</script><script>alert(1)</script>", "",
		"Cty CP ĐT&XD Số 1", "Ư Ơ ư ơ Ă Â Ê Ô ă â ê ô", "Kỳ Sơn", "Kì Sơn", "Ý Yên", "ỵ ỹ ỷ ỳ ý",
	}
	seen := map[string]bool{}
	var inputs []string
	for _, s := range append(names, tricky...) {
		for _, v := range []string{s, norm.NFD.String(s), norm.NFC.String(s)} {
			if !seen[v] {
				seen[v] = true
				inputs = append(inputs, v)
			}
		}
	}
	stmt, err := w.DB().PrepareContext(ctx, `SELECT fold_vi(?)`)
	if err != nil {
		t.Fatal(err)
	}
	defer stmt.Close()
	bad := 0
	for _, s := range inputs {
		var got string
		if err := stmt.QueryRowContext(ctx, s).Scan(&got); err != nil {
			t.Fatalf("fold_vi(%q): %v", s, err)
		}
		if want := province.Fold(s); got != want {
			bad++
			if bad <= 20 {
				t.Errorf("fold_vi(%q) = %q, province.Fold = %q", s, got, want)
			}
		}
	}
	t.Logf("%d inputs (%d reference names, composed and decomposed) fold alike", len(inputs), len(names))

	// Both tone placements, Đ and decomposed input meet on one key.
	for _, group := range [][]string{
		{"Hoà Bình", "Hòa Bình", norm.NFD.String("Hòa Bình"), "hoa binh", "HOA BINH"},
		{"Thuỷ", "Thủy", norm.NFD.String("Thuỷ"), "thuy"},
		{"Đại Đồng", "đại đồng", "Dai Dong", "ÐẠI ÐỒNG"},
	} {
		var keys []string
		for _, s := range group {
			var k string
			if err := stmt.QueryRowContext(ctx, s).Scan(&k); err != nil {
				t.Fatal(err)
			}
			keys = append(keys, k)
		}
		for _, k := range keys[1:] {
			if k != keys[0] {
				t.Errorf("%q fold to %q, want one key", group, strings.Join(keys, " | "))
				break
			}
		}
	}
	// NULL stays NULL (a name-less row matches no name search).
	var null *string
	if err := w.DB().QueryRowContext(ctx, `SELECT fold_vi(NULL::VARCHAR)`).Scan(&null); err != nil || null != nil {
		t.Errorf("fold_vi(NULL) = %v, %v; want NULL", null, err)
	}
}

// Where fold_vi and Fold differ, as 0007_fold.sql says: compatibility
// characters (Fold's NFKD) and spacing combining marks. None occurs in
// Vietnamese text; the test pins the documentation.
func TestFoldVIDocumentedDifferences(t *testing.T) {
	w := openTest(t)
	for _, s := range []string{"ﬁ", "½", "Ａ", "क\u093E"} {
		var got string
		if err := w.DB().QueryRow(`SELECT fold_vi(?)`, s).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got == province.Fold(s) {
			t.Errorf("fold_vi(%q) = Fold = %q: update sql/migrations' note and sql/README.md", s, got)
		}
	}
}
