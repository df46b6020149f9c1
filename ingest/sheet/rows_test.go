package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestRowsCSV(t *testing.T) {
	in := "\xEF\xBB\xBFMã;Tên;Vốn;;\n01;\"Công ty; \"\"Sa Pa\"\"\";1,5;;\n\n;;;;\n5300123456;Hà Nội;2e3;  7 ;\n"
	path := filepath.Join(t.TempDir(), "dn.csv")
	os.WriteFile(path, []byte(in), 0o644)
	want := [][]Cell{
		{txt("Mã"), txt("Tên"), txt("Vốn")},
		{txt("01"), txt(`Công ty; "Sa Pa"`), txt("1,5")},
		nil,
		{num(5300123456), txt("Hà Nội"), num(2000), num(7)},
	}
	for _, data := range [][]byte{nil, []byte(in)} {
		r, err := OpenRows(path, data, "")
		if err != nil {
			t.Fatal(err)
		}
		if r.Sheet() != "csv" || r.Format() != "csv" {
			t.Errorf("Sheet %q Format %q", r.Sheet(), r.Format())
		}
		i := 0
		for r.Next() {
			if r.Index() != i {
				t.Errorf("Index %d, want %d", r.Index(), i)
			}
			if d := diffGrids([][]Cell{r.Row()}, [][]Cell{want[i]}); d != "" || len(r.Row()) != len(want[i]) {
				t.Errorf("row %d: %+v%s", i, r.Row(), d)
			}
			i++
		}
		if r.Err() != nil || i != len(want) {
			t.Errorf("%d rows, err %v", i, r.Err())
		}
		r.Close()
	}
	// Read keeps blank trailing fields, as it always has.
	wb, err := Read(path, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(wb.Sheets[0].Rows[0]); got != 5 {
		t.Errorf("Read row 1 has %d cells, want 5", got)
	}
	if names, err := SheetNames(path, nil); err != nil || len(names) != 1 || names[0] != "csv" {
		t.Errorf("SheetNames = %q, %v", names, err)
	}
	if _, err := OpenRows(path, nil, "Sheet1"); !errors.Is(err, ErrFormat) {
		t.Errorf("csv with a sheet name: %v", err)
	}
}

func TestRowsCSVErrors(t *testing.T) {
	// Bad bytes far into the file (past the first read-ahead chunk): the
	// rows before are read, then the error names the line.
	var b strings.Builder
	for i := 0; i < 40000; i++ {
		fmt.Fprintf(&b, "%d,Lào Cai,ừ\n", i)
	}
	good := b.String()
	for name, c := range map[string]struct {
		data string
		want string
	}{
		"latin1": {good + "40000,L\xe0o Cai\n", "line 40001"},
		"nul":    {good + "x\x00y\n", "binary"},
		"early":  {"a,b\n\xff\n", "line 2"},
		"split":  {good[:asyncChunk-1] + "\xe1", "not UTF-8"},
		"quote":  {"a,\"b\n", "column"},
	} {
		r, err := OpenRows(name+".csv", []byte(c.data), "")
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
		}
		if err := r.Err(); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), name+".csv") {
			t.Errorf("%s: %v, want ErrFormat mentioning %q", name, err, c.want)
		}
		r.Close()
		if _, err := Read(name+".csv", []byte(c.data)); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: Read: %v", name, err)
		}
	}
	// A valid file whose multi-byte characters straddle every chunk edge.
	long := strings.Repeat("ữ", asyncChunk) + "\n"
	for shift := range 3 {
		data := strings.Repeat("a", shift) + long
		wb, err := Read("long.csv", []byte(data))
		if err != nil || wb.Sheets[0].Rows[0][0].Str != strings.TrimSuffix(data, "\n") {
			t.Errorf("shift %d: %v", shift, err)
		}
	}
}

// TestRowsXLS streams an official .xls sheet: same cells as Read.
func TestRowsXLS(t *testing.T) {
	path := xlsPCIFile(t, "PCI_2008.xls")
	wb, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	names, err := SheetNames(path, nil)
	if err != nil || len(names) != len(wb.Sheets) {
		t.Fatalf("SheetNames %q: %v", names, err)
	}
	for i, name := range names {
		if d := diffGrids(streamRows(t, path, nil, name), wb.Sheets[i].Rows); d != "" {
			t.Errorf("sheet %q:%s", name, d)
		}
	}
	r, err := OpenRows(path, nil, "")
	if err != nil || r.Sheet() != names[0] {
		t.Fatalf("first sheet: %v %q", err, r.Sheet())
	}
	r.Close()
	if _, err := OpenRows(path, nil, "nope"); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("missing xls sheet: %v", err)
	}
}

// TestRowsMemoryFlat reads a 200,000-row sheet and checks that the live
// heap after the last row is no larger than after the first few thousand:
// nothing is kept per row.
func TestRowsMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 200,000-row workbook")
	}
	path := filepath.Join(t.TempDir(), "big.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	row := make([]any, 12)
	for i := 1; i <= 200000; i++ {
		row[0] = fmt.Sprintf("%010d", 5300000000+i)
		row[1] = fmt.Sprintf("CÔNG TY TNHH Hoàng Liên số %d", i)
		row[2] = "Lào Cai"
		for c := 3; c < len(row); c++ {
			row[c] = float64(i*c) / 7
		}
		ref, _ := excelize.CoordinatesToCellName(1, i)
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
	f.Close()

	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse
	}
	r, err := OpenRows(path, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var early uint64
	n := 0
	for r.Next() {
		if n++; n == 5000 {
			early = heap()
		}
		if len(r.Row()) != 12 {
			t.Fatalf("row %d has %d cells", r.Index(), len(r.Row()))
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	late := heap()
	if n != 200000 {
		t.Fatalf("%d rows", n)
	}
	t.Logf("heap in use after 5,000 rows %d KiB, after 200,000 rows %d KiB", early>>10, late>>10)
	if late > early+4<<20 {
		t.Errorf("heap grew from %d to %d KiB while streaming", early>>10, late>>10)
	}
}

// FuzzXLSXSheet feeds arbitrary worksheet XML to the row scanner with a
// tiny window (so that every token crosses a refill) and with a large one:
// it must never panic, and both must read the same rows.
func FuzzXLSXSheet(f *testing.F) {
	f.Add([]byte(hwSheet))
	f.Add([]byte(hwFirst))
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>a&amp;b</t></r></is></c></row></sheetData></worksheet>`))
	if data, err := os.ReadFile(filepath.Join(xlsPCIDir, "PCI_2012.xlsx")); err == nil {
		f.Add(sheetPart(f, data, "xl/worksheets/sheet2.xml"))
	}
	genPath := filepath.Join(f.TempDir(), "gen.xlsx")
	writeGenerated(f, genPath, false)
	gen, _ := os.ReadFile(genPath)
	f.Add(sheetPart(f, gen, "xl/worksheets/sheet1.xml"))
	f.Add(sheetPart(f, gen, "xl/worksheets/sheet2.xml"))
	book := &xlsxBook{path: "fuzz.xlsx", loaded: true, dateXF: []bool{false, true}}
	book.sst, _ = parseSST(strings.NewReader(hwSST), 1024)
	f.Fuzz(func(t *testing.T, data []byte) {
		read := func(window int) (string, error) {
			x := &xlsxStream{book: book, sc: newScanner(bytes.NewReader(data), window), last: -1}
			var out strings.Builder
			var row []Cell
			for i := 0; i < 10000; i++ {
				var idx int
				var err error
				row, idx, err = x.next(row[:0])
				if err != nil {
					if err == io.EOF {
						return out.String(), nil
					}
					return out.String(), err
				}
				fmt.Fprintf(&out, "%d:%v\n", idx, row)
			}
			return out.String(), nil
		}
		small, errSmall := read(8)
		large, errLarge := read(1 << 16)
		if small != large || (errSmall == nil) != (errLarge == nil) {
			t.Fatalf("window 8 and 64K disagree:\n%s (%v)\n---\n%s (%v)", small, errSmall, large, errLarge)
		}
	})
}

// FuzzSST does the same for the shared-string table.
func FuzzSST(f *testing.F) {
	f.Add([]byte(hwSST))
	f.Add([]byte(`<sst><si><t>a</t><rPh><t>b</t></rPh></si><si/><si><r><t>_x0041__x005F_x0042_</t></r></si></sst>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		small, err1 := parseSST(iotestHalf(data), 0)
		large, err2 := parseSST(bytes.NewReader(data), 1<<16)
		if (err1 == nil) != (err2 == nil) || small.all != large.all || fmt.Sprint(small.off) != fmt.Sprint(large.off) {
			t.Fatalf("readers disagree: %v / %v", err1, err2)
		}
	})
}

// iotestHalf returns a reader handing out one byte per Read.
func iotestHalf(data []byte) *oneByteReader { return &oneByteReader{data: data} }

type oneByteReader struct{ data []byte }

func (r *oneByteReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.data[0]
	r.data = r.data[1:]
	return 1, nil
}

func sheetPart(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	b, err := openXLSX("seed.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	body, err := b.readPart(name, 64<<20)
	if err != nil || body == nil {
		t.Fatalf("%s: %v", name, err)
	}
	return body
}

// refCSVCell is csvCell as it was before the fast paths.
func refCSVCell(v string) Cell {
	t := strings.TrimSpace(v)
	if t == "" {
		return Cell{}
	}
	if !(len(t) > 1 && t[0] == '0' && t[1] != '.') {
		if n, err := strconv.ParseFloat(t, 64); err == nil {
			return Cell{Kind: Number, Num: n}
		}
	}
	return Cell{Kind: Text, Str: v}
}

// FuzzCSVCell: the fast typing of CSV fields agrees with the plain one.
func FuzzCSVCell(f *testing.F) {
	for _, s := range []string{"", " ", "0", "01", "0.5", "-0", "+0", "-01", "+5", "12", " 7 ", "1e3", "1_000", "0x1p3", "+0x1p3",
		"NaN", "inf", "-Infinity", "1.", ".5", "1,5", "123456789012345", "1234567890123456", "99999999999999999999", "\u00a012\u00a0",
		"12\u2003", "Hà Nội", "\t3\n", "5300123456", "3.0e-2", "-", "+", "1e", "\x0112", "1995-01-02", "2024-05-21 10:00",
		"1e-5", "1E+5", "0x1p-2", "0X1P+2", "1-2", "1+2", "+-1", "--1", "e-1", "-e1", "1.5e-3-2", "0x1e-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got, want := csvCell(v), refCSVCell(v)
		if got.Kind != want.Kind || got.Str != want.Str || !(got.Num == want.Num && math.Signbit(got.Num) == math.Signbit(want.Num) || math.IsNaN(got.Num) && math.IsNaN(want.Num)) {
			t.Fatalf("csvCell(%q) = %+v, want %+v", v, got, want)
		}
	})
}

// FuzzCSVParser: csvParser reads what encoding/csv reads (records, or the
// same ParseError), with a window small enough that records cross refills.
func FuzzCSVParser(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n1,2,3\n", "a,\"b,c\"\r\nd,\"e\"\"f\",g\n", "\n\r\n\nx\r\n", "\"multi\nline\",2\n3", "a,\"b\n", "a\"b,c\n",
		"\"a\"b,c\n", "\"a\"\n\"b\"\"\"", "x,\"\"\n", ",,\n", "a\rb,c\r", "\"x\r\ny\"\r\n", "\"unterminated", "a,b\r", "\r", "é,\"ü\"x\n",
	} {
		f.Add(s, byte(','), uint8(3))
	}
	f.Add("a;b\t\"c;d\";e\n", byte(';'), uint8(1))
	f.Add("a\tb\t\n\"c\td\"\t\n", byte('\t'), uint8(8))
	f.Fuzz(func(t *testing.T, in string, comma byte, window uint8) {
		if comma != ',' && comma != ';' && comma != '\t' {
			comma = ','
		}
		ref := csv.NewReader(strings.NewReader(in))
		ref.Comma, ref.FieldsPerRecord = rune(comma), -1
		p := newCSVParser(iotestHalf([]byte(in)), comma, int(window%16)+1)
		for i := 0; ; i++ {
			want, werr := ref.Read()
			got, gerr := p.read()
			if werr == io.EOF || gerr == io.EOF {
				if werr != gerr {
					t.Fatalf("record %d: encoding/csv %q %v, ours %q %v", i, want, werr, got, gerr)
				}
				return
			}
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("record %d: encoding/csv %q %v, ours %q %v", i, want, werr, got, gerr)
			}
			if werr != nil {
				var we, ge *csv.ParseError
				if !errors.As(werr, &we) || !errors.As(gerr, &ge) || *we != *ge {
					t.Fatalf("record %d: encoding/csv error %v, ours %v", i, werr, gerr)
				}
				return
			}
			if strings.Join(want, "\x00|") != strings.Join(got, "\x00|") || len(want) != len(got) {
				t.Fatalf("record %d: encoding/csv %q, ours %q", i, want, got)
			}
		}
	})
}
