package dashboards_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/pcitest"
)

func TestPCIProvinceProfile(t *testing.T) {
	f := pcitest.Open(t)
	ctx := context.Background()
	ref, err := dashboards.LoadReference(ctx, f.DB)
	if err != nil {
		t.Fatal(err)
	}
	p, err := dashboards.PCIProvinceProfile(ctx, f.DB, ref, "10", 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.Year != 2016 || !slices.Equal(p.Years, []int{2008, 2016}) || p.Successor == nil || p.Successor.Code != "15" {
		t.Fatalf("year %d years %v successor %+v", p.Year, p.Years, p.Successor)
	}
	if s := p.Scores["10"][2008]; s.Rank != 1 || s.RankSource != "computed" || s.PCI != 60.0731 || s.N != 3 {
		t.Errorf("2008: %+v", s)
	}
	// Radar 2016: Lào Cai is the top province; the median of three is the middle one (79).
	r := p.Radar
	if r.TopCode != "10" || len(r.Subindices) != 10 || *r.Median[0] != f.Release2016.Scores[1].Subindices["entry_costs"] {
		t.Errorf("radar top %s median %v", r.TopCode, *r.Median[0])
	}
	// Region: Lào Cai is alone in the northern mountains in the fixture.
	if *r.Region[0] != *r.Province[0] || r.RegionName.Key != "northern-midlands-and-mountains" {
		t.Errorf("region %v %+v", *r.Region[0], r.RegionName)
	}
	if !slices.ContainsFunc(p.Keys, func(s dashboards.SubindexInfo) bool { return s.Key == "soe_bias" }) ||
		!slices.ContainsFunc(p.Keys, func(s dashboards.SubindexInfo) bool { return s.Key == "policy_bias" }) {
		t.Errorf("keys %+v", p.Keys)
	}
	tab := p.Table("vi")
	if len(tab.Rows) != 2 || tab.Rows[0][3].Note != "computed" {
		t.Errorf("table %+v", tab.Rows)
	}
	if c := p.CompositeChart("vi"); len(c.Option.YAxis) != 2 || c.Option.YAxis[1].Inverse == nil || !*c.Option.YAxis[1].Inverse {
		t.Error("rank axis should be inverted")
	}
	// Hà Nội lists Hà Tây (merged 2008) as a separate series.
	h, err := dashboards.PCIProvinceProfile(ctx, f.DB, ref, "01", 2008)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.MergedFrom) != 1 || h.MergedFrom[0].Code != "28" {
		t.Errorf("merged from %+v", h.MergedFrom)
	}
	for _, bad := range []string{"99", "28", "x"} { // 28 has no figures in the fixture
		if _, err := dashboards.PCIProvinceProfile(ctx, f.DB, ref, bad, 0); !errors.Is(err, dashboards.ErrNotFound) {
			t.Errorf("%s: %v", bad, err)
		}
	}
	var inv *dashboards.InvalidError
	if _, err := dashboards.PCIProvinceProfile(ctx, f.DB, ref, "10", 2011); !errors.As(err, &inv) {
		t.Errorf("2011: %v", err)
	}
}
