package warehouse

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/business"
)

func openTest(t *testing.T) *Warehouse {
	t.Helper()
	w, err := Open(context.Background(), t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func quarter(s string) business.Quarter {
	q, err := business.ParseQuarter(s)
	if err != nil {
		panic(err)
	}
	return q
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// ent builds an enterprise in Lào Cai with the fields the views use.
func ent(tax, status, commune2025 string, capital int64, registered, changed string) business.Enterprise {
	e := business.Enterprise{
		TaxCode: tax, Name: "Công ty " + tax, LegalForm: "llc", Status: status,
		VSICCode: "4711", VSICSection: "G", CapitalVND: capital, HasCapital: capital != 0,
		Address: "Số 1 đường " + tax,
		Location: business.Location{ProvinceCodePre2025: "10", DistrictCode: "080", CommuneCodePre2025: "02" + commune2025[2:],
			ProvinceCode2025: "15", CommuneCode2025: commune2025},
		Representative: "Nguyễn Văn Bí Mật", Phone: "0912345678", Email: "bimat@example.vn",
	}
	if registered != "" {
		e.RegisteredOn = day(registered)
	}
	if changed != "" {
		e.ChangedOn = day(changed)
	}
	return e
}

// fileLoad writes content as the "original" file and returns a load whose
// Scan emits ents. Different content, different sha256.
func fileLoad(t *testing.T, name, content, q string, kind business.Kind, ents []business.Enterprise) BusinessLoad {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return BusinessLoad{
		FileName: name, Path: path, SHA256: ingest.SHA256([]byte(content)),
		Quarter: quarter(q), Kind: kind, LoadedBy: "test",
		Scan: func(emit func(*business.Enterprise) error) (BusinessScan, error) {
			for i := range ents {
				ents[i].Row = i + 1
				if err := emit(&ents[i]); err != nil {
					return BusinessScan{}, err
				}
			}
			return BusinessScan{RowsRead: len(ents), RowsSkipped: 2,
				Warnings: []business.Problem{{Severity: business.Warn, Code: business.ProbVSIC, Sheet: "DN", Row: 3, Col: 7, Value: "9999", Reason: "mã ngành lạ / unknown VSIC code"}},
				Notes:    []string{"test file"}}, nil
		},
	}
}

func mustLoad(t *testing.T, w *Warehouse, in BusinessLoad, want string) LoadResult {
	t.Helper()
	res, err := w.LoadBusinesses(context.Background(), in)
	if err != nil {
		t.Fatalf("%s: %v", in.FileName, err)
	}
	if res.Outcome != want {
		t.Fatalf("%s: outcome %s, want %s", in.FileName, res.Outcome, want)
	}
	return res
}

// fingerprint summarises the content of every table, so that a test can
// tell that a failed load changed nothing.
func fingerprint(t *testing.T, w *Warehouse) string {
	t.Helper()
	rows, err := w.DB().Query(`SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		tables = append(tables, s)
	}
	rows.Close()
	var b strings.Builder
	for _, tbl := range tables {
		var n int
		var h string
		if err := w.DB().QueryRow(`SELECT count(*), coalesce(sum(hash(t))::VARCHAR, '') FROM "`+tbl+`" t`).Scan(&n, &h); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s:%d:%s\n", tbl, n, h)
	}
	return b.String()
}

func TestBusinessLoadUnchangedReplacedHistory(t *testing.T) {
	ctx := context.Background()
	w := openTest(t)
	a := []business.Enterprise{
		ent("5300100001", "active", "15001", 1_000_000_000, "2020-01-15", ""),
		ent("5300100002", "active", "15001", 500_000_000, "2021-03-01", ""),
	}
	inA := fileLoad(t, "dn_2025q3.csv", "version A", "2025Q3", business.Snapshot, a)
	res := mustLoad(t, w, inA, OutcomeLoaded)
	if res.Rows != 2 || res.IngestID == 0 {
		t.Errorf("first load: %+v", res)
	}
	sha, ok, err := w.BusinessLoadCurrent(ctx, quarter("2025Q3"), business.Snapshot)
	if err != nil || !ok || sha != inA.SHA256 {
		t.Errorf("current: %q %v %v", sha, ok, err)
	}
	if _, ok, _ := w.BusinessLoadCurrent(ctx, quarter("2025Q3"), business.New); ok {
		t.Error("a new list is current for 2025Q3")
	}
	if _, err := os.Stat(filepath.Join(w.Dir(), "originals", inA.SHA256+".csv")); err != nil {
		t.Errorf("original not kept: %v", err)
	}

	// The same file again: nothing written, the file not even scanned.
	before := fingerprint(t, w)
	again := inA
	again.Scan = func(func(*business.Enterprise) error) (BusinessScan, error) {
		t.Error("Scan called for an unchanged file")
		return BusinessScan{}, nil
	}
	mustLoad(t, w, again, OutcomeUnchanged)
	if fingerprint(t, w) != before {
		t.Error("an unchanged load changed the warehouse")
	}

	// A corrected file replaces the quarter; version A stays as history.
	b := []business.Enterprise{
		ent("5300100001", "active", "15001", 2_000_000_000, "2020-01-15", ""),
		ent("5300100002", "active", "15001", 500_000_000, "2021-03-01", ""),
		ent("5300100003", "active", "15002", 100_000_000, "2022-05-05", ""),
	}
	inB := fileLoad(t, "dn_2025q3_sua.csv", "version B", "2025Q3", business.Snapshot, b)
	mustLoad(t, w, inB, OutcomeReplaced)
	checks := map[string]int{
		"SELECT count(*) FROM enterprise_snapshots WHERE quarter = '2025Q3'":                                              3,
		"SELECT count(*) FROM enterprise_snapshots WHERE charter_capital_vnd = 2000000000":                                1,
		"SELECT count(*) FROM enterprise_snapshots_history":                                                               5,
		"SELECT count(*) FROM enterprise_snapshots_history WHERE NOT is_current AND sha256 = '" + inA.SHA256 + "'":        2,
		"SELECT count(*) FROM business_loads WHERE superseded_by = " + fmt.Sprint(loadIDOf(t, w, inB)):                    1,
		"SELECT count(*) FROM ingest_log WHERE kind = 'business'":                                                         2,
		"SELECT count(*) FROM ingest_log WHERE kind = 'business' AND outcome = 'replaced' AND rows_loaded = 3":            1,
		"SELECT count(*) FROM business_load_problems WHERE code = 'unknown_vsic' AND row_no = 4 AND col = 'H'":            2,
		"SELECT count(*) FROM business_loads WHERE rows_skipped = 2 AND warning_count = 1 AND notes = 'test file'":        2,
		"SELECT count(*) FROM (SELECT load_id, tax_code FROM business_rows GROUP BY ALL HAVING count(*) > 1)":             0,
		"SELECT count(*) FROM business_rows WHERE row_no = 2 AND tax_code = '5300100001'":                                 2,
		"SELECT count(*) FROM enterprises":                                                                                3,
		"SELECT count(*) FROM business_loads WHERE quarter_start = DATE '2025-07-01' AND quarter_end = DATE '2025-09-30'": 2,
	}
	for q, want := range checks {
		if got := count(t, w, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}

	// The current file cannot also be another quarter or kind...
	asQ4 := inB
	asQ4.Quarter = quarter("2025Q4")
	if _, err := w.LoadBusinesses(ctx, asQ4); err == nil || !strings.Contains(err.Error(), "two quarters") {
		t.Errorf("same file as another quarter: %v", err)
	}
	asNew := inB
	asNew.Kind = business.New
	if _, err := w.LoadBusinesses(ctx, asNew); err == nil {
		t.Error("same file as a new list of the same quarter loaded")
	}
	// ...but reloading the replaced version A reverts the quarter to it.
	mustLoad(t, w, inA, OutcomeReplaced)
	if got := count(t, w, "SELECT count(*) FROM enterprise_snapshots"); got != 2 {
		t.Errorf("after reverting to A: %d rows", got)
	}
}

func loadIDOf(t *testing.T, w *Warehouse, in BusinessLoad) int64 {
	t.Helper()
	var id int64
	if err := w.DB().QueryRow(`SELECT load_id FROM business_loads WHERE sha256 = ? AND superseded_at IS NULL`, in.SHA256).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestBusinessLoadFailureChangesNothing(t *testing.T) {
	ctx := context.Background()
	w := openTest(t)
	mustLoad(t, w, fileLoad(t, "q2.csv", "q2", "2025Q2", business.Snapshot, []business.Enterprise{
		ent("5300100001", "active", "15001", 1_000_000_000, "2020-01-15", ""),
	}), OutcomeLoaded)
	before := fingerprint(t, w)
	if !strings.Contains(before, "ref_provinces:98:") {
		t.Fatalf("fingerprint does not cover the reference tables:\n%s", before)
	}

	many := make([]business.Enterprise, 5000) // more than one appender chunk (2048 rows)
	for i := range many {
		many[i] = ent(fmt.Sprintf("53%08d", i), "active", "15001", 1, "2024-01-01", "")
	}
	scanFails := fileLoad(t, "q3.csv", "q3", "2025Q3", business.Snapshot, many)
	inner := scanFails.Scan
	scanFails.Scan = func(emit func(*business.Enterprise) error) (BusinessScan, error) {
		if _, err := inner(emit); err != nil {
			return BusinessScan{}, err
		}
		return BusinessScan{}, ingest.Errorf("q3.csv", "DN", 5001, 2, "hàng cuối hỏng / last row broken")
	}
	emitFails := fileLoad(t, "q3b.csv", "q3b", "2025Q3", business.Snapshot,
		append(many[:3000:3000], business.Enterprise{Name: "no tax code"}))
	replaceFails := fileLoad(t, "q2b.csv", "q2b", "2025Q2", business.Snapshot, many)
	replaceFails.Scan = scanFails.Scan
	wrongSHA := fileLoad(t, "q3c.csv", "q3c", "2025Q3", business.Snapshot, many)
	wrongSHA.SHA256 = ingest.SHA256([]byte("something else"))
	emptySnapshot := fileLoad(t, "q3d.csv", "q3d", "2025Q3", business.Snapshot, nil)
	cancelled, cancel := context.WithCancel(ctx)
	midCancel := fileLoad(t, "q3e.csv", "q3e", "2025Q3", business.Snapshot, many)
	innerCancel := midCancel.Scan
	midCancel.Scan = func(emit func(*business.Enterprise) error) (BusinessScan, error) {
		s, err := innerCancel(emit)
		cancel()
		return s, err
	}

	panics := fileLoad(t, "q3g.csv", "q3g", "2025Q3", business.Snapshot, many)
	innerPanic := panics.Scan
	panics.Scan = func(emit func(*business.Enterprise) error) (BusinessScan, error) {
		innerPanic(emit)
		var m map[string]int
		m["parser bug"]++
		return BusinessScan{}, nil
	}
	// Cancelled while the rows stream: the appender stops, the scan is told.
	cancelledEarly, cancelEarly := context.WithCancel(ctx)
	stopsEarly := fileLoad(t, "q3h.csv", "q3h", "2025Q3", business.Snapshot, nil)
	stopsEarly.Scan = func(emit func(*business.Enterprise) error) (BusinessScan, error) {
		for i := 0; ; i++ {
			if i == 3000 {
				cancelEarly()
			}
			e := ent(fmt.Sprintf("54%08d", i), "active", "15001", 1, "2024-01-01", "")
			if err := emit(&e); err != nil {
				return BusinessScan{}, err
			}
		}
	}

	// A scan that fails after 300,000 rows: by then DuckDB has inserted
	// (and written to the file) more than two row groups of them.
	late := fileLoad(t, "q3i.csv", "q3i", "2025Q3", business.Snapshot, nil)
	late.Scan = func(emit func(*business.Enterprise) error) (BusinessScan, error) {
		e := ent("5500000000", "active", "15001", 1, "2024-01-01", "")
		for i := range 300_000 {
			e.Row, e.TaxCode = i, fmt.Sprintf("55%08d", i)
			if err := emit(&e); err != nil {
				return BusinessScan{}, err
			}
		}
		return BusinessScan{}, ingest.Errorf("q3i.csv", "DN", 300_001, 2, "hàng cuối hỏng / last row broken")
	}

	for name, c := range map[string]struct {
		ctx context.Context
		in  BusinessLoad
	}{
		"scan error after 300,000 rows": {ctx, late},
		"panic in scan":                 {ctx, panics},
		"cancelled mid-stream":          {cancelledEarly, stopsEarly},
		"scan error":                    {ctx, scanFails},
		"emit error":                    {ctx, emitFails},
		"scan error on replace":         {ctx, replaceFails},
		"sha256 mismatch":               {ctx, wrongSHA},
		"empty snapshot":                {ctx, emptySnapshot},
		"cancelled":                     {cancelled, midCancel},
	} {
		res, err := w.LoadBusinesses(c.ctx, c.in)
		if err == nil {
			t.Errorf("%s: load succeeded: %+v", name, res)
			continue
		}
		t.Logf("%s: %v", name, err)
		if after := fingerprint(t, w); after != before {
			t.Errorf("%s changed the warehouse:\nbefore\n%s\nafter\n%s", name, before, after)
		}
		if _, err := os.Stat(filepath.Join(w.Dir(), "originals", c.in.SHA256+".csv")); err == nil {
			t.Errorf("%s: original kept for a rejected file", name)
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(w.Dir(), "originals", ".tmp-*")); len(leftovers) > 0 {
		t.Errorf("temporary originals left: %v", leftovers)
	}
	// The warehouse still works after all that.
	mustLoad(t, w, fileLoad(t, "q3f.csv", "q3f", "2025Q3", business.Snapshot, many), OutcomeLoaded)
}

// TestAppenderJoinsTheTransaction proves what LoadBusinesses relies on:
// rows the appender has flushed inside BEGIN … ROLLBACK on the same
// connection are gone after the rollback.
func TestAppenderJoinsTheTransaction(t *testing.T) {
	ctx := context.Background()
	w := openTest(t)
	conn, err := w.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		t.Fatal(err)
	}
	const n = 10_000 // several chunks, flushed by Close
	err = conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "business_rows")
		if err != nil {
			return err
		}
		row := make([]driver.Value, 27) // the columns of business_rows (0004, 0009)
		for i := range n {
			row[0], row[1], row[2] = int64(1), int32(i), fmt.Sprintf("%010d", i)
			if err := app.AppendRow(row...); err != nil {
				return err
			}
		}
		return app.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	var inside int
	conn.QueryRowContext(ctx, "SELECT count(*) FROM business_rows").Scan(&inside)
	if inside != n {
		t.Fatalf("inside the transaction: %d rows, want %d", inside, n)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	var after int
	conn.QueryRowContext(ctx, "SELECT count(*) FROM business_rows").Scan(&after)
	if after != 0 {
		t.Fatalf("after ROLLBACK: %d rows", after)
	}
}

func TestBusinessLoadRefusesBadRequests(t *testing.T) {
	w := openTest(t)
	ok := fileLoad(t, "x.csv", "x", "2025Q3", business.Snapshot, []business.Enterprise{ent("5300100001", "active", "15001", 1, "2020-01-01", "")})
	for name, mod := range map[string]func(*BusinessLoad){
		"no quarter": func(in *BusinessLoad) { in.Quarter = business.Quarter{} },
		"bad kind":   func(in *BusinessLoad) { in.Kind = "weekly" },
		"bad sha":    func(in *BusinessLoad) { in.SHA256 = "abc" },
		"no path":    func(in *BusinessLoad) { in.Path = "" },
		"no file":    func(in *BusinessLoad) { in.Path = filepath.Join(t.TempDir(), "gone.csv") },
	} {
		in := ok
		mod(&in)
		if _, err := w.LoadBusinesses(context.Background(), in); err == nil {
			t.Errorf("%s: accepted", name)
		} else if errors.Is(err, context.Canceled) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if got := count(t, w, "SELECT count(*) FROM business_loads"); got != 0 {
		t.Errorf("%d loads", got)
	}
}

// TestBusinessLoadHashesWhenAsked: with no SHA256 given, the load names the
// original by the hash of the copy it keeps, in the same pass; it still
// finds an unchanged file, or one current as another quarter, before
// scanning it, and refuses a file that changes while it loads.
func TestBusinessLoadHashesWhenAsked(t *testing.T) {
	ctx := context.Background()
	w := openTest(t)
	ents := []business.Enterprise{ent("5300100001", "active", "15001", 1_000_000_000, "2020-01-15", "")}
	in := fileLoad(t, "dn_2025q3.csv", "version A", "2025Q3", business.Snapshot, ents)
	want := in.SHA256
	in.SHA256 = ""
	res := mustLoad(t, w, in, OutcomeLoaded)
	if res.SHA256 != want {
		t.Errorf("sha256 %q, want %q", res.SHA256, want)
	}
	if got := count(t, w, "SELECT count(*) FROM business_loads WHERE sha256 = '"+want+"'"); got != 1 {
		t.Errorf("%d loads recorded with the file's sha256", got)
	}
	if _, err := os.Stat(filepath.Join(w.Dir(), "originals", want+".csv")); err != nil {
		t.Errorf("original not kept under its sha256: %v", err)
	}
	if tmp, _ := filepath.Glob(filepath.Join(w.Dir(), "originals", ".tmp-*")); len(tmp) > 0 {
		t.Errorf("temporary originals left: %v", tmp)
	}

	noScan := func(func(*business.Enterprise) error) (BusinessScan, error) {
		t.Error("Scan called")
		return BusinessScan{}, nil
	}
	again := in
	again.Scan = noScan
	if res := mustLoad(t, w, again, OutcomeUnchanged); res.SHA256 != want {
		t.Errorf("unchanged: sha256 %q", res.SHA256)
	}
	asQ4 := again
	asQ4.Quarter = quarter("2025Q4")
	if _, err := w.LoadBusinesses(ctx, asQ4); err == nil || !strings.Contains(err.Error(), "two quarters") {
		t.Errorf("same file as another quarter: %v", err)
	}

	before := fingerprint(t, w)
	changing := fileLoad(t, "dn_2025q4.csv", "version B, of another size", "2025Q4", business.Snapshot, ents)
	changing.SHA256 = ""
	inner := changing.Scan
	changing.Scan = func(emit func(*business.Enterprise) error) (BusinessScan, error) {
		s, err := inner(emit)
		os.WriteFile(changing.Path, []byte("version B, edited while it loads"), 0o644)
		return s, err
	}
	if _, err := w.LoadBusinesses(ctx, changing); err == nil || !strings.Contains(err.Error(), "changed while loading") {
		t.Errorf("a file that changes while it loads: %v", err)
	}
	if fingerprint(t, w) != before {
		t.Error("a file that changed while it loaded changed the warehouse")
	}
}
