package export

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// openDuckDBFile opens a DuckDB file with a table t of n rows (codes,
// Vietnamese text, NULLs, dates), scanned by two threads.
func openDuckDBFile(t *testing.T, n int) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", filepath.Join(t.TempDir(), "w.duckdb")+"?threads=2")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE t AS SELECT i AS id, lpad(CAST((i * 7919) % 99999 AS VARCHAR), 6, '0') AS code,
		'Công ty "Hòa Bình", số ' || (i % 997) AS name, CASE WHEN i % 5 = 0 THEN NULL ELSE i / 3.0 END AS score,
		DATE '2000-01-01' + CAST(i % 9000 AS INTEGER) AS registered_on FROM range(?) r(i)`, n); err != nil {
		t.Fatal(err)
	}
	return db
}

// With the duckdb_arrow tag, queries stream (duckdb-go's handles are
// reachable); a duckdb-go upgrade that moves them fails here rather than
// silently materialising every export again.
func TestStreamingResults(t *testing.T) {
	ok, err := StreamingResults(context.Background(), openDuckDB(t))
	if err != nil || ok != ArrowEnabled {
		t.Errorf("StreamingResults = %v, %v; want %v (the duckdb_arrow tag)", ok, err, ArrowEnabled)
	}
}

// Many batches, a parallel scan, an ORDER BY: the streamed rows are the
// rows database/sql gives, in the same order, with the same types.
func TestWriteQueryStreamsTheSameRows(t *testing.T) {
	db := openDuckDBFile(t, 300000)
	for _, q := range []string{
		`SELECT * FROM t`,
		`SELECT * FROM t WHERE id % ? = 1 ORDER BY name DESC, id`,
	} {
		args := []any{}
		if strings.Contains(q, "?") {
			args = append(args, 3)
		}
		for _, format := range []string{"csv", "json"} {
			var viaQuery, viaRows bytes.Buffer
			if err := WriteQuery(context.Background(), &viaQuery, db, format, nil, testMeta, q, args...); err != nil {
				t.Fatalf("%s: WriteQuery: %v", q, err)
			}
			rows, err := db.Query(q, args...)
			if err != nil {
				t.Fatal(err)
			}
			src, err := FromRows(rows, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := Write(&viaRows, format, src, testMeta); err != nil {
				t.Fatal(err)
			}
			rows.Close()
			if !bytes.Equal(viaQuery.Bytes(), viaRows.Bytes()) {
				t.Errorf("%s %s: WriteQuery wrote %d bytes, FromRows %d, not the same", q, format, viaQuery.Len(), viaRows.Len())
			}
			if format == "csv" && bytes.Count(viaQuery.Bytes(), []byte("\r\n")) < 100000 {
				t.Errorf("%s: %d lines", q, bytes.Count(viaQuery.Bytes(), []byte("\r\n")))
			}
		}
	}
}

// failingQuery fails at row 900,000, long after its first rows.
const failingQuery = `SELECT i AS id, 'tên ' || i AS name,
	CASE WHEN i < 900000 THEN i ELSE CAST(error('hỏng ở dòng ' || i) AS BIGINT) END AS v FROM range(1000000) t(i)`

// countingWriter counts what reached it.
type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

// A query that fails mid-result is an error from WriteQuery (after rows
// went out, when streaming) and a broken transfer from ServeQuery: never a
// 200 with a clean end.
func TestQueryFailureMidExport(t *testing.T) {
	db := openDuckDB(t)
	for _, format := range []string{"csv", "xlsx"} {
		var out countingWriter
		err := WriteQuery(context.Background(), &out, db, format, nil, Meta{}, failingQuery)
		// DuckDB reports the error, or at times "Interrupted!" (its other
		// thread cancelled by it).
		if err == nil || !strings.Contains(err.Error(), "hỏng ở dòng") && !strings.Contains(err.Error(), "Interrupted") {
			t.Errorf("%s: WriteQuery: %v, want the query's error", format, err)
		}
		// Both writers send rows as they come (an xlsx's data sheet goes
		// into the zip row by row).
		if ArrowEnabled && out.n == 0 {
			t.Errorf("%s: nothing written before the failure: the result was not streamed", format)
		}
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ServeQuery(w, r, db, r.URL.Query().Get("f"), "x", nil, Meta{}, failingQuery)
	}))
	defer srv.Close()
	for _, format := range []string{"csv", "xlsx"} {
		resp, err := http.Get(srv.URL + "/?f=" + format)
		if err != nil {
			t.Fatal(err)
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		switch {
		case resp.StatusCode == 200 && err == nil:
			t.Errorf("%s: 200 and a clean end after %d bytes: a truncated file looks complete", format, n)
		case resp.StatusCode != 200 && resp.StatusCode != 500:
			t.Errorf("%s: status %d", format, resp.StatusCode)
		case ArrowEnabled && resp.StatusCode != 200: // the response begins with the first rows
			t.Errorf("%s: status %d before any row: the result was not streamed", format, resp.StatusCode)
		}
	}
}

// cancelAfter cancels the export's context at its first write.
type cancelAfter struct {
	cancel context.CancelFunc
	n      int
}

func (c *cancelAfter) Write(p []byte) (int, error) {
	c.n += len(p)
	c.cancel()
	return len(p), nil
}

// A cancelled request stops the query; the connection then serves the
// next export whole (no interrupt left behind for it).
func TestQueryCancelMidExport(t *testing.T) {
	db := openDuckDBFile(t, 300000)
	for _, q := range []string{`SELECT * FROM t`, `SELECT * FROM t ORDER BY name, id`} {
		ctx, cancel := context.WithCancel(context.Background())
		w := &cancelAfter{cancel: cancel}
		err := WriteQuery(ctx, w, db, "csv", nil, Meta{}, q)
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: cancelled export: %v, want context.Canceled", q, err)
		}
		var out bytes.Buffer
		if err := WriteQuery(context.Background(), &out, db, "csv", nil, Meta{}, `SELECT * FROM t`); err != nil {
			t.Fatalf("%s: the next export: %v", q, err)
		}
		if lines := bytes.Count(out.Bytes(), []byte("\r\n")); lines != 300001 {
			t.Errorf("%s: the next export has %d lines, want 300001", q, lines)
		}
	}
}
