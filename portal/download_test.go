package portal_test

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The compare view's downloads: the xlsx has numeric score cells, codes as
// text, a metadata sheet and a native chart; the csv starts with a BOM and
// neutralises a name that begins with "=".
func TestCompareDownloads(t *testing.T) {
	srv, f := newServer(t)
	if _, err := f.DB.ExecContext(context.Background(),
		`UPDATE ref_provinces SET name_vi = '=HYPERLINK("http://x","y")' WHERE generation = 'pre2025' AND code = '79'`); err != nil {
		t.Fatal(err)
	}
	const view = "/pci/compare.%s?p=10,01,79&chart=line&measure=score&subindex=pci"
	r := get(t, srv, strings.Replace(view, "%s", "xlsx", 1))
	if r.Status != 200 {
		t.Fatalf("xlsx: %d %s", r.Status, r.Body)
	}
	x, err := excelize.OpenReader(strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if strings.Join(sheets, "|") != "Biểu đồ|Dữ liệu|Thông tin" {
		t.Fatalf("sheets %v: want chart, data and metadata", sheets)
	}
	data := sheets[1]
	rows, err := x.GetRows(data)
	if err != nil || len(rows) != 5 { // header, three provinces, the national median
		t.Fatalf("data rows %d %v %q", len(rows), err, rows)
	}
	var codeCell, scoreCell string
	for c, h := range rows[0] {
		name, _ := excelize.CoordinatesToCellName(c+1, 2)
		switch {
		case strings.Contains(h, "Mã tỉnh"):
			codeCell = name
		case h == "2016":
			scoreCell = name
		}
	}
	if typ, _ := x.GetCellType(data, codeCell); codeCell == "" || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
		t.Errorf("province code %s should be text, is %v", codeCell, typ)
	}
	if typ, _ := x.GetCellType(data, scoreCell); scoreCell == "" || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
		t.Errorf("2016 score %s should be a number, is %v", scoreCell, typ)
	}
	if v, _ := x.GetCellValue(data, scoreCell, excelize.Options{RawCellValue: true}); v == "" || strings.ContainsAny(v, ", ") {
		t.Errorf("2016 score raw value %q", v)
	}
	zr, err := zip.NewReader(bytes.NewReader([]byte(r.Body)), int64(len(r.Body)))
	if err != nil {
		t.Fatal(err)
	}
	chart := false
	for _, zf := range zr.File {
		chart = chart || strings.HasPrefix(zf.Name, "xl/charts/chart")
	}
	if !chart {
		t.Error("no native chart in the xlsx")
	}
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			if strings.Contains(b.String(), "<f>") {
				t.Errorf("%s holds a formula", f.Name)
			}
		}
	}

	c := get(t, srv, strings.Replace(view, "%s", "csv", 1))
	if c.Status != 200 || !strings.HasPrefix(c.Body, "\ufeff") {
		t.Fatalf("csv: %d, BOM %v", c.Status, strings.HasPrefix(c.Body, "\ufeff"))
	}
	if !strings.Contains(c.Body, `'=HYPERLINK`) {
		t.Errorf("a name beginning with = must be neutralised:\n%s", c.Body)
	}
	if o := get(t, srv, strings.Replace(view, "%s", "ods", 1)); o.Status != 200 || !strings.HasPrefix(o.Body, "PK") || !strings.Contains(o.Body[:100], "mimetypeapplication/vnd.oasis.opendocument.spreadsheet") {
		t.Errorf("ods: %d", o.Status)
	}
}
