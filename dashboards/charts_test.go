package dashboards_test

import (
	"context"
	"slices"
	"testing"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/pcitest"
)

// A chart's PNG download is named after the view and carries its notes.
func TestChartExport(t *testing.T) {
	f := pcitest.Open(t)
	ctx := context.Background()
	ref, err := dashboards.LoadReference(ctx, f.DB)
	if err != nil {
		t.Fatal(err)
	}
	q, err := dashboards.CompareQuery{Codes: []string{"10", "01"}, Gen: dashboards.GenPre2025, Measure: dashboards.MeasureRank}.Normalize(ref)
	if err != nil {
		t.Fatal(err)
	}
	c, err := dashboards.PCICompare(ctx, f.DB, ref, q)
	if err != nil {
		t.Fatal(err)
	}
	ch := c.Chart("vi")
	if name := ch.Option.Toolbox.Feature.SaveAsImage.Name; name != "thu-hang-diem-pci-2008-2016" {
		t.Errorf("image name %q (title %q)", name, ch.Option.Title.Title)
	}
	if got, want := ch.Option.FooterLines(), c.Table("vi").Notes; len(want) < 2 || !slices.Equal(got, want) {
		t.Errorf("footer %q, want the table's notes %q", got, want)
	}
	o := ch.Option
	o.Footer(nil)
	if o.Graphic != nil || o.FooterLines() != nil {
		t.Errorf("footer not removed: %+v", o.Graphic)
	}
}
