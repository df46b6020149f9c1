package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/pci"
	"github.com/laocai-dpi/dpi/portal"
	"github.com/laocai-dpi/dpi/warehouse"
)

// compareBench measures the compare page and its API against the bare
// DuckDB query behind them (dashboards.CompareSQL, every row scanned), on
// the official workbooks loaded into a fresh warehouse, in this process.
// Server time is the handler's time (no network); p50 and p95 of n runs.
func compareBench(shared string, n int) error {
	files, _ := filepath.Glob(filepath.Join(shared, "pci/vcci_raw_2005_2016/PCI_*.xls*"))
	sort.Strings(files)
	if len(files) == 0 {
		return fmt.Errorf("no official workbooks under %s", shared)
	}
	dir, err := os.MkdirTemp("", "dpibench-compare-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	wh, err := warehouse.Open(ctx, dir, warehouse.Options{})
	if err != nil {
		return err
	}
	defer wh.Close()
	parser, err := pci.NewParser()
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		rels, err := parser.Parse(filepath.Base(f), data, 0)
		if err != nil {
			return err
		}
		if _, err := wh.LoadPCI(ctx, warehouse.PCILoad{FileName: filepath.Base(f), Data: data, SHA256: ingest.SHA256(data), Releases: rels, LoadedBy: "dpibench"}); err != nil {
			return err
		}
	}
	db := wh.DB()
	ref, err := dashboards.LoadReference(ctx, db)
	if err != nil {
		return err
	}
	h := portal.New(db, portal.Options{})
	fmt.Printf("compare page and API (%d official workbooks, %d runs each; server time, no network)\n", len(files), n)
	for _, view := range []string{
		"p=10,01,79&chart=line&measure=score&subindex=pci&year=2016&gen=pre2025",
		"p=10,01,79,15,48,22&chart=radar&measure=diff_median&subindex=pci&year=2016&gen=pre2025",
		"p=15,01&chart=line&measure=rank&subindex=pci&year=2016&gen=2025",
	} {
		q, err := parseView(view, ref)
		if err != nil {
			return err
		}
		sqlText, args := dashboards.CompareSQL(q, ref)
		rawQuery := func() error {
			rows, err := db.QueryContext(ctx, sqlText, args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			var vals [9]any
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					return err
				}
			}
			return rows.Err()
		}
		// Interleaved, so that load from other processes hits all three alike.
		t, err := timings(n, rawQuery, serve(h, "/pci/compare?"+view), serve(h, "/api/v1/pci/compare?"+view))
		if err != nil {
			return err
		}
		raw, page, api := t[0], t[1], t[2]
		fmt.Printf("  %s\n", view)
		fmt.Printf("    raw query  p50 %8v  p95 %8v\n", raw[0], raw[1])
		fmt.Printf("    page       p50 %8v  p95 %8v  ratio p50 %.2f  p95 %.2f\n", page[0], page[1], ratio(page[0], raw[0]), ratio(page[1], raw[1]))
		fmt.Printf("    API        p50 %8v  p95 %8v  ratio p50 %.2f  p95 %.2f\n", api[0], api[1], ratio(api[0], raw[0]), ratio(api[1], raw[1]))
	}
	return nil
}

func parseView(view string, ref *dashboards.Reference) (dashboards.CompareQuery, error) {
	req := httptest.NewRequest(http.MethodGet, "/?"+view, nil)
	v := req.URL.Query()
	var year int
	fmt.Sscan(v.Get("year"), &year)
	q := dashboards.CompareQuery{Gen: v.Get("gen"), Chart: v.Get("chart"), Measure: v.Get("measure"), Subindex: v.Get("subindex"), Year: year}
	q.Codes = append(q.Codes, splitComma(v.Get("p"))...)
	return q.Normalize(ref)
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

func serve(h http.Handler, path string) func() error {
	return func() error {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			return fmt.Errorf("%s: status %d", path, rec.Code)
		}
		return nil
	}
}

// timings runs each fn n times, interleaved (after 5 warm-up rounds), and
// returns the p50 and p95 of each.
func timings(n int, fns ...func() error) ([][2]time.Duration, error) {
	d := make([][]time.Duration, len(fns))
	for round := -5; round < n; round++ {
		for i, fn := range fns {
			start := time.Now()
			if err := fn(); err != nil {
				return nil, err
			}
			if round >= 0 {
				d[i] = append(d[i], time.Since(start))
			}
		}
	}
	out := make([][2]time.Duration, len(fns))
	for i := range d {
		slices.Sort(d[i])
		out[i] = [2]time.Duration{d[i][n/2].Round(time.Microsecond), d[i][n*95/100].Round(time.Microsecond)}
	}
	return out, nil
}

func ratio(a, b time.Duration) float64 { return float64(a) / float64(b) }
