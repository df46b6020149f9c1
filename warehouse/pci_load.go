package warehouse

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/laocai-dpi/dpi/ingest/pci"
)

// Load outcomes, as in ingest_log.outcome and the audit file.
const (
	OutcomeLoaded    = "loaded"    // new figures for the year(s)
	OutcomeReplaced  = "replaced"  // a corrected release replaced a year's figures
	OutcomeUnchanged = "unchanged" // the same file again: nothing written
	OutcomeRejected  = "rejected"
)

// PCILoad is one file's worth of releases, loaded in one transaction.
type PCILoad struct {
	FileName string // as the user named it
	Data     []byte // the original bytes, kept under originals/
	SHA256   string
	Releases []pci.Release
	LoadedBy string
	IsSample bool // generated sample data (`dpi demo`), shown as such everywhere
}

// LoadResult says what a load did.
type LoadResult struct {
	Outcome  string
	IngestID int64
	SHA256   string // the file's (business loads)
	Years    []int  // years whose figures were written
	Rows     int    // province-year rows written
}

// LoadPCI stores the releases of one file atomically. A year whose current
// release came from the same bytes is left alone; a year with a current
// release from other bytes is replaced, the old figures kept as history.
func (w *Warehouse) LoadPCI(ctx context.Context, in PCILoad) (res LoadResult, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("load %s: %w", in.FileName, err)
		}
	}()
	if w.readOnly {
		return res, fmt.Errorf("warehouse opened read-only")
	}
	if err := w.keepOriginal(in.FileName, in.SHA256, in.Data); err != nil {
		return res, err
	}
	started := time.Now()
	err = w.inTx(ctx, func(tx Tx) error {
		type change struct {
			rel      *pci.Release
			previous int64 // 0 = none
		}
		var changes []change
		rowsRead, rowsSkipped := 0, 0
		for i := range in.Releases {
			rel := &in.Releases[i]
			rowsRead += rel.RowsRead
			rowsSkipped += rel.RowsSkip
			var prevID int64
			var prevSHA string
			err := tx.QueryRowContext(ctx, `SELECT release_id, sha256 FROM pci_releases
				WHERE year = ? AND superseded_at IS NULL`, rel.Year).Scan(&prevID, &prevSHA)
			if err == nil && prevSHA == in.SHA256 {
				continue
			}
			if err != nil && !isNoRows(err) {
				return err
			}
			changes = append(changes, change{rel: rel, previous: prevID})
		}
		if len(changes) == 0 {
			res.Outcome = OutcomeUnchanged
			return nil
		}
		res.Outcome = OutcomeLoaded
		for _, c := range changes {
			if c.previous != 0 {
				res.Outcome = OutcomeReplaced
			}
			res.Years = append(res.Years, c.rel.Year)
			res.Rows += len(c.rel.Scores)
		}
		sort.Ints(res.Years)
		msg := fmt.Sprintf("years %v", res.Years)
		if err := tx.QueryRowContext(ctx, `INSERT INTO ingest_log (kind, file_name, sha256, rows_read,
			rows_loaded, rows_skipped, rows_rejected, outcome, message, loaded_by, started_at, finished_at)
			VALUES ('pci', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, now()) RETURNING ingest_id`,
			in.FileName, in.SHA256, rowsRead, res.Rows, rowsSkipped, res.Outcome, msg, in.LoadedBy, started,
		).Scan(&res.IngestID); err != nil {
			return err
		}
		for _, c := range changes {
			if err := insertRelease(ctx, tx, res.IngestID, in, c.rel, c.previous); err != nil {
				return fmt.Errorf("year %d: %w", c.rel.Year, err)
			}
		}
		return nil
	})
	return res, err
}

func insertRelease(ctx context.Context, tx Tx, ingestID int64, in PCILoad, rel *pci.Release, previous int64) error {
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO pci_releases (year, ingest_id, file_name, sha256, sheets, is_sample, loaded_at)
		VALUES (?, ?, ?, ?, ?, ?, now()) RETURNING release_id`,
		rel.Year, ingestID, in.FileName, in.SHA256, strings.Join(rel.Sheets, "; "), in.IsSample).Scan(&id); err != nil {
		return err
	}
	if previous != 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE pci_releases SET superseded_at = now(), superseded_by = ?
			WHERE release_id = ?`, id, previous); err != nil {
			return err
		}
	}
	var scores, subs, inds [][]any
	for _, s := range rel.Scores {
		var unweighted any
		if s.Unweighted != nil {
			unweighted = *s.Unweighted
		}
		scores = append(scores, []any{id, s.ProvinceCode, s.NameInFile, s.PCI, unweighted, s.Rank, s.RankSource, nullStr(s.Tier)})
		keys := make([]string, 0, len(s.Subindices))
		for k := range s.Subindices {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			subs = append(subs, []any{id, s.ProvinceCode, k, s.Subindices[k]})
		}
	}
	for _, v := range rel.Indicators {
		var val any
		if v.Value != nil {
			val = *v.Value
		}
		inds = append(inds, []any{id, v.ProvinceCode, v.Subindex, v.Code, v.Name, val})
	}
	if err := insertRows(ctx, tx, "pci_release_scores", 8, scores); err != nil {
		return err
	}
	if err := insertRows(ctx, tx, "pci_release_subindex_scores", 4, subs); err != nil {
		return err
	}
	return insertRows(ctx, tx, "pci_release_indicator_values", 6, inds)
}

// insertRows writes rows with multi-row VALUES statements: far fewer round
// trips than one INSERT per row, and still plain parameters.
func insertRows(ctx context.Context, tx execer, table string, width int, rows [][]any) error {
	const batch = 400
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", width), ",") + ")"
	for start := 0; start < len(rows); start += batch {
		end := min(start+batch, len(rows))
		args := make([]any, 0, (end-start)*width)
		for _, r := range rows[start:end] {
			args = append(args, r...)
		}
		q := "INSERT INTO " + table + " VALUES " + strings.TrimSuffix(strings.Repeat(one+",", end-start), ",")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	return nil
}

// RealPCIYears lists the years whose current figures are real (not sample).
func (w *Warehouse) RealPCIYears(ctx context.Context) (map[int]bool, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT DISTINCT year FROM pci_releases WHERE superseded_at IS NULL AND NOT is_sample`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		out[y] = true
	}
	return out, rows.Err()
}
