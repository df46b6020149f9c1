package dashboards_test

import (
	"context"
	"testing"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/pcitest"
)

func TestTiles63(t *testing.T) {
	f := pcitest.Open(t)
	ref, err := dashboards.LoadReference(context.Background(), f.DB)
	if err != nil {
		t.Fatal(err)
	}
	seen, at := map[string]bool{}, map[[2]int]string{}
	for _, tile := range dashboards.Tiles63 {
		if _, ok := ref.Province(dashboards.GenPre2025, tile.Code); !ok || seen[tile.Code] {
			t.Errorf("tile %s: unknown or twice", tile.Code)
		}
		if other := at[[2]int{tile.Col, tile.Row}]; other != "" {
			t.Errorf("tiles %s and %s share a square", other, tile.Code)
		}
		seen[tile.Code], at[[2]int{tile.Col, tile.Row}] = true, tile.Code
	}
	for _, p := range ref.Provinces(dashboards.GenPre2025) {
		if !seen[p.Code] {
			t.Errorf("%s %s has no tile", p.Code, p.NameVI)
		}
	}
	m, err := dashboards.PCIMap(context.Background(), f.DB, ref, 2016, "", "rank")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cells) != 63 { // Hà Tây has no tile after 2008
		t.Errorf("%d cells", len(m.Cells))
	}
	tab := m.Table("vi")
	if tab.Rows[0][0].Text != "10" || *tab.Rows[0][2].Num != 1 || tab.Rows[3][2].Num != nil {
		t.Errorf("rows %+v", tab.Rows[:4])
	}
	for _, c := range m.Cells {
		if c.Province.Code == "10" && m.Classes[c.Class].Fill != "#08519c" {
			t.Errorf("rank 1 should be darkest: %+v", m.Classes[c.Class])
		}
	}
}
