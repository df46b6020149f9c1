package business

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/ingest/province"
	"github.com/laocai-dpi/dpi/ingest/sheet"
)

// needsCollapseByCases is needsCollapse as first written, one comparison
// after another: the table-driven version must agree with it everywhere.
func needsCollapseByCases(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			return true
		case c == ' ' && i+1 < len(s) && s[i+1] == ' ':
			return true
		case c == 0xc2 && i+1 < len(s) && (s[i+1] == 0xa0 || s[i+1] == 0x85):
			return true
		case c == 0xe2 || c == 0xe3:
			return true
		}
	}
	return false
}

func TestTextCollapsesWhiteSpace(t *testing.T) {
	for in, want := range map[string]string{
		"Công ty TNHH  Hoàng\tPhát ":    "Công ty TNHH Hoàng Phát",
		"\u00a0Số 1,\u00a0đường Lê Lợi": "Số 1, đường Lê Lợi",
		"a\u2003b\u3000c":               "a b c",
		"Phường Cốc Lếu":                "Phường Cốc Lếu",
		"x\u00c2y":                      "x\u00c2y", // Â is 0xc3 0x82: not a space
		"":                              "",
	} {
		if got := text(sheet.Cell{Kind: sheet.Text, Str: in}); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
	pieces := []string{"a", "Đ", "ường", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u0085", "\u00c2", "\u00e2",
		"\u2003", "\u3000", "\u1680", "–", "“", ",", "0", "\xc2", "\xe2"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := needsCollapse(s), needsCollapseByCases(s); got != want {
			t.Fatalf("needsCollapse(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTaxKeyIsOneToOne(t *testing.T) {
	seen := map[int64]string{}
	for _, code := range []string{"0100000000", "0100000000-000", "0100000000-001", "0100000000-999", "0100000001",
		"9999999999", "9999999999-999", "5300100003", "5300100003-002", "0999999999-999", "1000000000"} {
		k := taxKey(code)
		if other, dup := seen[k]; dup {
			t.Errorf("taxKey(%q) = taxKey(%q) = %d", code, other, k)
		}
		seen[k] = code
	}
}

func TestIsColumnNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"(1)": true, "[12]": true, " 3 ": true, "((7))": true, "(( 7 ))": false, "\u00a0(4)\u3000": true, "\u2003[15]": true,
		"": false, "()": false, "(123)": false, "1-2": false, "0214 5744981": false, "1995-01-02": false,
		"Đang hoạt động": false, "(a)": false, "STT": false, "(1)(2)": false, "\u1680(9)": true, "\u1681(9)": false,
	} {
		if got := isColumnNumber(s); got != want {
			t.Errorf("isColumnNumber(%q) = %v, want %v", s, got, want)
		}
	}
	// mayBeColumnNumber never refuses what the plain definition accepts.
	pieces := []string{"(", ")", "[", "]", " ", "\t", "1", "23", "a", "Đ", "\u00a0", "\u3000", "\u1680", "\u2003", "-", "\xc2", "\x85"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200_000 {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		plain := strings.Trim(strings.TrimSpace(s), "()[]")
		want := len(plain) > 0 && len(plain) <= 2 && allDigits(plain)
		if got := isColumnNumber(s); got != want {
			t.Fatalf("isColumnNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTaxCodesDuplicates(t *testing.T) {
	var c taxCodes
	want := map[int64]int{}
	var dups []taxDup
	r := rand.New(rand.NewPCG(5, 6))
	for row := range 300_000 {
		k := r.Int64N(400_000)*2000 + r.Int64N(3)
		if first, ok := want[k]; ok {
			dups = append(dups, taxDup{uint64(k), int32(row), int32(first)})
		} else {
			want[k] = row
		}
		c.add(k, row)
	}
	got := c.duplicates()
	if len(got) != len(dups) {
		t.Fatalf("%d duplicates, want %d", len(got), len(dups))
	}
	for i := range got {
		if got[i] != dups[i] {
			t.Fatalf("duplicate %d: %+v, want %+v", i, got[i], dups[i])
		}
	}
	for _, code := range []string{"0100000000", "0100000000-000", "5300100003-002", "9999999999-999", "9999999999"} {
		if back := taxCodeOf(uint64(taxKey(code))); back != code {
			t.Errorf("taxCodeOf(taxKey(%q)) = %q", code, back)
		}
	}
}

// TestDuplicatesReportedInRowOrder: repeated tax codes, found after the
// last row, are listed among the other problems by row, first in their
// row, and count towards the total, as when each was found in its place.
func TestDuplicatesReportedInRowOrder(t *testing.T) {
	good := []string{"1", "5300123456", "Công ty TNHH A", "", "", "Công ty TNHH một thành viên", "15/08/2025", "", "", "Phường Lào Cai", "", "Lào Cai", "100000000", "4933", "", "", "", "Đang hoạt động"}
	row := func(code, date string) []string {
		r := append([]string(nil), good...)
		r[1], r[6] = code, date
		return r
	}
	path := writeCSV(t, "dup_2025Q3.csv", [][]string{stdHeader,
		row("5300000001", "15/08/2025"), // sheet row 2
		row("5300000001", "31/02/2025"), // 3: repeats row 2, and an impossible date
		row("5300000002", "31/02/2025"), // 4: impossible date
		row("5300000002", "15/08/2025"), // 5: repeats row 4
		row("5300000001", "15/08/2025"), // 6: repeats row 2
		row("0100000001-007", "15/08/2025"),
		row("0100000001-007", "15/08/2025"), // 8: repeats row 7
	})
	for _, max := range []int{3, 50} {
		f, err := testParser(t).Open(Options{Path: path, MaxReported: max})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.Scan(func(*Enterprise) error { return nil })
		f.Close()
		var rej *RejectError
		if !errors.As(err, &rej) {
			t.Fatalf("want a rejection, got %v", err)
		}
		var got []string
		for _, p := range rej.Problems {
			got = append(got, fmt.Sprintf("%d:%s:%s", p.Row+1, p.Code, p.Value))
		}
		want := []string{"3:duplicate_tax_code:5300000001", "3:bad_date:31/02/2025", "4:bad_date:31/02/2025",
			"5:duplicate_tax_code:5300000002", "6:duplicate_tax_code:5300000001", "8:duplicate_tax_code:0100000001-007"}
		if len(want) > max {
			want = want[:max]
		}
		if strings.Join(got, " ") != strings.Join(want, " ") || rej.Count != 6 {
			t.Errorf("max %d: %d problems %v, want 6 %v", max, rej.Count, got, want)
		}
		if !strings.Contains(err.Error(), "repeats row 2") {
			t.Errorf("the message names the first row: %v", err)
		}
	}
}

// rowKindByCells is rowKind without its quick answer for the usual row.
func (f *File) rowKindByCells(cells []sheet.Cell) rowClass {
	blank, small, other := true, 0, 0
	for _, c := range cells {
		if c.IsBlank() {
			continue
		}
		blank = false
		switch {
		case c.Kind == sheet.Number && c.Num >= 0 && c.Num < 100:
			small++
		case c.Kind == sheet.Text && isColumnNumber(c.Str):
			small++
		default:
			other++
		}
	}
	if blank || other == 0 && small >= 3 {
		return rowSkip
	}
	if tc := f.cell(cells, fTaxCode); tc.IsBlank() || tc.Kind == sheet.Text && !strings.ContainsAny(tc.Str, "0123456789") {
		for c := 0; c < len(cells) && c < 4; c++ {
			if cells[c].Kind == sheet.Text {
				s := province.Fold(cells[c].Str)
				if strings.HasPrefix(s, "tong") || strings.HasPrefix(s, "cong") || strings.HasPrefix(s, "total") {
					return rowSkip
				}
			}
		}
	}
	return rowData
}

func TestRowKindQuickAnswer(t *testing.T) {
	f := &File{}
	for i := range f.cols {
		f.cols[i] = -1
	}
	f.cols[fTaxCode] = 1
	cells := []sheet.Cell{
		{}, {Kind: sheet.Text, Str: " "}, {Kind: sheet.Text, Str: "(3)"}, {Kind: sheet.Text, Str: "Tổng cộng"},
		{Kind: sheet.Text, Str: "Cộng"}, {Kind: sheet.Text, Str: "5300100003"}, {Kind: sheet.Text, Str: "0100234567"},
		{Kind: sheet.Text, Str: "12"}, {Kind: sheet.Text, Str: "1 2 3"}, {Kind: sheet.Text, Str: "a1b2"}, {Kind: sheet.Number, Num: 7},
		{Kind: sheet.Number, Num: 99.5}, {Kind: sheet.Number, Num: 100}, {Kind: sheet.Number, Num: -1}, {Kind: sheet.Number, Num: 5300100003},
		{Kind: sheet.Number, Num: math.NaN()}, {Kind: sheet.Date, Num: 45000}, {Kind: sheet.Text, Str: "Total"}, {Kind: sheet.Text, Str: "[1]"},
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 100_000 {
		row := make([]sheet.Cell, r.IntN(6))
		for i := range row {
			row[i] = cells[r.IntN(len(cells))]
		}
		if got, want := f.rowKind(row), f.rowKindByCells(row); got != want {
			t.Fatalf("rowKind(%+v) = %v, want %v", row, got, want)
		}
	}
}
