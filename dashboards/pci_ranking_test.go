package dashboards_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/pcitest"
	"github.com/laocai-dpi/dpi/ingest/pci"
)

func TestPCIRanking(t *testing.T) {
	f := pcitest.Open(t)
	ctx := context.Background()
	cat, err := pci.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("latest year by default", func(t *testing.T) {
		r, err := dashboards.PCIRanking(ctx, f.DB, 0)
		if err != nil {
			t.Fatal(err)
		}
		if r.Year != 2016 || !slices.Equal(r.Years, []int{2016, 2008}) {
			t.Fatalf("year %d, years %v; want 2016, [2016 2008]", r.Year, r.Years)
		}
		if r.IsSample || r.AnyComputed() {
			t.Errorf("2016: IsSample %v AnyComputed %v, want false false", r.IsSample, r.AnyComputed())
		}
		checkSubindices(t, r, cat.ForYear(2016))
		checkRows(t, r, f.Release2016, []string{"10", "79", "01"})
	})

	t.Run("computed ranks, ties by code, sample", func(t *testing.T) {
		r, err := dashboards.PCIRanking(ctx, f.DB, 2008)
		if err != nil {
			t.Fatal(err)
		}
		if !r.IsSample || !r.AnyComputed() {
			t.Errorf("2008: IsSample %v AnyComputed %v, want true true", r.IsSample, r.AnyComputed())
		}
		checkSubindices(t, r, cat.ForYear(2008))
		checkRows(t, r, f.Release2008, []string{"10", "01", "79"})
	})

	t.Run("unknown year", func(t *testing.T) {
		for _, y := range []int{2020, -1, 1} {
			if _, err := dashboards.PCIRanking(ctx, f.DB, y); !errors.Is(err, dashboards.ErrNotFound) {
				t.Errorf("year %d: err %v, want ErrNotFound", y, err)
			}
		}
	})
}

func TestPCIRankingEmptyWarehouse(t *testing.T) {
	w := pcitest.OpenEmpty(t)
	if _, err := dashboards.PCIRanking(context.Background(), w.DB(), 0); !errors.Is(err, dashboards.ErrNotFound) {
		t.Fatalf("err %v, want ErrNotFound", err)
	}
}

// checkSubindices pins the catalogue order (the view has no ordinal column).
func checkSubindices(t *testing.T, r *dashboards.Ranking, want []pci.Subindex) {
	t.Helper()
	if len(r.Subindices) != len(want) {
		t.Fatalf("%d sub-indices, want %d", len(r.Subindices), len(want))
	}
	for i, s := range r.Subindices {
		w := want[i]
		if s.Key != w.Key || s.NameVI != w.NameVI || s.NameEN != w.NameEN || s.Weight == nil || *s.Weight != w.Weight {
			t.Errorf("sub-index %d: %+v, want %+v", i, s, w)
		}
	}
}

func checkRows(t *testing.T, r *dashboards.Ranking, rel pci.Release, order []string) {
	t.Helper()
	var got []string
	for _, row := range r.Rows {
		got = append(got, row.ProvinceCode)
	}
	if !slices.Equal(got, order) {
		t.Fatalf("order %v, want %v", got, order)
	}
	for _, s := range rel.Scores {
		i := slices.Index(got, s.ProvinceCode)
		row := r.Rows[i]
		if row.PCI != s.PCI || row.Rank != s.Rank || row.RankSource != s.RankSource || row.ProvinceName != pcitest.Names[s.ProvinceCode] {
			t.Errorf("%s: %+v, want %+v", s.ProvinceCode, row, s)
		}
		if len(row.Subindices) != len(s.Subindices) {
			t.Errorf("%s: %d sub-indices, want %d", s.ProvinceCode, len(row.Subindices), len(s.Subindices))
		}
		for k, v := range s.Subindices {
			if p := row.Subindices[k]; p == nil || *p != v {
				t.Errorf("%s %s: %v, want %v", s.ProvinceCode, k, p, v)
			}
		}
	}
}
