package warehouse

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// foldKey, the Go folding of the keys a load stores (0009), equals fold_vi
// (0007, the keys' definition) wherever it folds: on every character of its
// table alone and between letters, composed and decomposed, on every
// reference name and on the tricky spellings; and it folds nearly all of
// them (else the loads would fold in SQL after all). searchKeys equals the
// SQL expression of the keys, empty names (NULL) included.
func TestFoldKeyEqualsFoldVI(t *testing.T) {
	ctx := context.Background()
	w := openTest(t)
	var inputs []string
	for r := range rune(len(foldTable)) {
		if foldTable[r].kind != foldUnknown {
			c := string(r)
			inputs = append(inputs, c, "A"+c+"b", "Đ"+c+c+"ư", "x "+c+" Y", c+"\u0301", norm.NFD.String("Hòa"+c))
		}
	}
	rows, err := w.DB().QueryContext(ctx, `
		SELECT name_vi FROM provinces UNION ALL SELECT name_ascii FROM provinces
		UNION ALL SELECT name_vi FROM admin_units_pre2025 UNION ALL SELECT name_vi FROM admin_communes_2025
		UNION ALL SELECT name_vi FROM legal_forms UNION ALL SELECT unnest(string_split(aliases, '|')) FROM legal_forms
		UNION ALL SELECT name_vi FROM business_statuses UNION ALL SELECT name_vi FROM vsic_codes`)
	if err != nil {
		t.Fatal(err)
	}
	names := 0
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, s, norm.NFD.String(s))
		names++
	}
	rows.Close()
	if names < 1000 {
		t.Fatalf("only %d reference names", names)
	}
	inputs = append(inputs, "Hoà Bình", "Thuỷ", "ĐỖ ĐỨC ĐẠT", "Ð ð (legacy)", "  TT- Huế.. ", "a_b,c.d-e",
		"Công ty TNHH Một thành viên Xây dựng, Thương mại & Dịch vụ (Lào Cai)", "Cty CP ĐT&XD Số 1",
		"HOANG PHAT CO., LTD", "=HYPERLINK(\"x\")", "</script>", "tab\tand\nnewline\vvt\fff\rcr", "---", "...",
		"\ufeffBOM", "zero\u200bwidth", "no\u00a0break", "ﬁne", "Ǆ", "ſ", "½", "Ａ", "\x00nul", "\xff")
	stmt, err := w.DB().PrepareContext(ctx, `SELECT fold_vi(?)`)
	if err != nil {
		t.Fatal(err)
	}
	defer stmt.Close()
	folded, bad := 0, 0
	for _, s := range inputs {
		got, ok := foldKey(s)
		if !ok {
			continue
		}
		folded++
		var want string
		if err := stmt.QueryRowContext(ctx, s).Scan(&want); err != nil {
			t.Fatalf("fold_vi(%q): %v", s, err)
		}
		if got != want {
			if bad++; bad <= 20 {
				t.Errorf("foldKey(%q) = %q, fold_vi = %q", s, got, want)
			}
		}
	}
	if folded < len(inputs)*9/10 {
		t.Errorf("foldKey folded %d of %d inputs", folded, len(inputs))
	}
	// What it must leave to fold_vi: characters where fold_vi and Fold
	// differ or that fold_vi drops, and invalid UTF-8.
	for _, s := range []string{"ﬁne", "Ǆ", "ſ", "½", "Ａ", "\ufeffBOM", "zero\u200bwidth", "no\u00a0break", "\xff", "---", "\x00nul"} {
		if k, ok := foldKey(s); ok {
			t.Errorf("foldKey(%q) = %q, want it left to fold_vi", s, k)
		}
	}

	keyStmt, err := w.DB().PrepareContext(ctx, `SELECT fold_vi(nullif($1, '')), ' ' || concat_ws(' ', fold_vi(nullif($1, '')),
		fold_vi(nullif($2, '')), fold_vi(nullif($3, '')))`)
	if err != nil {
		t.Fatal(err)
	}
	defer keyStmt.Close()
	triples := [][3]string{{"", "", ""}, {"Công ty Hòa", "", ""}, {"", "HOA", ""}, {"", "", "Hoa Co"},
		{"Công ty TNHH Đức Thủy", "DUC THUY", "Duc Thuy Co., Ltd"}, {"A", "", "B"}, {"ﬁne", "x", ""}}
	for _, tr := range triples {
		sortKey, searchKey, ok := searchKeys(tr[0], tr[1], tr[2])
		if !ok {
			if tr[0] != "ﬁne" {
				t.Errorf("searchKeys%q not folded", tr)
			}
			continue
		}
		var wantSort *string
		var wantSearch string
		if err := keyStmt.QueryRowContext(ctx, tr[0], tr[1], tr[2]).Scan(&wantSort, &wantSearch); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(sortKey) != strings.Join(nilToEmpty(wantSort), "") || searchKey != wantSearch {
			t.Errorf("searchKeys%q = %q, %q; SQL %v, %q", tr, sortKey, searchKey, nilToEmpty(wantSort), wantSearch)
		}
	}
}

func nilToEmpty(s *string) []string {
	if s == nil {
		return nil
	}
	return []string{*s}
}
