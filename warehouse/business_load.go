package warehouse

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/business"
)

// MaxStoredWarnings caps the warnings a load keeps in business_load_problems;
// business_loads.warning_count has the total.
const MaxStoredWarnings = 1000

// BusinessLoad is one register file: one quarter, one kind, one transaction.
type BusinessLoad struct {
	FileName string // as the user named it
	Path     string // the original file; streamed to originals/<sha256><ext> when the load commits
	SHA256   string // the file's; "" to have the load hash it (in the same pass as it keeps the original)
	Quarter  business.Quarter
	Kind     business.Kind
	LoadedBy string
	IsSample bool // generated sample data (`dpi demo`), shown as such everywhere
	// Scan streams the file's validated rows to emit and returns what it saw.
	// If it returns an error, or emit returns one, the load rolls back and
	// nothing changes. Scan runs while the load holds the warehouse's only
	// connection: it must not use the warehouse itself.
	Scan func(emit func(*business.Enterprise) error) (BusinessScan, error)
}

// BusinessScan is what Scan saw in the file besides the rows it emitted.
type BusinessScan struct {
	RowsRead     int                // data rows seen
	RowsSkipped  int                // blank, total and title rows
	Warnings     []business.Problem // the first MaxStoredWarnings are stored
	WarningCount int                // all warnings, if more than len(Warnings)
	Notes        []string
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// BusinessLoadCurrent gives the sha256 of the current load for a quarter and
// kind, so that a caller can skip parsing a file that would change nothing.
func (w *Warehouse) BusinessLoadCurrent(ctx context.Context, q business.Quarter, k business.Kind) (sha string, ok bool, err error) {
	err = w.db.QueryRowContext(ctx, `SELECT sha256 FROM business_loads
		WHERE quarter = ? AND kind = ? AND superseded_at IS NULL`, q.String(), string(k)).Scan(&sha)
	if isNoRows(err) {
		return "", false, nil
	}
	return sha, err == nil, err
}

// LoadBusinesses stores one register file atomically. The same file as the
// current load of its quarter and kind changes nothing (Scan is not called);
// another file for them replaces it, the replaced rows kept as history. The
// rows reach business_rows inside an explicit transaction on one
// connection (see insertBusinessRows), so a failure anywhere leaves the
// warehouse as it was.
func (w *Warehouse) LoadBusinesses(ctx context.Context, in BusinessLoad) (res LoadResult, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("load %s: %w", in.FileName, err)
		}
	}()
	switch {
	case w.readOnly:
		return res, errors.New("warehouse opened read-only")
	case in.Quarter.IsZero():
		return res, errors.New("no quarter")
	case in.Kind != business.Snapshot && in.Kind != business.New:
		return res, fmt.Errorf("list kind %q, want snapshot or new", in.Kind)
	case in.SHA256 != "" && !sha256Hex.MatchString(in.SHA256):
		return res, fmt.Errorf("sha256 %q is not 64 lower-case hex digits", in.SHA256)
	case in.Path == "" || in.Scan == nil:
		return res, errors.New("Path and Scan are required")
	}
	quarter, kind := in.Quarter.String(), string(in.Kind)

	// Every statement below runs on this one connection, the appender too:
	// DuckDB transactions belong to a connection.
	conn, err := w.db.Conn(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Close()

	f, err := os.Open(in.Path)
	if err != nil {
		return res, err
	}
	defer f.Close()
	before, err := f.Stat()
	if err != nil {
		return res, err
	}

	var prevID int64
	var prevSHA string
	err = conn.QueryRowContext(ctx, `SELECT load_id, sha256 FROM business_loads
		WHERE quarter = ? AND kind = ? AND superseded_at IS NULL`, quarter, kind).Scan(&prevID, &prevSHA)
	if err != nil && !isNoRows(err) {
		return res, err
	}
	sha := in.SHA256
	if sha == "" {
		// Hashed now only if a current load could be this very file (its
		// original has this size); else the copy of the original, made while
		// the rows load, hashes it: one pass over the file, not two.
		maybe, err := w.sameSizeAsACurrentOriginal(ctx, conn, before.Size())
		if err != nil {
			return res, err
		}
		if maybe {
			if sha, err = ingest.SHA256File(in.Path); err != nil {
				return res, err
			}
		}
	}
	if sha != "" {
		res.SHA256 = sha
		if prevSHA == sha {
			res.Outcome = OutcomeUnchanged
			return res, nil
		}
		var otherQ, otherK string
		err = conn.QueryRowContext(ctx, `SELECT quarter, kind FROM business_loads
			WHERE sha256 = ? AND superseded_at IS NULL LIMIT 1`, sha).Scan(&otherQ, &otherK)
		if err == nil {
			return res, fmt.Errorf("tệp này đang là danh sách %s quý %s; một tệp không thể là hai quý / "+
				"this file is already the current %s list of %s; the same file cannot be two quarters or kinds",
				otherK, otherQ, otherK, otherQ)
		}
		if !isNoRows(err) {
			return res, err
		}
	}

	// The original is copied (and hashed: checked against sha, or named by
	// its hash) while the rows load, and put in place only once the
	// transaction has committed.
	staged := make(chan error, 1)
	var orig *stagedOriginal
	go func() {
		var err error
		orig, err = w.stageOriginal(in.FileName, sha, f)
		staged <- err
	}()
	defer func() {
		if orig != nil {
			orig.drop() // no-op once kept
		}
	}()

	started := time.Now()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		<-staged
		return res, err
	}
	committed := false
	defer func() {
		if !committed {
			// Not ctx: a cancelled load must still roll back.
			conn.ExecContext(context.Background(), "ROLLBACK")
		}
	}()

	var loadID int64
	if err := conn.QueryRowContext(ctx, `SELECT nextval('business_load_seq')`).Scan(&loadID); err != nil {
		<-staged
		return res, err
	}
	scan, rows, err := insertBusinessRows(ctx, conn, loadID, in.Scan)
	if err != nil {
		f.Close() // stops the copy early
	}
	serr := <-staged
	if err == nil {
		err = serr
	}
	if serr == nil {
		if after, serr := os.Stat(in.Path); serr != nil || after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
			if err == nil {
				err = errors.New("tệp đã thay đổi trong khi nạp / the file changed while loading")
			}
		} else {
			sha = orig.sha
			res.SHA256 = sha // also when the rows were refused
		}
	}
	if err != nil {
		return res, err
	}
	if rows == 0 && in.Kind == business.Snapshot {
		return res, errors.New("danh sách không có doanh nghiệp nào / the register snapshot lists no enterprise")
	}

	res.Outcome = OutcomeLoaded
	if prevID != 0 {
		res.Outcome = OutcomeReplaced
	}
	res.Rows = rows
	warnings := max(scan.WarningCount, len(scan.Warnings))
	msg := fmt.Sprintf("%s %s: %d enterprises, %d warnings", quarter, kind, rows, warnings)
	if err := conn.QueryRowContext(ctx, `INSERT INTO ingest_log (kind, file_name, sha256, rows_read,
		rows_loaded, rows_skipped, rows_rejected, outcome, message, loaded_by, started_at, finished_at)
		VALUES ('business', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, now()) RETURNING ingest_id`,
		in.FileName, sha, scan.RowsRead, rows, scan.RowsSkipped, res.Outcome, msg, in.LoadedBy, started,
	).Scan(&res.IngestID); err != nil {
		return res, err
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO business_loads (load_id, ingest_id, quarter, kind,
		quarter_start, quarter_end, file_name, sha256, loaded_at, loaded_by, is_sample, rows, rows_read,
		rows_skipped, warning_count, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?)`,
		loadID, res.IngestID, quarter, kind, in.Quarter.Start(), in.Quarter.End(), in.FileName, sha,
		in.LoadedBy, in.IsSample, rows, scan.RowsRead, scan.RowsSkipped, warnings,
		nullStr(strings.Join(scan.Notes, "\n"))); err != nil {
		return res, err
	}
	if prevID != 0 {
		if _, err := conn.ExecContext(ctx, `UPDATE business_loads SET superseded_at = now(), superseded_by = ?
			WHERE load_id = ?`, loadID, prevID); err != nil {
			return res, err
		}
	}
	var problems [][]any
	for _, p := range scan.Warnings[:min(len(scan.Warnings), MaxStoredWarnings)] {
		var row, col any
		if p.Row >= 0 {
			row = p.Row + 1
		}
		if p.Col >= 0 {
			col = ingest.ColumnName(p.Col)
		}
		problems = append(problems, []any{loadID, string(p.Severity), p.Code, nullStr(p.Sheet), row, col, nullStr(p.Value), p.Reason})
	}
	if err := insertRows(ctx, conn, "business_load_problems", 8, problems); err != nil {
		return res, err
	}
	// enterprise_search follows at the next opening (RefreshEnterpriseSearch):
	// maintaining it here cost more than the rest of a million-row load.
	if _, err := conn.ExecContext(ctx, `INSERT INTO enterprise_search_pending VALUES (?, ?)`, loadID, prevID); err != nil {
		return res, err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return res, err
	}
	committed = true
	if err := orig.keep(); err != nil {
		return res, fmt.Errorf("nạp xong nhưng không lưu được tệp gốc / loaded, but keeping the original failed: %w", err)
	}
	return res, nil
}

// sameSizeAsACurrentOriginal reports whether the kept original of some
// current business load has size bytes (or cannot be found): only then can
// a file of that size be one of them.
func (w *Warehouse) sameSizeAsACurrentOriginal(ctx context.Context, conn *sql.Conn, size int64) (bool, error) {
	rows, err := conn.QueryContext(ctx, `SELECT sha256, file_name FROM business_loads WHERE superseded_at IS NULL`)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var sha, name string
		if err := rows.Scan(&sha, &name); err != nil {
			return false, err
		}
		st, err := os.Stat(w.originalPath(sha, name))
		if err != nil || st.Size() == size {
			return true, nil
		}
	}
	return false, rows.Err()
}

// errLoadStopped tells the scan that the inserting side has given up.
var errLoadStopped = errors.New("business rows: insert stopped")

// checkEmitted refuses an enterprise that cannot be a business_rows row.
func checkEmitted(e *business.Enterprise) error {
	if e.TaxCode == "" {
		return fmt.Errorf("hàng %d: thiếu mã số thuế / row %d: no tax code", e.Row+1, e.Row+1)
	}
	return nil
}
