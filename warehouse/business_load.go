package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

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
	SHA256   string
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
// rows go through DuckDB's appender inside an explicit transaction on one
// connection, so a failure anywhere leaves the warehouse as it was.
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
	case !sha256Hex.MatchString(in.SHA256):
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

	var prevID int64
	var prevSHA string
	err = conn.QueryRowContext(ctx, `SELECT load_id, sha256 FROM business_loads
		WHERE quarter = ? AND kind = ? AND superseded_at IS NULL`, quarter, kind).Scan(&prevID, &prevSHA)
	if err != nil && !isNoRows(err) {
		return res, err
	}
	if prevSHA == in.SHA256 {
		res.Outcome = OutcomeUnchanged
		return res, nil
	}
	var otherQ, otherK string
	err = conn.QueryRowContext(ctx, `SELECT quarter, kind FROM business_loads
		WHERE sha256 = ? AND superseded_at IS NULL LIMIT 1`, in.SHA256).Scan(&otherQ, &otherK)
	if err == nil {
		return res, fmt.Errorf("tệp này đang là danh sách %s quý %s; một tệp không thể là hai quý / "+
			"this file is already the current %s list of %s; the same file cannot be two quarters or kinds",
			otherK, otherQ, otherK, otherQ)
	}
	if !isNoRows(err) {
		return res, err
	}

	f, err := os.Open(in.Path)
	if err != nil {
		return res, err
	}
	defer f.Close()
	// The original is copied (and its sha256 checked) while the rows load,
	// and put in place only once the transaction has committed.
	staged := make(chan error, 1)
	var orig *stagedOriginal
	go func() {
		var err error
		orig, err = w.stageOriginal(in.FileName, in.SHA256, f)
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
	scan, rows, err := appendBusinessRows(ctx, conn, loadID, in.Scan)
	if err != nil {
		f.Close() // stops the copy early
	}
	if serr := <-staged; err == nil {
		err = serr
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
		in.FileName, in.SHA256, scan.RowsRead, rows, scan.RowsSkipped, res.Outcome, msg, in.LoadedBy, started,
	).Scan(&res.IngestID); err != nil {
		return res, err
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO business_loads (load_id, ingest_id, quarter, kind,
		quarter_start, quarter_end, file_name, sha256, loaded_at, loaded_by, is_sample, rows, rows_read,
		rows_skipped, warning_count, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?)`,
		loadID, res.IngestID, quarter, kind, in.Quarter.Start(), in.Quarter.End(), in.FileName, in.SHA256,
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
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return res, err
	}
	committed = true
	if err := orig.keep(); err != nil {
		return res, fmt.Errorf("nạp xong nhưng không lưu được tệp gốc / loaded, but keeping the original failed: %w", err)
	}
	return res, nil
}

// appendBatch is how many rows the scan hands to the appender at a time.
const appendBatch = 2048

// rowBatch is a batch of business_rows rows, ready for the appender.
type rowBatch struct {
	rows [appendBatch][25]driver.Value
	n    int
}

// appendBusinessRows runs scan and appends each emitted enterprise to
// business_rows through the driver's appender on conn (whose transaction is
// open). Scan runs on its own goroutine, which also turns the enterprises
// into rows, and hands them over in batches: parsing and DuckDB's appending
// each get a core. It returns the scan's summary and the number of rows
// appended. A cancelled ctx stops the appending at the next batch, and a
// panic in scan is an error.
func appendBusinessRows(ctx context.Context, conn *sql.Conn, loadID int64, scan func(func(*business.Enterprise) error) (BusinessScan, error)) (summary BusinessScan, n int, err error) {
	err = conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "business_rows")
		if err != nil {
			return err
		}
		full := make(chan *rowBatch, 2) // scan → appender
		free := make(chan *rowBatch, 3) // appender → scan
		for range 3 {
			free <- new(rowBatch)
		}
		stop := make(chan struct{}) // closed when the appender gives up
		var scanErr error
		go func() {
			defer close(full)
			defer func() {
				if p := recover(); p != nil {
					scanErr = fmt.Errorf("lỗi khi đọc tệp / panic while reading the file: %v", p)
				}
			}()
			b := <-free
			summary, scanErr = scan(func(e *business.Enterprise) error {
				if e.TaxCode == "" {
					return fmt.Errorf("hàng %d: thiếu mã số thuế / row %d: no tax code", e.Row+1, e.Row+1)
				}
				fillRow(b.rows[b.n][:], loadID, e)
				if b.n++; b.n < appendBatch {
					return nil
				}
				select {
				case full <- b:
				case <-stop:
					return errAppenderStopped
				}
				b = <-free
				return nil
			})
			if scanErr == nil && b.n > 0 {
				full <- b
			}
		}()
		var appendErr error
		stopped := false
		for b := range full {
			if appendErr == nil {
				appendErr = ctx.Err()
			}
			for i := 0; i < b.n && appendErr == nil; i++ {
				appendErr = app.AppendRow(b.rows[i][:]...)
				n++
			}
			if appendErr != nil && !stopped {
				close(stop) // the scan stops at its next full batch
				stopped = true
			}
			clear(b.rows[:b.n]) // let the strings go
			b.n = 0
			free <- b
		}
		if err := errors.Join(appendErr, scanErr); err != nil {
			app.Clear() // discard what was not flushed; the transaction drops the rest
			app.Close()
			if errors.Is(scanErr, errAppenderStopped) {
				return appendErr
			}
			return err
		}
		return app.Close()
	})
	return summary, n, err
}

var errAppenderStopped = errors.New("appender stopped")

// fillRow sets row to e as a business_rows row; empty text is NULL.
func fillRow(row []driver.Value, loadID int64, e *business.Enterprise) {
	row[0] = loadID
	row[1] = int32(e.Row + 1)
	row[2] = e.TaxCode
	row[3] = nullStr(e.Name)
	row[4] = nullStr(e.ForeignName)
	row[5] = nullStr(e.ShortName)
	row[6] = nullStr(e.LegalForm)
	row[7] = nullDate(e.RegisteredOn)
	row[8] = nullDate(e.ChangedOn)
	row[9] = nullStr(e.Address)
	row[10] = nullStr(e.CommuneText)
	row[11] = nullStr(e.DistrictText)
	row[12] = nullStr(e.ProvinceText)
	row[13] = nullStr(e.Location.ProvinceCodePre2025)
	row[14] = nullStr(e.Location.DistrictCode)
	row[15] = nullStr(e.Location.CommuneCodePre2025)
	row[16] = nullStr(e.Location.ProvinceCode2025)
	row[17] = nullStr(e.Location.CommuneCode2025)
	row[18] = nil
	if e.HasCapital {
		row[18] = e.CapitalVND
	}
	row[19] = nullStr(e.VSICCode)
	row[20] = nullStr(e.VSICSection)
	row[21] = nullStr(e.Status)
	row[22] = nullStr(e.Representative)
	row[23] = nullStr(e.Phone)
	row[24] = nullStr(e.Email)
}
