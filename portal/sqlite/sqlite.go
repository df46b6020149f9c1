// Package sqlite is the portal's content store: one SQLite file in the data
// folder (WAL, foreign keys on, ordered migrations embedded from
// migrations/NNNN_name.sql), implementing content.Store. Writes go through
// one connection with BEGIN IMMEDIATE, so a transaction that checks a
// permission and makes the change never interleaves with another writer;
// reads use a small pool of read-only connections.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"

	"github.com/laocai-dpi/dpi/portal/content"
)

// FileName is the content store inside the data folder.
const FileName = "content.sqlite"

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is an open content store.
type DB struct {
	path string
	w    *sql.DB // one connection, BEGIN IMMEDIATE
	r    *sql.DB // read-only connections
}

var _ content.Store = (*DB)(nil)

// Open opens (creating if needed) the content store in the data folder dir
// and applies the migrations it has not seen.
func Open(ctx context.Context, dir string) (*DB, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return OpenFile(ctx, filepath.Join(dir, FileName))
}

// OpenFile opens the content store at path.
func OpenFile(ctx context.Context, path string) (*DB, error) {
	pragmas := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	w, err := sql.Open("sqlite", "file:"+url.PathEscape(path)+"?"+pragmas+"&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	db := &DB{path: path, w: w}
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open content store %s: %w", path, err)
	}
	if err := db.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", "file:"+url.PathEscape(path)+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(4)
	db.r = r
	return db, nil
}

// Path is the store's file.
func (db *DB) Path() string { return db.path }

// Close closes the store (checkpointing the WAL into the file).
func (db *DB) Close() error {
	var err error
	if db.r != nil {
		err = db.r.Close()
	}
	if db.w != nil {
		db.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		err = errors.Join(err, db.w.Close())
	}
	return err
}

// Backup writes a consistent copy of the store to dest (which must not
// exist) with VACUUM INTO, while the store stays open for readers and
// writers.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("backup: %s exists", dest)
	}
	_, err := db.w.ExecContext(ctx, "VACUUM INTO ?", dest)
	return err
}

var migrationName = regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", e.Name())
		}
		v, _ := strconv.Atoi(m[1])
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		if len(out) > 0 && out[len(out)-1].version == v {
			return nil, fmt.Errorf("migration %s: version %d twice", e.Name(), v)
		}
		out = append(out, migration{v, e.Name(), string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrate applies, in order and each in its own transaction, the migrations
// the file has not seen: by version, not by the highest one applied, so
// that a migration numbered below one already applied (branches merged in
// another order than numbered) still runs. A file holding a migration this
// program does not know was written by a newer binary and is refused.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("content store: %w", err)
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	known := map[int]bool{}
	for _, m := range ms {
		known[m.version] = true
	}
	applied := map[int]bool{}
	rows, err := db.w.QueryContext(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return err
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
	if err := rows.Err(); err != nil {
		return err
	}
	for v := range applied {
		if !known[v] {
			return fmt.Errorf("content store %s has schema migration %d, which this program does not know: use a newer dpi", db.path, v)
		}
	}
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		tx, err := db.w.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("content store migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations VALUES (?, ?, ?)", m.version, m.name, ts(time.Now())); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("content store migration %s: %w", m.name, err)
		}
	}
	return nil
}

// SchemaVersion is the latest migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.r.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&v)
	return v, err
}

// Update runs fn in a write transaction (BEGIN IMMEDIATE).
func (db *DB) Update(ctx context.Context, fn func(content.Tx) error) (err error) {
	return db.run(ctx, db.w, fn)
}

// View runs fn in a read transaction (a consistent snapshot).
func (db *DB) View(ctx context.Context, fn func(content.Tx) error) error {
	return db.run(ctx, db.r, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, fn func(content.Tx) error) (err error) {
	sqlTx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("content store: begin: %w", err)
	}
	t := &tx{ctx: ctx, tx: sqlTx}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			sqlTx.Rollback()
			return
		}
		if cerr := sqlTx.Commit(); cerr != nil {
			err = fmt.Errorf("content store: commit: %w", cerr)
		}
	}()
	return fn(t)
}

// mapErr turns constraint failures into domain errors.
func mapErr(err error, what string) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	msg := err.Error()
	if errors.As(err, &se) || strings.Contains(msg, "constraint failed") {
		switch {
		case strings.Contains(msg, "UNIQUE constraint failed"):
			return conflictErr(content.ECONFLICT, "%s đã có", "%s already exists", what)
		case strings.Contains(msg, "FOREIGN KEY constraint failed"):
			return conflictErr(content.EINVALID, "%s tham chiếu tới mục không có", "%s refers to something that does not exist", what)
		case strings.Contains(msg, "CHECK constraint failed"):
			return conflictErr(content.EINVALID, "%s có giá trị không hợp lệ", "%s has a value out of range", what)
		}
	}
	return err
}

// IntegrityCheck runs SQLite's integrity and foreign-key checks.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	var res string
	if err := db.w.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("content store %s: integrity check: %s", db.path, res)
	}
	rows, err := db.w.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		return fmt.Errorf("content store %s: foreign key check failed", db.path)
	}
	return rows.Err()
}

// conflictErr is a constraint's error, naming what (as "vi / en") in each
// language.
func conflictErr(code, vi, en, what string) error {
	wv, we := whatIn(what)
	if we != "" {
		we = strings.ToUpper(we[:1]) + we[1:]
	}
	return &content.Error{Code: code, VI: fmt.Sprintf(vi, wv), EN: fmt.Sprintf(en, we)}
}
