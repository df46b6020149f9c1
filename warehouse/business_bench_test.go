package warehouse

import (
	"bufio"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/business"
)

// synthetic is a deterministic register: enterprise i of quarter k, with a
// few percent of enterprises registering, moving, changing capital, being
// suspended, resuming and dissolving each quarter.
type synthetic struct {
	base     int // enterprises in the first quarter
	quarters []business.Quarter
}

var (
	synthNames    = []string{"Thương mại", "Xây dựng", "Du lịch", "Nông sản", "Khoáng sản", "Vận tải", "Dịch vụ", "Chè", "Gỗ", "Điện"}
	synthForms    = []string{"llc", "llc_one_member", "jsc", "private", "branch"}
	synthSections = []string{"A", "C", "F", "G", "H", "I", "L", "M", "N"}
	synthVSIC     = []string{"0111", "1010", "4100", "4711", "4933", "5510", "6810", "7110", "8299"}
	synthDistrict = []string{"080", "082", "083", "084", "085", "086", "087", "088", "089"}
)

// total is how many enterprises quarter k lists: 2% more each quarter.
func (s synthetic) total(k int) int { return s.base + k*s.base/50 }

// fill writes enterprise i as quarter k's snapshot lists it into e.
func (s synthetic) fill(e *business.Enterprise, i, k int) {
	q := s.quarters[k]
	id := strconv.Itoa(5300000000 + i)
	e.Row = i + 1
	e.TaxCode = id
	e.Name = "Công ty TNHH " + synthNames[i%len(synthNames)] + " Lào Cai " + id
	e.ForeignName = "Lao Cai " + synthNames[i%len(synthNames)] + " Company Limited " + id
	e.ShortName = "LC" + id
	e.LegalForm = synthForms[i%len(synthForms)]
	if i < s.base {
		e.RegisteredOn = time.Date(2000+i%24, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
	} else { // registered in the quarter that first lists it
		first := (i - s.base) / (s.base / 50)
		e.RegisteredOn = s.quarters[first+1].Start().AddDate(0, 0, i%85)
	}
	e.ChangedOn = time.Time{}
	if i%7 == 0 {
		e.ChangedOn = q.Start().AddDate(0, 0, i%80)
	}
	commune := 2000 + i%150
	if i%100 == k%100 && k > 0 { // 1% move each quarter
		commune++
	}
	d := synthDistrict[commune%len(synthDistrict)]
	e.Address = "Số " + strconv.Itoa(i%300) + " đường Hoàng Liên, tổ " + strconv.Itoa(i%40)
	e.CommuneText = "Phường " + strconv.Itoa(commune)
	e.DistrictText = "Huyện " + d
	e.ProvinceText = "Lào Cai"
	e.Location = business.Location{ProvinceCodePre2025: "10", DistrictCode: d,
		CommuneCodePre2025: "0" + strconv.Itoa(commune+1000), ProvinceCode2025: "15", CommuneCode2025: "0" + strconv.Itoa(commune+2000)}
	e.CapitalVND = int64(1+i%500) * 100_000_000
	if i%50 == k { // 2% raise their capital in quarter k
		e.CapitalVND *= 2
	}
	e.HasCapital = i%13 != 0
	e.VSICCode = synthVSIC[i%len(synthVSIC)]
	e.VSICSection = synthSections[i%len(synthSections)]
	e.Status = "active"
	switch {
	case i%100 < k: // 1% a quarter dissolve, and stay dissolved
		e.Status = "dissolved"
	case i%200 == 150+k: // 0.5% suspended for one quarter, then resume
		e.Status = "suspended"
	}
	e.Representative = "Nguyễn Văn " + id
	e.Phone = "0912" + id[4:]
	e.Email = "lienhe" + id + "@example.vn"
}

func (s synthetic) scan(k int) func(func(*business.Enterprise) error) (BusinessScan, error) {
	return func(emit func(*business.Enterprise) error) (BusinessScan, error) {
		var e business.Enterprise
		n := s.total(k)
		for i := range n {
			s.fill(&e, i, k)
			if err := emit(&e); err != nil {
				return BusinessScan{}, err
			}
		}
		return BusinessScan{RowsRead: n}, nil
	}
}

// writeCSV writes quarter k as an 18-column CSV, for DuckDB's own reader.
func (s synthetic) writeCSV(t testing.TB, path string, k int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	b := bufio.NewWriterSize(f, 1<<20)
	b.WriteString("tax_code,name,foreign_name,short_name,legal_form,registered_on,changed_on,address,commune,district,province,capital,vsic,status,representative,phone,email,note\n")
	var e business.Enterprise
	for i := range s.total(k) {
		s.fill(&e, i, k)
		changed := ""
		if !e.ChangedOn.IsZero() {
			changed = e.ChangedOn.Format("02/01/2006")
		}
		for j, v := range []string{e.TaxCode, `"` + e.Name + `"`, `"` + e.ForeignName + `"`, e.ShortName, e.LegalForm,
			e.RegisteredOn.Format("02/01/2006"), changed, `"` + e.Address + `"`, e.CommuneText, e.DistrictText, e.ProvinceText,
			strconv.FormatInt(e.CapitalVND, 10), e.VSICCode, e.Status, e.Representative, e.Phone, e.Email, ""} {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(v)
		}
		b.WriteByte('\n')
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func peakRSS() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / 1024 // KiB on Linux
}

// TestBusinessLoadThroughput loads a synthetic register through the
// appender and times the views on it. It logs, never asserts, times. Small
// by default; DPI_BUSINESS_ROWS=1000000 DPI_BUSINESS_QUARTERS=4 for the
// full measurement (run it alone: peak RSS is the test binary's);
// DPI_BUSINESS_KEEP=DIR keeps the warehouse.
func TestBusinessLoadThroughput(t *testing.T) {
	rows, quarters := 20_000, 4
	if v, err := strconv.Atoi(os.Getenv("DPI_BUSINESS_ROWS")); err == nil {
		rows = v
	}
	if v, err := strconv.Atoi(os.Getenv("DPI_BUSINESS_QUARTERS")); err == nil {
		quarters = v
	}
	ctx := context.Background()
	s := synthetic{base: rows}
	for q := quarter("2024Q4"); len(s.quarters) < quarters; q = q.Next() {
		s.quarters = append(s.quarters, q)
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if keep := os.Getenv("DPI_BUSINESS_KEEP"); keep != "" {
		data = keep // keep the warehouse, to try queries on it
	}
	w, err := Open(ctx, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	start := time.Now()
	var e business.Enterprise
	for i := range rows {
		s.fill(&e, i, 0)
	}
	gen := time.Since(start)

	for k, q := range s.quarters {
		path := filepath.Join(dir, q.String()+".csv")
		s.writeCSV(t, path, k)
		sha, err := ingest.SHA256File(path)
		if err != nil {
			t.Fatal(err)
		}
		in := BusinessLoad{FileName: filepath.Base(path), Path: path, SHA256: sha,
			Quarter: q, Kind: business.Snapshot, LoadedBy: "bench", Scan: s.scan(k)}
		start := time.Now()
		res, err := w.LoadBusinesses(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		el := time.Since(start)
		t.Logf("%s: %d rows loaded in %v (%.0f rows/s; generating the rows alone takes ~%v)",
			q, res.Rows, el.Round(time.Millisecond), float64(res.Rows)/el.Seconds(), gen.Round(time.Millisecond))
		if k > 0 {
			os.Remove(path)
		}
	}
	t.Logf("peak RSS after loading: %.0f MiB", peakRSS())
	baseline(t, filepath.Join(dir, s.quarters[0].String()+".csv"))

	for _, q := range []string{
		"SELECT count(*) FROM enterprise_snapshots",
		"SELECT count(*) FROM enterprises",
		"SELECT count(*) FROM business_events",
		"SELECT count(*) FROM business_quarterly",
		"SELECT sum(active_count), sum(new_count), sum(dissolved_count) FROM business_quarterly WHERE quarter = '" + s.quarters[len(s.quarters)-1].String() + "'",
		"SELECT event, count(*) FROM business_events GROUP BY ALL ORDER BY ALL",
	} {
		start := time.Now()
		out := rowsOf(t, w.DB(), q)
		t.Logf("%v  %s → %s", time.Since(start).Round(time.Millisecond), q, strings.Join(out, "; "))
	}
	t.Logf("peak RSS after the queries: %.0f MiB", peakRSS())
}

// baseline times DuckDB's own CSV reader on the same file into a table of a
// fresh database file: the speed the whole ingest is measured against.
func baseline(t *testing.T, csvPath string) {
	db, err := sql.Open("duckdb", filepath.Join(t.TempDir(), "baseline.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	if _, err := db.Exec(`CREATE TABLE t AS SELECT * FROM read_csv('` + csvPath + `', all_varchar = false)`); err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	var n int
	db.QueryRow("SELECT count(*) FROM t").Scan(&n)
	st, _ := os.Stat(csvPath)
	t.Logf("baseline: DuckDB read_csv of the same rows as CSV (%d rows, %.0f MB) into a table: %v", n, float64(st.Size())/1e6, el.Round(time.Millisecond))
}
