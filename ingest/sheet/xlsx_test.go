package sheet

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// excelizeView is what excelize reports for a sheet, typed the way this
// package types cells: raw values from Rows/Columns, kinds from
// GetCellType, dates from the cell's number format. It is the reference the
// streaming reader must match.
func excelizeView(t testing.TB, f *excelize.File, sheet string) [][]Cell {
	t.Helper()
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatalf("excelize Rows(%q): %v", sheet, err)
	}
	defer rows.Close()
	var out [][]Cell
	for r := 0; rows.Next(); r++ {
		raw, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("excelize Columns(%q) row %d: %v", sheet, r+1, err)
		}
		cells := make([]Cell, len(raw))
		for c, v := range raw {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			typ, err := f.GetCellType(sheet, ref)
			if err != nil {
				t.Fatalf("excelize GetCellType(%q, %s): %v", sheet, ref, err)
			}
			cells[c] = excelizeCell(t, f, sheet, ref, typ, v)
		}
		out = append(out, trimCells(cells))
	}
	if err := rows.Error(); err != nil {
		t.Fatalf("excelize rows %q: %v", sheet, err)
	}
	return out
}

func excelizeCell(t testing.TB, f *excelize.File, sheet, ref string, typ excelize.CellType, v string) Cell {
	switch typ {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeFormula:
		return Cell{Kind: Text, Str: v}
	case excelize.CellTypeBool:
		if v == "1" || v == "TRUE" || v == "true" {
			return Cell{Kind: Bool, Num: 1}
		}
		return Cell{Kind: Bool}
	case excelize.CellTypeError:
		return Cell{Kind: Error, Str: v}
	case excelize.CellTypeDate:
		return Cell{Kind: Text, Str: "t=d " + v} // compared separately
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return Cell{Kind: Text, Str: v}
	}
	if excelizeIsDate(t, f, sheet, ref) {
		return Cell{Kind: Date, Num: n}
	}
	return Cell{Kind: Number, Num: n}
}

// excelizeIsDate decides from excelize's own view of the cell style.
func excelizeIsDate(t testing.TB, f *excelize.File, sheet, ref string) bool {
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatalf("GetCellStyle: %v", err)
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	if st.CustomNumFmt != nil {
		return isDateCode(*st.CustomNumFmt)
	}
	return (st.NumFmt >= 14 && st.NumFmt <= 22) || (st.NumFmt >= 45 && st.NumFmt <= 47)
}

func trimCells(c []Cell) []Cell {
	for len(c) > 0 && c[len(c)-1].Kind == Empty {
		c = c[:len(c)-1]
	}
	return c
}

// streamRows reads a sheet through OpenRows into a grid, gaps as empty rows.
func streamRows(t testing.TB, path string, data []byte, sheet string) [][]Cell {
	t.Helper()
	r, err := OpenRows(path, data, sheet)
	if err != nil {
		t.Fatalf("OpenRows(%s, %q): %v", path, sheet, err)
	}
	defer r.Close()
	var out [][]Cell
	last := -1
	for r.Next() {
		if r.Index() <= last {
			t.Fatalf("%s %q: row index %d after %d", path, sheet, r.Index(), last)
		}
		last = r.Index()
		for len(out) < r.Index() {
			out = append(out, nil)
		}
		out = append(out, append([]Cell(nil), r.Row()...))
	}
	if err := r.Err(); err != nil {
		t.Fatalf("OpenRows(%s, %q) rows: %v", path, sheet, err)
	}
	return out
}

func sameCell(a, b Cell) bool {
	if a.Kind != b.Kind || a.Str != b.Str {
		return false
	}
	return a.Num == b.Num || (math.IsNaN(a.Num) && math.IsNaN(b.Num))
}

// diffGrids describes the first differences between two grids, ignoring
// trailing empty rows and cells.
func diffGrids(got, want [][]Cell) string {
	trimRows := func(g [][]Cell) [][]Cell {
		for len(g) > 0 && len(trimCells(g[len(g)-1])) == 0 {
			g = g[:len(g)-1]
		}
		return g
	}
	got, want = trimRows(got), trimRows(want)
	var b strings.Builder
	n := 0
	for r := 0; r < max(len(got), len(want)); r++ {
		var g, w []Cell
		if r < len(got) {
			g = trimCells(got[r])
		}
		if r < len(want) {
			w = trimCells(want[r])
		}
		for c := 0; c < max(len(g), len(w)); c++ {
			var gc, wc Cell
			if c < len(g) {
				gc = g[c]
			}
			if c < len(w) {
				wc = w[c]
			}
			if !sameCell(gc, wc) {
				if n++; n <= 10 {
					fmt.Fprintf(&b, "\n  %s%d: got %s, want %s", colName(c), r+1, describe(gc), describe(wc))
				}
			}
		}
	}
	if n > 10 {
		fmt.Fprintf(&b, "\n  … %d differences", n)
	}
	return b.String()
}

// TestOfficialXLSXMatchesExcelize reads every sheet of the official xlsx
// workbooks through OpenRows and through Read and compares both with
// excelize's values and types.
func TestOfficialXLSXMatchesExcelize(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(xlsPCIDir, "*.xlsx"))
	if len(files) == 0 {
		t.Skipf("official PCI data not present at %s", xlsPCIDir)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			names, err := SheetNames(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if want := f.GetSheetList(); strings.Join(names, "|") != strings.Join(want, "|") {
				t.Fatalf("SheetNames = %q, excelize %q", names, want)
			}
			wb, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(wb.Sheets) != len(names) {
				t.Fatalf("Read: %d sheets, want %d", len(wb.Sheets), len(names))
			}
			cells := 0
			for i, name := range names {
				want := excelizeView(t, f, name)
				if d := diffGrids(streamRows(t, path, nil, name), want); d != "" {
					t.Errorf("sheet %q: OpenRows differs from excelize:%s", name, d)
				}
				if wb.Sheets[i].Name != name {
					t.Errorf("Read sheet %d is %q, want %q", i, wb.Sheets[i].Name, name)
				}
				if d := diffGrids(wb.Sheets[i].Rows, want); d != "" {
					t.Errorf("sheet %q: Read differs from excelize:%s", name, d)
				}
				for _, row := range want {
					cells += len(row)
				}
			}
			if cells == 0 {
				t.Fatal("no cells compared")
			}
		})
	}
}

func describe(c Cell) string {
	kinds := []string{"Empty", "Number", "Text", "Bool", "Error", "Date"}
	k := fmt.Sprint(c.Kind)
	if int(c.Kind) < len(kinds) {
		k = kinds[c.Kind]
	}
	return fmt.Sprintf("%s %q", k, c.String())
}
