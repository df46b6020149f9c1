package export

import (
	"context"
	"database/sql"
	"io"
	"net/http"
)

// WriteQuery runs query on db (DuckDB) and writes its rows in format;
// spec overrides labels and types by column key, as for FromRows. Built
// with the duckdb_arrow tag (the Makefile sets it), the rows come as Arrow
// record batches of a DuckDB streaming result (query_stream.go): the first
// batch within milliseconds, memory flat whatever the row count (DuckDB's
// own work, an ORDER BY's sort, stays within its memory_limit). Without
// the tag they come through database/sql (FromRows), where duckdb-go
// (v2.10506) materialises the whole result before the first row, outside
// DuckDB's memory_limit (about 230 MiB for 1M rows × 12 columns of the
// export benchmark). The connection stays busy until the writer returns.
func WriteQuery(ctx context.Context, w io.Writer, db *sql.DB, format string, spec []Column, meta Meta, query string, args ...any) error {
	return withQuery(ctx, db, spec, query, args, func(src Source) error {
		return Write(w, format, src, meta)
	})
}

// ServeQuery is Serve over a query's rows (see WriteQuery and Serve). A
// query that fails is a 500 with nothing sent.
func ServeQuery(w http.ResponseWriter, r *http.Request, db *sql.DB, format, filename string, spec []Column, meta Meta, query string, args ...any) {
	called, abort := false, false
	err := withQuery(r.Context(), db, spec, query, args, func(src Source) error {
		called = true
		abort = serve(w, r, format, filename, src, meta)
		return nil
	})
	switch {
	case abort: // outside the query's connection: a panic there would discard it
		abortResponse(w)
	case err != nil && !called:
		logFailure(r, format, false, err)
		http.Error(w, serverErrorText, http.StatusInternalServerError)
	}
}

// withRows is the database/sql way: FromRows over QueryContext.
func withRows(ctx context.Context, db *sql.DB, spec []Column, query string, args []any, fn func(Source) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	src, err := FromRows(rows, spec)
	if err != nil {
		return err
	}
	return fn(src)
}
