package sheet

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// xlsPCIDir holds the official VCCI workbooks; the tests read them in place.
const xlsPCIDir = "../../../shared/data/pci/vcci_raw_2005_2016"

func xlsPCIFile(t testing.TB, name string) string {
	t.Helper()
	if _, err := os.Stat(xlsPCIDir); err != nil {
		t.Skipf("official PCI data not present at %s: %v", xlsPCIDir, err)
	}
	return filepath.Join(xlsPCIDir, name)
}

func openPCIXLS(t *testing.T, name string) *Workbook {
	t.Helper()
	path := xlsPCIFile(t, name)
	wb, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	if wb.Format != "xls" || wb.Path != path {
		t.Fatalf("Open(%s): Format %q, Path %q", path, wb.Format, wb.Path)
	}
	return wb
}

// xlsRecoveredPanic marks the error readXLS makes from a recovered panic: the
// tests want every bad input caught by a check, not by recover.
const xlsRecoveredPanic = "malformed workbook ("

// xlsSixSig renders a number to 6 significant digits, as the derived CSV does.
func xlsSixSig(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// TestReadXLSSheetNames opens every official .xls file and checks its
// worksheets, in tab order, with their exact (Vietnamese) names.
func TestReadXLSSheetNames(t *testing.T) {
	want := map[string][]string{
		"PCI_2005.xls": {"Xếp hạng theo chỉ số PCI", "Bảng tóm tắt chỉ số", "Chi phí gia nhập thị trường", "Tiếp cận đất đai", "Tính minh bạch", "Chi phí thời gian", "Chi phí không chính thức", "Thực hiện CS của Trung ương", "Ưu đãi DNNN", "Tính năng động", "Chính sách PTKTTN"},
		"PCI_2006.xls": {"Bảng xếp hạng", "PCI Tóm tắt", "CP gia nhập thị trường", "Tiếp cận đất đai", "Tính minh bạch", "CP thời gian", "CP không chính thức", "Ưu đãi DNNN", "Tính năng động", "CSPTKVKTTN", "Đào tạo lao động", "Thiết chế pháp lý"},
		"PCI_2007.xls": {"Sheet1", "Tóm tắt các chỉ số PCI ", "CP gia nhập thị trường", "Tiếp cận đất đai", "Tính minh bạch", "CP thời gian", "CP không chính thức", "Ưu đãi đối với DNNN", "Tính năng động", "CSPTKVKTTN", "Đào tạo lao động", "Thiết chế pháp lý"},
		"PCI_2008.xls": {"Tổng hợp", "Chi phí gia nhập thị trường", "Tiếp cận đất đai", "Tính minh bạch", "Chi phí thời gian", "Chi phí không chính thức", "Ưu đãi DNNN", "Tính năng động", "Phát triển KTTN", "Đào tạo lao động", "Thiết chế pháp lý", "Cơ sở hạ tầng", "Công nghệ thông tin"},
		"PCI_2009.xls": {"Tong Hop", "Chi phi gia nhap thi truong", "Tiep can dat dai", "Tinh minh bach", "Chi phi thoi gian", "Chi phi khong chinh thuc", "Tinh nang dong", "Ho tro doanh nghiep", "Dao tao lao dong", "Thiet che phap ly", "Co so ha tang"},
		"PCI_2010.xls": {"Tong hop", "Chi phi gia nhap thi truong", "Tiep can dat dai", "Tinh minh bach", "Chi phi thoi gian", "Chi phi khong chinh thuc", "Tinh nang dong", "Ho tro doanh nghiep", "Dao tao lao dong", "Thiet che phap ly", "Co so ha tang"},
		"PCI_2011.xls": {"Tong hop", "Chi phi gia nhap thi truong", "Tiep can dat dai", "Tinh minh bach", "Chi phi thoi gian", "Chi phi khong chinh thuc", "Tinh nang dong", "Ho tro doanh nghiep", "Dao tao lao dong", "Thiet che phap ly", "Co so ha tang"},
	}
	for file, names := range want {
		t.Run(file, func(t *testing.T) {
			wb := openPCIXLS(t, file)
			var got []string
			for _, s := range wb.Sheets {
				got = append(got, s.Name)
			}
			if strings.Join(got, "|") != strings.Join(names, "|") {
				t.Errorf("sheets\n got %q\nwant %q", got, names)
			}
			// Every decoded string must be clean UTF-8 without the NULs or
			// shifted text that a mishandled CONTINUE boundary produces.
			texts := 0
			for _, s := range wb.Sheets {
				for r, row := range s.Rows {
					for c, cell := range row {
						if cell.Kind != Text {
							continue
						}
						texts++
						if !utf8.ValidString(cell.Str) || strings.ContainsAny(cell.Str, "\x00\uFFFD") {
							t.Errorf("sheet %q r%d c%d: bad text %q", s.Name, r, c, cell.Str)
						}
					}
				}
			}
			if texts < 500 {
				t.Errorf("only %d text cells; expected the SST to be used throughout", texts)
			}
		})
	}
}

// TestReadXLSRanking2005 checks the 2005 ranking sheet cell by cell: the
// PCI and the rank must come out as plain numbers, never as dates.
func TestReadXLSRanking2005(t *testing.T) {
	wb := openPCIXLS(t, "PCI_2005.xls")
	s := wb.Sheet("Xếp hạng theo chỉ số PCI")
	if s == nil {
		t.Fatal("no sheet \"Xếp hạng theo chỉ số PCI\"")
	}
	if h := s.Cell(0, 0); h.Kind != Text || !strings.HasPrefix(h.Str, "Tỉnh, thành phố") {
		t.Errorf("header A1 = %+v, want text beginning \"Tỉnh, thành phố\"", h)
	}
	if len(s.Rows) != 43 {
		t.Errorf("%d rows, want header + 42 provinces", len(s.Rows))
	}
	prev := math.Inf(1)
	for r := 1; r <= 42; r++ {
		name, pci, rank := s.Cell(r, 0), s.Cell(r, 1), s.Cell(r, 2)
		if name.Kind != Text || name.Str == "" {
			t.Errorf("row %d: province %+v is not text", r, name)
		}
		if pci.Kind != Number || pci.Num < 30 || pci.Num > 80 || pci.Num > prev {
			t.Errorf("row %d (%s): PCI %+v not a number in 30..80 descending", r, name.Str, pci)
		}
		if rank.Kind != Number || rank.Num != float64(r) {
			t.Errorf("row %d (%s): rank %+v, want the number %d", r, name.Str, rank, r)
		}
		prev = pci.Num
	}
	// Stored as an RK integer 5589 with the divide-by-100 flag.
	for r := range s.Rows {
		if s.Cell(r, 0).Str == "Tiền Giang" {
			if got := s.Cell(r, 1); got.Kind != Number || math.Abs(got.Num-55.89) > 1e-9 {
				t.Errorf("Tiền Giang PCI = %+v, want 55.89", got)
			}
			return
		}
	}
	t.Error("Tiền Giang not found")
}

// xlsDerivedPCI returns the rows of the derived province-year CSV for one year,
// keyed by province_name_in_file: {pci_weighted, rank}.
func xlsDerivedPCI(t *testing.T, year string) map[string][2]string {
	t.Helper()
	f, err := os.Open(filepath.Join(xlsPCIDir, "..", "derived_pci_province_year_2005_2016.csv"))
	if err != nil {
		t.Fatal(err) // the data folder is present (checked by the caller), so this is a real failure
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	out := map[string][2]string{}
	for _, r := range recs[1:] {
		if r[col["year"]] == year {
			out[norm.NFC.String(r[col["province_name_in_file"]])] = [2]string{r[col["pci_weighted"]], r[col["rank"]]}
		}
	}
	return out
}

// TestReadXLSMatchesDerivedCSV2005 checks every 2005 province's PCI and rank
// in the ranking sheet against the independently derived CSV.
func TestReadXLSMatchesDerivedCSV2005(t *testing.T) {
	wb := openPCIXLS(t, "PCI_2005.xls")
	want := xlsDerivedPCI(t, "2005")
	if len(want) != 42 {
		t.Fatalf("derived CSV has %d provinces for 2005, want 42", len(want))
	}
	// The official file misspells Quảng Ngãi on this sheet.
	inFile := map[string]string{"Quảng Ngãi": "Quàng Ngãi"}
	s := wb.Sheet("Xếp hạng theo chỉ số PCI")
	if s == nil {
		t.Fatal("ranking sheet missing")
	}
	for name, w := range want {
		look := name
		if alias, ok := inFile[name]; ok {
			look = alias
		}
		found := false
		for r := range s.Rows {
			if norm.NFC.String(strings.TrimSpace(s.Cell(r, 0).Str)) != look {
				continue
			}
			found = true
			pci, rank := s.Cell(r, 1), s.Cell(r, 2)
			wantPCI, _ := strconv.ParseFloat(w[0], 64)
			if pci.Kind != Number || xlsSixSig(pci.Num) != xlsSixSig(wantPCI) {
				t.Errorf("%s: PCI %v, CSV says %s", name, pci, w[0])
			}
			if rank.Kind != Number || rank.String() != w[1] {
				t.Errorf("%s: rank %v, CSV says %s", name, rank, w[1])
			}
		}
		if !found {
			t.Errorf("%s (CSV) not found in the ranking sheet", name)
		}
	}
}

// TestReadXLSMatchesDerivedCSVLaterYears is a looser cross-check for the
// other .xls years, whose layouts differ: each province's PCI (6 significant
// digits) must appear as a number on a row that names the province.
func TestReadXLSMatchesDerivedCSVLaterYears(t *testing.T) {
	for year := 2006; year <= 2011; year++ {
		t.Run(strconv.Itoa(year), func(t *testing.T) {
			wb := openPCIXLS(t, "PCI_"+strconv.Itoa(year)+".xls")
			want := xlsDerivedPCI(t, strconv.Itoa(year))
			if len(want) < 60 {
				t.Fatalf("derived CSV has only %d provinces", len(want))
			}
			found := map[string]bool{}
			for _, s := range wb.Sheets {
				for _, row := range s.Rows {
					for _, c := range row {
						w, ok := want[norm.NFC.String(strings.TrimSpace(c.Str))]
						if c.Kind != Text || !ok {
							continue
						}
						v, _ := strconv.ParseFloat(w[0], 64)
						for _, n := range row {
							if n.Kind == Number && xlsSixSig(n.Num) == xlsSixSig(v) {
								found[norm.NFC.String(strings.TrimSpace(c.Str))] = true
							}
						}
					}
				}
			}
			for name, w := range want {
				if !found[name] {
					t.Errorf("%s: PCI %s not found next to the province name", name, w[0])
				}
			}
		})
	}
}

// TestReadXLSEmbeddedChartNotCells: the 2006 ranking sheet holds only a
// chart, whose cached series data are NUMBER/LABEL records nested in the
// chart's own BOF…EOF; they must not leak into the sheet's cells.
func TestReadXLSEmbeddedChartNotCells(t *testing.T) {
	wb := openPCIXLS(t, "PCI_2006.xls")
	if s := wb.Sheet("Bảng xếp hạng"); s == nil || len(s.Rows) != 0 {
		t.Errorf("chart-only sheet: %+v, want present with no rows", s)
	}
}

func TestReadXLSTruncated(t *testing.T) {
	data, err := os.ReadFile(xlsPCIFile(t, "PCI_2006.xls"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "PCI_2006_truncated.xls")
	if err := os.WriteFile(path, data[:5000], 0o644); err != nil {
		t.Fatal(err)
	}
	wb, err := Open(path)
	if !errors.Is(err, ErrFormat) || wb != nil {
		t.Fatalf("truncated file: wb=%v err=%v, want ErrFormat", wb, err)
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), " / ") {
		t.Errorf("error %q should name the file and carry a Vietnamese gloss", err)
	}
	if strings.Contains(err.Error(), xlsRecoveredPanic) {
		t.Errorf("a panic was recovered: %v", err)
	}
	t.Log(err)
}

func TestReadXLSRandomAfterSignature(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := range 20 {
		data := make([]byte, 512+rng.Intn(8192))
		rng.Read(data)
		copy(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
		wb, err := Read("random.xls", data)
		if !errors.Is(err, ErrFormat) || wb != nil || strings.Contains(err.Error(), xlsRecoveredPanic) {
			t.Fatalf("case %d: wb=%v err=%v, want ErrFormat without a panic", i, wb, err)
		}
	}
}

// TestReadXLSTruncatedStream cuts the real Workbook stream at many points,
// so the BIFF layer (not only the OLE2 layer) meets truncation.
func TestReadXLSTruncatedStream(t *testing.T) {
	data, err := os.ReadFile(xlsPCIFile(t, "PCI_2005.xls"))
	if err != nil {
		t.Fatal(err)
	}
	stream, name, err := workbookStream(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseBIFF(stream, name); err != nil {
		t.Fatalf("whole stream: %v", err)
	}
	sawPastEnd := false
	for cut := 0; cut < len(stream); cut += 997 {
		_, err := parseBIFF(stream[:cut], name)
		var xe *xlsError
		if !errors.As(err, &xe) {
			t.Fatalf("cut at %d: err = %v, want a decoding error", cut, err)
		}
		sawPastEnd = sawPastEnd || strings.Contains(err.Error(), "runs past end of stream")
	}
	if !sawPastEnd {
		t.Error(`no error said "runs past end of stream"`)
	}
}

func TestXLSRKValue(t *testing.T) {
	for _, tc := range []struct {
		rk   uint32
		want float64
	}{
		{5589<<2 | 3, 55.89}, // integer, x100
		{42<<2 | 2, 42},      // integer
		{0xFFFFFFE6, -7},     // negative integer: -7<<2 | 2, signed 30-bit
		{uint32(math.Float64bits(1.5) >> 32), 1.5},
		{uint32(math.Float64bits(1234.0)>>32) | 1, 12.34}, // double, x100
	} {
		if got := rkValue(tc.rk); got != tc.want {
			t.Errorf("rkValue(%#x) = %v, want %v", tc.rk, got, tc.want)
		}
	}
}

// TestXLSSSTAcrossContinue builds an SST whose strings cross CONTINUE records
// in the ways Excel writes them: characters split with the high-byte flag
// switching, a rich-text run block split, and a header at a record's end.
func TestXLSSSTAcrossContinue(t *testing.T) {
	u16 := func(v int) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	utf16le := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = binary.LittleEndian.AppendUint16(b, uint16(r))
		}
		return b
	}
	rec := record{
		typ: recSST,
		data: cat(
			[]byte{3, 0, 0, 0, 3, 0, 0, 0},
			// "Tỉnh" as UTF-16, split after "Tỉ".
			u16(4), []byte{0x01}, utf16le("Tỉ"),
		),
		cont: [][]byte{
			// Flag byte 0: the rest of "Tỉnh" is compressed.
			cat([]byte{0x00}, []byte("nh"),
				// "abc" with one rich-text run whose 4 bytes are split.
				u16(3), []byte{0x08}, u16(1), []byte("abc"), []byte{0, 0}),
			cat([]byte{1, 0},
				// Header ends this record; characters start the next one.
				u16(2), []byte{0x00}),
			cat([]byte{0x01}, utf16le("Đà")),
		},
	}
	got, err := readSST(rec)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Tỉnh", "abc", "Đà"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("SST = %q, want %q", got, want)
	}
	// One string short: the table must be refused, not silently cut.
	rec.data[4] = 4
	if _, err := readSST(rec); err == nil || !strings.Contains(err.Error(), "string 3 of 4") {
		t.Errorf("short SST: err = %v", err)
	}
}

// biff5Stream hand-builds a small BIFF5 Workbook stream in Windows-1258,
// where Vietnamese tone marks are combining characters: a sheet named
// "Tỉnh" holding a label, a number, a formula with a text result and an
// error cell.
func biff5Stream() []byte {
	u16 := func(v int) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }
	rec := func(typ int, parts ...[]byte) []byte {
		body := bytes.Join(parts, nil)
		return bytes.Join([][]byte{u16(typ), u16(len(body)), body}, nil)
	}
	name := []byte{'T', 'i', 0xD2, 'n', 'h'} // "Ti" + combining hook above + "nh"
	globals := func(sheetOff int) []byte {
		return bytes.Join([][]byte{
			rec(recBOF, u16(0x0500), u16(bofGlobals), u16(0), u16(0)),
			rec(recCodePage, u16(1258)),
			rec(recBoundSheet, binary.LittleEndian.AppendUint32(nil, uint32(sheetOff)), []byte{0, 0, byte(len(name))}, name),
			rec(recEOF),
		}, nil)
	}
	sheet := bytes.Join([][]byte{
		rec(recBOF, u16(0x0500), u16(bofWorksheet), u16(0), u16(0)),
		rec(recLabel, u16(0), u16(0), u16(0), u16(len(name)), name),
		rec(recNumber, u16(0), u16(1), u16(0), binary.LittleEndian.AppendUint64(nil, math.Float64bits(55.89))),
		// FORMULA whose cached result is text (type 0), given by STRING.
		rec(recFormula, u16(1), u16(0), u16(0), []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, make([]byte, 6), u16(0)),
		rec(recString, u16(2), []byte("ab")),
		rec(recBoolErr, u16(1), u16(1), u16(0), []byte{0x07, 1}),
		rec(recEOF),
	}, nil)
	return append(globals(len(globals(0))), sheet...)
}

// TestXLSBIFF5CodePage: 8-bit BIFF5 text is decoded with the CODEPAGE record
// and comes out precomposed (NFC), like the UTF-16 strings of BIFF8.
func TestXLSBIFF5CodePage(t *testing.T) {
	wb, err := parseBIFF(biff5Stream(), "Book")
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Sheets) != 1 || wb.Sheets[0].Name != "Tỉnh" {
		t.Fatalf("sheets = %+v, want one named Tỉnh", wb.Sheets)
	}
	s := wb.Sheets[0]
	for _, tc := range []struct {
		r, c int
		want Cell
	}{
		{0, 0, Cell{Kind: Text, Str: "Tỉnh"}},
		{0, 1, Cell{Kind: Number, Num: 55.89}},
		{1, 0, Cell{Kind: Text, Str: "ab"}},
		{1, 1, Cell{Kind: Error, Str: "#DIV/0!"}},
	} {
		if got := s.Cell(tc.r, tc.c); got != tc.want {
			t.Errorf("cell (%d,%d) = %+v, want %+v", tc.r, tc.c, got, tc.want)
		}
	}
}

// FuzzReadXLS feeds damaged workbooks through the public entry point: every
// failure must be an ErrFormat error, never a panic or a hang. Seeds: a
// small prefix of a real file (OLE2 header and first sectors) and, since the
// OLE2 layer rejects most mutations early, an OLE2 signature alone.
func FuzzReadXLS(f *testing.F) {
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	if data, err := os.ReadFile(filepath.Join(xlsPCIDir, "PCI_2005.xls")); err == nil {
		f.Add(data[:2048])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := readXLS("fuzz.xls", data)
		if err != nil && !errors.Is(err, ErrFormat) {
			t.Fatalf("error does not wrap ErrFormat: %v", err)
		}
		if err == nil && wb == nil {
			t.Fatal("nil workbook without an error")
		}
		if err != nil && strings.Contains(err.Error(), xlsRecoveredPanic) {
			t.Fatalf("a panic was recovered: %v", err)
		}
	})
}

// FuzzXLSParseBIFF fuzzes the record decoder directly on a Workbook stream,
// which reaches far more BIFF code than mutating the OLE2 container does.
func FuzzXLSParseBIFF(f *testing.F) {
	f.Add(biff5Stream())
	if data, err := os.ReadFile(filepath.Join(xlsPCIDir, "PCI_2005.xls")); err == nil {
		if stream, _, err := workbookStream(data); err == nil {
			f.Add(stream[:4096])
		}
	}
	f.Fuzz(func(t *testing.T, stream []byte) {
		wb, err := parseBIFF(stream, "Workbook")
		if err == nil && wb == nil {
			t.Fatal("nil workbook without an error")
		}
	})
}
