package main

// The export benchmark: 1M rows × 12 columns from a DuckDB query over a
// generated table, exported by dashboards/export and by the baselines
// (bare excelize StreamWriter, DuckDB's own COPY … TO, pandas + openpyxl),
// each in a child process so that its peak RSS is its own.

import (
	"bufio"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"

	"github.com/laocai-dpi/dpi/dashboards/export"
)

// exportTableSQL builds the benchmark table: 12 columns of the kinds the
// register's views have (codes with leading zeros, Vietnamese names, big
// integers, scores, dates, booleans).
const exportTableSQL = `CREATE TABLE t AS SELECT
	i AS id,
	lpad(CAST(5300000000 + (i * 7919) % 99999999 AS VARCHAR), 10, '0') AS tax_code,
	'Công ty TNHH Thương mại và Dịch vụ Hòa Bình số ' || (i % 9973) AS name,
	CASE i % 4 WHEN 0 THEN 'tnhh1' WHEN 1 THEN 'tnhh2' WHEN 2 THEN 'cp' ELSE 'dntn' END AS legal_form,
	lpad(CAST(111 + (i * 37) % 9000 AS VARCHAR), 4, '0') AS vsic_code,
	lpad(CAST(80 + i % 9 AS VARCHAR), 3, '0') AS district_code,
	CASE WHEN i % 2 = 0 THEN '10' ELSE '15' END AS province_code,
	CAST((i * 1000003) % 50000000000 AS BIGINT) AS capital_vnd,
	round((i % 10000) / 100.0 + 0.005, 4) AS score,
	sqrt(i + 1) / 1000.0 AS ratio,
	DATE '2000-01-01' + CAST(i % 9000 AS INTEGER) AS registered_on,
	i % 3 <> 0 AS active
	FROM range(?) r(i)`

var (
	exportRows    = flag.Int("export", 1000000, "rows of the export benchmark (0 skips it)")
	exportQuery   = flag.String("export-query", "SELECT * FROM t", "the benchmark's query over its table t (every exporter and baseline runs it)")
	exportOnly    = flag.Bool("export-only", false, "run only the export benchmark")
	exportDir     = flag.String("export-dir", "", "folder for the export benchmark's table and files, the table reused when present (default: a temporary folder, removed)")
	exportRounds  = flag.Int("export-rounds", 3, "runs of the csv and parquet exporters (the fastest is kept)")
	exportFormats = flag.String("export-formats", "csv,xlsx,ods,parquet,pandas,libreoffice", "what the export benchmark runs (libreoffice: soffice opens the xlsx and ods and every row is counted)")
	pandasBudget  = flag.Duration("pandas-budget", 5*time.Minute, "run pandas + openpyxl on all rows only when its 1/10 run extrapolates below this")
)

// exportBenchMain runs the export benchmark as the flags say.
func exportBenchMain() {
	if *exportRows <= 0 {
		return
	}
	dir := *exportDir
	if dir == "" {
		dir, _ = os.MkdirTemp("", "dpibench-export-")
		defer os.RemoveAll(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "export benchmark:", err)
		os.Exit(1)
	}
	fmt.Println()
	if err := exportBench(dir, *exportRows, *exportRounds, *exportFormats, *pandasBudget); err != nil {
		fmt.Fprintln(os.Stderr, "export benchmark:", err)
		os.Exit(1)
	}
}

// exportBench generates the table and runs every exporter.
func exportBench(dir string, n, rounds int, formats string, pandasBudget time.Duration) error {
	fmt.Printf("export benchmark: %d rows × 12 columns, DuckDB `%s` over a generated table, files in %s\n", n, *exportQuery, dir)
	db := filepath.Join(dir, "export-bench.duckdb")
	if err := makeExportTable(db, n); err != nil {
		return err
	}
	fmt.Println("  wall: the child's own time from opening DuckDB to the closed file; cpu: its user + system time (the ratio a shared machine disturbs least); peak RSS: the child's VmHWM")
	show := func(label string, r exportResult) {
		extra := ""
		if r.firstRow > 0 {
			extra += fmt.Sprintf("  first row %v", r.firstRow.Round(time.Millisecond))
		}
		if r.firstByte > 0 {
			extra += fmt.Sprintf("  first byte %v", r.firstByte.Round(time.Millisecond))
		}
		fmt.Printf("  %-40s %9v wall %9v cpu  peak RSS %6.1f MiB  %8s%s\n", label, r.took.Round(time.Millisecond),
			r.cpu.Round(time.Millisecond), r.rssMiB, size(r.out), extra)
	}
	run := func(kind string, times int) (exportResult, error) {
		var best exportResult
		for i := 0; i < max(times, 1); i++ {
			r, err := runExportChild(kind, db)
			if err != nil {
				return r, err
			}
			if r.rows >= 0 && r.rows != int64(n) {
				return r, fmt.Errorf("%s wrote %d rows, want %d", kind, r.rows, n)
			}
			if i == 0 || r.took < best.took {
				r.rssMiB = max(r.rssMiB, best.rssMiB)
				best = r
			} else {
				best.rssMiB = max(best.rssMiB, r.rssMiB)
			}
		}
		return best, nil
	}

	want := func(format string) bool { return strings.Contains(","+formats+",", ","+format+",") }
	// pair runs ours and the baseline alternately (the machine may be
	// shared: alternating spreads a disturbance over both) and keeps the
	// fastest run of each.
	pair := func(a, b string, times int) (exportResult, exportResult, error) {
		var ra, rb exportResult
		for i := 0; i < max(times, 1); i++ {
			x, err := run(a, 1)
			if err != nil {
				return ra, rb, err
			}
			y, err := run(b, 1)
			if err != nil {
				return ra, rb, err
			}
			if i == 0 || x.took < ra.took {
				x.rssMiB = max(x.rssMiB, ra.rssMiB)
				ra = x
			}
			if i == 0 || y.took < rb.took {
				y.rssMiB = max(y.rssMiB, rb.rssMiB)
				rb = y
			}
		}
		return ra, rb, nil
	}
	fmt.Printf("  csv, parquet and the scan: the fastest of %d runs, ours and the baseline alternating; xlsx, ods: one run each\n", rounds)
	scan, err := run("export-scan", rounds)
	if err != nil {
		return err
	}
	show("scan  database/sql rows, nothing written", scan)
	fmt.Printf("  (the scan's peak RSS is DuckDB's own: through database/sql, duckdb-go materialises a query's whole result before the first row)\n")
	note := arrowNote(db)

	var csvDuck exportResult
	if want("csv") {
		var csvOurs exportResult
		if csvOurs, csvDuck, err = pair("export-csv", "export-duckdb-csv", rounds); err != nil {
			return err
		}
		show("csv   export.ServeQuery (BOM, quoting)", csvOurs)
		show("csv   DuckDB COPY (query) TO (HEADER)", csvDuck)
		fmt.Printf("  csv ratio: export / DuckDB COPY = %.2f (goal ≤ 1.3; cpu %.2f); first row %v (goal < 1 s); peak RSS %.0f MiB, COPY's %.0f MiB%s\n",
			float64(csvOurs.took)/float64(csvDuck.took), float64(csvOurs.cpu)/float64(csvDuck.cpu), csvOurs.firstRow.Round(time.Millisecond), csvOurs.rssMiB, csvDuck.rssMiB, note)
		csvSQL, err := run("export-csv-sql", rounds)
		if err != nil {
			return err
		}
		show("csv   export over database/sql rows", csvSQL)
		fmt.Printf("  csv ratio over database/sql: export / DuckDB COPY = %.2f (the scan alone: %.2f)\n",
			float64(csvSQL.took)/float64(csvDuck.took), float64(scan.took)/float64(csvDuck.took))
	}
	var xOurs exportResult
	if want("xlsx") {
		var xBare exportResult
		if xOurs, xBare, err = pair("export-xlsx", "export-bare-xlsx", 1); err != nil {
			return err
		}
		show("xlsx  export.ServeQuery", xOurs)
		show("xlsx  bare excelize StreamWriter", xBare)
		fmt.Printf("  xlsx ratio: export / bare excelize = %.2f (goal ≤ 1.2; cpu %.2f); peak RSS %.0f MiB (goal ≤ 300), bare %.0f MiB; first row %v, first byte %v (goal < 1 s)%s\n",
			float64(xOurs.took)/float64(xBare.took), float64(xOurs.cpu)/float64(xBare.cpu), xOurs.rssMiB, xBare.rssMiB,
			xOurs.firstRow.Round(time.Millisecond), xOurs.firstByte.Round(time.Millisecond), note)
	}
	var ods exportResult
	if want("ods") {
		if ods, err = run("export-ods", 1); err != nil {
			return err
		}
		show("ods   export.ServeQuery", ods)
	}
	if want("libreoffice") {
		for _, r := range []exportResult{xOurs, ods} {
			if r.out == "" {
				continue
			}
			if err := libreOfficeCheck(dir, r.out, n); err != nil {
				return err
			}
		}
	}
	if want("parquet") {
		pq, pqDuck, err := pair("export-parquet", "export-duckdb-parquet", rounds)
		if err != nil {
			return err
		}
		show("parquet export.ServeQuery", pq)
		show("parquet DuckDB COPY (FORMAT parquet)", pqDuck)
		fmt.Printf("  parquet ratio: export / DuckDB COPY = %.2f\n", float64(pq.took)/float64(pqDuck.took))
	}
	if !want("pandas") || !want("csv") || !want("xlsx") {
		return nil
	}
	return pandasBench(dir, csvDuck.out, n, xOurs, pandasBudget)
}

func makeExportTable(path string, n int) error {
	if _, err := os.Stat(path); err == nil {
		db, err := sql.Open("duckdb", path)
		if err != nil {
			return err
		}
		var rows int
		err = db.QueryRow(`SELECT count(*) FROM t`).Scan(&rows)
		db.Close()
		if err == nil && rows == n {
			return nil
		}
		os.Remove(path)
	}
	start := time.Now()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec(exportTableSQL, n); err != nil {
		return err
	}
	if _, err := db.Exec(`CHECKPOINT`); err != nil {
		return err
	}
	fmt.Printf("  table generated in %v\n", time.Since(start).Round(time.Millisecond))
	return nil
}

type exportResult struct {
	rows                int64
	took, cpu           time.Duration
	firstRow, firstByte time.Duration
	rssMiB              float64
	out                 string
}

// runExportChild runs `dpibench -child export-KIND -file DB`; the child
// writes DB.KIND.<ext> and prints "rows ns hwmKiB firstRowNs firstByteNs".
func runExportChild(kind, db string) (exportResult, error) {
	exe, err := os.Executable()
	if err != nil {
		return exportResult{}, err
	}
	cmd := exec.Command(exe, "-child", kind, "-file", db, "-export-query", *exportQuery)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return exportResult{}, fmt.Errorf("%s child: %w", kind, err)
	}
	var r exportResult
	var ns, hwm, fr, fb int64
	if _, err := fmt.Sscanf(strings.TrimSpace(string(out)), "%d %d %d %d %d", &r.rows, &ns, &hwm, &fr, &fb); err != nil {
		return r, fmt.Errorf("%s child said %q: %w", kind, out, err)
	}
	r.took, r.firstRow, r.firstByte = time.Duration(ns), time.Duration(fr), time.Duration(fb)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	r.rssMiB = float64(hwm) / 1024
	r.out = exportOutput(kind, db)
	return r, nil
}

func exportOutput(kind, db string) string {
	ext := map[string]string{"export-scan": "none", "export-csv": "csv", "export-csv-sql": "csv", "export-duckdb-csv": "csv", "export-xlsx": "xlsx", "export-bare-xlsx": "xlsx",
		"export-ods": "ods", "export-parquet": "parquet", "export-duckdb-parquet": "parquet"}[kind]
	return db + "." + strings.TrimPrefix(kind, "export-") + "." + ext
}

// exportChild is the body of an export child process.
func exportChild(kind, db string) error {
	start := time.Now()
	out := exportOutput(kind, db)
	var rows int64
	var firstRow, firstByte time.Duration
	switch kind {
	case "export-duckdb-csv", "export-duckdb-parquet":
		// DuckDB writing the file itself: needs external access, which the
		// warehouse never allows; only here.
		conn, err := sql.Open("duckdb", db+"?access_mode=READ_ONLY")
		if err != nil {
			return err
		}
		opts := "(HEADER)"
		if kind == "export-duckdb-parquet" {
			opts = "(FORMAT parquet)"
		}
		res, err := conn.Exec(fmt.Sprintf(`COPY (%s) TO '%s' %s`, *exportQuery, out, opts))
		if err != nil {
			return err
		}
		rows, _ = res.RowsAffected()
		conn.Close()
	case "export-scan":
		// The floor: the query's rows scanned and dropped.
		conn, err := sql.Open("duckdb", db+"?access_mode=READ_ONLY&enable_external_access=false")
		if err != nil {
			return err
		}
		r, err := conn.Query(*exportQuery)
		if err != nil {
			return err
		}
		cols, _ := r.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for r.Next() {
			if err := r.Scan(ptrs...); err != nil {
				return err
			}
			if rows == 0 {
				firstRow = time.Since(start)
			}
			rows++
		}
		if err := r.Err(); err != nil {
			return err
		}
		r.Close()
		conn.Close()
	case "export-bare-xlsx":
		// The baseline: the same query scanned with database/sql, each row
		// written with excelize's StreamWriter.SetRow, no styles.
		conn, err := sql.Open("duckdb", db+"?access_mode=READ_ONLY&enable_external_access=false")
		if err != nil {
			return err
		}
		r, err := conn.Query(*exportQuery)
		if err != nil {
			return err
		}
		cols, _ := r.Columns()
		f := excelize.NewFile()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			return err
		}
		header := make([]any, len(cols))
		for i, c := range cols {
			header[i] = c
		}
		if err := sw.SetRow("A1", header); err != nil {
			return err
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for r.Next() {
			if err := r.Scan(ptrs...); err != nil {
				return err
			}
			rows++
			cell, _ := excelize.CoordinatesToCellName(1, int(rows)+1)
			if err := sw.SetRow(cell, vals); err != nil {
				return err
			}
		}
		if err := r.Err(); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
		if err := f.SaveAs(out); err != nil {
			return err
		}
		f.Close()
		r.Close()
		conn.Close()
	default:
		// As the portal runs it: the warehouse's sandboxed settings, one
		// connection, WriteQuery (Arrow batches when built with the
		// duckdb_arrow tag, as make builds it); "-sql" forces database/sql.
		format := strings.TrimSuffix(strings.TrimPrefix(kind, "export-"), "-sql")
		if export.ContentType(format) == "" {
			return fmt.Errorf("unknown child %q", kind)
		}
		conn, err := sql.Open("duckdb", db+"?access_mode=READ_ONLY&enable_external_access=false&autoload_known_extensions=false")
		if err != nil {
			return err
		}
		conn.SetMaxOpenConns(1)
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		tw := &timedWriter{w: f, start: start}
		bw := bufio.NewWriterSize(tw, 64<<10)
		meta := export.Meta{TitleVI: "Benchmark", TitleEN: "Benchmark", Source: "dpibench", GeneratedAt: start}
		var ts *timedSource
		if strings.HasSuffix(kind, "-sql") {
			r, err := conn.Query(*exportQuery)
			if err != nil {
				return err
			}
			src, err := export.FromRows(r, nil)
			if err != nil {
				return err
			}
			ts = &timedSource{Source: src, start: start}
			if err := export.Write(bw, format, ts, meta); err != nil {
				return err
			}
			r.Close()
		} else {
			// ServeQuery, as a handler runs it, into the file: the response
			// begins (status and headers) when the first rows arrive, which
			// times the first row; rows are counted in a csv (-1: not
			// counted).
			ts = &timedSource{start: start, rows: -1}
			rw := &fileResponse{w: bw, start: start}
			if err := serveToFile(rw, conn, format, meta); err != nil {
				return err
			}
			ts.first = rw.began
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		conn.Close()
		rows, firstRow, firstByte = ts.rows, ts.first, tw.first
		if rows < 0 && format == "csv" {
			if rows, err = countLines(out); err != nil {
				return err
			}
			rows-- // the header
		}
	}
	fmt.Printf("%d %d %d %d %d\n", rows, time.Since(start).Nanoseconds(), peakRSS(), firstRow.Nanoseconds(), firstByte.Nanoseconds())
	return nil
}

// arrowNote says how the exports read the query's rows.
func arrowNote(db string) string {
	if !export.ArrowEnabled {
		return "; rows through database/sql (built without the duckdb_arrow tag): the whole result materialised first"
	}
	conn, err := sql.Open("duckdb", db+"?access_mode=READ_ONLY")
	if err != nil {
		return ""
	}
	defer conn.Close()
	if ok, err := export.StreamingResults(context.Background(), conn); err != nil || !ok {
		return "; rows as Arrow record batches of a materialised result (duckdb-go's handles out of reach)"
	}
	return "; rows as Arrow record batches of a DuckDB streaming result"
}

// countLines counts line ends.
func countLines(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var n int64
	buf := make([]byte, 1<<20)
	for {
		k, err := f.Read(buf)
		for _, c := range buf[:k] {
			if c == '\n' {
				n++
			}
		}
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// timedSource counts rows and notes when the first arrived.
type timedSource struct {
	export.Source
	start time.Time
	first time.Duration
	rows  int64
}

func (s *timedSource) Next() bool {
	ok := s.Source.Next()
	if ok {
		if s.rows == 0 {
			s.first = time.Since(s.start)
		}
		s.rows++
	}
	return ok
}

// fileResponse is an http.ResponseWriter into a file; it notes when the
// response began.
type fileResponse struct {
	w      io.Writer
	start  time.Time
	began  time.Duration
	status int
	header http.Header
}

func (r *fileResponse) Header() http.Header {
	if r.header == nil {
		r.header = http.Header{}
	}
	return r.header
}

func (r *fileResponse) WriteHeader(code int) {
	if r.status == 0 {
		r.status, r.began = code, time.Since(r.start)
	}
}

func (r *fileResponse) Write(p []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.w.Write(p)
}

// serveToFile runs export.ServeQuery into rw; a failure (a status other
// than 200, or the panic that breaks a begun transfer) is an error.
func serveToFile(rw *fileResponse, conn *sql.DB, format string, meta export.Meta) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s export broken mid-transfer: %v", format, p)
		}
	}()
	req := httptest.NewRequest(http.MethodGet, "/export."+format, nil)
	export.ServeQuery(rw, req, conn, format, "export", nil, meta, *exportQuery)
	if rw.status != http.StatusOK {
		return fmt.Errorf("%s export: status %d", format, rw.status)
	}
	return nil
}

// timedWriter notes when the first byte left.
type timedWriter struct {
	w     io.Writer
	start time.Time
	first time.Duration
}

func (t *timedWriter) Write(p []byte) (int, error) {
	if t.first == 0 {
		t.first = time.Since(t.start)
	}
	return t.w.Write(p)
}

// pandasScript writes the rows of the CSV (read first, not timed) with
// pandas' to_excel(engine="openpyxl") and prints "rows write_ns read_ns hwm".
const pandasScript = `
import sys, time, resource
import pandas as pd
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
t0 = time.perf_counter()
df = pd.read_csv(src, nrows=n, dtype={"tax_code": str, "vsic_code": str, "district_code": str, "province_code": str},
                 parse_dates=["registered_on"])
t1 = time.perf_counter()
df.to_excel(out, index=False, engine="openpyxl")
t2 = time.perf_counter()
print(len(df), int((t2 - t1) * 1e9), int((t1 - t0) * 1e9), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
`

// pandasBench runs pandas + openpyxl on a tenth of the rows, then on all of
// them when the extrapolation fits the budget.
func pandasBench(dir, csvPath string, n int, ours exportResult, budget time.Duration) error {
	// Debian's python3-pandas and python3-openpyxl live under /usr/bin/python3,
	// which a python3 earlier in PATH (pyenv) may hide.
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import pandas, openpyxl").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		fmt.Println("  pandas + openpyxl: SKIPPED (python3-pandas and python3-openpyxl are not installed: apt-get install python3-pandas python3-openpyxl)")
		return nil
	}
	script := filepath.Join(dir, "pandas_export.py")
	if err := os.WriteFile(script, []byte(pandasScript), 0o644); err != nil {
		return err
	}
	runPandas := func(rows int) (time.Duration, float64, error) {
		out := filepath.Join(dir, fmt.Sprintf("pandas-%d.xlsx", rows))
		b, err := exec.Command(python, script, csvPath, out, fmt.Sprint(rows)).Output()
		if err != nil {
			return 0, 0, fmt.Errorf("pandas: %w", err)
		}
		var got int
		var ns, readNs, kib int64
		if _, err := fmt.Sscanf(strings.TrimSpace(string(b)), "%d %d %d %d", &got, &ns, &readNs, &kib); err != nil || got != rows {
			return 0, 0, fmt.Errorf("pandas said %q (%v)", b, err)
		}
		os.Remove(out)
		return time.Duration(ns), float64(kib) / 1024, nil
	}
	small := max(n/10, 1)
	took, rss, err := runPandas(small)
	if err != nil {
		return err
	}
	fmt.Printf("  %-40s %9v (to_excel only, %d rows; peak RSS %.0f MiB)\n", "xlsx  pandas + openpyxl", took.Round(time.Millisecond), small, rss)
	estimate := time.Duration(float64(took) * float64(n) / float64(small))
	if estimate > budget {
		fmt.Printf("  xlsx ratio: pandas + openpyxl / export = %.1f (pandas EXTRAPOLATED linearly from %d rows: %v over the %v budget)\n",
			float64(estimate)/float64(ours.took), small, estimate.Round(time.Second), budget)
		return nil
	}
	took, rss, err = runPandas(n)
	if err != nil {
		return err
	}
	fmt.Printf("  %-40s %9v (to_excel only, %d rows; peak RSS %.0f MiB)\n", "xlsx  pandas + openpyxl", took.Round(time.Millisecond), n, rss)
	fmt.Printf("  xlsx ratio: pandas + openpyxl / export = %.1f (measured)\n", float64(took)/float64(ours.took))
	return nil
}
