package warehouse

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	dpisql "github.com/laocai-dpi/dpi/sql"
)

// migrate applies sql/migrations/NNNN_*.sql in order, each in its own
// transaction, then refreshes the reference tables if sql/ref changed.
func (w *Warehouse) migrate(ctx context.Context) error {
	if _, err := w.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	files, err := fs.Glob(dpisql.FS, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(files)
	applied := map[int]bool{}
	rows, err := w.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return err
		}
		applied[v] = true
	}
	rows.Close()
	migrated := false
	for _, f := range files {
		name := strings.TrimPrefix(f, "migrations/")
		num, _, ok := strings.Cut(name, "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil {
			return fmt.Errorf("migrate: %s: name must be NNNN_what.sql", f)
		}
		if applied[version] {
			continue
		}
		body, err := fs.ReadFile(dpisql.FS, f)
		if err != nil {
			return err
		}
		if err := w.inTx(ctx, func(tx Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("migration %s: %w", name, err)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, version, name)
			return err
		}); err != nil {
			return err
		}
		migrated = true
	}
	return w.syncReference(ctx, migrated)
}
