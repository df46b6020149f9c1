package dashboards_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/pcitest"
	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/pci"
	"github.com/laocai-dpi/dpi/warehouse"
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
	m, err := dashboards.PCIMap(context.Background(), f.DB, ref, dashboards.GenPre2025, 2016, "", "rank")
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

func TestTiles34(t *testing.T) {
	f := pcitest.Open(t)
	ctx := context.Background()
	ref, err := dashboards.LoadReference(ctx, f.DB)
	if err != nil {
		t.Fatal(err)
	}
	seen, at := map[string]bool{}, map[[2]int]string{}
	for _, tile := range dashboards.Tiles34 {
		if _, ok := ref.Province(dashboards.Gen2025, tile.Code); !ok || seen[tile.Code] {
			t.Errorf("tile %s: unknown or twice", tile.Code)
		}
		if other := at[[2]int{tile.Col, tile.Row}]; other != "" {
			t.Errorf("tiles %s and %s share a square", other, tile.Code)
		}
		seen[tile.Code], at[[2]int{tile.Col, tile.Row}] = true, tile.Code
	}
	for _, p := range ref.Provinces(dashboards.Gen2025) {
		if !seen[p.Code] {
			t.Errorf("%s %s has no tile", p.Code, p.NameVI)
		}
	}
	// North at the top: a province whose predecessors lie clearly further
	// south on the 63-province grid is not drawn above one further north.
	row63 := map[string]int{}
	for _, tile := range dashboards.Tiles63 {
		row63[tile.Code] = tile.Row
	}
	south := map[string]float64{}
	for _, p := range ref.Provinces(dashboards.Gen2025) {
		for _, pre := range p.Predecessors {
			south[p.Code] += float64(row63[pre.Code]) / float64(len(p.Predecessors))
		}
	}
	for _, a := range dashboards.Tiles34 {
		for _, b := range dashboards.Tiles34 {
			if south[a.Code] >= south[b.Code]+1.5 && a.Row < b.Row {
				t.Errorf("%s (63-grid row %.1f) is drawn above %s (row %.1f)", a.Code, south[a.Code], b.Code, south[b.Code])
			}
		}
	}

	// Before 2025 each tile is split between its predecessors, each with its own figure.
	m, err := dashboards.PCIMap(ctx, f.DB, ref, dashboards.Gen2025, 2008, "", "score")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cells) != 34 || !m.Split() {
		t.Fatalf("%d cells, split %v", len(m.Cells), m.Split())
	}
	parts := map[string][]string{}
	for _, c := range m.Cells {
		if c.Value != nil {
			t.Errorf("%s has a figure of its own before 2025", c.Province.Code)
		}
		for _, p := range c.Parts {
			v := "-"
			if p.Value != nil {
				v = strconv.FormatFloat(*p.Value, 'f', -1, 64)
			}
			parts[c.Province.Code] = append(parts[c.Province.Code], p.Province.Code+"="+v)
		}
	}
	byCode := map[string]float64{}
	for _, s := range f.Release2008.Scores {
		byCode[s.ProvinceCode] = s.PCI
	}
	want := map[string]string{
		"15": "10=" + strconv.FormatFloat(byCode["10"], 'f', -1, 64) + " 15=-",
		"01": "01=" + strconv.FormatFloat(byCode["01"], 'f', -1, 64) + " 28=-", // Hà Tây existed in 2008
		"79": "74=- 77=- 79=" + strconv.FormatFloat(byCode["79"], 'f', -1, 64),
	}
	for code, w := range want {
		got := parts[code]
		slices.Sort(got)
		if strings.Join(got, " ") != w {
			t.Errorf("tile %s: %v, want %s", code, got, w)
		}
	}
	tab := m.Table("vi")
	if len(tab.Rows) != 64 || tab.Rows[0][0].Text != "15" || tab.Rows[0][2].Text != "10" || *tab.Rows[0][4].Num != byCode["10"] {
		t.Errorf("%d rows, first %+v", len(tab.Rows), tab.Rows[0])
	}
	m, err = dashboards.PCIMap(ctx, f.DB, ref, dashboards.Gen2025, 2016, "", "score")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range m.Cells {
		if c.Province.Code == "01" && len(c.Parts) != 1 {
			t.Errorf("Hà Nội 2016: %+v (Hà Tây ended in 2008)", c.Parts)
		}
	}
}

// From 2025 a tile of the 34 shows the province's own figure, whole.
func TestTiles34From2025(t *testing.T) {
	f := pcitest.Open(t)
	ctx := context.Background()
	rel := pcitest.Release2016()
	rel.Year, rel.FileName = 2025, "pci_2025.csv"
	rel.Scores[0].ProvinceCode = "15" // the new Lào Cai (old Lào Cai + Yên Bái)
	data := []byte("pcitest 2025")
	if _, err := f.Warehouse.LoadPCI(ctx, warehouse.PCILoad{FileName: rel.FileName, Data: data, SHA256: ingest.SHA256(data),
		Releases: []pci.Release{rel}, LoadedBy: "pcitest", IsSample: true}); err != nil {
		t.Fatalf("load a 2025 release: %v", err)
	}
	ref, err := dashboards.LoadReference(ctx, f.DB)
	if err != nil {
		t.Fatal(err)
	}
	m, err := dashboards.PCIMap(ctx, f.DB, ref, dashboards.Gen2025, 2025, "", "score")
	if err != nil {
		t.Fatal(err)
	}
	if m.Split() {
		t.Error("2025 is split")
	}
	for _, c := range m.Cells {
		if len(c.Parts) != 0 {
			t.Errorf("%s has parts in 2025", c.Province.Code)
		}
		if c.Province.Code == "15" && (c.Value == nil || *c.Value != rel.Scores[0].PCI || c.Class != len(m.Classes)-1) {
			t.Errorf("new Lào Cai 2025: %+v", c)
		}
	}
	if tab := m.Table("vi"); tab.Rows[0][0].Text != "15" || len(tab.Columns) != 3 {
		t.Errorf("table %+v", tab.Rows[0])
	}
	// Without a generation, the latest year's: the 34 from 2025.
	if m, err := dashboards.PCIMap(ctx, f.DB, ref, "", 0, "", "score"); err != nil || m.Compare.Query.Gen != dashboards.Gen2025 || m.Compare.Query.Year != 2025 {
		t.Errorf("default map: %v", err)
	}
	if m, err := dashboards.PCIMap(ctx, f.DB, ref, "", 2016, "", "score"); err != nil || m.Compare.Query.Gen != dashboards.GenPre2025 {
		t.Errorf("2016 map: %v", err)
	}
	var inv *dashboards.InvalidError
	if _, err := dashboards.PCIMap(ctx, f.DB, ref, dashboards.GenPre2025, 2025, "", "score"); !errors.As(err, &inv) {
		t.Errorf("the 63 in 2025: %v", err)
	}
}
