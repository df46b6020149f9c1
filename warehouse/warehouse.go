// Package warehouse owns the DuckDB file in the data folder: it opens it
// sandboxed, migrates it from sql/, loads each batch in one transaction, and
// answers the queries dashboards need.
package warehouse

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// FileName is the warehouse file inside the data folder.
const FileName = "warehouse.duckdb"

// ErrBusy means another process holds the warehouse file.
var ErrBusy = errors.New("warehouse in use by another process")

// Options tune the DuckDB engine; zero values pick safe defaults.
type Options struct {
	MemoryLimit string // e.g. "2GB"; default 25% of what DuckDB sees, capped at 4GB
	Threads     int    // default: number of CPUs
	ReadOnly    bool
}

// Warehouse is an open warehouse file.
type Warehouse struct {
	db       *sql.DB
	dir      string
	readOnly bool
}

// Open opens (creating if needed) the warehouse in dir and migrates it.
// External file access, extension autoload/autoinstall and configuration
// changes are all off: we load data through Go, never through DuckDB readers,
// so the engine never needs the file system beyond its own file.
func Open(ctx context.Context, dir string, opt Options) (*Warehouse, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, FileName)
	if opt.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("kho dữ liệu chưa có / no warehouse at %s (run `dpi demo` or `dpi ingest pci FILE` first): %w", path, err)
		}
	}
	db, err := sql.Open("duckdb", path+"?"+dsnParams(opt))
	if err != nil {
		return nil, openError(path, err)
	}
	// One connection: DuckDB parallelises inside a query, and a single
	// connection keeps transactions and the sandbox simple.
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, openError(path, err)
	}
	w := &Warehouse{db: db, dir: dir, readOnly: opt.ReadOnly}
	if !opt.ReadOnly {
		if err := w.migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
		if _, err := w.RefreshEnterpriseSearch(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return w, nil
}

func dsnParams(opt Options) string {
	v := url.Values{}
	threads := opt.Threads
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	v.Set("threads", fmt.Sprint(threads))
	mem := opt.MemoryLimit
	if mem == "" {
		mem = "2GB"
	}
	v.Set("memory_limit", mem)
	if opt.ReadOnly {
		v.Set("access_mode", "READ_ONLY")
	}
	v.Set("enable_external_access", "false")
	v.Set("autoinstall_known_extensions", "false")
	v.Set("autoload_known_extensions", "false")
	// A bulk insert writes each row group to the file as soon as it is
	// full instead of buffering five (DuckDB's default): a million-row load
	// then holds about one row group in memory, not 600,000 rows, and its
	// COMMIT has next to nothing left to write.
	v.Set("write_buffer_row_group_count", "1")
	v.Set("lock_configuration", "true")
	return v.Encode()
}

// Dir is the data folder the warehouse lives in.
func (w *Warehouse) Dir() string { return w.dir }

// DB exposes the connection to the packages that build queries on the public views.
func (w *Warehouse) DB() *sql.DB { return w.db }

// Close checkpoints and closes the file.
func (w *Warehouse) Close() error {
	if !w.readOnly {
		w.db.Exec("CHECKPOINT")
	}
	return w.db.Close()
}

// openError names the way that works when another process holds the file.
func openError(path string, err error) error {
	if strings.Contains(err.Error(), "Could not set lock") || strings.Contains(err.Error(), "Conflicting lock") {
		return fmt.Errorf("%w: %s — kho dữ liệu đang được tiến trình khác (dpi serve?) sử dụng; hãy dừng máy chủ hoặc nạp tệp qua máy chủ / the warehouse is held by another process (is `dpi serve` running?): stop it first, or load files through the server (%v)", ErrBusy, path, err)
	}
	return fmt.Errorf("open warehouse %s: %w", path, err)
}
