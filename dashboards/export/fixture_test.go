package export

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The test table: every column type, the awkward values (a formula-looking
// name, quotes, commas, line breaks, runs of spaces, leading zeros, a long
// tax code, a negative number, NULLs, full-precision floats).
var testCols = []Column{
	{Key: "province_code", LabelVI: "Mã tỉnh", LabelEN: "Province code", Type: Code},
	{Key: "tax_code", LabelVI: "Mã số thuế", LabelEN: "Tax code", Type: Code},
	{Key: "name", LabelVI: "Tên", LabelEN: "Name", Type: Text},
	{Key: "year", LabelVI: "Năm", LabelEN: "Year", Type: Integer, NoGrouping: true},
	{Key: "capital_vnd", LabelVI: "Vốn điều lệ (đồng)", LabelEN: "Charter capital (VND)", Type: Integer},
	{Key: "score", LabelVI: "Điểm", LabelEN: "Score", Type: Number, Decimals: 2},
	{Key: "ratio", LabelVI: "Tỷ lệ", LabelEN: "Ratio", Type: Number, Decimals: -1},
	{Key: "registered_on", LabelVI: "Ngày đăng ký", LabelEN: "Registered on", Type: Date},
	{Key: "active", LabelVI: "Đang hoạt động", LabelEN: "Active", Type: Bool},
	{Key: "loaded_at", LabelVI: "Thời điểm nạp", LabelEN: "Loaded at", Type: DateTime},
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var testRows = [][]any{
	{"01", "0100109106", "Hà Nội", int64(2016), int64(1234567890123), 62.3456, 0.9942857027053833, day(2024, 3, 31), true, time.Date(2024, 3, 31, 10, 20, 30, 0, time.UTC)},
	{"10", "5300123456-001", "=cmd|' /C calc'!A0", int64(2017), int64(0), -1.5, 1e-7, day(1999, 12, 1), false, time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)},
	{"79", "0312345678", "Công ty \"Sao Mai\", chi nhánh\nLào Cai", int64(2018), nil, nil, 123456.789, nil, nil, nil},
	{"15", "5300000000", "  hai  khoảng trắng ", int64(2019), int64(-42), 100.0, -0.5, day(2000, 2, 29), true, time.Date(2026, 11, 27, 23, 59, 59, 0, time.UTC)},
	{"02", "0000000001", "-5 và +3 @x", int64(2020), int64(5), 7.125, 2.0, day(2025, 7, 1), false, time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)},
}

var testMeta = Meta{
	TitleVI:     "Đăng ký doanh nghiệp thử nghiệm",
	TitleEN:     "Test business registrations",
	Source:      "VCCI/USAID PCI; Sở KH&ĐT Lào Cai",
	Licence:     "CC BY 4.0",
	URL:         "https://dpi.laocai.gov.vn/business/search?q=hoa+binh",
	Filters:     []KV{{"Năm / Year", "2016–2020"}, {"Tên / Name", "=SUM(A1)"}},
	Notes:       []string{"Chỉ số 2011 làm tròn / The 2011 composite is rounded."},
	GeneratedAt: time.Date(2026, 11, 27, 4, 5, 6, 0, time.UTC), // 11:05:06 ICT
	IsSample:    true,
}

func testSource() Source { return SliceSource(testCols, testRows) }

// writeFile writes src in format into dir and returns the path.
func writeFile(t *testing.T, dir, format string, src Source, meta Meta) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, src, meta); err != nil {
		t.Fatalf("write %s: %v", format, err)
	}
	path := filepath.Join(dir, "export."+format)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// withSheetLimit sets the rows per data sheet for one test.
func withSheetLimit(t *testing.T, n int64) {
	old := maxSheetRows
	maxSheetRows = n
	t.Cleanup(func() { maxSheetRows = old })
}

// failingSource yields n rows of a two-column table, then fails.
type failingSource struct {
	n, i  int
	reads int
	clean bool // end without an error
	err   error
}

func (s *failingSource) Columns() []Column {
	return []Column{{Key: "id", Type: Integer}, {Key: "name", Type: Text}}
}
func (s *failingSource) Next() bool {
	s.reads++
	if s.i >= s.n {
		if s.err == nil && !s.clean {
			s.err = errors.New("disk on fire")
		}
		return false
	}
	s.i++
	return true
}
func (s *failingSource) Row() []any {
	return []any{int64(s.i), "Tên doanh nghiệp số " + time.Duration(s.i).String()}
}
func (s *failingSource) Err() error { return s.err }
