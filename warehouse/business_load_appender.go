//go:build !duckdb_arrow

package warehouse

// Without the duckdb_arrow build tag (the Makefile always sets it), the
// rows go through duckdb-go's appender: correct, but about three times
// slower on a million rows, since every text value is its own cgo call.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/laocai-dpi/dpi/ingest/business"
)

// appendBatch is how many rows the scan hands to the appender at a time.
const appendBatch = 2048

// rowBatch is a batch of business_rows rows, ready for the appender.
type rowBatch struct {
	rows [appendBatch][27]driver.Value
	n    int
}

// insertBusinessRows runs scan and appends each emitted enterprise to
// business_rows through the driver's appender on conn (whose transaction is
// open). Scan runs on its own goroutine, which also turns the enterprises
// into rows, and hands them over in batches: parsing and DuckDB's appending
// each get a core. It returns the scan's summary and the number of rows
// appended. A cancelled ctx stops the appending at the next batch, and a
// panic in scan is an error.
func insertBusinessRows(ctx context.Context, conn *sql.Conn, loadID int64, scan func(func(*business.Enterprise) error) (BusinessScan, error)) (summary BusinessScan, n int, err error) {
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
				if err := checkEmitted(e); err != nil {
					return err
				}
				fillRow(b.rows[b.n][:], loadID, e)
				if b.n++; b.n < appendBatch {
					return nil
				}
				select {
				case full <- b:
				case <-stop:
					return errLoadStopped
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
			if errors.Is(scanErr, errLoadStopped) {
				return appendErr
			}
			return err
		}
		return app.Close()
	})
	return summary, n, err
}

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
	sortKey, searchKey, _ := searchKeys(e.Name, e.ShortName, e.ForeignName) // NULL when not folded here
	row[25] = nullStr(sortKey)
	row[26] = nullStr(searchKey)
}
