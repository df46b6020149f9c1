package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// part is one file of a hand-made xlsx package.
type part struct{ name, body string }

func zipParts(t testing.TB, parts ...part) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	hwContentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/first.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	hwRootRels     = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	// Sheet order differs from part names; one target is absolute.
	hwWorkbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:workbookPr date1904="%s"/><x:sheets><x:sheet name="Đăng ký" sheetId="7" r:id="rId9"/><x:sheet name="Thứ hai" sheetId="2" r:id="rId4"/></x:sheets></x:workbook>`
	hwWorkbookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/first.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	// cellXfs: 0 General, 1 built-in 14 (date), 2 custom dd/mm/yyyy,
	// 3 custom 0.00, 4 custom [h]:mm, 5 custom "Ngày" 0 (quoted: not a
	// date), 6 built-in 22, 7 [Red]#,##0 (not a date), 8 built-in 4,
	// 9 custom [$-42A]d mmmm yyyy, 10 custom General.
	hwStyles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="7"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.00"/><numFmt numFmtId="166" formatCode="[h]:mm"/><numFmt numFmtId="167" formatCode="&quot;Ngày&quot; 0"/><numFmt numFmtId="168" formatCode="[Red]#,##0"/><numFmt numFmtId="169" formatCode="[$-42A]d mmmm yyyy"/><numFmt numFmtId="170" formatCode="General"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="11"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="22"/><xf numFmtId="168"/><xf numFmtId="4"/><xf numFmtId="169"/><xf numFmtId="170"/></cellXfs></styleSheet>`
	// Shared strings: rich text runs, phonetic runs, entities, an escaped
	// control character, preserved spaces, an empty item.
	hwSST = `<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6"><si><t>Mã số</t></si><si><r><rPr><b/></rPr><t>CÔNG TY </t></r><r><t xml:space="preserve">TNHH  Sa Pa</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si><si><t>A &amp; B &lt;C&gt; &#273;&#x1EA1;i</t></si><si><t>line1_x000D_
line2 _x005F_x0041_</t></si><si><t xml:space="preserve">  padded  </t></si><si/></sst>`
	hwSheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- written by hand -->
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:AC12"/><x:sheetData>
<x:row r="1" spans="1:3"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>
<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Hợp tác xã</x:t></x:is></x:c><x:c r="B2" s="1"/><x:c r="C2" t="inlineStr"><x:is><x:r><x:t>rich </x:t></x:r><x:r><x:rPr><x:i/></x:rPr><x:t>inline</x:t></x:r><x:rPh><x:t>no</x:t></x:rPh></x:is></x:c><x:c r="D2" t="s"><x:v>3</x:v></x:c><x:c r="E2" t="s"><x:v>4</x:v></x:c><x:c r="F2" t="s"><x:v>5</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3"><x:v>42</x:v></x:c><x:c r="B3" t="n"><x:v>-1.5E-3</x:v></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c><x:c r="D3" t="b"><x:v>0</x:v></x:c><x:c r="E3" t="e"><x:v>#N/A</x:v></x:c><x:c r="F3" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="G3"><x:f>SUM(A3:B3)</x:f><x:v>41.9985</x:v></x:c><x:c r="H3" t="str"><x:f>A1&amp;"x"</x:f><x:v>Mã sốx</x:v></x:c><x:c r="I3" t="str"><x:f>"12"</x:f><x:v>12</x:v></x:c></x:row>
<x:row r="5"><x:c r="A5" s="1"><x:v>45000</x:v></x:c><x:c r="B5" s="2"><x:v>45000.5</x:v></x:c><x:c r="C5" s="3"><x:v>45000</x:v></x:c><x:c r="D5" s="4"><x:v>1.25</x:v></x:c><x:c r="E5" s="5"><x:v>3</x:v></x:c><x:c r="F5" s="6"><x:v>45000.75</x:v></x:c><x:c r="G5" s="7"><x:v>1000</x:v></x:c><x:c r="H5" s="8"><x:v>2.5</x:v></x:c><x:c r="I5" s="9"><x:v>1</x:v></x:c><x:c r="J5" s="10"><x:v>7</x:v></x:c><x:c r="K5" s="99"><x:v>8</x:v></x:c><x:c r="L5" s="1" t="s"><x:v>0</x:v></x:c></x:row>
<x:row r="6"><x:c r="Z6" t="inlineStr"><x:is><x:t>z</x:t></x:is></x:c><x:c r="AA6"><x:v>27</x:v></x:c><x:c r="AB6"><x:v>28</x:v></x:c><x:c r="AZ6"><x:v>52</x:v></x:c><x:c r="BA6"><x:v>53</x:v></x:c></x:row>
<x:row r="7"/>
<x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c><x:c r="E8"><x:v>5</x:v></x:c><x:c><x:v>6</x:v></x:c></x:row>
<x:row r="10" ht="20" customHeight="1"><x:c r="A10" t="inlineStr"><x:is><x:t><![CDATA[<not a tag> & raw]]></x:t></x:is></x:c><x:c r="B10" t="str"><x:v>a&#xD;&#10;b
c</x:v></x:c><x:c r="C10" t='str'><x:v>a&#13;
d&bogus; &amp</x:v></x:c><x:c r="D10" t="d"><x:v>2024-02-29T12:00:00</x:v></x:c><x:c r="E10" t="inlineStr"><x:is><x:t></x:t></x:is></x:c><x:c r="F10" t="str"><x:v></x:v></x:c><x:c r="G10"><x:v> 7</x:v></x:c></x:row>
<x:row r="12"><x:c r="XFD12"><x:v>16384</x:v></x:c></x:row>
</x:sheetData><x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></x:worksheet>`
	hwFirst = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`
)

func handWritten(t testing.TB, date1904 string) []byte {
	return zipParts(t,
		part{"[Content_Types].xml", hwContentTypes},
		part{"_rels/.rels", hwRootRels},
		part{"xl/workbook.xml", fmt.Sprintf(hwWorkbook, date1904)},
		part{"xl/_rels/workbook.xml.rels", hwWorkbookRels},
		part{"xl/styles.xml", hwStyles},
		part{"xl/sharedStrings.xml", hwSST},
		part{"xl/worksheets/data.xml", hwSheet},
		part{"xl/worksheets/first.xml", hwFirst},
	)
}

func txt(s string) Cell     { return Cell{Kind: Text, Str: s} }
func num(v float64) Cell    { return Cell{Kind: Number, Num: v} }
func date(v float64) Cell   { return Cell{Kind: Date, Num: v} }
func errCell(s string) Cell { return Cell{Kind: Error, Str: s} }
func boolean(b bool) Cell   { return Cell{Kind: Bool, Num: map[bool]float64{false: 0, true: 1}[b]} }
func cellsAt(m map[int]Cell) []Cell {
	n := 0
	for c := range m {
		n = max(n, c+1)
	}
	row := make([]Cell, n)
	for c, v := range m {
		row[c] = v
	}
	return row
}

// TestHandWrittenXLSX covers what excelize does not write: namespace
// prefixes, inline and rich strings, phonetic runs, entities and CDATA,
// booleans, errors, formulas with cached values, built-in and custom date
// formats, missing r attributes, gaps, columns past Z, and sheets whose
// parts are not named sheetN.xml.
func TestHandWrittenXLSX(t *testing.T) {
	data := handWritten(t, "false")
	names, err := SheetNames("hand.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, "|") != "Đăng ký|Thứ hai" {
		t.Fatalf("SheetNames = %q", names)
	}
	want := map[int][]Cell{
		0:  {txt("Mã số"), txt("CÔNG TY TNHH  Sa Pa"), txt("A & B <C> đại")},
		1:  {txt("Hợp tác xã"), {}, txt("rich inline"), txt("line1\r\nline2 _x0041_"), txt("  padded  ")},
		2:  {num(42), num(-0.0015), boolean(true), boolean(false), errCell("#N/A"), errCell("#DIV/0!"), num(41.9985), txt("Mã sốx"), txt("12")},
		4:  {date(45000), date(45000.5), num(45000), date(1.25), num(3), date(45000.75), num(1000), num(2.5), date(1), num(7), num(8), txt("Mã số")},
		5:  cellsAt(map[int]Cell{25: txt("z"), 26: num(27), 27: num(28), 51: num(52), 52: num(53)}),
		6:  nil,
		7:  {num(1), num(2), {}, {}, num(5), num(6)},
		9:  {txt("<not a tag> & raw"), txt("a\r\nb\nc"), txt("a\r\nd&bogus; &amp"), date(45351.5)},
		11: cellsAt(map[int]Cell{16383: num(16384)}),
	}
	want[9] = append(want[9], Cell{}, Cell{}, txt(" 7"))
	r, err := OpenRows("hand.xlsx", data, "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Sheet() != "Đăng ký" || r.Date1904() || r.Format() != "xlsx" {
		t.Fatalf("Sheet %q, Date1904 %v, Format %q", r.Sheet(), r.Date1904(), r.Format())
	}
	seen := 0
	for r.Next() {
		w, ok := want[r.Index()]
		if !ok {
			t.Errorf("unexpected row %d: %+v", r.Index(), r.Row())
			continue
		}
		seen++
		w = trimCells(w)
		if got := r.Row(); len(got) != len(w) {
			t.Errorf("row %d: %d cells %+v, want %d %+v", r.Index()+1, len(got), got, len(w), w)
		} else {
			for c := range w {
				if !sameCell(got[c], w[c]) {
					t.Errorf("%s%d: got %+v, want %+v", colName(c), r.Index()+1, got[c], w[c])
				}
			}
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if seen != len(want) {
		t.Errorf("saw %d rows, want %d", seen, len(want))
	}

	// Read agrees, gaps as empty rows.
	wb, err := Read("hand.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Sheets) != 2 || wb.Sheets[0].Name != "Đăng ký" || len(wb.Sheets[1].Rows) != 0 {
		t.Fatalf("Read: %d sheets", len(wb.Sheets))
	}
	if got := len(wb.Sheets[0].Rows); got != 12 {
		t.Errorf("Read: %d rows, want 12", got)
	}
	for i, w := range want {
		if d := diffGrids([][]Cell{wb.Sheets[0].Rows[i]}, [][]Cell{w}); d != "" {
			t.Errorf("Read row %d:%s", i+1, d)
		}
	}

	// Dates convert.
	if tm, ok := wb.Sheets[0].Cell(4, 1).Time(wb.Date1904); !ok || !tm.Equal(time.Date(2023, 3, 15, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("B5 as time: %v %v", tm, ok)
	}
	if tm, ok := wb.Sheets[0].Cell(9, 3).Time(false); !ok || !tm.Equal(time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("t=d D10 as time: %v %v", tm, ok)
	}

	// The second sheet by name: empty.
	r2, err := OpenRows("hand.xlsx", data, "Thứ hai")
	if err != nil {
		t.Fatal(err)
	}
	if r2.Next() || r2.Err() != nil {
		t.Errorf("empty sheet: Next true or error %v", r2.Err())
	}
	r2.Close()

	// The 1904 date system is reported, serials stay as stored.
	r3, err := OpenRows("hand.xlsx", handWritten(t, "1"), "Đăng ký")
	if err != nil {
		t.Fatal(err)
	}
	defer r3.Close()
	if !r3.Date1904() {
		t.Error("date1904=1 not reported")
	}
	for r3.Next() {
		if r3.Index() == 4 {
			c := r3.Row()[0]
			tm, ok := c.Time(r3.Date1904())
			if c.Kind != Date || c.Num != 45000 || !ok || !tm.Equal(time.Date(2027, 3, 16, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("1904 A5: %+v → %v", c, tm)
			}
		}
	}
}

func TestCellTime(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		serial   float64
		date1904 bool
		want     time.Time
	}{
		{1, false, day(1900, 1, 1)},
		{59, false, day(1900, 2, 28)},
		{61, false, day(1900, 3, 1)},
		{45000, false, day(2023, 3, 15)},
		{45000.25, false, day(2023, 3, 15).Add(6 * time.Hour)},
		{44197.999999999, false, day(2021, 1, 2)}, // rounds to the millisecond
		{0, true, day(1904, 1, 1)},
		{43538, true, day(2023, 3, 15)},
		{2958465, false, day(9999, 12, 31)},
	} {
		got, ok := Cell{Kind: Date, Num: c.serial}.Time(c.date1904)
		if !ok || !got.Equal(c.want) {
			t.Errorf("Time(%v, 1904=%v) = %v %v, want %v", c.serial, c.date1904, got, ok, c.want)
		}
		if c.serial >= 61 && c.serial == math.Floor(c.serial) {
			if s, ok := serialOf(c.want, c.date1904); !ok || s != c.serial {
				t.Errorf("serialOf(%v) = %v, want %v", c.want, s, c.serial)
			}
		}
	}
	for _, c := range []Cell{{Kind: Text, Str: "45000"}, {Kind: Date, Num: -1}, {Kind: Date, Num: 3e6}, {Kind: Date, Num: math.NaN()}, {}} {
		if _, ok := c.Time(false); ok {
			t.Errorf("%+v converted to a time", c)
		}
	}
	if got := (Cell{Kind: Date, Num: 45000.5}).String(); got != "45000.5" {
		t.Errorf("Date String = %q", got)
	}
}

func TestIsDateCode(t *testing.T) {
	for code, want := range map[string]bool{
		"General": false, "general": false, "0.00": false, "#,##0": false, "0%": false, "@": false, "": false,
		"0.00E+00": false, `"Ngày" 0`: false, `0 "days"`: false, "[Red]0.00": false, `\d0`: false, "_-* #,##0_-": false,
		"[$€-2] #,##0.00": false, "Standard": false,
		"dd/mm/yyyy": true, "m/d/yy": true, "yyyy-mm-dd hh:mm:ss": true, "h:mm AM/PM": true, "[h]:mm": true,
		"[ss]": true, "[$-42A]d mmmm yyyy": true, `d"/"m`: true, "mmm-yy": true, "[Blue]dd/mm/yyyy": true,
	} {
		if got := isDateCode(code); got != want {
			t.Errorf("isDateCode(%q) = %v, want %v", code, got, want)
		}
	}
	for id, want := range map[int]bool{0: false, 1: false, 4: false, 13: false, 14: true, 17: true, 22: true, 23: false, 44: false, 45: true, 47: true, 48: false, 49: false, 164: false} {
		if got := isDateFormat(id, nil); got != want {
			t.Errorf("isDateFormat(%d) = %v, want %v", id, got, want)
		}
	}
	if !isDateFormat(14, map[int]string{}) || isDateFormat(14, map[int]string{14: "0.00"}) {
		t.Error("a custom code must override the built-in meaning of its id")
	}
}

// writeGenerated builds a workbook with excelize: shared strings, rich
// text, numbers, booleans, times with built-in and custom formats, gaps,
// columns past Z, a second sheet through the StreamWriter (inline
// strings), and optionally the 1904 date system.
func writeGenerated(t testing.TB, path string, date1904 bool) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if date1904 {
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
			t.Fatal(err)
		}
	}
	s1 := "Doanh nghiệp"
	f.SetSheetName("Sheet1", s1)
	custom := "dd/mm/yyyy hh:mm"
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	customStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	twoDec, _ := f.NewStyle(&excelize.Style{NumFmt: 2})
	set := func(sheet, ref string, v any) {
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	set(s1, "A1", "Mã số thuế")
	set(s1, "B1", "Tên doanh nghiệp")
	set(s1, "C1", "Ngày thành lập")
	set(s1, "AB1", "Cột AB")
	set(s1, "A2", "5300123456")
	set(s1, "B2", "CÔNG TY TNHH Hoàng Liên & Cộng sự <HL>")
	set(s1, "C2", time.Date(2019, 7, 1, 0, 0, 0, 0, time.UTC))
	set(s1, "D2", 1.5e9)
	set(s1, "E2", true)
	set(s1, "F2", false)
	set(s1, "G2", 12345.678)
	set(s1, "H2", 45000)
	set(s1, "AA2", -3)
	f.SetCellStyle(s1, "H2", "H2", dateStyle)
	set(s1, "I2", 45000.75)
	f.SetCellStyle(s1, "I2", "I2", customStyle)
	set(s1, "J2", 3.14159)
	f.SetCellStyle(s1, "J2", "J2", twoDec)
	set(s1, "A5", "after a gap")
	set(s1, "ZZ7", "far right")
	set(s1, "A8", "  spaces  ")
	set(s1, "B8", "tab\there\nnewline")
	set(s1, "C8", "_x000D_ literal") // excelize does not escape it: read back as CR
	if err := f.SetCellRichText(s1, "D8", []excelize.RichTextRun{{Text: "đậm "}, {Text: "nghiêng", Font: &excelize.Font{Italic: true}}}); err != nil {
		t.Fatal(err)
	}
	set(s1, "A9", "Mã số thuế") // a repeated shared string

	s2 := "Luồng"
	if _, err := f.NewSheet(s2); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter(s2)
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Tên", "Ngày", "Vốn", "Có", nil, "Ghi chú"},
		{"Hợp tác xã Bắc Hà", time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC), 2e9, true, nil, "a<b & c>d"},
		{excelize.Cell{Value: 45123, StyleID: dateStyle}, excelize.Cell{Value: "chuỗi", StyleID: twoDec}, excelize.Cell{Formula: "1+1", Value: 2}},
	}
	for i, row := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, []int{1, 2, 6}[i])
		if err := sw.SetRow(ref, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestGeneratedXLSXMatchesExcelize writes workbooks with excelize and reads
// them back both ways.
func TestGeneratedXLSXMatchesExcelize(t *testing.T) {
	for _, date1904 := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("gen_%v.xlsx", date1904))
		writeGenerated(t, path, date1904)
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		names, err := SheetNames(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(names, "|") != strings.Join(f.GetSheetList(), "|") {
			t.Fatalf("SheetNames %q, excelize %q", names, f.GetSheetList())
		}
		wb, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if wb.Date1904 != date1904 {
			t.Errorf("Workbook.Date1904 = %v", wb.Date1904)
		}
		for i, name := range names {
			want := excelizeView(t, f, name)
			if d := diffGrids(streamRows(t, path, nil, name), want); d != "" {
				t.Errorf("1904=%v sheet %q: OpenRows differs from excelize:%s", date1904, name, d)
			}
			if d := diffGrids(wb.Sheets[i].Rows, want); d != "" {
				t.Errorf("1904=%v sheet %q: Read differs from excelize:%s", date1904, name, d)
			}
		}
		f.Close()

		// Spot checks that the reference itself is what we mean.
		s := wb.Sheets[0]
		for _, c := range []struct {
			r, c int
			want Cell
		}{
			{1, 0, txt("5300123456")}, {1, 1, txt("CÔNG TY TNHH Hoàng Liên & Cộng sự <HL>")}, {1, 3, num(1.5e9)},
			{1, 4, boolean(true)}, {1, 5, boolean(false)}, {1, 7, date(45000)}, {1, 8, date(45000.75)}, {1, 9, num(3.14159)},
			{1, 26, num(-3)}, {0, 27, txt("Cột AB")}, {4, 0, txt("after a gap")}, {6, 701, txt("far right")},
			{7, 0, txt("  spaces  ")}, {7, 1, txt("tab\there\nnewline")}, {7, 2, txt("\r literal")}, {7, 3, txt("đậm nghiêng")},
		} {
			if got := s.Cell(c.r, c.c); !sameCell(got, c.want) {
				t.Errorf("1904=%v %s%d = %+v, want %+v", date1904, colName(c.c), c.r+1, got, c.want)
			}
		}
		founded := s.Cell(1, 2)
		if tm, ok := founded.Time(wb.Date1904); founded.Kind != Date || !ok || !tm.Equal(time.Date(2019, 7, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("1904=%v C2 = %+v → %v", date1904, founded, tm)
		}
		stream := wb.Sheets[1]
		if tm, ok := stream.Cell(1, 1).Time(wb.Date1904); stream.Cell(1, 1).Kind != Date || !ok || !tm.Equal(time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)) {
			t.Errorf("1904=%v stream B2 = %+v → %v", date1904, stream.Cell(1, 1), tm)
		}
		if got := stream.Cell(1, 5); !sameCell(got, txt("a<b & c>d")) {
			t.Errorf("stream F2 = %+v", got)
		}
	}
}

func TestXLSXErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.xlsx")
	writeGenerated(t, good, false)
	full, _ := os.ReadFile(good)

	check := func(what string, err error, wants ...string) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", what)
			return
		}
		if !errors.Is(err, ErrFormat) {
			t.Errorf("%s: %v does not wrap ErrFormat", what, err)
		}
		for _, w := range wants {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not mention %q", what, err, w)
			}
		}
	}
	// Truncated: the zip directory is gone.
	trunc := filepath.Join(dir, "truncated.xlsx")
	os.WriteFile(trunc, full[:len(full)/2], 0o644)
	_, err := OpenRows(trunc, nil, "")
	check("truncated OpenRows", err, trunc, "truncated")
	_, err = SheetNames(trunc, nil)
	check("truncated SheetNames", err, trunc)
	_, err = Open(trunc)
	check("truncated Open", err, trunc)

	// Not a zip at all, named .xlsx.
	renamed := filepath.Join(dir, "notes.xlsx")
	os.WriteFile(renamed, []byte("year,province\n2013,Lào Cai\n"), 0o644)
	_, err = OpenRows(renamed, nil, "")
	check("renamed", err, renamed, "not a zip")

	// A zip that is not a workbook.
	other := filepath.Join(dir, "other.xlsx")
	os.WriteFile(other, zipParts(t, part{"readme.txt", "hi"}), 0o644)
	_, err = OpenRows(other, nil, "")
	check("plain zip", err, other, "no workbook part")

	// A missing sheet names the file and the sheet, and lists the real ones.
	_, err = OpenRows(good, nil, "Không có")
	check("missing sheet", err, good, `"Không có"`, `"Doanh nghiệp"`)

	// Damaged compressed data inside the sheet part: found while streaming.
	data := handWritten(t, "0")
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/data.xml" {
			off, _ := f.DataOffset()
			bad := bytes.Clone(data)
			for i := off + 40; i < off+int64(f.CompressedSize64)-10; i += 7 {
				bad[i] ^= 0x5A
			}
			r, err := OpenRows("damaged.xlsx", bad, "Đăng ký")
			if err != nil {
				check("damaged open", err, "damaged.xlsx")
				break
			}
			for r.Next() {
			}
			check("damaged rows", r.Err(), "damaged.xlsx", `sheet "Đăng ký"`)
			r.Close()
		}
	}

	// A shared-string index past the table.
	badSST := zipParts(t,
		part{"_rels/.rels", hwRootRels},
		part{"xl/workbook.xml", fmt.Sprintf(hwWorkbook, "0")},
		part{"xl/_rels/workbook.xml.rels", hwWorkbookRels},
		part{"xl/sharedStrings.xml", hwSST},
		part{"xl/worksheets/data.xml", `<worksheet><sheetData><row r="3"><c r="B3" t="s"><v>99</v></c></row></sheetData></worksheet>`},
	)
	r, err := OpenRows("sst.xlsx", badSST, "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Next() {
		t.Error("a row with a bad shared string index was returned")
	}
	check("bad sst index", r.Err(), "sst.xlsx", "B3", "shared string")
	r.Close()

	// Malformed XML and a sheet cut short.
	for name, sheet := range map[string]string{
		"cut":       `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2`,
		"noend":     `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`,
		"badref":    `<worksheet><sheetData><row r="1"><c r="11"><v>1</v></c></row></sheetData></worksheet>`,
		"bigrow":    `<worksheet><sheetData><row r="1048577"><c><v>1</v></c></row></sheetData></worksheet>`,
		"badattr":   `<worksheet><sheetData><row r=1><c><v>1</v></c></row></sheetData></worksheet>`,
		"wide":      `<worksheet><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`,
		"bad cdata": `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t><![CDATA[x</t></is></c></row></sheetData></worksheet>`,
	} {
		data := zipParts(t,
			part{"xl/workbook.xml", fmt.Sprintf(hwWorkbook, "0")},
			part{"xl/_rels/workbook.xml.rels", hwWorkbookRels},
			part{"xl/worksheets/data.xml", sheet},
		)
		r, err := OpenRows(name+".xlsx", data, "")
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
		}
		check(name, r.Err(), name+".xlsx", `sheet "Đăng ký"`)
		r.Close()
	}
}
