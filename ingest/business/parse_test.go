package business

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/sheet"
)

var stdHeader = []string{"STT", "Mã số doanh nghiệp", "Tên doanh nghiệp", "Tên bằng tiếng nước ngoài", "Tên viết tắt",
	"Loại hình doanh nghiệp", "Ngày thành lập", "Ngày thay đổi gần nhất", "Địa chỉ trụ sở", "Phường/Xã", "Quận/Huyện",
	"Tỉnh/Thành phố", "Vốn điều lệ", "Ngành nghề kinh doanh chính", "Người đại diện theo pháp luật", "Điện thoại", "Email",
	"Tình trạng hoạt động"}

func writeCSV(t *testing.T, name string, rows [][]string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("\ufeff")
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			if strings.ContainsAny(c, ",\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func testParser(t *testing.T) *Parser {
	t.Helper()
	ref, err := LoadRef()
	if err != nil {
		t.Fatal(err)
	}
	return NewParser(ref)
}

// scanAll opens and scans a file, collecting copies of the emitted rows.
func scanAll(t *testing.T, opt Options) (*File, []Enterprise, Result, error) {
	t.Helper()
	f, err := testParser(t).Open(opt)
	if err != nil {
		return nil, nil, Result{}, err
	}
	defer f.Close()
	var got []Enterprise
	res, err := f.Scan(func(e *Enterprise) error { got = append(got, *e); return nil })
	return f, got, res, err
}

func TestParseTidyCSV2025(t *testing.T) {
	path := writeCSV(t, "dang_ky_2025Q3.csv", [][]string{
		stdHeader,
		{"1", "5300123456", "Công ty TNHH Thương mại Hoàng Liên", "Hoang Lien Trading Co., Ltd", "HOANG LIEN CO", "Công ty TNHH một thành viên",
			"15/08/2025", "", "Số 5, đường Hoàng Liên", "Phường Lào Cai", "", "Tỉnh Lào Cai", "1.500.000.000", "4933 - Vận tải hàng hóa bằng đường bộ",
			"Nguyễn Văn An", "0912345678", "an@example.vn", "Đang hoạt động"},
		{"2", "5300123456-001", "Chi nhánh Công ty TNHH Thương mại Hoàng Liên tại Cam Đường", "", "", "Chi nhánh",
			"2025-09-01", "", "Tổ 3", "Cam Đường", "", "Lào Cai", "", "4933", "Trần Thị Bình", "", "", "Tạm ngừng kinh doanh"},
	})
	f, got, res, err := scanAll(t, Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if f.Quarter != (Quarter{2025, 3}) || f.Kind != Snapshot {
		t.Errorf("quarter %s kind %s, want 2025Q3 snapshot", f.Quarter, f.Kind)
	}
	if len(got) != 2 || res.RowsRead != 2 || res.RowsLoaded != 2 {
		t.Fatalf("rows %d, result %+v", len(got), res)
	}
	a, b := got[0], got[1]
	if a.TaxCode != "5300123456" || a.LegalForm != "llc_single" || a.Status != "active" || a.CapitalVND != 1500000000 || !a.HasCapital ||
		a.VSICCode != "4933" || a.VSICSection != "H" || !a.RegisteredOn.Equal(time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first row: %+v", a)
	}
	// Phường Lào Cai (2025) was formed from communes of two former districts:
	// the pre-2025 district stays empty and a warning says why.
	if a.Location.ProvinceCode2025 != "15" || a.Location.CommuneCode2025 != "02647" || a.Location.ProvinceCodePre2025 != "10" || a.Location.DistrictCode != "" {
		t.Errorf("first row location: %+v", a.Location)
	}
	if res.WarningCount != 1 || res.Warnings[0].Code != ProbAddressPartial || res.Warnings[0].Row != 1 || res.Warnings[0].Col != 9 {
		t.Errorf("warnings: %+v", res.Warnings)
	}
	if b.TaxCode != "5300123456-001" || b.LegalForm != "branch" || b.Status != "suspended" || b.HasCapital || b.Location.CommuneCode2025 != "02671" {
		t.Errorf("second row: %+v", b)
	}
	if a.Representative != "Nguyễn Văn An" || a.Phone != "0912345678" || a.Email != "an@example.vn" {
		t.Errorf("personal fields: %+v", a)
	}
	if a.Row != 1 || b.Row != 2 {
		t.Errorf("rows %d %d, want 1 2", a.Row, b.Row)
	}
}

// An untidy xlsx as the office exports it: title rows, a two-row header with
// a merged "Địa chỉ" group, a column-number row, tax codes stored as numbers
// (one lost its leading zero), text and Excel dates, dotted capital, blank
// and total rows; pre-2025 units.
func TestParseUntidyXLSX(t *testing.T) {
	x := excelize.NewFile()
	sh := "DS DN"
	x.SetSheetName("Sheet1", sh)
	set := func(cell string, v any) {
		if err := x.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH LÀO CAI")
	set("A2", "DANH SÁCH DOANH NGHIỆP ĐANG HOẠT ĐỘNG QUÝ IV/2024")
	top := []string{"STT", "Mã số thuế", "Tên doanh nghiệp", "Loại hình", "Ngày cấp", "Địa chỉ", "", "", "Vốn điều lệ (đồng)", "Ngành nghề KD chính", "Tình trạng"}
	sub := []string{"", "", "", "", "", "Xã/Phường", "Huyện/TP", "Tỉnh", "", "", ""}
	for i := range top {
		col, _ := excelize.ColumnNumberToName(i + 1)
		set(col+"4", top[i])
		if sub[i] != "" {
			set(col+"5", sub[i])
		}
		set(col+"6", "("+string(rune('1'+i%9))+")")
	}
	x.MergeCell(sh, "F4", "H4")
	dateStyle, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	rows := [][]any{
		{1, 5300111222, "Công ty Cổ phần Du lịch Sa Pa Xanh", "CTCP", "05/03/2019", "Phường Sa Pa", "Thị xã Sa Pa", "Lào Cai", "2.000.000.000", "5510 - Dịch vụ lưu trú ngắn ngày", "Đang hoạt động"},
		{2, 100234567, "Chi nhánh Công ty TNHH ABC Hà Nội tại Lào Cai", "Chi nhánh", time.Date(2020, 6, 30, 0, 0, 0, 0, time.UTC), "P. Cốc Lếu", "TP Lào Cai", "Lào Cai", nil, 4661, "Tạm ngừng hoạt động"},
		nil,
		{3, "5300999888", "Doanh nghiệp tư nhân Hoà Bình", "DNTN", "1/1/2024", "Xã Bản Vược", "Huyện Bát Xát", "Tỉnh Lào Cai", 500000000, "0118", "Đang hoạt động"},
		{"Tổng cộng: 3 doanh nghiệp"},
	}
	for i, r := range rows {
		for j, v := range r {
			if v == nil {
				continue
			}
			col, _ := excelize.ColumnNumberToName(j + 1)
			cell := col + strconv.Itoa(7+i)
			set(cell, v)
			if _, ok := v.(time.Time); ok {
				x.SetCellStyle(sh, cell, cell, dateStyle)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "danh_sach_dn.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f, got, res, err := scanAll(t, Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if f.Quarter != (Quarter{2024, 4}) || f.Kind != Snapshot {
		t.Errorf("quarter %s (%s), kind %s", f.Quarter, f.QuarterSource, f.Kind)
	}
	if len(got) != 3 || res.RowsSkipped != 2 { // column numbers, total (a blank row is not in the file)
		t.Fatalf("got %d rows, result %+v", len(got), res)
	}
	if got[0].TaxCode != "5300111222" || got[0].LegalForm != "jsc" || got[0].CapitalVND != 2e9 || got[0].VSICSection != "I" ||
		got[0].Location.DistrictCode != "088" || got[0].Location.ProvinceCode2025 != "15" {
		t.Errorf("row 1: %+v", got[0])
	}
	if got[1].TaxCode != "0100234567" || !got[1].RegisteredOn.Equal(time.Date(2020, 6, 30, 0, 0, 0, 0, time.UTC)) ||
		got[1].Status != "suspended" || got[1].Location.CommuneCodePre2025 != "02644" || got[1].VSICCode != "4661" {
		t.Errorf("row 2: %+v", got[1])
	}
	if got[2].LegalForm != "private_enterprise" || got[2].Name != "Doanh nghiệp tư nhân Hoà Bình" || got[2].Location.DistrictCode != "082" || got[2].Row != 9 {
		t.Errorf("row 3: %+v", got[2])
	}
	var recovered bool
	for _, w := range res.Warnings {
		if w.Code == ProbTaxCodeRecover && w.Row == 7 && w.Col == 1 {
			recovered = true
		}
	}
	if !recovered {
		t.Errorf("the restored leading zero should be reported at B8: %+v", res.Warnings)
	}
}

func TestParseRejects(t *testing.T) {
	good := []string{"1", "5300123456", "Công ty TNHH A", "", "", "Công ty TNHH một thành viên", "15/08/2025", "", "", "Phường Lào Cai", "", "Lào Cai", "100000000", "4933", "", "", "", "Đang hoạt động"}
	row := func(edit func(r []string)) []string {
		r := append([]string(nil), good...)
		edit(r)
		return r
	}
	cases := []struct {
		name string
		row  []string
		code string
		col  string
		want string
	}{
		{"duplicate", row(func(r []string) {}), ProbDuplicate, "B", "dòng 2"},
		{"impossible date", row(func(r []string) { r[1] = "5300000002"; r[6] = "31/02/2025" }), ProbDate, "G", "no such date"},
		{"future date", row(func(r []string) { r[1] = "5300000003"; r[6] = "01/10/2025" }), ProbFutureDate, "G", "2025Q3"},
		{"no such VSIC", row(func(r []string) { r[1] = "5300000004"; r[13] = "0400" }), ProbVSIC, "N", "no such VSIC code"},
		{"legal form", row(func(r []string) { r[1] = "5300000005"; r[5] = "Hợp tác xã kiểu mới" }), ProbLegalForm, "F", "unknown legal form"},
		{"status", row(func(r []string) { r[1] = "5300000006"; r[17] = "Đang ngủ đông" }), ProbStatus, "R", "unknown status"},
		{"commune", row(func(r []string) { r[1] = "5300000007"; r[9] = "Phường Không Tồn Tại" }), ProbAddress, "J", ""},
		{"tax code", row(func(r []string) { r[1] = "53001234" }), ProbTaxCode, "B", "10 digits"},
		{"capital", row(func(r []string) { r[1] = "5300000008"; r[12] = "một tỷ" }), ProbCapital, "M", "not an amount"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeCSV(t, "ds_2025Q3.csv", [][]string{stdHeader, good, c.row})
			emitted := 0
			f, err := testParser(t).Open(Options{Path: path})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = f.Scan(func(*Enterprise) error { emitted++; return nil })
			var rej *RejectError
			if !errors.As(err, &rej) {
				t.Fatalf("want a rejection, got %v", err)
			}
			p := rej.Problems[0]
			if p.Code != c.code || p.Row != 2 || ingest.ColumnName(p.Col) != c.col || !strings.Contains(err.Error(), c.want) {
				t.Errorf("problem %+v\n%v", p, err)
			}
			if msg := err.Error(); !strings.Contains(msg, "ds_2025Q3.csv") || !strings.Contains(msg, "row 3") || !strings.Contains(msg, "column "+c.col) {
				t.Errorf("message must name file, row and column: %s", msg)
			}
		})
	}
}

func TestQuarterFromFile(t *testing.T) {
	for name, want := range map[string]Quarter{
		"dn_2025Q3.xlsx": {2025, 3}, "DN-Q1-2024.csv": {2024, 1}, "danh sach quy 2 nam 2023.xlsx": {2023, 2},
		"quy4_2022.csv": {2022, 4}, "2021_q2_moi.csv": {2021, 2},
	} {
		if q, ok := quarterFromName(name); !ok || q != want {
			t.Errorf("%s: %v %v, want %v", name, q, ok, want)
		}
	}
	if _, ok := quarterFromName("danh_sach_2025.xlsx"); ok {
		t.Error("a year alone is not a quarter")
	}
	for title, want := range map[string]Quarter{
		"DANH SÁCH DOANH NGHIỆP QUÝ 3/2025": {2025, 3}, "Quý III năm 2024": {2024, 3}, "quý IV/2023": {2023, 4},
		"Tính đến ngày 30/06/2025": {2025, 2}, "Danh sách DN thành lập mới quý 1 năm 2026": {2026, 1},
	} {
		if q, ok := quarterFromTitle(title); !ok || q != want {
			t.Errorf("%q: %v %v, want %v", title, q, ok, want)
		}
	}
	if _, ok := quarterFromTitle("Tính đến ngày 15/06/2025"); ok {
		t.Error("a mid-quarter date names no quarter")
	}
	if k, ok := kindFromText("Danh sách doanh nghiệp thành lập mới quý 3/2025"); !ok || k != New {
		t.Error("new-registrations title")
	}
	if _, ok := kindFromText("ds_dn_moi_nhat_2025Q3"); ok {
		t.Error(`"mới nhất" (latest) does not make a new-registrations list`)
	}
}

func TestQuarterConflictsAndAbsence(t *testing.T) {
	rows := [][]string{{"DANH SÁCH DOANH NGHIỆP QUÝ 3/2025"}, stdHeader,
		{"1", "5300123456", "Công ty TNHH A", "", "", "Công ty TNHH một thành viên", "15/08/2024", "", "", "Phường Lào Cai", "", "Lào Cai", "", "4933", "", "", "", "Đang hoạt động"}}
	_, err := testParser(t).Open(Options{Path: writeCSV(t, "ds_2025Q2.csv", rows)})
	if err == nil || !strings.Contains(err.Error(), "2025Q2") || !strings.Contains(err.Error(), "2025Q3") {
		t.Errorf("name and title disagree: %v", err)
	}
	f, err := testParser(t).Open(Options{Path: writeCSV(t, "ds_2025Q2.csv", rows), Quarter: Quarter{2025, 3}})
	if err != nil || f.Quarter != (Quarter{2025, 3}) {
		t.Fatalf("the flag decides: %v", err)
	}
	f.Close()
	_, err = testParser(t).Open(Options{Path: writeCSV(t, "ds.csv", rows[1:])})
	if err == nil || !strings.Contains(err.Error(), "--quarter") {
		t.Errorf("no quarter anywhere: %v", err)
	}
	_, err = testParser(t).Open(Options{Path: writeCSV(t, "ds_2025Q3.csv", [][]string{{"Mã số", "Tên"}, {"1", "2"}})})
	if err == nil || !strings.Contains(err.Error(), "no enterprise-list header") {
		t.Errorf("not a register: %v", err)
	}
}

func TestValueReaders(t *testing.T) {
	num := func(f float64) sheet.Cell { return sheet.Cell{Kind: sheet.Number, Num: f} }
	txt := func(s string) sheet.Cell { return sheet.Cell{Kind: sheet.Text, Str: s} }
	for _, c := range []struct {
		in   sheet.Cell
		want string
		rec  bool
	}{
		{num(5300123456), "5300123456", false}, {num(100123456), "0100123456", true}, {txt("'0100123456"), "0100123456", false},
		{txt("0100123456-001"), "0100123456-001", false}, {txt("100123456-001"), "0100123456-001", true}, {txt("53 0012 3456"), "5300123456", false},
	} {
		got, rec, why := taxCode(c.in)
		if got != c.want || rec != c.rec || why != "" {
			t.Errorf("taxCode(%v) = %q %v %q", c.in, got, rec, why)
		}
	}
	for _, bad := range []sheet.Cell{num(12345678), txt("5300123456-01"), txt("0012345678"), txt("ABC"), num(1.5)} {
		if _, _, why := taxCode(bad); why == "" {
			t.Errorf("taxCode(%v) should fail", bad)
		}
	}
	for in, want := range map[string]int64{"1.500.000.000": 1500000000, "1,500,000,000": 1500000000, "1 500 000 000 đồng": 1500000000,
		"2000000000": 2000000000, "1500000000.0": 1500000000, "750.000.000 VNĐ": 750000000} {
		if v, ok, why := capital(txt(in)); !ok || v != want || why != "" {
			t.Errorf("capital(%q) = %d %v %q", in, v, ok, why)
		}
	}
	for _, bad := range []string{"1.5.00", "một tỷ", "-5", "1.500.00.000"} {
		if _, _, why := capital(txt(bad)); why == "" {
			t.Errorf("capital(%q) should fail", bad)
		}
	}
	for in, want := range map[string]string{"05/03/2019": "2019-03-05", "5/3/2019": "2019-03-05", "2019-03-05": "2019-03-05",
		"05.03.2019": "2019-03-05", "29/02/2024": "2024-02-29", "05/03/2019 00:00:00": "2019-03-05"} {
		if d, why := parseDateText(in); why != "" || d.Format("2006-01-02") != want {
			t.Errorf("date %q = %v %q", in, d, why)
		}
	}
	for _, bad := range []string{"29/02/2023", "31/04/2020", "00/01/2020", "13/13/2020", "5/3/19", "hôm qua"} {
		if _, why := parseDateText(bad); why == "" {
			t.Errorf("date %q should fail", bad)
		}
	}
	if d, why := date(sheet.Cell{Kind: sheet.Date, Num: 45000}, false); why != "" || d.Format("2006-01-02") != "2023-03-15" {
		t.Errorf("serial 45000 = %v %q", d, why)
	}
	for in, want := range map[string]string{"4933 - Vận tải": "4933", "Mã 5510: Khách sạn": "5510", "G4661": "4661", "": ""} {
		if got := vsicCode(txt(in)); got != want {
			t.Errorf("vsicCode(%q) = %q", in, got)
		}
	}
}

func TestVSICNotAClassRejects(t *testing.T) {
	good := []string{"1", "5300123456", "Công ty TNHH A", "", "", "Công ty TNHH một thành viên", "15/08/2025", "", "", "Phường Lào Cai", "", "Lào Cai", "", "9999", "", "", "", "Đang hoạt động"}
	_, _, _, err := scanAll(t, Options{Path: writeCSV(t, "ds_2025Q3.csv", [][]string{stdHeader, good})})
	var rej *RejectError
	if !errors.As(err, &rej) || rej.Problems[0].Code != ProbVSIC || ingest.ColumnName(rej.Problems[0].Col) != "N" {
		t.Fatalf("9999 is no VSIC 2018 class (division 99 holds only 9900): %v", err)
	}
}
