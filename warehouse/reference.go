package warehouse

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/pci"
	"github.com/laocai-dpi/dpi/ingest/province"
	dpisql "github.com/laocai-dpi/dpi/sql"
)

// Tx is the transaction a load runs in.
type Tx = *sql.Tx

func (w *Warehouse) inTx(ctx context.Context, fn func(Tx) error) error {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// refVersion fingerprints every sql/ref file, so the tables are rewritten only
// when a new binary ships different reference data.
func refVersion() (string, error) {
	files, err := fs.Glob(dpisql.FS, "ref/*.csv")
	if err != nil {
		return "", err
	}
	var all []byte
	for _, f := range files {
		b, err := fs.ReadFile(dpisql.FS, f)
		if err != nil {
			return "", err
		}
		all = append(append(all, f...), b...)
	}
	return ingest.SHA256(all), nil
}

// syncReference rewrites the ref_* tables from sql/ref when the files differ
// from those last loaded, or when force is set (a migration just created
// tables the files have not been loaded into yet).
func (w *Warehouse) syncReference(ctx context.Context, force bool) error {
	want, err := refVersion()
	if err != nil {
		return err
	}
	var have string
	err = w.db.QueryRowContext(ctx, `SELECT sha256 FROM ref_version WHERE file = 'sql/ref'`).Scan(&have)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("reference version: %w", err)
	}
	if have == want && !force {
		return nil
	}
	reg, err := province.Load()
	if err != nil {
		return err
	}
	cat, err := pci.LoadCatalogue()
	if err != nil {
		return err
	}
	return w.inTx(ctx, func(tx Tx) error {
		for _, t := range []string{"ref_provinces", "ref_province_crosswalk", "ref_pci_subindices"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t); err != nil {
				return err
			}
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO ref_provinces VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, list := range [][]province.Province{reg.PreMerger(), reg.PostMerger()} {
			for _, p := range list {
				var pciID any
				if p.PCIID != 0 {
					pciID = p.PCIID
				}
				if _, err := ins.ExecContext(ctx, p.Generation, p.Code, p.NameVI, p.NameASCII, p.UnitType,
					nullStr(p.Region6VI), nullStr(p.Region6EN), nullStr(p.Region8VI), nullStr(p.Region8EN),
					pciID, nullDate(p.ValidFrom), nullDate(p.ValidTo)); err != nil {
					return fmt.Errorf("ref_provinces %s/%s: %w", p.Generation, p.Code, err)
				}
			}
		}
		for _, l := range reg.Crosswalk() {
			if _, err := tx.ExecContext(ctx, `INSERT INTO ref_province_crosswalk VALUES (?,?,?,?,?,?)`,
				l.OldCode, l.GenerationFrom, l.NewCode, l.GenerationTo, l.MergeType, l.ValidFrom); err != nil {
				return fmt.Errorf("ref_province_crosswalk %s→%s: %w", l.OldCode, l.NewCode, err)
			}
		}
		for _, s := range cat {
			var to any
			if s.YearTo != 0 {
				to = s.YearTo
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO ref_pci_subindices VALUES (?,?,?,?,?,?,?,?)`,
				s.Period, s.YearFrom, to, s.Key, s.NameVI, s.NameEN, s.Weight, s.WeightExact); err != nil {
				return fmt.Errorf("ref_pci_subindices %s/%s: %w", s.Period, s.Key, err)
			}
		}
		if err := syncRefTables(ctx, tx, dpisql.FS); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO ref_version VALUES ('sql/ref', ?)`, want)
		return err
	})
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// refLoadedByHand are the sql/ref files the code above loads through their
// Go packages; every other ref/<base>.csv with a ref_<base> table is loaded
// by syncRefTables.
var refLoadedByHand = map[string]bool{
	"provinces_pre2025":  true,
	"provinces_2025":     true,
	"province_crosswalk": true,
	"pci_subindices":     true,
	"province_aliases":   true,
}

// syncRefTables rewrites every ref_<base> table that has a sql/ref/<base>.csv
// (other than those loaded by hand): DELETE, then INSERT by the header's
// column names, DuckDB casting the text to the column types. Empty cells are
// NULL. A header that does not name exactly the table's columns, or a value
// that does not cast, fails the sync and with it the opening of the warehouse.
func syncRefTables(ctx context.Context, tx Tx, fsys fs.FS) error {
	files, err := fs.Glob(fsys, "ref/*.csv")
	if err != nil {
		return err
	}
	for _, f := range files {
		base := strings.TrimSuffix(path.Base(f), ".csv")
		if refLoadedByHand[base] {
			continue
		}
		table := "ref_" + base
		cols, err := tableColumns(ctx, tx, table)
		if err != nil {
			return err
		}
		if len(cols) == 0 {
			continue // no table for this file: read by Go code only
		}
		if err := loadRefCSV(ctx, tx, fsys, f, table, cols); err != nil {
			return fmt.Errorf("sql/%s → %s: %w", f, table, err)
		}
	}
	return nil
}

// tableColumns lists a main-schema table's columns in order; none if it does not exist.
func tableColumns(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, table string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	return cols, rows.Err()
}

func loadRefCSV(ctx context.Context, tx Tx, fsys fs.FS, file, table string, cols []string) error {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return err
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	records, err := r.ReadAll()
	if err != nil {
		return err
	}
	if len(records) == 0 {
		return fmt.Errorf("empty file, want the header %s", strings.Join(cols, ","))
	}
	header := records[0]
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	if !sameSet(header, cols) {
		return fmt.Errorf("header %q does not name the table's columns %q", strings.Join(header, ","), strings.Join(cols, ","))
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+table); err != nil {
		return err
	}
	quoted := make([]string, len(header))
	for i, h := range header {
		quoted[i] = `"` + h + `"`
	}
	rows := make([][]any, 0, len(records)-1)
	for _, rec := range records[1:] {
		row := make([]any, len(rec))
		for i, v := range rec {
			row[i] = nullStr(strings.TrimSpace(v))
		}
		rows = append(rows, row)
	}
	return insertRows(ctx, tx, table+" ("+strings.Join(quoted, ", ")+")", len(header), rows)
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := make(map[string]bool, len(a))
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			return false
		}
	}
	return len(seen) == len(b)
}
