// Package pcitest loads a small, known PCI data set into a real warehouse in
// a temporary folder, for the tests of dashboards and portal (and the browser
// tests to come): three provinces, 2016 with published ranks, and 2008 with
// computed ranks loaded as sample data.
package pcitest

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/pci"
	"github.com/laocai-dpi/dpi/warehouse"
)

// Keys2013 are the sub-indices of the 2013-on methodology, in catalogue order.
var Keys2013 = []string{"entry_costs", "land_access", "transparency", "time_costs", "informal_charges",
	"policy_bias", "proactivity", "business_support", "labor_training", "legal_institutions"}

// Keys2006 are the sub-indices of the 2006–2008 methodology, in catalogue order.
var Keys2006 = []string{"entry_costs", "land_access", "transparency", "time_costs", "informal_charges",
	"soe_bias", "proactivity", "business_support", "labor_training", "legal_institutions"}

// Names are the province names of the reference table for the codes used.
var Names = map[string]string{"10": "Lào Cai", "01": "Hà Nội", "79": "Hồ Chí Minh"}

// Fixture is an open warehouse holding Release2016 and Release2008.
type Fixture struct {
	Warehouse   *warehouse.Warehouse
	DB          *sql.DB
	Release2016 pci.Release // published ranks: 10, 79, 01
	Release2008 pci.Release // computed ranks, 01 and 79 tied; loaded with IsSample
}

// Open builds the fixture in t.TempDir(); the warehouse closes with the test.
func Open(t testing.TB) *Fixture {
	t.Helper()
	w := OpenEmpty(t)
	f := &Fixture{Warehouse: w, DB: w.DB(), Release2016: Release2016(), Release2008: Release2008()}
	load(t, w, f.Release2016, false)
	load(t, w, f.Release2008, true)
	return f
}

// OpenEmpty opens a migrated warehouse with no PCI release loaded.
func OpenEmpty(t testing.TB) *warehouse.Warehouse {
	t.Helper()
	w, err := warehouse.Open(context.Background(), t.TempDir(), warehouse.Options{Threads: 1, MemoryLimit: "256MB"})
	if err != nil {
		t.Fatalf("open warehouse: %v", err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func load(t testing.TB, w *warehouse.Warehouse, rel pci.Release, sample bool) {
	t.Helper()
	data := fmt.Appendf(nil, "pcitest fixture %d", rel.Year)
	_, err := w.LoadPCI(context.Background(), warehouse.PCILoad{
		FileName: fmt.Sprintf("pci_%d.csv", rel.Year),
		Data:     data,
		SHA256:   ingest.SHA256(data),
		Releases: []pci.Release{rel},
		LoadedBy: "pcitest",
		IsSample: sample,
	})
	if err != nil {
		t.Fatalf("load %d: %v", rel.Year, err)
	}
}

// Release2016 has the extra decimals a real release carries, so tests can
// tell rounding for display from the full precision of the API.
func Release2016() pci.Release {
	return release(2016, Keys2013, []pci.Score{
		{ProvinceCode: "10", PCI: 66.4512, Rank: 1, RankSource: "published"},
		{ProvinceCode: "79", PCI: 62.7234, Rank: 2, RankSource: "published"},
		{ProvinceCode: "01", PCI: 62.1198, Rank: 3, RankSource: "published"},
	})
}

// Release2008 has no published rank; 01 and 79 share rank 2.
func Release2008() pci.Release {
	return release(2008, Keys2006, []pci.Score{
		{ProvinceCode: "10", PCI: 60.0731, Rank: 1, RankSource: "computed"},
		{ProvinceCode: "01", PCI: 55.1, Rank: 2, RankSource: "computed"},
		{ProvinceCode: "79", PCI: 55.1, Rank: 2, RankSource: "computed"},
	})
}

// release fills every sub-index with a distinct value: province i, key k
// scores 5 + i + k/10 + 0.0123 (rounded to 4 decimals like a release), so ordering by any column is predictable
// (entry_costs: 10 < 79 < 01 in 2016, by position in the list).
func release(year int, keys []string, scores []pci.Score) pci.Release {
	for i := range scores {
		s := &scores[i]
		s.NameInFile = Names[s.ProvinceCode]
		s.Subindices = map[string]float64{}
		for k, key := range keys {
			s.Subindices[key] = math.Round((5+float64(i)+float64(k)/10+0.0123)*1e4) / 1e4
		}
	}
	return pci.Release{Year: year, FileName: fmt.Sprintf("pci_%d.csv", year), Scores: scores, RowsRead: len(scores)}
}

// officialDir is ../shared/data/pci/vcci_raw_2005_2016 next to the module,
// found from this file so that any package's tests can use it.
func officialDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data", "pci", "vcci_raw_2005_2016")
}

var (
	parsedMu sync.Mutex
	parsed   = map[int]parsedFile{} // by year: parsing an xls takes a while, so once per test binary
)

type parsedFile struct {
	name string
	data []byte
	rels []pci.Release
}

// OpenOfficial builds a warehouse holding VCCI's own workbooks for years
// (PCI_<year>.xls or .xlsx in ../shared/data), parsed and loaded the way
// `dpi ingest pci` does. The test is skipped when the files are absent.
func OpenOfficial(t testing.TB, years ...int) *Fixture {
	t.Helper()
	w := OpenEmpty(t)
	for _, y := range years {
		p := parseOfficial(t, y)
		if _, err := w.LoadPCI(context.Background(), warehouse.PCILoad{FileName: p.name, Data: p.data, SHA256: ingest.SHA256(p.data),
			Releases: p.rels, LoadedBy: "pcitest"}); err != nil {
			t.Fatalf("load %s: %v", p.name, err)
		}
	}
	return &Fixture{Warehouse: w, DB: w.DB()}
}

func parseOfficial(t testing.TB, year int) parsedFile {
	t.Helper()
	parsedMu.Lock()
	defer parsedMu.Unlock()
	if p, ok := parsed[year]; ok {
		return p
	}
	files, _ := filepath.Glob(filepath.Join(officialDir(), fmt.Sprintf("PCI_%d.xls*", year)))
	if len(files) != 1 {
		t.Skipf("PCI_%d workbook not found in %s", year, officialDir())
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	parser, err := pci.NewParser()
	if err != nil {
		t.Fatal(err)
	}
	rels, err := parser.Parse(files[0], data, 0)
	if err != nil {
		t.Fatalf("parse %s: %v", files[0], err)
	}
	p := parsedFile{name: filepath.Base(files[0]), data: data, rels: rels}
	parsed[year] = p
	return p
}
