package export

import (
	"archive/zip"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// odsCell is a cell of content.xml as a reader sees it.
type odsCell struct {
	typ, value, text string
	style            string
}

type odsTable struct {
	name string
	rows [][]odsCell
}

// readODS parses content.xml into tables of cells.
func readODS(t *testing.T, path string) []odsTable {
	t.Helper()
	content := zipPart(t, path, "content.xml")
	dec := xml.NewDecoder(strings.NewReader(content))
	var tables []odsTable
	var cell *odsCell
	var text strings.Builder
	para := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("content.xml is not XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attr := func(local string) string {
				for _, a := range e.Attr {
					if a.Name.Local == local {
						return a.Value
					}
				}
				return ""
			}
			switch e.Name.Local {
			case "table":
				tables = append(tables, odsTable{name: attr("name")})
			case "table-row":
				tb := &tables[len(tables)-1]
				tb.rows = append(tb.rows, nil)
			case "table-cell":
				cell = &odsCell{typ: attr("value-type"), style: attr("style-name")}
				switch cell.typ {
				case "float":
					cell.value = attr("value")
				case "date":
					cell.value = attr("date-value")
				case "boolean":
					cell.value = attr("boolean-value")
				}
				text.Reset()
				para = 0
			case "p":
				if para > 0 {
					text.WriteByte('\n')
				}
				para++
			case "s":
				n, _ := strconv.Atoi(attr("c"))
				text.WriteString(strings.Repeat(" ", max(n, 1)))
			case "tab":
				text.WriteByte('\t')
			}
		case xml.CharData:
			if cell != nil {
				text.Write(e)
			}
		case xml.EndElement:
			if e.Name.Local == "table-cell" && cell != nil {
				cell.text = text.String()
				tb := &tables[len(tables)-1]
				tb.rows[len(tb.rows)-1] = append(tb.rows[len(tb.rows)-1], *cell)
				cell = nil
			}
		}
	}
	return tables
}

func TestODSPackage(t *testing.T) {
	path := writeFile(t, t.TempDir(), "ods", testSource(), testMeta)
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	first := z.File[0]
	if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 || first.Flags&0x8 != 0 {
		t.Errorf("first entry %q method %d extra %d flags %#x: want mimetype, stored, no extra field, no data descriptor",
			first.Name, first.Method, len(first.Extra), first.Flags)
	}
	raw, _ := os.ReadFile(path)
	if string(raw[30:38]) != "mimetype" || string(raw[38:38+len(odsMime)]) != odsMime {
		t.Errorf("bytes 30– are %q, want mimetype then %s", raw[30:80], odsMime)
	}
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	for _, want := range []string{"META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml", "settings.xml"} {
		if !slices.Contains(names, want) {
			t.Errorf("no %s in %v", want, names)
		}
		if body := zipPart(t, path, want); xml.Unmarshal([]byte(body), new(struct{})) != nil {
			t.Errorf("%s is not well-formed XML", want)
		}
	}
	if m := zipPart(t, path, "meta.xml"); !strings.Contains(m, "<dc:title>"+testMeta.TitleVI+"</dc:title>") {
		t.Errorf("meta.xml: %s", m)
	}
	if s := zipPart(t, path, "settings.xml"); !strings.Contains(s, `<config:config-item-map-entry config:name="Dữ liệu">`) ||
		!strings.Contains(s, `config:name="VerticalSplitPosition" config:type="int">1<`) {
		t.Errorf("settings.xml does not freeze the header: %s", s)
	}
	content := zipPart(t, path, "content.xml")
	if !strings.Contains(content, `table:target-range-address="&#39;Dữ liệu&#39;.A1:&#39;Dữ liệu&#39;.J6" table:display-filter-buttons="true"`) &&
		!strings.Contains(content, `table:target-range-address="'Dữ liệu'.A1:'Dữ liệu'.J6" table:display-filter-buttons="true"`) {
		t.Errorf("no autofilter over A1:J6")
	}

	tables := readODS(t, path)
	if len(tables) != 2 || tables[0].name != "Dữ liệu" || tables[1].name != "Thông tin" {
		t.Fatalf("tables %v", tables)
	}
	data := tables[0].rows
	if len(data) != 6 {
		t.Fatalf("%d rows, want 6", len(data))
	}
	for i, c := range data[0] {
		if c.style != "hdr" || c.text != testCols[i].LabelVI {
			t.Errorf("header %d: %+v", i, c)
		}
	}
	check := func(r, c int, typ, value, text string) {
		t.Helper()
		got := data[r][c]
		if got.typ != typ || got.value != value || got.text != text {
			t.Errorf("row %d col %d: %+v, want %s %q %q", r, c, got, typ, value, text)
		}
	}
	check(1, 0, "string", "", "01")
	check(5, 1, "string", "", "0000000001")
	check(2, 2, "string", "", "=cmd|' /C calc'!A0")
	check(3, 2, "string", "", "Công ty \"Sao Mai\", chi nhánh\nLào Cai")
	check(4, 2, "string", "", "  hai  khoảng trắng ")
	check(1, 3, "float", "2016", "")
	check(1, 4, "float", "1234567890123", "")
	check(1, 6, "float", "0.9942857027053833", "")
	check(2, 5, "float", "-1.5", "")
	check(1, 7, "date", "2024-03-31", "")
	check(1, 8, "boolean", "true", "")
	check(1, 9, "date", "2024-03-31T10:20:30", "")
	check(3, 4, "", "", "")
	if strings.Contains(content, "table:formula") {
		t.Errorf("content.xml has a formula")
	}
	about := map[string]odsCell{}
	for _, r := range tables[1].rows {
		if len(r) == 2 {
			about[r[0].text] = r[1]
		}
	}
	if c := about["Số dòng dữ liệu / Data rows"]; c.typ != "float" || c.value != "5" {
		t.Errorf("row count %+v", c)
	}
	if c := about["Đường dẫn / URL"]; c.text != testMeta.URL {
		t.Errorf("URL %+v", c)
	}
	if _, ok := about["DỮ LIỆU MẪU / SAMPLE DATA"]; !ok {
		t.Errorf("no sample warning")
	}
}

func TestODSSplitsPastTheRowLimit(t *testing.T) {
	withSheetLimit(t, 3)
	rows := make([][]any, 7)
	for i := range rows {
		rows[i] = []any{int64(i + 1)}
	}
	path := writeFile(t, t.TempDir(), "ods", SliceSource([]Column{{Key: "n", Type: Integer}}, rows), Meta{})
	tables := readODS(t, path)
	var got []string
	for _, tb := range tables {
		got = append(got, fmt.Sprintf("%s:%d", tb.name, len(tb.rows)))
	}
	if want := []string{"Dữ liệu:4", "Dữ liệu (2):4", "Dữ liệu (3):2"}; !slices.Equal(got[:3], want) {
		t.Errorf("tables %v, want %v then the metadata", got, want)
	}
	if s := zipPart(t, path, "settings.xml"); !strings.Contains(s, `config:name="Dữ liệu (3)"`) {
		t.Errorf("the third sheet's header is not frozen")
	}
}

func TestODFTextWhitespace(t *testing.T) {
	for in, want := range map[string]string{
		"a  b":      "<text:p>a <text:s/>b</text:p>",
		" a":        "<text:p><text:s/>a</text:p>",
		"a \nb":     "<text:p>a<text:s/></text:p><text:p>b</text:p>",
		"a\r\nb\tc": "<text:p>a</text:p><text:p>b<text:tab/>c</text:p>",
		"x\x01<&>":  "<text:p>x\uFFFD&lt;&amp;&gt;</text:p>",
		"   ":       `<text:p><text:s text:c="3"/></text:p>`,
	} {
		if got := string(appendODFText(nil, in)); got != want {
			t.Errorf("%q: %s, want %s", in, got, want)
		}
	}
}

// The LibreOffice round trip: soffice converts our .ods and .xlsx to CSV,
// every sheet, values not as shown; the values must be ours.
func TestLibreOfficeReadsODSAndXLSX(t *testing.T) {
	soffice := librePath(t)
	withSheetLimit(t, 3)
	dir := t.TempDir()
	var paths []string
	for _, format := range []string{"ods", "xlsx"} {
		paths = append(paths, writeFile(t, dir, format, testSource(), testMeta))
	}
	out := convertWithLibreOffice(t, soffice, dir, paths...)
	for _, format := range []string{"ods", "xlsx"} {
		// 5 rows, 3 per sheet: "Dữ liệu" holds rows 1–3, "Dữ liệu (2)" rows 4–5.
		var data [][]string
		for k, name := range []string{"Dữ liệu", "Dữ liệu (2)"} {
			recs := readCSVFile(t, filepath.Join(out, "export-"+name+"."+format+".csv"))
			if len(recs) == 0 || !slices.Equal(recs[0], labels(testCols)) {
				t.Fatalf("%s %s: header %v", format, name, recs)
			}
			if want := []int{3, 2}[k]; len(recs)-1 != want {
				t.Errorf("%s %s: %d rows, want %d", format, name, len(recs)-1, want)
			}
			data = append(data, recs[1:]...)
		}
		if len(data) != len(testRows) {
			t.Fatalf("%s: %d rows back, want %d", format, len(data), len(testRows))
		}
		dateLayout := detectDateLayout(t, data[0][7])
		for r, want := range testRows {
			for c, col := range testCols {
				if msg := sameValue(col, want[c], data[r][c], dateLayout); msg != "" {
					t.Errorf("%s row %d %s: %s", format, r+1, col.Key, msg)
				}
			}
		}
		about := readCSVFile(t, filepath.Join(out, "export-Thông tin."+format+".csv"))
		found := map[string]string{}
		for _, r := range about {
			if len(r) > 1 {
				found[r[0]] = r[1]
			}
		}
		if found["Số dòng dữ liệu / Data rows"] != "5" || found["Tiêu đề"] != testMeta.TitleVI ||
			!strings.Contains(found["Trang dữ liệu / Data sheets"], "Dữ liệu (2): 4–5") {
			t.Errorf("%s metadata sheet as LibreOffice reads it: %v", format, found)
		}
	}
}

func librePath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("DPI_SKIP_LIBREOFFICE") == "1" {
		t.Skip("LibreOffice is not installed and DPI_SKIP_LIBREOFFICE=1")
	}
	t.Fatal("LibreOffice (soffice) is not installed: the export tests read .ods and .xlsx back with it. " +
		"Install it with `apt-get install -y --no-install-recommends libreoffice-calc-nogui` (.ci/run does), " +
		"or set DPI_SKIP_LIBREOFFICE=1 to skip these checks")
	return ""
}

// convertWithLibreOffice converts files to CSV, every sheet to its own
// file named after the input's base name and the sheet, with a profile of
// its own (so parallel runs do not meet). It returns the output folder;
// a file x.ods's sheet S lands in "x-S.ods.csv" (renamed here so the two
// formats do not collide).
func convertWithLibreOffice(t *testing.T, soffice, dir string, files ...string) string {
	t.Helper()
	out := filepath.Join(dir, "lo")
	for _, f := range files {
		sub := filepath.Join(out, filepath.Ext(f)[1:])
		// Filter options: comma, double quote, UTF-8, from line 1, no cell
		// formats, system language, quoted fields not forced to text, detect
		// numbers, values not as shown, no formulas, keep spaces, every sheet.
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "lo-profile"), "--headless",
			"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", sub, f)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		done := make(chan struct{})
		var outb []byte
		var err error
		go func() { outb, err = cmd.CombinedOutput(); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Minute):
			cmd.Process.Kill()
			t.Fatalf("soffice did not finish converting %s in 3 minutes", f)
		}
		if err != nil {
			t.Fatalf("soffice %s: %v\n%s", f, err, outb)
		}
		matches, _ := filepath.Glob(filepath.Join(sub, "*.csv"))
		if len(matches) == 0 {
			t.Fatalf("soffice wrote no CSV for %s:\n%s", f, outb)
		}
		for _, m := range matches {
			base := strings.TrimSuffix(filepath.Base(m), ".csv")
			if err := os.Rename(m, filepath.Join(out, base+filepath.Ext(f)+".csv")); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("LibreOffice did not write %s: %v", filepath.Base(path), err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func labels(cols []Column) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.LabelVI)
	}
	return out
}

// detectDateLayout finds how LibreOffice printed 31 March 2024 (its own
// locale decides for raw values).
func detectDateLayout(t *testing.T, s string) string {
	for _, layout := range []string{"02/01/2006", "01/02/2006", "2006-01-02", "02.01.2006"} {
		if d, err := time.Parse(layout, s); err == nil && d.Equal(day(2024, 3, 31)) {
			return layout
		}
	}
	t.Fatalf("cannot tell the date layout of %q", s)
	return ""
}

// sameValue compares a value we wrote with LibreOffice's text of it.
func sameValue(col Column, want any, got, dateLayout string) string {
	if want == nil {
		if got != "" {
			return fmt.Sprintf("%q, want empty", got)
		}
		return ""
	}
	switch w := want.(type) {
	case string:
		if got != w {
			return fmt.Sprintf("%q, want %q", got, w)
		}
	case int64:
		if got != strconv.FormatInt(w, 10) {
			return fmt.Sprintf("%q, want %d", got, w)
		}
	case float64:
		f, err := strconv.ParseFloat(strings.Replace(got, ",", ".", 1), 64)
		if err != nil || math.Abs(f-w) > 1e-14*math.Max(1, math.Abs(w)) {
			return fmt.Sprintf("%q, want %v", got, w)
		}
	case bool:
		truthy := map[string]bool{"TRUE": true, "ĐÚNG": true, "1": true, "FALSE": false, "SAI": false, "0": false}
		b, ok := truthy[strings.ToUpper(got)]
		if !ok || b != w {
			return fmt.Sprintf("%q, want %v", got, w)
		}
	case time.Time:
		layout := dateLayout
		if col.Type == DateTime {
			layout += " 15:04:05"
		}
		d, err := time.Parse(layout, got)
		// A time of day is a fraction of a day in a spreadsheet: LibreOffice
		// may print 10:20:29 for 10:20:30 when not formatting "as shown".
		if err != nil || d.Sub(w).Abs() > time.Second {
			return fmt.Sprintf("%q, want %v", got, w)
		}
	}
	return ""
}
