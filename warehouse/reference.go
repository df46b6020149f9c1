package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
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

func (w *Warehouse) syncReference(ctx context.Context) error {
	want, err := refVersion()
	if err != nil {
		return err
	}
	var have string
	err = w.db.QueryRowContext(ctx, `SELECT sha256 FROM ref_version WHERE file = 'sql/ref'`).Scan(&have)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("reference version: %w", err)
	}
	if have == want {
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
