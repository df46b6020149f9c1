//go:build !duckdb_arrow

package export

import (
	"context"
	"database/sql"
)

// ArrowEnabled reports whether WriteQuery and ServeQuery read Arrow record
// batches (built with the duckdb_arrow tag).
const ArrowEnabled = false

func withQuery(ctx context.Context, db *sql.DB, spec []Column, query string, args []any, fn func(Source) error) error {
	return withRows(ctx, db, spec, query, args, fn)
}

// StreamingResults reports whether queries on db are read as DuckDB
// streaming results: only with the duckdb_arrow tag.
func StreamingResults(ctx context.Context, db *sql.DB) (bool, error) { return false, nil }
