package portal_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// The map of the 34 provinces: before 2025 each tile is split between its
// predecessors, each coloured by its own figure.
func TestMap34(t *testing.T) {
	srv, _ := newServer(t)
	r := get(t, srv, "/pci/map?gen=2025&year=2016&subindex=pci&measure=score")
	if r.Status != 200 {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	mustContain(t, r.Body, `<option value="2025" selected>34 tỉnh, thành phố (từ 1/7/2025)</option>`, `id="split-note"`,
		"Lào Cai — Lào Cai: 66,45; Yên Bái: —", // the new Lào Cai: old Lào Cai's figure, Yên Bái's part empty
		"Hồ Chí Minh — Bình Dương: —; Bà Rịa - Vũng Tàu: —; Hồ Chí Minh: 62,72",
		`<a href="/pci/province/10" class="part">`,
		`href="/pci/map.xlsx?year=2016&amp;subindex=pci&amp;measure=score&amp;gen=2025"`,
		"không có số liệu gộp")
	if n := strings.Count(r.Body, `<g class="split">`); n != 34 {
		t.Errorf("%d split tiles, want 34", n)
	}

	api := get(t, srv, "/api/v1/pci/map?gen=2025&year=2016")
	var out struct {
		Gen       string
		Provinces []struct {
			Code  string
			Value *float64
			Parts []struct {
				Code  string
				Value *float64
			}
		}
	}
	if err := json.Unmarshal([]byte(api.Body), &out); err != nil {
		t.Fatal(err)
	}
	for _, p := range out.Provinces {
		if p.Value != nil {
			t.Errorf("%s: a combined figure %v", p.Code, *p.Value)
		}
		if p.Code == "15" && (len(p.Parts) != 2 || p.Parts[0].Code != "10" || p.Parts[0].Value == nil || *p.Parts[0].Value != 66.4512 || p.Parts[1].Value != nil) {
			t.Errorf("Lào Cai: %+v", p.Parts)
		}
	}
	if out.Gen != "2025" || len(out.Provinces) != 34 {
		t.Errorf("gen %s, %d provinces", out.Gen, len(out.Provinces))
	}

	csv := get(t, srv, "/pci/map.csv?gen=2025&year=2016&lang=en").Body
	if !strings.Contains(csv, "Province code (from 1 July 2025)") || !strings.Contains(csv, `"15",Lào Cai,"10",Lào Cai,66.4512`) {
		t.Errorf("csv %.600s", csv)
	}
	if r := get(t, srv, "/pci/map?gen=2025&year=2016&lang=en"); !strings.Contains(r.Body, "never a combined one") {
		t.Error("english note missing")
	}
	if r := get(t, srv, "/pci/map?gen=1990"); r.Status != 400 {
		t.Errorf("bad gen: %d", r.Status)
	}
}
