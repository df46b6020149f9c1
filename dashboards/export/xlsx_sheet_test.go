package export

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Our data-sheet cells are byte for byte the cells excelize's StreamWriter
// writes for the same values and column style.
func TestSheetXMLCellsAreExcelizes(t *testing.T) {
	vals := []any{
		"", "x", " lead", "trail ", "\ttab", "a\nb", "cr\r", `<&>"'`, "=1+1", "Hòa Bình", "😀 emoji",
		"_x0041_", "_x005F_x0041_", "a_x12G4_b _xD800_", "\x01ctrl\x1f", "bad\xffutf8", "\uFFFE",
		strings.Repeat("ớ", 40000), strings.Repeat("😀", 17000), strings.Repeat("a", 32767) + "b", strings.Repeat("_x0041_", 5000),
		int64(0), int64(-42), int64(math.MaxInt64), int64(math.MinInt64),
		0.0, math.Copysign(0, -1), 1.5, 1e-7, 123456789012345678.0, 0.1 + 0.2, 1e21, -1e-300, math.MaxFloat64,
		-math.MaxFloat64, 62.3456, 12345678901234.567, 1.0 / 3, 0.9942857027053833, 45382.0,
		true, false,
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetColStyle(2, 2, st); err != nil {
		t.Fatal(err)
	}
	for i, v := range vals {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, []any{nil, v}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ref.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	ref := zipPart(t, path, "xl/worksheets/sheet1.xml")

	var ours bytes.Buffer
	sx := newSheetXML(&ours, []float64{10, 10}, []int{0, st}, true)
	for i, v := range vals {
		if err := sx.row(int64(i+1), []any{nil, v}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sx.end(int64(len(vals))); err != nil {
		t.Fatal(err)
	}
	cells := regexp.MustCompile(`(?s)<c r="B(\d+)".*?</c>`)
	want, got := cells.FindAllString(ref, -1), cells.FindAllString(ours.String(), -1)
	if len(want) != len(vals) || len(got) != len(vals) {
		t.Fatalf("%d cells from excelize, %d from us, want %d", len(want), len(got), len(vals))
	}
	for i := range vals {
		if got[i] != want[i] {
			t.Errorf("%s:\n ours     %.200s\n excelize %.200s", fmt.Sprintf("%.40q", fmt.Sprint(vals[i])), got[i], want[i])
		}
	}
}
