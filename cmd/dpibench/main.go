// Command dpibench measures ingest against baselines in the same run and
// prints ratios (`make bench`). It never asserts a time: it only reports.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/extrame/xls"
	"github.com/xuri/excelize/v2"

	"github.com/laocai-dpi/dpi/ingest/sheet"
)

func main() {
	bin := flag.String("bin", "bin/dpi", "dpi binary")
	shared := flag.String("shared", "../shared/data", "shared data folder")
	rounds := flag.Int("rounds", 5, "repetitions of the reader benchmarks")
	register := flag.Int("register", 1000000, "rows of the generated enterprise register for the streaming benchmark (0 skips it)")
	registerDir := flag.String("register-dir", "", "folder for the generated register files, reused when present (default: a temporary folder, removed)")
	registerOnly := flag.Bool("register-only", false, "run only the register benchmark")
	registerRounds := flag.Int("register-rounds", 3, "runs of each fast reader in the register benchmark (the fastest is kept)")
	excelizeBudget := flag.Duration("excelize-budget", 3*time.Minute, "run excelize on the full register only when its 1/10 run extrapolates below this")
	childKind := flag.String("child", "", "internal: read -file one way in this process and report")
	childFile := flag.String("file", "", "internal: the file for -child")
	compare := flag.Int("compare", 200, "runs of the PCI compare page/API benchmark (0 skips it)")
	compareOnly := flag.Bool("compare-only", false, "run only the PCI compare benchmark")
	flag.Parse()
	if *businessOnly {
		os.Exit(businessBenchMain(*bin))
	}
	if *compare > 0 && (*compareOnly || *childKind == "") {
		if err := compareBench(*shared, *compare); err != nil {
			fmt.Fprintln(os.Stderr, "compare benchmark:", err)
			os.Exit(1)
		}
		fmt.Println()
		if *compareOnly {
			return
		}
	}
	if *childKind != "" {
		run := child
		if strings.HasPrefix(*childKind, "export-") {
			run = exportChild
		}
		if strings.HasPrefix(*childKind, "business-") {
			run = businessChild
		}
		if err := run(*childKind, *childFile); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if *exportOnly {
		exportBenchMain()
		return
	}
	if *register > 0 {
		defer func() {
			dir := *registerDir
			if dir == "" {
				dir, _ = os.MkdirTemp("", "dpibench-register-")
				defer os.RemoveAll(dir)
			}
			fmt.Println()
			if err := registerBench(dir, *register, *registerRounds, *excelizeBudget); err != nil {
				fmt.Fprintln(os.Stderr, "register benchmark:", err)
				os.Exit(1)
			}
		}()
	}
	if *registerOnly {
		return
	}
	defer func() {
		if code := businessBenchMain(*bin); code != 0 {
			os.Exit(code)
		}
	}()
	defer exportBenchMain()
	files, _ := filepath.Glob(filepath.Join(*shared, "pci/vcci_raw_2005_2016/PCI_*.xls*"))
	sort.Strings(files)
	if len(files) == 0 {
		fmt.Fprintln(os.Stderr, "no official workbooks under", *shared)
		os.Exit(1)
	}
	var xlsx, xlsFiles []string
	for _, f := range files {
		if strings.HasSuffix(f, ".xlsx") {
			xlsx = append(xlsx, f)
		} else {
			xlsFiles = append(xlsFiles, f)
		}
	}
	host, _ := os.Hostname()
	fmt.Printf("machine: %s, %d files (%d xlsx, %d xls)\n\n", host, len(files), len(xlsx), len(xlsFiles))

	// 1. The whole ingest as an operator runs it: a child process, so its
	// peak RSS is its own.
	dir, _ := os.MkdirTemp("", "dpibench-")
	defer os.RemoveAll(dir)
	start := time.Now()
	cmd := exec.Command(*bin, append([]string{"--data", dir, "ingest", "pci"}, files...)...)
	cmd.Stdout, cmd.Stderr = nil, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "ingest failed:", err)
		os.Exit(1)
	}
	wall := time.Since(start)
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
	fmt.Printf("dpi ingest pci (all %d files, fresh warehouse): %v wall, peak RSS %.1f MiB\n\n", len(files), wall.Round(time.Millisecond), float64(rss)/1024)

	// 2. Our xlsx reader against bare excelize GetRows on the same files.
	ours := timeIt(*rounds, func() error {
		for _, f := range xlsx {
			if _, err := sheet.Open(f); err != nil {
				return err
			}
		}
		return nil
	})
	bare := timeIt(*rounds, func() error {
		for _, f := range xlsx {
			x, err := excelize.OpenFile(f)
			if err != nil {
				return err
			}
			for _, s := range x.GetSheetList() {
				if _, err := x.GetRows(s); err != nil {
					return err
				}
			}
			x.Close()
		}
		return nil
	})
	fmt.Printf("xlsx read (%d files), best of %d: ours %v, bare excelize GetRows %v, ratio %.2f\n",
		len(xlsx), *rounds, ours.Round(time.Microsecond), bare.Round(time.Microsecond), float64(ours)/float64(bare))

	// 3. Our BIFF reader against extrame/xls (string cells only) on the .xls files.
	ours = timeIt(*rounds, func() error {
		for _, f := range xlsFiles {
			if _, err := sheet.Open(f); err != nil {
				return err
			}
		}
		return nil
	})
	bare = timeIt(*rounds, func() error {
		for _, f := range xlsFiles {
			w, err := xls.Open(f, "utf-8")
			if err != nil {
				return err
			}
			readAll(w)
		}
		return nil
	})
	fmt.Printf("xls read (%d files), best of %d: ours %v, extrame/xls ReadAllCells %v, ratio %.2f\n",
		len(xlsFiles), *rounds, ours.Round(time.Microsecond), bare.Round(time.Microsecond), float64(ours)/float64(bare))
}

func timeIt(rounds int, fn func() error) time.Duration {
	best := time.Duration(1<<63 - 1)
	for i := 0; i < rounds; i++ {
		start := time.Now()
		if err := fn(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		best = min(best, time.Since(start))
	}
	return best
}

// readAll guards extrame/xls, which panics where a row is absent.
func readAll(w *xls.WorkBook) {
	defer func() { recover() }()
	w.ReadAllCells(1 << 20)
}
