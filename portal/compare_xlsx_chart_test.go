package portal_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"
)

// xlsxChart is what a reader of the xlsx's chart XML sees: the chart's kind
// and, per series, the cells of its name, categories and values.
type xlsxChart struct {
	Kind     string
	Reversed bool
	Series   [][3]string // name, categories, values
}

func readXLSXChart(t *testing.T, body string) *xlsxChart {
	t.Helper()
	zr, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/charts/chart") {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		var doc struct {
			PlotArea struct {
				Charts []struct {
					XMLName xml.Name
					Ser     []struct {
						Tx  string `xml:"tx>strRef>f"`
						Cat string `xml:"cat>strRef>f"`
						Val string `xml:"val>numRef>f"`
					} `xml:"ser"`
				} `xml:",any"`
				ValAx []struct {
					Orientation struct {
						Val string `xml:"val,attr"`
					} `xml:"scaling>orientation"`
				} `xml:"valAx"`
			} `xml:"chart>plotArea"`
		}
		if err := xml.NewDecoder(bytes.NewReader(b)).Decode(&doc); err != nil {
			t.Fatal(err)
		}
		c := &xlsxChart{}
		for _, ch := range doc.PlotArea.Charts {
			if !strings.HasSuffix(ch.XMLName.Local, "Chart") {
				continue
			}
			c.Kind = ch.XMLName.Local
			for _, s := range ch.Ser {
				c.Series = append(c.Series, [3]string{s.Tx, s.Cat, s.Val})
			}
		}
		for _, ax := range doc.PlotArea.ValAx {
			c.Reversed = c.Reversed || ax.Orientation.Val == "maxMin"
		}
		return c
	}
	return nil
}

// The native chart of a compare download follows the view: a line per
// province over the years, bars by province, a radar shape per province.
func TestCompareXLSXChartFollowsTheView(t *testing.T) {
	srv, _ := newServer(t)
	const d = "'Dữ liệu'!"
	for _, tc := range []struct {
		view     string
		kind     string
		reversed bool
		series   [][3]string
	}{
		{"p=10,01,79&chart=line&measure=score&subindex=pci", "lineChart", false, [][3]string{ // columns: code, province, 2008, 2016
			{d + "$B$2", d + "$C$1:$D$1", d + "$C$2:$D$2"},
			{d + "$B$3", d + "$C$1:$D$1", d + "$C$3:$D$3"},
			{d + "$B$4", d + "$C$1:$D$1", d + "$C$4:$D$4"},
			{d + "$B$5", d + "$C$1:$D$1", d + "$C$5:$D$5"}, // the national median
		}},
		{"p=10,01&chart=line&measure=rank&subindex=entry_costs", "lineChart", true, [][3]string{
			{d + "$B$2", d + "$C$1:$D$1", d + "$C$2:$D$2"},
			{d + "$B$3", d + "$C$1:$D$1", d + "$C$3:$D$3"},
		}},
		{"p=10,01,79&chart=bar&measure=score&subindex=pci&year=2016", "barChart", false, [][3]string{
			{d + "$C$1", d + "$B$2:$B$5", d + "$C$2:$C$5"},
		}},
		{"p=10,79&chart=radar&measure=score&year=2016", "radarChart", false, [][3]string{ // ten sub-indices, C to L
			{d + "$B$2", d + "$C$1:$L$1", d + "$C$2:$L$2"},
			{d + "$B$3", d + "$C$1:$L$1", d + "$C$3:$L$3"},
			{d + "$B$4", d + "$C$1:$L$1", d + "$C$4:$L$4"},
		}},
		{"p=15&chart=line&measure=score&subindex=pci&gen=2025", "lineChart", false, [][3]string{ // new code and name first
			{d + "$D$2", d + "$E$1:$F$1", d + "$E$2:$F$2"},
			{d + "$D$3", d + "$E$1:$F$1", d + "$E$3:$F$3"},
		}},
	} {
		r := get(t, srv, "/pci/compare.xlsx?"+tc.view)
		if r.Status != 200 {
			t.Fatalf("%s: %d %s", tc.view, r.Status, r.Body)
		}
		c := readXLSXChart(t, r.Body)
		if c == nil {
			t.Errorf("%s: no chart", tc.view)
			continue
		}
		if c.Kind != tc.kind || c.Reversed != tc.reversed || !slices.Equal(c.Series, tc.series) {
			t.Errorf("%s:\n got %s reversed %v %q\nwant %s reversed %v %q", tc.view, c.Kind, c.Reversed, c.Series, tc.kind, tc.reversed, tc.series)
		}
	}
	// A table is not a chart, nor is a rank radar (the page draws neither).
	for _, view := range []string{"p=10&chart=table", "p=10&chart=radar&measure=rank"} {
		if c := readXLSXChart(t, get(t, srv, "/pci/compare.xlsx?"+view).Body); c != nil {
			t.Errorf("%s: a chart %+v", view, c)
		}
	}
}
