// Package biztest loads a generated enterprise register into a real
// warehouse in a temporary folder, for the tests of the business dashboard
// (dashboards and portal): the generator writes the quarterly files and the
// exact figures they hold (counts.json), and the files load through the
// same parser and warehouse load as `dpi ingest businesses`.
package biztest

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/dashboards/pcitest"
	"github.com/laocai-dpi/dpi/ingest/business"
	"github.com/laocai-dpi/dpi/warehouse"
)

// Register is the register the fixture loads: seven quarters ending with
// the last quarter that has ended (2025Q1–2026Q3 in November 2026, across
// the reform of 1 July 2025), about 600 enterprises. It follows the clock
// because loads are stamped with the real time: a register that stopped at
// a fixed quarter would fall behind it and turn overdue as time passes.
var Register = business.GenOptions{Seed: 4242, Rows: 600, Quarters: 7, Kind: business.Snapshot}

// LastEnded is the last quarter that had ended at t (ICT).
func LastEnded(t time.Time) business.Quarter {
	n := t.In(time.FixedZone("ICT", 7*3600))
	q := business.Quarter{Year: n.Year(), Q: (int(n.Month())-1)/3 + 1}
	if q.Q == 1 {
		return business.Quarter{Year: q.Year - 1, Q: 4}
	}
	return business.Quarter{Year: q.Year, Q: q.Q - 1}
}

// Fixture is an open warehouse holding the generated register (as sample
// data) and the PCI fixture's releases.
type Fixture struct {
	Warehouse *warehouse.Warehouse
	DB        *sql.DB
	Counts    business.GenCounts // the generator's own figures, per quarter (its counts.json)
	dir       string
	parser    *business.Parser
}

// Open generates and loads the register, skipping the quarters whose
// positions (0 = the first) are in skip, to test a missing quarter.
func Open(t testing.TB, skip ...int) *Fixture {
	t.Helper()
	pf := pcitest.Open(t)
	f := &Fixture{Warehouse: pf.Warehouse, DB: pf.DB, dir: t.TempDir()}
	ref, err := business.LoadRef()
	if err != nil {
		t.Fatal(err)
	}
	opt := Register
	opt.Ref = ref
	opt.Last = LastEnded(time.Now())
	out := filepath.Join(f.dir, "so_dang_ky.csv")
	if _, err := business.GenerateFiles(opt, "csv", out); err != nil {
		t.Fatal(err)
	}
	// The figures tests compare with are the generator's counts.json, as
	// an analyst checking a load would read them.
	b, err := os.ReadFile(out + ".counts.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &f.Counts); err != nil {
		t.Fatal(err)
	}
	f.parser = business.NewParser(ref)
	for i := range f.Counts.Quarters {
		if !slices.Contains(skip, i) {
			f.Load(t, i)
		}
	}
	return f
}

// Load loads the i-th generated quarter (as `dpi ingest businesses` would).
func (f *Fixture) Load(t testing.TB, i int) {
	t.Helper()
	qc := f.Counts.Quarters[i]
	q, err := business.ParseQuarter(qc.Quarter)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(f.dir, qc.File)
	file, err := f.parser.Open(business.Options{Path: path, FileName: qc.File, Quarter: q, Kind: business.Snapshot})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	_, err = f.Warehouse.LoadBusinesses(context.Background(), warehouse.BusinessLoad{
		FileName: qc.File, Path: path, Quarter: file.Quarter, Kind: file.Kind,
		LoadedBy: "biztest", IsSample: true,
		Scan: func(emit func(*business.Enterprise) error) (warehouse.BusinessScan, error) {
			r, err := file.Scan(emit)
			return warehouse.BusinessScan{RowsRead: r.RowsRead, RowsSkipped: r.RowsSkipped, Warnings: r.Warnings,
				WarningCount: r.WarningCount, Notes: r.Notes}, err
		},
	})
	if err != nil {
		t.Fatalf("load %s: %v", qc.File, err)
	}
}

// Q is the name of the i-th quarter generated (0 = the first; negative
// counts from the last: -1 is the last).
func (f *Fixture) Q(i int) string {
	if i < 0 {
		i += len(f.Counts.Quarters)
	}
	return f.Counts.Quarters[i].Quarter
}

// Quarter is the generator's figures for a quarter.
func (f *Fixture) Quarter(q string) (business.GenQuarterCounts, bool) {
	for _, c := range f.Counts.Quarters {
		if c.Quarter == q {
			return c, true
		}
	}
	return business.GenQuarterCounts{}, false
}
