package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/ingest/business"
	dpisql "github.com/laocai-dpi/dpi/sql"
)

// roundTripEnterprise is enterprise i with every kind of value the loader
// writes: text with diacritics, empty text (NULL), dependent units, dates
// before 1970 and missing ones, capital present or not.
func roundTripEnterprise(i int) business.Enterprise {
	e := ent(fmt.Sprintf("53%08d", i), "active", "15001", int64(i)*1_000_000, "", "")
	if i%7 == 3 {
		e.TaxCode += fmt.Sprintf("-%03d", i%1000)
	}
	e.Name = strings.Repeat("Công ty TNHH Hoàng Phát ", 1+i%5) + fmt.Sprint(i)
	e.ForeignName = ""
	if i%3 == 0 {
		e.ForeignName = "Hoang Phat Co., Ltd " + fmt.Sprint(i)
	}
	e.ShortName = strings.Repeat("X", i%40)
	e.RegisteredOn = time.Date(1960+i%60, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
	if i%5 == 0 {
		e.ChangedOn = e.RegisteredOn.AddDate(0, 0, i%400)
	}
	e.HasCapital = i%4 != 0
	if !e.HasCapital {
		e.CapitalVND = 0
	}
	e.Location.DistrictCode = ""
	if i%2 == 0 {
		e.Location.DistrictCode = "080"
	}
	e.Email = ""
	if i%11 == 0 {
		e.Email = "lienhe" + fmt.Sprint(i) + "@example.vn"
	}
	return e
}

// roundTripRow is a business_rows row as the loader must write e.
func roundTripRow(loadID int64, e *business.Enterprise) string {
	v := func(s string) string {
		if s == "" {
			return "NULL"
		}
		return s
	}
	d := func(t time.Time) string {
		if t.IsZero() {
			return "NULL"
		}
		return t.Format("2006-01-02")
	}
	capital := "NULL"
	if e.HasCapital {
		capital = fmt.Sprint(e.CapitalVND)
	}
	return strings.Join([]string{fmt.Sprint(loadID), fmt.Sprint(e.Row + 1), e.TaxCode, v(e.Name), v(e.ForeignName),
		v(e.ShortName), v(e.LegalForm), d(e.RegisteredOn), d(e.ChangedOn), v(e.Address), v(e.CommuneText),
		v(e.DistrictText), v(e.ProvinceText), v(e.Location.ProvinceCodePre2025), v(e.Location.DistrictCode),
		v(e.Location.CommuneCodePre2025), v(e.Location.ProvinceCode2025), v(e.Location.CommuneCode2025), capital,
		v(e.VSICCode), v(e.VSICSection), v(e.Status), v(e.Representative), v(e.Phone), v(e.Email)}, "|")
}

// TestBusinessRowsRoundTrip loads enough rows for several batches (and
// the reuse of their memory) and reads every value back.
func TestBusinessRowsRoundTrip(t *testing.T) {
	const n = 30_000
	ents := make([]business.Enterprise, n)
	for i := range ents {
		ents[i] = roundTripEnterprise(i)
	}
	w := openTest(t)
	in := fileLoad(t, "rt.csv", "round trip", "2025Q3", business.Snapshot, ents)
	mustLoad(t, w, in, OutcomeLoaded)
	loadID := loadIDOf(t, w, in)
	rows, err := w.DB().Query(`SELECT concat_ws('|', load_id, row_no, tax_code, coalesce(name, 'NULL'),
		coalesce(foreign_name, 'NULL'), coalesce(short_name, 'NULL'), coalesce(legal_form, 'NULL'),
		coalesce(strftime(registered_on, '%Y-%m-%d'), 'NULL'), coalesce(strftime(changed_on, '%Y-%m-%d'), 'NULL'),
		coalesce(address, 'NULL'), coalesce(commune_text, 'NULL'), coalesce(district_text, 'NULL'),
		coalesce(province_text, 'NULL'), coalesce(province_code_pre2025, 'NULL'), coalesce(district_code, 'NULL'),
		coalesce(commune_code_pre2025, 'NULL'), coalesce(province_code_2025, 'NULL'), coalesce(commune_code_2025, 'NULL'),
		coalesce(charter_capital_vnd::VARCHAR, 'NULL'), coalesce(vsic_code, 'NULL'), coalesce(vsic_section, 'NULL'),
		coalesce(status, 'NULL'), coalesce(representative, 'NULL'), coalesce(phone, 'NULL'), coalesce(email, 'NULL'))
		FROM business_rows ORDER BY row_no`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for ; rows.Next(); i++ {
		var got string
		if err := rows.Scan(&got); err != nil {
			t.Fatal(err)
		}
		if i >= n {
			continue
		}
		if want := roundTripRow(loadID, &ents[i]); got != want {
			t.Fatalf("row %d:\n got %s\nwant %s", i, got, want)
		}
	}
	if i != n {
		t.Errorf("%d rows, want %d", i, n)
	}
}

// TestInsertJoinsTheTransaction proves what LoadBusinesses relies on, for
// the way rows go in (Arrow or appender, by build tag): rows inserted
// inside BEGIN … ROLLBACK on the same connection are gone after the
// rollback, also when there were enough of them for DuckDB to have
// written whole row groups to the file already.
func TestInsertJoinsTheTransaction(t *testing.T) {
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
	const n = 300_000 // more than two row groups of 122,880
	_, inserted, err := insertBusinessRows(ctx, conn, 7, func(emit func(*business.Enterprise) error) (BusinessScan, error) {
		e := roundTripEnterprise(0)
		for i := range n {
			e.Row, e.TaxCode = i, fmt.Sprintf("54%08d", i)
			if err := emit(&e); err != nil {
				return BusinessScan{}, err
			}
		}
		return BusinessScan{RowsRead: n}, nil
	})
	if err != nil || inserted != n {
		t.Fatalf("insert: %d rows, %v", inserted, err)
	}
	var inside int
	conn.QueryRowContext(ctx, "SELECT count(*) FROM business_rows WHERE load_id = 7").Scan(&inside)
	if inside != n {
		t.Fatalf("inside the transaction: %d rows, want %d", inside, n)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if after := countOn(t, ctx, conn, "SELECT count(*) FROM business_rows"); after != 0 {
		t.Fatalf("after ROLLBACK: %d rows", after)
	}
	// No view or other leftover of the load on the connection.
	if v := countOn(t, ctx, conn, "SELECT count(*) FROM duckdb_views() WHERE NOT internal AND view_name LIKE 'business_rows_%'"); v != 0 {
		t.Errorf("%d views left", v)
	}
}

func countOn(t *testing.T, ctx context.Context, conn *sql.Conn, q string) int {
	t.Helper()
	var n int
	if err := conn.QueryRowContext(ctx, q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// TestBusinessRowsCompression: migration 0006 states each text column's
// compression, keeps every row and the views over them (run again here on
// a loaded warehouse), and the loads write what it states.
func TestBusinessRowsCompression(t *testing.T) {
	ctx := context.Background()
	w := openTest(t)
	ents := make([]business.Enterprise, 5000)
	for i := range ents {
		ents[i] = roundTripEnterprise(i)
	}
	mustLoad(t, w, fileLoad(t, "c.csv", "compression", "2025Q3", business.Snapshot, ents), OutcomeLoaded)
	body, err := fs.ReadFile(dpisql.FS, "migrations/0006_business_rows_compression.sql")
	if err != nil {
		t.Fatal(err)
	}
	views := strings.Join(rowsOf(t, w.DB(), `SELECT count(*), count(DISTINCT tax_code), sum(charter_capital_vnd) FROM enterprise_snapshots`), ";")
	before := fingerprint(t, w)
	keys, err := fs.ReadFile(dpisql.FS, "migrations/0009_search_keys_on_load.sql")
	if err != nil {
		t.Fatal(err)
	}
	// 0006 as it ran, on business_rows before 0009 added the key columns;
	// then 0009 again, and the keys put back.
	if err := w.inTx(ctx, func(tx Tx) error {
		for _, q := range []string{
			`CREATE TEMP TABLE kept_keys AS SELECT load_id, tax_code, sort_key, search_key FROM business_rows`,
			`ALTER TABLE business_rows DROP COLUMN sort_key`,
			`ALTER TABLE business_rows DROP COLUMN search_key`,
			string(body),
			string(keys),
			`UPDATE business_rows r SET sort_key = k.sort_key, search_key = k.search_key
				FROM kept_keys k WHERE k.load_id = r.load_id AND k.tax_code = r.tax_code`,
			`DROP TABLE kept_keys`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if after := fingerprint(t, w); after != before {
		t.Errorf("migration 0006 changed the data:\n%s\n%s", before, after)
	}
	if got := strings.Join(rowsOf(t, w.DB(), `SELECT count(*), count(DISTINCT tax_code), sum(charter_capital_vnd) FROM enterprise_snapshots`), ";"); got != views {
		t.Errorf("enterprise_snapshots after 0006: %s, before %s", got, views)
	}
	if _, err := w.DB().ExecContext(ctx, "CHECKPOINT"); err != nil {
		t.Fatal(err)
	}
	for col, want := range map[string]string{"name": "FSST", "address": "FSST", "tax_code": "FSST", "status": "Dictionary",
		"commune_code_2025": "Dictionary", "legal_form": "Dictionary"} {
		got := rowsOf(t, w.DB(), `SELECT DISTINCT compression FROM pragma_storage_info('business_rows')
			WHERE column_name = '`+col+`' AND segment_type = 'VARCHAR'`)
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s stored as %v, want %s", col, got, want)
		}
	}
}
