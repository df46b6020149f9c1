package warehouse

import (
	"context"
	"errors"
	"io/fs"
	"testing"

	"github.com/laocai-dpi/dpi/ingest/business"
	dpisql "github.com/laocai-dpi/dpi/sql"
)

// enterpriseSearchDiff counts the rows where enterprise_search is not the
// enterprises view with its folded keys.
func enterpriseSearchDiff(t *testing.T, w *Warehouse) (diff, rows int) {
	t.Helper()
	err := w.DB().QueryRow(`SELECT count(*) FILTER (WHERE s.tax_code IS NULL OR e.tax_code IS NULL
			OR s.name IS DISTINCT FROM e.name OR s.short_name IS DISTINCT FROM e.short_name
			OR s.foreign_name IS DISTINCT FROM e.foreign_name OR s.status IS DISTINCT FROM e.status
			OR s.last_quarter IS DISTINCT FROM e.last_quarter OR s.load_id IS DISTINCT FROM e.load_id
			OR s.search_key IS DISTINCT FROM ' ' || concat_ws(' ', fold_vi(e.name), fold_vi(e.short_name), fold_vi(e.foreign_name))
			OR s.sort_key IS DISTINCT FROM fold_vi(e.name)), count(*)
		FROM enterprises e FULL JOIN enterprise_search s ON s.tax_code = e.tax_code`).Scan(&diff, &rows)
	if err != nil {
		t.Fatal(err)
	}
	return diff, rows
}

// enterprise_search follows every load (a rename, a new enterprise, one
// that left the register, a corrected file) and a refused load changes it
// not at all.
func TestEnterpriseSearchFollowsLoads(t *testing.T) {
	w := openTest(t)
	a := ent("5300000001", "active", "02647", 100, "2025-01-10", "")
	a.Name = "Công ty TNHH Hòa Bình"
	b := ent("5300000002", "active", "02647", 200, "2025-02-10", "")
	mustLoad(t, w, fileLoad(t, "q1.csv", "q1", "2025Q1", business.Snapshot, []business.Enterprise{a, b}), OutcomeLoaded)
	if diff, n := enterpriseSearchDiff(t, w); diff != 0 || n != 2 {
		t.Fatalf("after 2025Q1: %d rows differ of %d", diff, n)
	}
	var key string
	if err := w.DB().QueryRow(`SELECT search_key FROM enterprise_search WHERE tax_code = '5300000001'`).Scan(&key); err != nil || key != " cong ty tnhh hoa binh" {
		t.Errorf("search key %q %v", key, err)
	}

	a.Name, a.ShortName = "Công ty TNHH Đức Thủy", "DUC THUY"
	c := ent("5300000003", "suspended", "02671", 300, "2025-04-02", "")
	mustLoad(t, w, fileLoad(t, "q2.csv", "q2", "2025Q2", business.Snapshot, []business.Enterprise{a, c}), OutcomeLoaded)
	if diff, n := enterpriseSearchDiff(t, w); diff != 0 || n != 3 {
		t.Fatalf("after 2025Q2: %d rows differ of %d", diff, n)
	}
	// A corrected 2025Q2 drops the rename.
	a.Name, a.ShortName = "Công ty TNHH Hòa Bình", ""
	mustLoad(t, w, fileLoad(t, "q2b.csv", "q2 corrected", "2025Q2", business.Snapshot, []business.Enterprise{a, c}), OutcomeReplaced)
	if diff, n := enterpriseSearchDiff(t, w); diff != 0 || n != 3 {
		t.Fatalf("after the correction: %d rows differ of %d", diff, n)
	}

	before := fingerprint(t, w)
	bad := fileLoad(t, "q3.csv", "q3", "2025Q3", business.Snapshot, nil)
	bad.Scan = func(emit func(*business.Enterprise) error) (BusinessScan, error) {
		d := ent("5300000004", "active", "02647", 1, "2025-07-01", "")
		if err := emit(&d); err != nil {
			return BusinessScan{}, err
		}
		return BusinessScan{}, errors.New("broken file")
	}
	if _, err := w.LoadBusinesses(context.Background(), bad); err == nil {
		t.Fatal("a broken file loaded")
	}
	if after := fingerprint(t, w); after != before {
		t.Errorf("a refused load changed the warehouse")
	}
	var n int
	if err := w.DB().QueryRow(`SELECT count(*) FROM enterprise_search`).Scan(&n); err != nil || n != 3 {
		t.Errorf("enterprise_search: %d rows, %v", n, err)
	}
}

// Migration 0007 on a warehouse that already holds a register fills
// enterprise_search as the loads would (run again here after dropping what
// it creates), and a load after it keeps the table right.
func TestEnterpriseSearchMigrationOnLoadedWarehouse(t *testing.T) {
	ctx := context.Background()
	w := openTest(t)
	ents := make([]business.Enterprise, 300)
	for i := range ents {
		ents[i] = roundTripEnterprise(i)
	}
	mustLoad(t, w, fileLoad(t, "m.csv", "migration", "2025Q3", business.Snapshot, ents), OutcomeLoaded)
	body, err := fs.ReadFile(dpisql.FS, "migrations/0007_fold.sql")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.inTx(ctx, func(tx Tx) error {
		if _, err := tx.ExecContext(ctx, `DROP TABLE enterprise_search; DROP MACRO fold_vi`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, string(body))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if diff, n := enterpriseSearchDiff(t, w); diff != 0 || n != len(ents) {
		t.Fatalf("after the migration: %d rows differ of %d", diff, n)
	}
	ents[7].Name = "Công ty TNHH Đổi Tên"
	mustLoad(t, w, fileLoad(t, "m2.csv", "migration 2", "2025Q4", business.Snapshot, ents), OutcomeLoaded)
	if diff, n := enterpriseSearchDiff(t, w); diff != 0 || n != len(ents) {
		t.Fatalf("after the next load: %d rows differ of %d", diff, n)
	}
}
