// Package sql holds the warehouse's schema migrations, public views and
// reference tables as plain files, embedded into the binary.
package sql

import "embed"

// FS holds migrations/NNNN_name.sql (applied in order) and ref/*.csv
// (reference tables written by us, checked against ../shared/data by tests).
//
//go:embed migrations ref
var FS embed.FS
