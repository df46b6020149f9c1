package main

// The register benchmark: each reader runs in a child process (this binary
// with -child), so its peak RSS is its own, over a generated 1M-row × 20
// column register as xlsx and csv.

import (
	"bufio"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"

	"github.com/laocai-dpi/dpi/ingest/sheet"
)

// childResult is what a child reports: rows, non-empty cells, its own
// reading time; the parent adds the peak RSS.
type childResult struct {
	rows, cells int
	took, cpu   time.Duration
	rssMiB      float64
}

// runChild runs `dpibench -child kind -file path` and measures it.
func runChild(kind, path string) (childResult, error) {
	exe, err := os.Executable()
	if err != nil {
		return childResult{}, err
	}
	cmd := exec.Command(exe, "-child", kind, "-file", path)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return childResult{}, fmt.Errorf("%s child: %w", kind, err)
	}
	var res childResult
	var ns, hwm int64
	if _, err := fmt.Sscanf(strings.TrimSpace(string(out)), "%d %d %d %d", &res.rows, &res.cells, &ns, &hwm); err != nil {
		return childResult{}, fmt.Errorf("%s child said %q: %w", kind, out, err)
	}
	res.took = time.Duration(ns)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	res.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	// The child's own high-water mark (VmHWM): getrusage's maxrss of a
	// child also counts the parent's memory at the time of the fork.
	res.rssMiB = float64(hwm) / 1024
	if hwm <= 0 {
		res.rssMiB = float64(ru.Maxrss) / 1024
	}
	return res, nil
}

// peakRSS is this process's VmHWM in KiB (Linux), or 0.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return n
		}
	}
	return 0
}

// child is the body of a child process: read the file one way, print
// "rows cells nanoseconds".
func child(kind, path string) error {
	start := time.Now()
	rows, cells := 0, 0
	switch kind {
	case "ours": // sheet.OpenRows, xlsx or csv by content
		r, err := sheet.OpenRows(path, nil, "")
		if err != nil {
			return err
		}
		for r.Next() {
			rows++
			for _, c := range r.Row() {
				if c.Kind != sheet.Empty {
					cells++
				}
			}
		}
		if err := r.Err(); err != nil {
			return err
		}
		r.Close()
	case "excelize": // excelize Rows() + Columns(), the documented streaming way
		f, err := excelize.OpenFile(path)
		if err != nil {
			return err
		}
		it, err := f.Rows(f.GetSheetList()[0])
		if err != nil {
			return err
		}
		for it.Next() {
			cols, err := it.Columns()
			if err != nil {
				return err
			}
			rows++
			for _, v := range cols {
				if v != "" {
					cells++
				}
			}
		}
		if err := it.Close(); err != nil {
			return err
		}
		f.Close()
	case "encoding-csv": // bare encoding/csv, ReuseRecord: the floor for a Go CSV reader
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		cr := csv.NewReader(bufio.NewReaderSize(f, 256<<10))
		cr.ReuseRecord, cr.FieldsPerRecord = true, -1
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			rows++
			for _, v := range rec {
				if v != "" {
					cells++
				}
			}
		}
		f.Close()
	case "duckdb": // DuckDB read_csv into an in-memory table
		db, err := sql.Open("duckdb", "")
		if err != nil {
			return err
		}
		if _, err := db.Exec(`CREATE TABLE t AS SELECT * FROM read_csv(?)`, path); err != nil {
			return err
		}
		if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&rows); err != nil {
			return err
		}
		db.Close()
	default:
		return fmt.Errorf("unknown child %q", kind)
	}
	took := time.Since(start)
	fmt.Printf("%d %d %d %d\n", rows, cells, took.Nanoseconds(), peakRSS())
	return nil
}

// bestChild runs a child rounds times and keeps the fastest run (the
// machine may be shared; the minimum is the least disturbed), with the
// highest peak RSS seen.
func bestChild(kind, path string, rounds int) (childResult, error) {
	var best childResult
	for i := 0; i < max(rounds, 1); i++ {
		r, err := runChild(kind, path)
		if err != nil {
			return r, err
		}
		if i == 0 || r.took < best.took {
			rss := max(best.rssMiB, r.rssMiB)
			best = r
			best.rssMiB = rss
		} else {
			best.rssMiB = max(best.rssMiB, r.rssMiB)
		}
	}
	return best, nil
}

// registerBench generates the register (into dir) and compares the readers;
// the fast ones run rounds times (best kept), excelize once.
func registerBench(dir string, n, rounds int, excelizeBudget time.Duration) error {
	fmt.Printf("register benchmark: %d rows × 20 columns (plus a header row), files in %s\n", n, dir)
	start := time.Now()
	xlsxPath, csvPath, err := writeRegister(dir, n)
	if err != nil {
		return err
	}
	fmt.Printf("  generated in %v: %s (%s), %s (%s)\n", time.Since(start).Round(time.Millisecond), xlsxPath, size(xlsxPath), csvPath, size(csvPath))
	show := func(label string, r childResult) {
		fmt.Printf("  %-44s %9v wall  %9v cpu  peak RSS %6.1f MiB  (%d rows, %d cells)\n", label, r.took.Round(time.Millisecond), r.cpu.Round(time.Millisecond), r.rssMiB, r.rows, r.cells)
	}

	fmt.Printf("  wall and cpu: the fastest of %d runs for our readers, bare encoding/csv and DuckDB; one run for excelize\n", rounds)
	ours, err := bestChild("ours", xlsxPath, rounds)
	if err != nil {
		return err
	}
	show("xlsx  sheet.OpenRows", ours)

	// excelize: a tenth of the rows first; the full file only when the
	// extrapolation says it fits the budget.
	small := n / 10
	smallX, _, err := writeRegister(dir, small)
	if err != nil {
		return err
	}
	ex, err := runChild("excelize", smallX)
	if err != nil {
		return err
	}
	show(fmt.Sprintf("xlsx  excelize Rows() on %d rows", small), ex)
	estimate := time.Duration(float64(ex.took) * float64(n) / float64(small))
	if estimate <= excelizeBudget {
		full, err := runChild("excelize", xlsxPath)
		if err != nil {
			return err
		}
		show("xlsx  excelize Rows() (measured, full file)", full)
		fmt.Printf("  xlsx ratio: excelize / ours = %.1f× (measured on the full file)\n", float64(full.took)/float64(ours.took))
	} else {
		fmt.Printf("  %-44s %9v  (EXTRAPOLATED ×%d from the %d-row run: over the %v budget)\n", "xlsx  excelize Rows() (extrapolated)", estimate.Round(time.Second), n/small, small, excelizeBudget)
		fmt.Printf("  xlsx ratio: excelize / ours = %.1f× (excelize EXTRAPOLATED linearly)\n", float64(estimate)/float64(ours.took))
	}

	oursCSV, err := bestChild("ours", csvPath, rounds)
	if err != nil {
		return err
	}
	show("csv   sheet.OpenRows", oursCSV)
	bare, err := bestChild("encoding-csv", csvPath, rounds)
	if err != nil {
		return err
	}
	show("csv   bare encoding/csv (ReuseRecord)", bare)
	duck, err := bestChild("duckdb", csvPath, rounds)
	if err != nil {
		return err
	}
	show("csv   DuckDB read_csv → in-memory table", duck)
	fmt.Printf("  csv ratio: ours / DuckDB read_csv = %.2f, ours / bare encoding/csv = %.2f\n",
		float64(oursCSV.took)/float64(duck.took), float64(oursCSV.took)/float64(bare.took))
	return nil
}

func size(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "?"
	}
	return strconv.FormatFloat(float64(st.Size())/(1<<20), 'f', 1, 64) + " MiB"
}
