package main

// The enterprise-register ingest benchmark (issue 3, "Speed and memory"):
// `dpi ingest businesses` of a generated million-row quarterly list, as csv
// against DuckDB's own read_csv of the same file into a table, and as xlsx
// against iterating the same workbook with excelize Rows(). Every run is a
// child process; wall time is the parent's clock from start to exit, peak
// RSS the child's own high-water mark (VmHWM, polled).

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

var (
	businessRows   = flag.Int("business", 1000000, "rows of the generated quarterly register for the `dpi ingest businesses` benchmark (0 skips it)")
	businessDir    = flag.String("business-dir", "", "folder for the generated register files, reused when present (default: a temporary folder, removed)")
	businessRounds = flag.Int("business-rounds", 3, "runs of the csv ingest and of read_csv, interleaved (the fastest of each is kept); the xlsx ingest runs min(2, this)")
	businessOnly   = flag.Bool("business-only", false, "run only the `dpi ingest businesses` benchmark")
	businessBudget = flag.Duration("business-excelize-budget", time.Minute, "iterate the full xlsx with excelize only when its run over a tenth of the rows extrapolates below this (else the extrapolation is printed, marked as such)")
	businessXLSX   = flag.Bool("business-xlsx", true, "also run the xlsx half (generating, ingesting and iterating a million-row workbook takes minutes); false runs only the csv ratio")
	businessDB     = flag.String("business-db", "", "internal: the database file of the read_csv child")
)

// businessQuarter is the quarter of the big generated file; the warehouse
// each run loads into already holds a small list of the quarter before.
const businessQuarter = "2025Q3"

// businessBenchMain runs the benchmark with the flags above and the dpi
// binary bin; it reports errors on stderr and returns the exit code.
func businessBenchMain(bin string) int {
	if *businessRows <= 0 {
		return 0
	}
	dir := *businessDir
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "dpibench-business-"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
	}
	fmt.Println()
	if err := businessBench(bin, dir, *businessRows, max(*businessRounds, 1), *businessBudget); err != nil {
		fmt.Fprintln(os.Stderr, "business ingest benchmark:", err)
		return 1
	}
	return 0
}

func businessBench(bin, dir string, n, rounds int, excelizeBudget time.Duration) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	fmt.Printf("`dpi ingest businesses` benchmark: %d-row quarterly register from `dpi generate businesses`, files in %s\n", n, dir)
	fmt.Printf("  machine: %d CPUs, load average at start %s (other processes share the machine: wall times vary; the fastest of each is kept)\n", runtime.NumCPU(), loadAverage())

	start := time.Now()
	csvPath, csvRows, err := generateBusinesses(bin, dir, n, businessQuarter, "csv")
	if err != nil {
		return err
	}
	var xlsxPath, smallX string
	var xlsxRows, smallRows int
	if *businessXLSX {
		if xlsxPath, xlsxRows, err = generateBusinesses(bin, dir, n, businessQuarter, "xlsx"); err != nil {
			return err
		}
		if smallX, smallRows, err = generateBusinesses(bin, dir, n/10, businessQuarter, "xlsx"); err != nil {
			return err
		}
	}
	prev, _, err := generateBusinesses(bin, dir, 2000, "2025Q2", "csv")
	if err != nil {
		return err
	}
	if *businessXLSX {
		fmt.Printf("  generated (or reused) in %v: %s (%d rows, %s), %s (%d rows, %s)\n", time.Since(start).Round(time.Millisecond),
			filepath.Base(csvPath), csvRows, size(csvPath), filepath.Base(xlsxPath), xlsxRows, size(xlsxPath))
	} else {
		fmt.Printf("  generated (or reused) in %v: %s (%d rows, %s)\n", time.Since(start).Round(time.Millisecond),
			filepath.Base(csvPath), csvRows, size(csvPath))
	}

	// The warehouse every run starts from: migrated, holding 2025Q2.
	base := filepath.Join(dir, "warehouse-base")
	os.RemoveAll(base)
	if out, err := exec.Command(bin, "--data", base, "ingest", "businesses", prev).CombinedOutput(); err != nil {
		return fmt.Errorf("preparing the warehouse: %v\n%s", err, out)
	}
	fmt.Printf("  each ingest runs `dpi --data D ingest businesses FILE` in a child process, D a copy of a warehouse already holding 2025Q2 (2,000 rows)\n")
	show := func(label string, r procResult) {
		fmt.Printf("  %-48s %9v wall  %9v cpu  peak RSS %6.1f MiB\n", label, r.wall.Round(time.Millisecond), r.cpu.Round(time.Millisecond), r.rssMiB)
	}

	// (a) csv: ours and read_csv, interleaved, the fastest of each kept.
	var ours, duck procResult
	for i := range rounds {
		r, err := ingestRun(bin, base, filepath.Join(dir, "warehouse-run"), csvPath, csvRows)
		if err != nil {
			return err
		}
		show(fmt.Sprintf("csv   dpi ingest businesses (run %d)", i+1), r)
		ours = fastest(ours, r, i)
		d, err := readCSVRun(dir, csvPath)
		if err != nil {
			return err
		}
		show(fmt.Sprintf("csv   DuckDB read_csv → table in a file (run %d)", i+1), d)
		duck = fastest(duck, d, i)
	}
	show("csv   dpi ingest businesses, fastest", ours)
	show("csv   DuckDB read_csv, fastest", duck)
	fmt.Printf("  csv ratio: dpi ingest businesses / DuckDB read_csv = %.2f (goal ≤ 1.3)\n", float64(ours.wall)/float64(duck.wall))
	if !*businessXLSX {
		os.RemoveAll(filepath.Join(dir, "warehouse-run"))
		fmt.Printf("  xlsx skipped (-business-xlsx=false); load average at the end %s\n", loadAverage())
		return nil
	}

	// (b) xlsx: ours against excelize Rows() over the same workbook.
	var ox procResult
	for i := range min(rounds, 2) {
		r, err := ingestRun(bin, base, filepath.Join(dir, "warehouse-run"), xlsxPath, xlsxRows)
		if err != nil {
			return err
		}
		show(fmt.Sprintf("xlsx  dpi ingest businesses (run %d)", i+1), r)
		ox = fastest(ox, r, i)
	}
	os.RemoveAll(filepath.Join(dir, "warehouse-run"))
	ex, err := runChild("excelize", smallX)
	if err != nil {
		return err
	}
	fmt.Printf("  %-48s %9v wall  %9v cpu  peak RSS %6.1f MiB  (%d rows)\n", fmt.Sprintf("xlsx  excelize Rows() on the %d-row file", smallRows),
		ex.took.Round(time.Millisecond), ex.cpu.Round(time.Millisecond), ex.rssMiB, ex.rows-1)
	estimate := time.Duration(float64(ex.took) * float64(xlsxRows) / float64(smallRows))
	exWall, how := estimate, fmt.Sprintf("EXTRAPOLATED linearly from the %d-row file, over the %v budget of -business-excelize-budget", smallRows, excelizeBudget)
	if estimate <= excelizeBudget {
		full, err := runChild("excelize", xlsxPath)
		if err != nil {
			return err
		}
		fmt.Printf("  %-48s %9v wall  %9v cpu  peak RSS %6.1f MiB  (%d rows)\n", "xlsx  excelize Rows() on the full file",
			full.took.Round(time.Millisecond), full.cpu.Round(time.Millisecond), full.rssMiB, full.rows-1)
		exWall, how = full.took, "measured on the full file"
	} else {
		fmt.Printf("  %-48s %9v  (%s)\n", "xlsx  excelize Rows() on the full file", estimate.Round(time.Second), how)
	}
	show("xlsx  dpi ingest businesses, fastest", ox)
	fmt.Printf("  xlsx ratio: excelize Rows() / dpi ingest businesses = %.1f× (goal ≥ 10×; excelize %s); peak RSS %.0f MiB (goal ≤ 500 MiB)\n",
		float64(exWall)/float64(ox.wall), how, ox.rssMiB)
	fmt.Printf("  load average at the end %s\n", loadAverage())
	return nil
}

// generateBusinesses writes (unless present) a generated register of n rows
// for quarter q and returns its path and the rows the generator wrote.
func generateBusinesses(bin, dir string, n int, q, format string) (string, int, error) {
	path := filepath.Join(dir, fmt.Sprintf("dn_%d_%s.%s", n, q, format))
	if rows, err := generatedRows(path); err == nil {
		if _, err := os.Stat(path); err == nil {
			return path, rows, nil
		}
	}
	out, err := exec.Command(bin, "generate", "businesses", "--rows", strconv.Itoa(n), "--quarter", q, "--format", format, path).CombinedOutput()
	if err != nil {
		return "", 0, fmt.Errorf("dpi generate businesses: %v\n%s", err, out)
	}
	rows, err := generatedRows(path)
	return path, rows, err
}

// generatedRows reads the rows written from the generator's counts file.
func generatedRows(path string) (int, error) {
	data, err := os.ReadFile(path + ".counts.json")
	if err != nil {
		return 0, err
	}
	var c struct {
		Quarters []struct {
			RowsWritten int `json:"rows_written"`
		} `json:"quarters"`
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return 0, err
	}
	if len(c.Quarters) != 1 {
		return 0, fmt.Errorf("%s.counts.json: %d quarters, want 1", path, len(c.Quarters))
	}
	return c.Quarters[0].RowsWritten, nil
}

var loadedRows = regexp.MustCompile(`\tloaded\t.*\trows=(\d+)\t`)

// ingestRun copies the base warehouse to run and loads file into it with
// the dpi binary, checking that every generated row loaded.
func ingestRun(bin, base, run, file string, want int) (procResult, error) {
	os.RemoveAll(run)
	if err := copyDir(base, run); err != nil {
		return procResult{}, err
	}
	r, out, err := runMeasured(bin, "--data", run, "ingest", "businesses", file)
	if err != nil {
		return r, fmt.Errorf("dpi ingest businesses %s: %v\n%s", file, err, out)
	}
	m := loadedRows.FindStringSubmatch(out)
	if m == nil {
		return r, fmt.Errorf("dpi ingest businesses %s did not load it:\n%s", file, out)
	}
	if got, _ := strconv.Atoi(m[1]); got != want {
		return r, fmt.Errorf("dpi ingest businesses %s loaded %d rows, the generator wrote %d", file, got, want)
	}
	return r, nil
}

// readCSVRun times DuckDB's read_csv of file into a table of a new database
// file, in a child process (this binary with -child business-read-csv).
func readCSVRun(dir, file string) (procResult, error) {
	exe, err := os.Executable()
	if err != nil {
		return procResult{}, err
	}
	db := filepath.Join(dir, "read_csv.duckdb")
	defer os.Remove(db)
	defer os.Remove(db + ".wal")
	r, out, err := runMeasured(exe, "-child", "business-read-csv", "-file", file, "-business-db", db)
	if err != nil {
		return r, fmt.Errorf("read_csv child: %v\n%s", err, out)
	}
	return r, nil
}

// businessChild is the body of this benchmark's child processes.
func businessChild(kind, file string) error {
	if kind != "business-read-csv" {
		return fmt.Errorf("unknown child %q", kind)
	}
	// DuckDB's own CSV reader, its defaults, into a table of a new
	// database file, checkpointed: what `dpi ingest` is measured against.
	path := *businessDB
	os.Remove(path)
	os.Remove(path + ".wal")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return err
	}
	if _, err := db.Exec(`CREATE TABLE t AS SELECT * FROM read_csv(?)`, file); err != nil {
		db.Close()
		return err
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil {
		db.Close()
		return err
	}
	if _, err := db.Exec(`CHECKPOINT`); err != nil {
		db.Close()
		return err
	}
	fmt.Println(n)
	return db.Close()
}

// procResult is a child process's wall time, CPU time and peak RSS.
type procResult struct {
	wall, cpu time.Duration
	rssMiB    float64
}

// fastest keeps the faster of two results (a the best so far, b run i),
// with the higher peak RSS of the two.
func fastest(a, b procResult, i int) procResult {
	if i == 0 {
		return b
	}
	rss := max(a.rssMiB, b.rssMiB)
	if b.wall < a.wall {
		a = b
	}
	a.rssMiB = rss
	return a
}

// runMeasured runs a command, polling its VmHWM (getrusage's maxrss of a
// child would also count this process's memory at the fork).
func runMeasured(name string, args ...string) (procResult, string, error) {
	cmd := exec.Command(name, args...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return procResult{}, "", err
	}
	var hwm int64
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			if v := vmHWM(cmd.Process.Pid); v > hwm {
				hwm = v
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	wg.Wait()
	var r procResult
	r.wall = wall
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		if hwm == 0 {
			hwm = ru.Maxrss
		}
	}
	r.rssMiB = float64(hwm) / 1024
	return r, out.String(), err
}

// vmHWM is a process's peak RSS in KiB (Linux), or 0.
func vmHWM(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return n
		}
	}
	return 0
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// copyDir copies a folder of regular files (a warehouse: its DuckDB file,
// originals and logs).
func copyDir(from, to string) error {
	return filepath.Walk(from, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if !info.Mode().IsRegular() {
			return errors.New(path + ": not a regular file")
		}
		src, err := os.Open(path)
		if err != nil {
			return err
		}
		defer src.Close()
		out, err := os.Create(dst)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, src); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}
