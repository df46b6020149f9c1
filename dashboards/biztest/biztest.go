// Package biztest loads a generated enterprise register into a real
// warehouse in a temporary folder, for the tests of the business dashboard
// (dashboards and portal): the generator writes the quarterly files and the
// exact figures they hold (counts.json), and the files load through the
// same parser and warehouse load as `dpi ingest businesses`.
package biztest

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/laocai-dpi/dpi/dashboards/pcitest"
	"github.com/laocai-dpi/dpi/ingest/business"
	"github.com/laocai-dpi/dpi/warehouse"
)

// Register is the register the fixture loads: 2025Q1–2026Q3 (seven
// quarters, across the reform of 1 July 2025), about 600 enterprises.
var Register = business.GenOptions{Seed: 4242, Rows: 600, Last: business.Quarter{Year: 2026, Q: 3}, Quarters: 7, Kind: business.Snapshot}

// Fixture is an open warehouse holding the generated register (as sample
// data) and the PCI fixture's releases.
type Fixture struct {
	Warehouse *warehouse.Warehouse
	DB        *sql.DB
	Counts    business.GenCounts // the generator's own figures, per quarter
}

// Open generates and loads the register, skipping the quarters in skip
// (to test a missing quarter).
func Open(t testing.TB, skip ...string) *Fixture {
	t.Helper()
	pf := pcitest.Open(t)
	f := &Fixture{Warehouse: pf.Warehouse, DB: pf.DB}
	ref, err := business.LoadRef()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opt := Register
	opt.Ref = ref
	f.Counts, err = business.GenerateFiles(opt, "csv", filepath.Join(dir, "so_dang_ky.csv"))
	if err != nil {
		t.Fatal(err)
	}
	parser := business.NewParser(ref)
	ctx := context.Background()
outer:
	for _, qc := range f.Counts.Quarters {
		for _, s := range skip {
			if s == qc.Quarter {
				continue outer
			}
		}
		q, err := business.ParseQuarter(qc.Quarter)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.Open(business.Options{Path: filepath.Join(dir, qc.File), FileName: qc.File, Quarter: q, Kind: business.Snapshot})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.Warehouse.LoadBusinesses(ctx, warehouse.BusinessLoad{
			FileName: qc.File, Path: filepath.Join(dir, qc.File), Quarter: file.Quarter, Kind: file.Kind,
			LoadedBy: "biztest", IsSample: true,
			Scan: func(emit func(*business.Enterprise) error) (warehouse.BusinessScan, error) {
				r, err := file.Scan(emit)
				return warehouse.BusinessScan{RowsRead: r.RowsRead, RowsSkipped: r.RowsSkipped, Warnings: r.Warnings,
					WarningCount: r.WarningCount, Notes: r.Notes}, err
			},
		})
		file.Close()
		if err != nil {
			t.Fatalf("load %s: %v", qc.File, err)
		}
	}
	return f
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
