package dashboards_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/pcitest"
)

func TestPCICompare(t *testing.T) {
	f := pcitest.Open(t)
	ctx := context.Background()
	ref, err := dashboards.LoadReference(ctx, f.DB)
	if err != nil {
		t.Fatal(err)
	}
	run := func(q dashboards.CompareQuery) *dashboards.Compare {
		t.Helper()
		q, err := q.Normalize(ref)
		if err != nil {
			t.Fatal(err)
		}
		c, err := dashboards.PCICompare(ctx, f.DB, ref, q)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	t.Run("line of the composite, scores and published ranks", func(t *testing.T) {
		c := run(dashboards.CompareQuery{Codes: []string{"10", "01", "79"}})
		if c.Query.Year != 2016 || !slices.Equal(c.Years, []int{2008, 2016}) || !slices.Equal(c.SampleYears, []int{2008}) {
			t.Fatalf("year %d years %v sample %v", c.Query.Year, c.Years, c.SampleYears)
		}
		if c.Query.Encode() != "p=10,01,79&chart=line&measure=score&subindex=pci&year=2016&gen=pre2025" {
			t.Errorf("encode %s", c.Query.Encode())
		}
		for _, s := range f.Release2016.Scores {
			i := slices.IndexFunc(c.Units, func(u dashboards.Unit) bool { return u.Province.Code == s.ProvinceCode })
			p, ok := c.Units[i].Series[0].Point(2016, "pci")
			if !ok || p.Score != s.PCI || p.Rank != s.Rank || p.RankSource != "published" || p.N != 3 || p.Median != 62.7234 {
				t.Errorf("%s: %+v, want %v rank %d median 62.7234", s.ProvinceCode, p, s.PCI, s.Rank)
			}
		}
		// 2008: 01 and 79 tie on 55.1, computed ranks share 2; median 55.1.
		p, _ := c.Units[1].Series[0].Point(2008, "pci")
		if p.Rank != 2 || p.RankSource != "computed" || p.Median != 55.1 || p.Value(dashboards.MeasureDiffMedian) != 0 {
			t.Errorf("01 2008: %+v", p)
		}
		tab := c.Table("vi")
		if len(tab.Rows) != 4 || tab.Rows[3][1].Text != "Trung vị cả nước" || *tab.Rows[0][3].Num != 66.4512 || tab.Rows[0][0].Text != "10" {
			t.Errorf("table %+v", tab.Rows)
		}
		b, err := c.Chart("vi").JSON()
		if err != nil || !strings.Contains(string(b), `"renderMode":"richText"`) || !strings.Contains(string(b), `"markArea"`) {
			t.Errorf("chart %s %v", b, err)
		}
	})

	t.Run("sub-index ranks are computed per year", func(t *testing.T) {
		c := run(dashboards.CompareQuery{Codes: []string{"01"}, Subindex: "entry_costs", Measure: dashboards.MeasureRank})
		// entry_costs: 10 < 79 < 01 in 2016 (the fixture's order), so 01 ranks 1.
		p, ok := c.Units[0].Series[0].Point(2016, "entry_costs")
		if !ok || p.Rank != 1 || p.RankSource != "computed" {
			t.Errorf("%+v", p)
		}
		b, _ := c.Chart("en").JSON()
		if !strings.Contains(string(b), `"inverse":true`) {
			t.Errorf("rank axis not inverted: %s", b)
		}
	})

	t.Run("radar of a year", func(t *testing.T) {
		c := run(dashboards.CompareQuery{Codes: []string{"10"}, Chart: dashboards.ChartRadar, Year: 2008})
		if len(c.Subindices) != 10 || c.Subindices[5].Key != "soe_bias" {
			t.Fatalf("%+v", c.Subindices)
		}
		if p, ok := c.Units[0].Series[0].Point(2008, "soe_bias"); !ok || p.Score != f.Release2008.Scores[0].Subindices["soe_bias"] {
			t.Errorf("%+v", p)
		}
		if c.Chart("vi") == nil {
			t.Error("no radar")
		}
		c = run(dashboards.CompareQuery{Codes: []string{"10"}, Chart: dashboards.ChartRadar, Measure: dashboards.MeasureRank})
		if c.Chart("vi") != nil {
			t.Error("rank radar should not be drawn")
		}
	})

	t.Run("2025 provinces show their predecessors side by side", func(t *testing.T) {
		c := run(dashboards.CompareQuery{Gen: dashboards.Gen2025, Codes: []string{"15", "01"}})
		var got []string
		for _, u := range c.Units {
			for _, s := range u.Series {
				got = append(got, u.Province.Code+"<"+s.Province.Generation+"/"+s.Province.Code)
			}
		}
		want := []string{"15<pre2025/10", "15<pre2025/15", "15<2025/15", "01<pre2025/01", "01<pre2025/28", "01<2025/01"}
		if !slices.Equal(got, want) {
			t.Errorf("series %v, want %v", got, want)
		}
		if p, ok := c.Units[0].Series[0].Point(2016, "pci"); !ok || p.Score != 66.4512 {
			t.Errorf("old Lào Cai in the new Lào Cai: %+v", p)
		}
		tab := c.Table("en")
		if len(tab.Rows) != 3 || tab.Rows[0][0].Text != "15" || tab.Rows[0][2].Text != "10" || tab.Rows[1][2].Text != "01" {
			t.Errorf("rows %+v", tab.Rows)
		}
	})

	t.Run("invalid queries", func(t *testing.T) {
		for _, q := range []dashboards.CompareQuery{
			{Codes: []string{"01", "02", "04", "06", "08", "10", "11"}},
			{Codes: []string{"99"}},
			{Codes: []string{"10"}, Gen: "1990"},
			{Codes: []string{"10"}, Chart: "pie"},
			{Codes: []string{"10"}, Measure: "x"},
			{Codes: []string{"10"}, Subindex: "x"},
			{},
		} {
			var inv *dashboards.InvalidError
			if _, err := q.Normalize(ref); !errors.As(err, &inv) {
				t.Errorf("%+v: %v", q, err)
			}
		}
		q, _ := dashboards.CompareQuery{Codes: []string{"10"}, Year: 2011}.Normalize(ref)
		var inv *dashboards.InvalidError
		if _, err := dashboards.PCICompare(ctx, f.DB, ref, q); !errors.As(err, &inv) {
			t.Errorf("year not loaded: %v", err)
		}
	})
}
