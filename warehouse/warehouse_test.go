package warehouse

import (
	"context"
	"io/fs"
	"testing"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/pci"
	dpisql "github.com/laocai-dpi/dpi/sql"
)

func count(t *testing.T, w *Warehouse, q string) int {
	t.Helper()
	var n int
	if err := w.DB().QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestOpenMigratesAndSeedsReference(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]int{
		"SELECT count(*) FROM provinces WHERE generation = 'pre2025'":                                                  64,
		"SELECT count(*) FROM provinces WHERE generation = '2025'":                                                     34,
		"SELECT count(*) FROM province_crosswalk":                                                                      64,
		"SELECT count(*) FROM province_crosswalk WHERE old_code = '10' AND new_code = '15' AND generation_to = '2025'": 1,
		"SELECT count(*) FROM pci_subindices WHERE period = '2013-'":                                                   10,
	}
	migrations, _ := fs.Glob(dpisql.FS, "migrations/*.sql")
	checks["SELECT count(*) FROM schema_migrations"] = len(migrations)
	for q, want := range checks {
		if got := count(t, w, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
	w.Close()
	// Reopening applies nothing twice.
	w, err = Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if got := count(t, w, "SELECT count(*) FROM provinces"); got != 98 {
		t.Errorf("after reopen: %d provinces", got)
	}
}

func TestLoadIsAtomic(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	data := []byte("two releases")
	good := pci.Release{Year: 2016, Scores: []pci.Score{{ProvinceCode: "10", NameInFile: "Lào Cai", PCI: 60, Rank: 1, RankSource: "published", Subindices: map[string]float64{"entry_costs": 7}}}}
	// The second release repeats a province: the primary key fails mid-load.
	bad := pci.Release{Year: 2015, Scores: []pci.Score{
		{ProvinceCode: "10", PCI: 60, Rank: 1, RankSource: "published"},
		{ProvinceCode: "10", PCI: 61, Rank: 2, RankSource: "published"},
	}}
	_, err = w.LoadPCI(ctx, PCILoad{FileName: "x.csv", Data: data, SHA256: ingest.SHA256(data), Releases: []pci.Release{good, bad}, LoadedBy: "test"})
	if err == nil {
		t.Fatal("load with a duplicate province succeeded")
	}
	for _, tbl := range []string{"pci_releases", "pci_release_scores", "pci_release_subindex_scores", "ingest_log"} {
		if n := count(t, w, "SELECT count(*) FROM "+tbl); n != 0 {
			t.Errorf("%s has %d rows after a failed load", tbl, n)
		}
	}
	res, err := w.LoadPCI(ctx, PCILoad{FileName: "x.csv", Data: data, SHA256: ingest.SHA256(data), Releases: []pci.Release{good}, LoadedBy: "test"})
	if err != nil || res.Outcome != OutcomeLoaded {
		t.Fatalf("%v %+v", err, res)
	}
	if n := count(t, w, "SELECT count(*) FROM pci_subindex_scores WHERE weight = 5"); n != 1 {
		t.Errorf("weight join: %d", n)
	}
}
