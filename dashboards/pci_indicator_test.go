package dashboards_test

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/pcitest"
)

// TestPCICompareIndicator compares by indicator over VCCI's own workbooks.
func TestPCICompareIndicator(t *testing.T) {
	f := pcitest.OpenOfficial(t, 2010, 2011, 2012, 2016)
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
	// values of an indicator that year, straight from the workbook's rows
	values := func(year int, code string) []float64 {
		rows, err := f.DB.Query(`SELECT value FROM pci_indicator_values WHERE year = ? AND indicator_code = ? AND value IS NOT NULL`, year, code)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []float64
		for rows.Next() {
			var v float64
			rows.Scan(&v)
			out = append(out, v)
		}
		sort.Float64s(out)
		return out
	}

	t.Run("bars of 2011 c1", func(t *testing.T) {
		c := run(dashboards.CompareQuery{Codes: []string{"01", "10"}, Chart: dashboards.ChartBar, Subindex: "entry_costs", Indicator: "c1", Year: 2011})
		if c.Indicator == nil || c.Indicator.Name != "Thời gian đăng ký kinh doanh - số ngày (Giá trị trung vị)" {
			t.Fatalf("indicator %+v", c.Indicator)
		}
		if !strings.HasSuffix(c.Query.Encode(), "&indicator=c1") {
			t.Errorf("encode %s", c.Query.Encode())
		}
		p, ok := c.Units[0].Series[0].Point(2011, "c1")
		vals := values(2011, "c1")
		higher := 0
		for _, v := range vals {
			if v > 10 {
				higher++
			}
		}
		if !ok || p.Score != 10 || p.N != len(vals) || p.Rank != higher+1 || p.RankSource != "computed" {
			t.Errorf("Hà Nội 2011 c1: %+v (want 10, n %d, rank %d)", p, len(vals), higher+1)
		}
		if len(vals) != 63 || p.Median != vals[31] {
			t.Errorf("median %v, want %v of %d", p.Median, vals[31], len(vals))
		}
		tab := c.Table("vi")
		if !strings.Contains(tab.Title, "Thời gian đăng ký kinh doanh") || *tab.Rows[0][2].Num != 10 {
			t.Errorf("table %s %+v", tab.Title, tab.Rows)
		}
		b, _ := c.Chart("vi").JSON()
		if !strings.Contains(string(b), "Thời gian đăng ký kinh doanh - số ngày") {
			t.Errorf("chart without the indicator's name: %.400s", b)
		}
		if !slices.ContainsFunc(tab.Notes, func(n string) bool { return strings.Contains(n, "các tỉnh có giá trị") }) {
			t.Errorf("notes %q", tab.Notes)
		}
	})

	t.Run("2016 oss at full precision, latest year by default", func(t *testing.T) {
		c := run(dashboards.CompareQuery{Codes: []string{"01"}, Chart: dashboards.ChartBar, Subindex: "entry_costs", Indicator: "oss"})
		if p, ok := c.Units[0].Series[0].Point(2016, "oss"); c.Query.Year != 2016 || !ok || p.Score != 0.9942857027053833 {
			t.Errorf("%d %+v", c.Query.Year, p)
		}
	})

	t.Run("a line spans the years with the same code and name", func(t *testing.T) {
		// c2 is "Thời gian đăng ký kinh doanh bổ sung" in 2011 and 2012, renamed in 2016.
		c := run(dashboards.CompareQuery{Codes: []string{"10"}, Subindex: "entry_costs", Indicator: "c2", Year: 2012})
		if !slices.Equal(c.ViewYears, []int{2011, 2012}) {
			t.Errorf("years %v", c.ViewYears)
		}
		want := []dashboards.OmittedYears{{Reason: dashboards.OmitAbsent, Years: []int{2010}}, {Reason: dashboards.OmitRenamed, Years: []int{2016}}}
		if len(c.Omitted) != 2 || !slices.Equal(c.Omitted[0].Years, want[0].Years) || c.Omitted[0].Reason != want[0].Reason ||
			!slices.Equal(c.Omitted[1].Years, want[1].Years) || c.Omitted[1].Reason != want[1].Reason {
			t.Errorf("omitted %+v", c.Omitted)
		}
		tab := c.Table("en")
		if len(tab.Columns) != 4 || tab.Columns[2].Key != "2011" || tab.Columns[3].Key != "2012" {
			t.Errorf("columns %+v", tab.Columns)
		}
		if !slices.ContainsFunc(tab.Notes, func(n string) bool { return strings.Contains(n, "names a different indicator: 2016") }) ||
			!slices.ContainsFunc(tab.Notes, func(n string) bool {
				return strings.Contains(n, "coded c2 (VCCI printed no indicator codes before 2011): 2010")
			}) {
			t.Errorf("notes %q", tab.Notes)
		}
		// a positional code stands alone
		c = run(dashboards.CompareQuery{Codes: []string{"10"}, Chart: dashboards.ChartTable, Subindex: "entry_costs", Indicator: "entry_costs_01", Year: 2010})
		if !slices.Equal(c.ViewYears, []int{2010}) || len(c.Omitted) != 1 || c.Omitted[0].Reason != dashboards.OmitPositional {
			t.Errorf("positional: %v %+v", c.ViewYears, c.Omitted)
		}
	})

	t.Run("indicators of a sub-index and year", func(t *testing.T) {
		list, err := dashboards.PCIIndicators(ctx, f.DB, 2011, "entry_costs")
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(list, func(i dashboards.Indicator) bool { return i.Code == "c1" })
		if len(list) != 7 || i < 0 || list[i].Positional() {
			t.Errorf("%+v", list)
		}
	})

	t.Run("invalid", func(t *testing.T) {
		var inv *dashboards.InvalidError
		for _, q := range []dashboards.CompareQuery{
			{Codes: []string{"10"}, Indicator: "c1"},
			{Codes: []string{"10"}, Subindex: "entry_costs", Indicator: "c1", Chart: dashboards.ChartRadar},
		} {
			if _, err := q.Normalize(ref); !errors.As(err, &inv) {
				t.Errorf("%+v: %v", q, err)
			}
		}
		for _, q := range []dashboards.CompareQuery{
			{Codes: []string{"10"}, Subindex: "entry_costs", Indicator: "c1", Year: 2016}, // c1_2005 that year
			{Codes: []string{"10"}, Subindex: "land_access", Indicator: "c1", Year: 2011},
		} {
			q, err := q.Normalize(ref)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := dashboards.PCICompare(ctx, f.DB, ref, q); !errors.As(err, &inv) || !strings.Contains(inv.EN, `no indicator with code "c1"`) {
				t.Errorf("%+v: %v", q, err)
			}
		}
	})
}
