package warehouse

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/ingest/business"
	dpisql "github.com/laocai-dpi/dpi/sql"
)

// enterpriseSearchDiff counts the rows where enterprise_search is not the
// enterprises view with its folded keys.
func enterpriseSearchDiff(t *testing.T, w *Warehouse) (diff, rows int) {
	t.Helper()
	// The loads since the last check are applied first, as the next
	// opening of the warehouse would.
	if _, err := w.RefreshEnterpriseSearch(context.Background()); err != nil {
		t.Fatal(err)
	}
	var differs []string
	for _, c := range enterpriseSearchColumns {
		differs = append(differs, "s."+c+" IS DISTINCT FROM e."+c)
	}
	err := w.DB().QueryRow(`SELECT count(*) FILTER (WHERE s.tax_code IS NULL OR e.tax_code IS NULL
			OR `+strings.Join(differs, " OR ")+`
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

// enterprise_search stays the enterprises view through loads in any order
// and of both kinds, renames, corrections that drop enterprises or bring
// back an older latest row, rows loaded before the keys were stored with
// them (0009), and names the load leaves to fold_vi.
func TestEnterpriseSearchLoadOrders(t *testing.T) {
	w := openTest(t)
	step := 0
	check := func(wantRows int) {
		t.Helper()
		step++
		if diff, n := enterpriseSearchDiff(t, w); diff != 0 || n != wantRows {
			t.Fatalf("step %d: %d rows differ of %d, want 0 of %d", step, diff, n, wantRows)
		}
	}
	a := ent("5300000011", "active", "02647", 100, "2024-01-10", "")
	a.Name, a.ForeignName = "ﬁne Công ty Hòa", "Ｆine Co" // left to fold_vi
	b := ent("5300000012", "active", "02647", 200, "2024-02-10", "")
	c := ent("5300000013", "active", "02671", 300, "2024-03-10", "")
	mustLoad(t, w, fileLoad(t, "q2.csv", "q2", "2025Q2", business.Snapshot, []business.Enterprise{a, b, c}), OutcomeLoaded)
	check(3)

	// A list of new registrations of the same quarter ranks below its
	// snapshot: a keeps the snapshot's row.
	a2 := a
	a2.Name = "Công ty mới"
	d := ent("5300000014", "active", "02647", 400, "2025-05-10", "")
	mustLoad(t, w, fileLoad(t, "q2n.csv", "q2 new", "2025Q2", business.New, []business.Enterprise{d, a2}), OutcomeLoaded)
	check(4)

	// An earlier quarter loaded late.
	a1 := a
	a1.Name, a1.Status = "Công ty cũ", "suspended"
	e := ent("5300000015", "active", "02647", 500, "2023-05-10", "")
	mustLoad(t, w, fileLoad(t, "q1.csv", "q1", "2025Q1", business.Snapshot, []business.Enterprise{a1, e}), OutcomeLoaded)
	check(5)

	// A later quarter: a renamed, b moved, c not listed.
	a3, b3 := a, b
	a3.Name, a3.ShortName = "Công ty TNHH Đức Thủy", "ĐỨC THỦY"
	b3.Location.CommuneCode2025 = "02671"
	mustLoad(t, w, fileLoad(t, "q3.csv", "q3", "2025Q3", business.Snapshot, []business.Enterprise{a3, b3}), OutcomeLoaded)
	check(5)
	mustLoad(t, w, fileLoad(t, "q3.csv", "q3", "2025Q3", business.Snapshot, []business.Enterprise{a3, b3}), OutcomeUnchanged)
	check(5)

	// Rows loaded before 0009 have no stored keys.
	if _, err := w.DB().Exec(`UPDATE business_rows SET sort_key = NULL, search_key = NULL`); err != nil {
		t.Fatal(err)
	}
	// Corrected 2025Q3 without a: a's latest row is 2025Q2's again.
	mustLoad(t, w, fileLoad(t, "q3b.csv", "q3 corrected", "2025Q3", business.Snapshot, []business.Enterprise{b3}), OutcomeReplaced)
	check(5)
	// Corrected 2025Q1 without e (listed by no other load) nor a.
	f := ent("5300000016", "active", "02647", 600, "2023-06-10", "")
	mustLoad(t, w, fileLoad(t, "q1b.csv", "q1 corrected", "2025Q1", business.Snapshot, []business.Enterprise{f}), OutcomeReplaced)
	check(5)
	// Corrected 2025Q2 list of new registrations, empty: d is gone.
	mustLoad(t, w, fileLoad(t, "q2nb.csv", "q2 new corrected", "2025Q2", business.New, nil), OutcomeReplaced)
	check(4)
	// A correction of a middle quarter that renames.
	c2 := c
	c2.Name = "Công ty Sửa Tên"
	mustLoad(t, w, fileLoad(t, "q2b.csv", "q2 corrected", "2025Q2", business.Snapshot, []business.Enterprise{a, c2}), OutcomeReplaced)
	check(4)

	// fold_vi's key (0007: it keeps compatibility characters), not Fold's.
	var key string
	if err := w.DB().QueryRow(`SELECT search_key FROM enterprise_search WHERE tax_code = '5300000011'`).Scan(&key); err != nil || key != " ﬁne cong ty hoa ｆine co" {
		t.Errorf("search key of a %q %v", key, err)
	}
}

// A load leaves enterprise_search to the next opening of the warehouse: the
// table is unchanged until then; one pending load is applied in place,
// several by a rebuild from the view, and reopening applies them too.
func TestEnterpriseSearchPendingLoads(t *testing.T) {
	ctx := context.Background()
	w := openTest(t)
	a := ent("5300000021", "active", "02647", 100, "2025-01-10", "")
	a.Name = "Công ty TNHH Hoà Bình"
	mustLoad(t, w, fileLoad(t, "p1.csv", "p1", "2025Q1", business.Snapshot, []business.Enterprise{a}), OutcomeLoaded)
	count := func() (rows, pending int) {
		t.Helper()
		if err := w.DB().QueryRow(`SELECT (SELECT count(*) FROM enterprise_search), (SELECT count(*) FROM enterprise_search_pending)`).Scan(&rows, &pending); err != nil {
			t.Fatal(err)
		}
		return rows, pending
	}
	if rows, pending := count(); rows != 0 || pending != 1 {
		t.Fatalf("after a load: %d rows, %d pending; want 0 and 1", rows, pending)
	}
	if diff, n := enterpriseSearchDiff(t, w); diff != 0 || n != 1 {
		t.Fatalf("one pending load: %d rows differ of %d", diff, n)
	}
	// Three loads, one a correction of another, then a rebuild.
	b := ent("5300000022", "active", "02647", 200, "2025-04-10", "")
	mustLoad(t, w, fileLoad(t, "p2.csv", "p2", "2025Q2", business.Snapshot, []business.Enterprise{a, b}), OutcomeLoaded)
	a.Name = "Công ty TNHH Hòa Bình Xanh"
	mustLoad(t, w, fileLoad(t, "p3.csv", "p3", "2025Q3", business.Snapshot, []business.Enterprise{a, b}), OutcomeLoaded)
	mustLoad(t, w, fileLoad(t, "p3b.csv", "p3 corrected", "2025Q3", business.Snapshot, []business.Enterprise{a}), OutcomeReplaced)
	if _, pending := count(); pending != 3 {
		t.Fatalf("%d pending, want 3", pending)
	}
	n, err := w.RefreshEnterpriseSearch(ctx)
	if err != nil || n != 3 {
		t.Fatalf("refresh: %d, %v", n, err)
	}
	if diff, rows := enterpriseSearchDiff(t, w); diff != 0 || rows != 2 {
		t.Fatalf("after the rebuild: %d rows differ of %d", diff, rows)
	}
	// Reopening applies what a load left pending.
	dir := w.Dir()
	c := ent("5300000023", "active", "02647", 300, "2025-10-10", "")
	mustLoad(t, w, fileLoad(t, "p4.csv", "p4", "2025Q4", business.Snapshot, []business.Enterprise{a, b, c}), OutcomeLoaded)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w2, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	var rows, pending int
	if err := w2.DB().QueryRow(`SELECT (SELECT count(*) FROM enterprise_search), (SELECT count(*) FROM enterprise_search_pending)`).Scan(&rows, &pending); err != nil || rows != 3 || pending != 0 {
		t.Fatalf("after reopening: %d rows, %d pending, %v", rows, pending, err)
	}
}
