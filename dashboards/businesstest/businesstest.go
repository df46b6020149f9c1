// Package businesstest loads a small, known enterprise register into a real
// warehouse, for the tests of the enterprise search in dashboards and
// portal: names spelt every way search must fold (both tone placements,
// Đ, decomposed Unicode, upper case), hostile names (a formula, a script
// tag), leading-zero tax codes, missing dates and capital, and enough
// look-alike rows to fill several pages. Every row carries personal data
// (Secret*) that must never appear outside the warehouse.
package businesstest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/business"
	"github.com/laocai-dpi/dpi/warehouse"
)

// Personal data on every row: tests look for these anywhere public.
const (
	SecretName  = "Nguyễn Văn Bímật"
	SecretPhone = "0987654321"
	SecretEmail = "bimat.rieng@example.vn"
)

// Names of the special rows.
var (
	HoaBinh    = "Công ty TNHH Hòa Bình"                            // new tone placement
	HoaBinhOld = "CÔNG TY CỔ PHẦN HOÀ BÌNH XANH"                    // old placement, upper case
	DucThuy    = norm.NFD.String("Đức Thủy - Doanh nghiệp tư nhân") // decomposed, Đ first
	KhoaHoc    = "Công ty TNHH Khoa Học Lào Cai"                    // "hoa" inside "Khoa": not a word start
	Formula    = `=HYPERLINK("http://example.com/x","bấm")`         // a spreadsheet formula
	Script     = `</script><script>alert(1)</script>`
	DungThuy   = "Công ty TNHH Dũng Thuỷ"
)

// Fillers is the number of look-alike rows "Công ty TNHH Số NN".
const Fillers = 45

// Rows are the register's enterprises (one snapshot, 2025Q3).
func Rows() []business.Enterprise {
	d := func(s string) time.Time {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			panic(err)
		}
		return t
	}
	// Lào Cai city (080) → Phường Lào Cai (02647); Bát Xát (082) → Cam Đường (02671) for the test.
	loc := func(district, commune2025 string) business.Location {
		return business.Location{ProvinceCodePre2025: "10", DistrictCode: district, CommuneCodePre2025: "02641",
			ProvinceCode2025: "15", CommuneCode2025: commune2025}
	}
	rows := []business.Enterprise{
		{TaxCode: "5300000001", Name: HoaBinh, LegalForm: "llc_multi", VSICCode: "4711", VSICSection: "G",
			CapitalVND: 1_000_000_000, HasCapital: true, RegisteredOn: d("2025-02-10"), Status: "active",
			Address: "Số 1 đường Hoàng Liên", Location: loc("080", "02647")},
		{TaxCode: "5300000002", Name: HoaBinhOld, LegalForm: "jsc", VSICCode: "4101", VSICSection: "F",
			CapitalVND: 5_000_000_000, HasCapital: true, RegisteredOn: d("2024-12-31"), Status: "suspended",
			Location: loc("082", "02671")},
		{TaxCode: "5300000003", Name: DucThuy, LegalForm: "private_enterprise", VSICCode: "0111", VSICSection: "A",
			CapitalVND: 300_000_000, HasCapital: true, RegisteredOn: d("2025-03-31"), Status: "active",
			Location: loc("080", "02647")},
		{TaxCode: "1000000004", Name: KhoaHoc, LegalForm: "llc_single", VSICCode: "4719", VSICSection: "G",
			CapitalVND: 2_000_000_000, HasCapital: true, RegisteredOn: d("2025-04-01"), Status: "dissolved",
			Location: loc("082", "02671")},
		{TaxCode: "5300000005-001", Name: Formula, LegalForm: "branch", VSICCode: "4711", VSICSection: "G",
			RegisteredOn: d("2025-05-05"), Status: "active", Location: loc("080", "02647")},
		{TaxCode: "5300000006", Name: Script, ShortName: `<b>bold</b>`, LegalForm: "llc_single", VSICCode: "4102", VSICSection: "F",
			CapitalVND: 100_000_000, HasCapital: true, RegisteredOn: d("2025-06-30"), Status: "active", Location: loc("080", "02647")},
		{TaxCode: "0100000007", Name: DungThuy, ShortName: "DUNG THUY CO", ForeignName: "Dung Thuy Company Limited",
			LegalForm: "llc_multi", VSICCode: "4721", VSICSection: "G", CapitalVND: 123_456_789_012, HasCapital: true,
			RegisteredOn: d("2010-01-15"), Status: "active", Location: loc("080", "02647")},
		{TaxCode: "5300000008", Name: "Hợp tác xã Không Ngày", LegalForm: "llc_single", VSICCode: "0111", VSICSection: "A",
			Status: "not_at_address", Location: business.Location{ProvinceCodePre2025: "10", ProvinceCode2025: "15"}},
	}
	for i := 1; i <= Fillers; i++ {
		rows = append(rows, business.Enterprise{TaxCode: fmt.Sprintf("52000000%02d", i), Name: fmt.Sprintf("Công ty TNHH Số %02d", i),
			LegalForm: "llc_single", VSICCode: "4719", VSICSection: "G", CapitalVND: int64(i) * 10_000_000, HasCapital: true,
			RegisteredOn: d("2023-01-01").AddDate(0, 0, i), Status: "active", Location: loc("082", "02671")})
	}
	for i := range rows {
		rows[i].Representative, rows[i].Phone, rows[i].Email = SecretName, SecretPhone, SecretEmail
	}
	return rows
}

// Load loads Rows as the 2025Q3 snapshot, marked as sample data if sample.
func Load(t testing.TB, w *warehouse.Warehouse, sample bool) {
	t.Helper()
	ents := Rows()
	content := []byte(fmt.Sprintf("businesstest register, %d rows, sample=%v", len(ents), sample))
	path := filepath.Join(t.TempDir(), "dn_2025Q3.csv")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	q, _ := business.ParseQuarter("2025Q3")
	_, err := w.LoadBusinesses(context.Background(), warehouse.BusinessLoad{
		FileName: "dn_2025Q3.csv", Path: path, SHA256: ingest.SHA256(content), Quarter: q, Kind: business.Snapshot,
		LoadedBy: "businesstest", IsSample: sample,
		Scan: func(emit func(*business.Enterprise) error) (warehouse.BusinessScan, error) {
			for i := range ents {
				ents[i].Row = i + 1
				if err := emit(&ents[i]); err != nil {
					return warehouse.BusinessScan{}, err
				}
			}
			return warehouse.BusinessScan{RowsRead: len(ents)}, nil
		},
	})
	if err != nil {
		t.Fatalf("load the test register: %v", err)
	}
	// As the next opening of the warehouse (dpi serve) would.
	if _, err := w.RefreshEnterpriseSearch(context.Background()); err != nil {
		t.Fatalf("enterprise search after the load: %v", err)
	}
}
