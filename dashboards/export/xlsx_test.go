package export

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("excelize cannot open %s: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// zipPart returns one part of a zip file ("" when absent).
func zipPart(t *testing.T, path, name string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(r)
			r.Close()
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	return ""
}

func TestXLSXCellsAndLayout(t *testing.T) {
	path := writeFile(t, t.TempDir(), "xlsx", testSource(), testMeta)
	f := openXLSX(t, path)
	if got, want := f.GetSheetList(), []string{"Dữ liệu", "Thông tin"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	const s = "Dữ liệu"

	// Header: labels in Vietnamese, bold, frozen, autofilter over the data.
	for i, c := range testCols {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if v, _ := f.GetCellValue(s, cell); v != c.LabelVI {
			t.Errorf("header %s = %q, want %q", cell, v, c.LabelVI)
		}
		if st := style(t, f, s, cell); st.Font == nil || !st.Font.Bold {
			t.Errorf("header %s is not bold", cell)
		}
	}
	panes, err := f.GetPanes(s)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 {
		t.Errorf("panes %+v (%v), want the first row frozen", panes, err)
	}
	sheetXML := zipPart(t, path, "xl/worksheets/sheet1.xml")
	if !strings.Contains(sheetXML, `<autoFilter ref="$A$1:$J$6"`) {
		t.Errorf("no autofilter over A1:J6 in the sheet XML")
	}
	if strings.Contains(sheetXML, "<f>") {
		t.Errorf("the data sheet has a formula: %s", sheetXML)
	}
	if cols, _ := f.GetColWidth(s, "C"); cols < 20 {
		t.Errorf("column C (names up to 27 characters) is %v wide", cols)
	}

	// Codes are text with their zeros; "=cmd…" is text, not a formula.
	for cell, want := range map[string]string{"A2": "01", "B2": "0100109106", "A6": "02", "B6": "0000000001",
		"B3": "5300123456-001", "C3": "=cmd|' /C calc'!A0", "C4": "Công ty \"Sao Mai\", chi nhánh\nLào Cai",
		"C5": "  hai  khoảng trắng ", "C6": "-5 và +3 @x"} {
		typ, _ := f.GetCellType(s, cell)
		v, _ := f.GetCellValue(s, cell)
		if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString || v != want {
			t.Errorf("%s: type %v value %q, want text %q", cell, typ, v, want)
		}
		if formula, _ := f.GetCellFormula(s, cell); formula != "" {
			t.Errorf("%s has formula %q", cell, formula)
		}
	}
	if st := style(t, f, s, "A2"); st.NumFmt != 49 {
		t.Errorf("code column format %d, want 49 (@)", st.NumFmt)
	}

	// Numbers are numbers, with a number format, to Excel's precision: 15
	// significant digits (Excel keeps no more; csv, JSON, Parquet and ods
	// keep every digit).
	for cell, want := range map[string]float64{"D2": 2016, "E2": 1234567890123, "F2": 62.3456, "G2": 0.9942857027053833,
		"F3": -1.5, "G3": 1e-7, "E5": -42, "G4": 123456.789} {
		typ, _ := f.GetCellType(s, cell)
		raw, _ := f.GetCellValue(s, cell, excelize.Options{RawCellValue: true})
		got, err := strconv.ParseFloat(raw, 64)
		if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset || err != nil ||
			strconv.FormatFloat(got, 'g', 15, 64) != strconv.FormatFloat(want, 'g', 15, 64) {
			t.Errorf("%s: type %v raw %q, want the number %v", cell, typ, raw, want)
		}
	}
	for cell, want := range map[string]string{"D2": "0", "E2": "#,##0", "F2": "#,##0.00", "H2": "dd/mm/yyyy", "J2": "dd/mm/yyyy hh:mm:ss"} {
		st := style(t, f, s, cell)
		got := ""
		if st.CustomNumFmt != nil {
			got = *st.CustomNumFmt
		} else if st.NumFmt == 1 {
			got = "0"
		}
		if got != want {
			t.Errorf("%s number format %q (%d), want %q", cell, got, st.NumFmt, want)
		}
	}
	// Dates are date serials shown dd/mm/yyyy.
	for cell, want := range map[string]string{"H2": "31/03/2024", "H3": "01/12/1999", "H5": "29/02/2000"} {
		raw, _ := f.GetCellValue(s, cell, excelize.Options{RawCellValue: true})
		if _, err := strconv.ParseFloat(raw, 64); err != nil {
			t.Errorf("%s raw %q is not a date serial", cell, raw)
		}
		if v, _ := f.GetCellValue(s, cell); v != want {
			t.Errorf("%s shows %q, want %q", cell, v, want)
		}
	}
	if raw, _ := f.GetCellValue(s, "H2", excelize.Options{RawCellValue: true}); raw != "45382" {
		t.Errorf("31/03/2024 is serial %s, want 45382", raw)
	}
	if typ, _ := f.GetCellType(s, "I2"); typ != excelize.CellTypeBool {
		t.Errorf("I2 type %v, want bool", typ)
	}
	// NULLs are empty cells.
	for _, cell := range []string{"E4", "F4", "H4", "I4", "J4"} {
		if v, _ := f.GetCellValue(s, cell); v != "" {
			t.Errorf("%s = %q, want empty", cell, v)
		}
	}
	rows, _ := f.GetRows(s)
	if len(rows) != 6 {
		t.Errorf("%d rows, want header + 5", len(rows))
	}
}

func style(t *testing.T, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// aboutMap reads the metadata sheet as label → value (the first of each).
func aboutMap(t *testing.T, f *excelize.File, sheet string) (map[string]string, [][]string) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		v := ""
		if len(r) > 1 {
			v = r[1]
		}
		if _, ok := m[r[0]]; !ok {
			m[r[0]] = v
		}
	}
	return m, rows
}

func TestXLSXMetadataSheet(t *testing.T) {
	path := writeFile(t, t.TempDir(), "xlsx", testSource(), testMeta)
	f := openXLSX(t, path)
	m, rows := aboutMap(t, f, "Thông tin")
	for label, want := range map[string]string{
		"Tiêu đề":                      testMeta.TitleVI,
		"Title":                        testMeta.TitleEN,
		"Nguồn / Source":               testMeta.Source,
		"Giấy phép / Licence":          testMeta.Licence,
		"Đường dẫn / URL":              testMeta.URL,
		"Thời điểm tạo / Generated at": "27/11/2026 11:05:06 (giờ Việt Nam, ICT, UTC+7)",
		"Năm / Year":                   "2016–2020",
		"Tên / Name":                   "=SUM(A1)",
		"province_code":                "Mã tỉnh / Province code (mã, dạng chữ / code, text)",
	} {
		if m[label] != want {
			t.Errorf("metadata %q = %q, want %q", label, m[label], want)
		}
	}
	if _, ok := m["DỮ LIỆU MẪU / SAMPLE DATA"]; !ok {
		t.Errorf("no sample-data warning: %v", rows)
	}
	if raw, _ := f.GetCellValue("Thông tin", "B8", excelize.Options{RawCellValue: true}); raw != "5" || rows[7][0] != "Số dòng dữ liệu / Data rows" {
		t.Errorf("row count line %v = %q, want the number 5", rows[7], raw)
	}
	if !slices.ContainsFunc(rows, func(r []string) bool { return len(r) > 1 && strings.Contains(r[1], "2011 composite") }) {
		t.Errorf("the note is missing")
	}
	for r := 1; r <= len(rows); r++ {
		cell := "B" + strconv.Itoa(r)
		if formula, _ := f.GetCellFormula("Thông tin", cell); formula != "" {
			t.Errorf("%s has formula %q", cell, formula)
		}
	}
	// Not sample: no warning. English: English headers and sheet names.
	meta := testMeta
	meta.IsSample, meta.Lang = false, "en"
	f = openXLSX(t, writeFile(t, t.TempDir(), "xlsx", testSource(), meta))
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Data", "About"}) {
		t.Errorf("English sheets %v", got)
	}
	if v, _ := f.GetCellValue("Data", "E1"); v != "Charter capital (VND)" {
		t.Errorf("English header %q", v)
	}
	if m, _ := aboutMap(t, f, "About"); m["DỮ LIỆU MẪU / SAMPLE DATA"] != "" {
		t.Errorf("warning on official data")
	}
}

func TestXLSXChart(t *testing.T) {
	meta := testMeta
	meta.Chart = &ChartSpec{Kind: "line", Category: "year", Series: []string{"score", "capital_vnd"}, ReverseValueAxis: true}
	path := writeFile(t, t.TempDir(), "xlsx", testSource(), meta)
	f := openXLSX(t, path)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Biểu đồ", "Dữ liệu", "Thông tin"}) {
		t.Fatalf("sheets %v", got)
	}
	if v, _ := f.GetCellValue("Biểu đồ", "A1"); v != meta.TitleVI {
		t.Errorf("chart sheet title %q", v)
	}
	chart := zipPart(t, path, "xl/charts/chart1.xml")
	if chart == "" {
		t.Fatal("no xl/charts/chart1.xml")
	}
	for _, want := range []string{"<lineChart>", "&#39;Dữ liệu&#39;!$D$2:$D$6", "&#39;Dữ liệu&#39;!$F$2:$F$6",
		"&#39;Dữ liệu&#39;!$E$2:$E$6", "&#39;Dữ liệu&#39;!$F$1", `<orientation val="maxMin">`} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart XML lacks %s", want)
		}
	}
	for kind, tag := range map[string]string{"bar": "<barChart>", "radar": "<radarChart>"} {
		meta.Chart = &ChartSpec{Kind: kind, Category: "province_code", Series: []string{"score"}}
		if c := zipPart(t, writeFile(t, t.TempDir(), "xlsx", testSource(), meta), "xl/charts/chart1.xml"); !strings.Contains(c, tag) {
			t.Errorf("%s chart has no %s", kind, tag)
		}
	}
	// Series by row: one series per data row over the value columns' headers.
	meta.Chart = &ChartSpec{Kind: "line", Category: "province_code", Series: []string{"capital_vnd", "score"}, SeriesByRow: true}
	chart = zipPart(t, writeFile(t, t.TempDir(), "xlsx", testSource(), meta), "xl/charts/chart1.xml")
	if n := strings.Count(chart, "<c:ser>") + strings.Count(chart, "<ser>"); n != 5 {
		t.Errorf("%d series, want one per row (5)", n)
	}
	for _, want := range []string{"<lineChart>", "&#39;Dữ liệu&#39;!$E$1:$F$1", "&#39;Dữ liệu&#39;!$E$2:$F$2", "&#39;Dữ liệu&#39;!$E$6:$F$6"} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart XML lacks %s", want)
		}
	}
	meta.Chart = &ChartSpec{Kind: "line", Category: "province_code", Series: []string{"score", "year"}, SeriesByRow: true}
	if err := WriteXLSX(io.Discard, testSource(), meta); err == nil {
		t.Errorf("series by row over columns that are not adjacent was accepted")
	}
	meta.Chart = &ChartSpec{Kind: "pie", Category: "year", Series: []string{"score"}}
	if err := WriteXLSX(io.Discard, testSource(), meta); err == nil {
		t.Errorf("a pie chart was accepted")
	}
	meta.Chart = &ChartSpec{Kind: "line", Category: "year", Series: []string{"nope"}}
	if err := WriteXLSX(io.Discard, testSource(), meta); err == nil {
		t.Errorf("a series that is not a column was accepted")
	}
}

func TestXLSXSplitsPastTheRowLimit(t *testing.T) {
	withSheetLimit(t, 3)
	rows := make([][]any, 8)
	for i := range rows {
		rows[i] = []any{"0" + strconv.Itoa(i+1), int64(i + 1)}
	}
	cols := []Column{{Key: "code", Type: Code}, {Key: "n", Type: Integer}}
	path := writeFile(t, t.TempDir(), "xlsx", SliceSource(cols, rows), Meta{TitleVI: "Chia trang"})
	f := openXLSX(t, path)
	want := []string{"Dữ liệu", "Dữ liệu (2)", "Dữ liệu (3)", "Thông tin"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	next := 1
	for k, s := range want[:3] {
		got, _ := f.GetRows(s)
		if len(got) == 0 || got[0][0] != "code" {
			t.Fatalf("%s has no header: %v", s, got)
		}
		if panes, _ := f.GetPanes(s); !panes.Freeze {
			t.Errorf("%s header not frozen", s)
		}
		wantRows := []int{3, 3, 2}[k]
		if len(got)-1 != wantRows {
			t.Errorf("%s holds %d rows, want %d", s, len(got)-1, wantRows)
		}
		for _, r := range got[1:] {
			if r[1] != strconv.Itoa(next) || r[0] != "0"+strconv.Itoa(next) {
				t.Errorf("%s row %v, want row %d", s, r, next)
			}
			next++
		}
	}
	if next != 9 {
		t.Errorf("read %d rows back, want 8", next-1)
	}
	m, _ := aboutMap(t, f, "Thông tin")
	if s := m["Trang dữ liệu / Data sheets"]; !strings.Contains(s, "Dữ liệu: 1–3; Dữ liệu (2): 4–6; Dữ liệu (3): 7–8") {
		t.Errorf("metadata does not say where the rows are: %q", s)
	}
	if m["Số dòng dữ liệu / Data rows"] != "8" {
		t.Errorf("row count %q", m["Số dòng dữ liệu / Data rows"])
	}
	wb := zipPart(t, path, "xl/workbook.xml")
	if strings.Count(wb, "_xlnm._FilterDatabase") != 3 {
		t.Errorf("not every data sheet has its autofilter: %s", wb)
	}
}

func TestXLSXEmptyTable(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, SliceSource(testCols, nil), testMeta); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Dữ liệu")
	if len(rows) != 1 {
		t.Errorf("empty table: %d rows, want the header only", len(rows))
	}
}

func TestXLSXSourceErrorIsReturned(t *testing.T) {
	src := &failingSource{n: 3000}
	err := WriteXLSX(io.Discard, src, testMeta)
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("err = %v, want the source's error", err)
	}
}
