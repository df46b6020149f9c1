package province

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestPreMergerMatchesShared(t *testing.T) {
	r := mustLoad(t)
	pre := r.PreMerger()
	if len(pre) != 64 {
		t.Fatalf("PreMerger: %d provinces, want 64 (63 + Hà Tây)", len(pre))
	}
	for i := 1; i < len(pre); i++ {
		if pre[i-1].Code >= pre[i].Code {
			t.Errorf("PreMerger not sorted by code at %s, %s", pre[i-1].Code, pre[i].Code)
		}
	}
	shared := readShared(t, "admin/derived_provinces_63_pre2025.csv")
	if len(shared) != 63 {
		t.Fatalf("derived_provinces_63_pre2025.csv: %d rows, want 63", len(shared))
	}
	dv := readDVHCVN(t)
	current := 0
	for _, p := range pre {
		if p.Generation != GenerationPre2025 {
			t.Errorf("%s: generation %q", p.Code, p.Generation)
		}
		if p.ValidTo.Equal(date("2025-06-30")) {
			current++
		}
	}
	if current != 63 {
		t.Errorf("%d provinces valid until 2025-06-30, want 63", current)
	}
	for _, s := range shared {
		code := s["gso_code"]
		p, ok := r.ByCode(GenerationPre2025, code)
		if !ok {
			t.Errorf("%s %s missing", code, s["name_vi"])
			continue
		}
		pci, _ := strconv.Atoi(s["pci_id"])
		for _, c := range []struct{ field, got, want string }{
			{"name_vi", p.NameVI, s["name_vi"]},
			{"name_ascii", p.NameASCII, s["name_ascii"]},
			{"unit_type", p.UnitType, s["unit_type"]},
			{"pci_id", strconv.Itoa(p.PCIID), strconv.Itoa(pci)},
			{"gso_code_old_3digit", p.OldCode3, s["gso_code_old_3digit"]},
			{"region8_vi", p.Region8VI, s["region8_vi"]},
			{"region8_en", p.Region8EN, s["region8_en"]},
			{"valid_to", p.ValidTo.Format(dateLayout), "2025-06-30"},
			// and against the GSO list the derived file was built from
			{"name_vi (dvhcvn)", p.NameVI, dv[code][0]},
			{"unit_type (dvhcvn)", p.UnitType, dv[code][1]},
			{"name_ascii (dvhcvn)", p.NameASCII, dv[code][2]},
		} {
			if c.got != c.want {
				t.Errorf("%s %s: %s = %q, want %q", code, s["name_vi"], c.field, c.got, c.want)
			}
		}
		if Fold(p.NameVI) != Fold(p.NameASCII) {
			t.Errorf("%s: name_ascii %q is not the folded %q", code, p.NameASCII, p.NameVI)
		}
	}
	if len(dv) != 63 {
		t.Errorf("dvhcvn: %d provinces, want 63", len(dv))
	}

	// Hà Tây: from the vietnamcode crosswalk, valid until its merger into Hà Nội.
	ht, ok := r.ByCode(GenerationPre2025, "28")
	if !ok || ht.NameVI != "Hà Tây" || ht.NameASCII != "Ha Tay" || ht.UnitType != UnitProvince {
		t.Fatalf("Hà Tây (28): %+v, %v", ht, ok)
	}
	if !ht.ValidTo.Equal(date("2008-07-31")) {
		t.Errorf("Hà Tây valid_to = %s, want 2008-07-31", ht.ValidTo.Format(dateLayout))
	}
	var vc map[string]string
	for _, row := range readShared(t, "admin/vietnamcode_province_id_crosswalk.csv") {
		if row["enterprise_census_c"] == "28" {
			vc = row
		}
	}
	if vc == nil {
		t.Fatal("vietnamcode crosswalk has no Hà Tây (28)")
	}
	if strconv.Itoa(ht.PCIID) != vc["pci"] || ht.OldCode3 != vc["enterprise_census_old"] || ht.NameVI != vc["province_name_diacritics"] {
		t.Errorf("Hà Tây: pci_id %d, old code %s, name %s; vietnamcode says %s, %s, %s",
			ht.PCIID, ht.OldCode3, ht.NameVI, vc["pci"], vc["enterprise_census_old"], vc["province_name_diacritics"])
	}
}

func TestValidFrom(t *testing.T) {
	r := mustLoad(t)
	want := map[string]string{"11": "2004-01-01", "12": "2004-01-01", "67": "2004-01-01", "92": "2004-01-01", "93": "2004-01-01", "28": "1991-01-01"}
	for _, p := range r.PreMerger() {
		w, ok := want[p.Code]
		if !ok {
			w = "1997-01-01"
		}
		if got := p.ValidFrom.Format(dateLayout); got != w {
			t.Errorf("%s %s: valid_from %s, want %s", p.Code, p.NameVI, got, w)
		}
	}
	for _, p := range r.PostMerger() {
		if !p.ValidFrom.Equal(date("2025-07-01")) || !p.ValidTo.IsZero() {
			t.Errorf("2025 %s %s: valid %v – %v, want 2025-07-01 – open", p.Code, p.NameVI, p.ValidFrom, p.ValidTo)
		}
	}
}

func TestPostMergerMatchesShared(t *testing.T) {
	r := mustLoad(t)
	post := r.PostMerger()
	shared := readShared(t, "admin/dvhcvn2025_915_CTK-CSCL_34_provinces.csv")
	if len(post) != 34 || len(shared) != 34 {
		t.Fatalf("PostMerger: %d, shared: %d, want 34", len(post), len(shared))
	}
	for _, s := range shared {
		code, full := s["Mã số"], s["Tên 34 tỉnh sau sáp nhập"]
		p, ok := r.ByCode(Generation2025, code)
		if !ok {
			t.Errorf("2025 %s %s missing", code, full)
			continue
		}
		name, unit := full, UnitProvince
		for _, pre := range []string{UnitCity, UnitProvince} {
			if rest, ok := strings.CutPrefix(full, pre+" "); ok {
				name, unit = rest, pre
			}
		}
		if p.NameVI != name || p.UnitType != unit || p.Generation != Generation2025 {
			t.Errorf("2025 %s: %q %q %q, want %q %q", code, p.NameVI, p.UnitType, p.Generation, name, unit)
		}
		if Fold(p.NameVI) != Fold(p.NameASCII) {
			t.Errorf("2025 %s: name_ascii %q is not the folded %q", code, p.NameASCII, p.NameVI)
		}
		if p.Region6VI != "" || p.PCIID != 0 {
			t.Errorf("2025 %s: carries pre-2025 attributes: %+v", code, p)
		}
	}
	lc, ok := r.ByCode(Generation2025, "15")
	if !ok || lc.NameVI != "Lào Cai" {
		t.Errorf("2025 code 15 = %+v, want the new Lào Cai", lc)
	}
	if _, ok := r.ByCode(Generation2025, "10"); ok {
		t.Error("2025 code 10 exists; the old Lào Cai code must not")
	}
	if old, _ := r.ByCode(GenerationPre2025, "10"); old.NameVI != "Lào Cai" {
		t.Errorf("pre2025 code 10 = %q, want Lào Cai", old.NameVI)
	}
	if old, _ := r.ByCode(GenerationPre2025, "15"); old.NameVI != "Yên Bái" {
		t.Errorf("pre2025 code 15 = %q, want Yên Bái", old.NameVI)
	}
}

func TestCrosswalkMatchesShared(t *testing.T) {
	r := mustLoad(t)
	type key struct{ gf, old, gt string }
	links := map[key][]Link{}
	for _, l := range r.Crosswalk() {
		k := key{l.GenerationFrom, l.OldCode, l.GenerationTo}
		links[k] = append(links[k], l)
	}
	shared := readShared(t, "admin/derived_province_merger_2025_old63_to_new34.csv")
	if len(shared) != 63 {
		t.Fatalf("merger file: %d rows, want 63", len(shared))
	}
	if n := len(r.Crosswalk()); n != 64 {
		t.Errorf("crosswalk: %d links, want 63 + Hà Tây", n)
	}
	for _, s := range shared {
		ls := links[key{GenerationPre2025, s["old_gso_code"], Generation2025}]
		if len(ls) != 1 {
			t.Errorf("old %s %s maps to %d new provinces, want 1", s["old_gso_code"], s["old_name"], len(ls))
			continue
		}
		l := ls[0]
		if l.NewCode != s["new_gso_code"] || l.MergeType != s["merge_type"] || !l.ValidFrom.Equal(date("2025-07-01")) {
			t.Errorf("old %s: %+v, want new %s %s from 2025-07-01", s["old_gso_code"], l, s["new_gso_code"], s["merge_type"])
		}
		p, ok := r.ByCode(Generation2025, l.NewCode)
		if !ok || "Thành phố "+p.NameVI != s["new_name"] && "Tỉnh "+p.NameVI != s["new_name"] {
			t.Errorf("old %s → new %s: %q, shared says %q", l.OldCode, l.NewCode, p.NameVI, s["new_name"])
		}
	}
	// The derived 63-province table carries the same mapping.
	for _, s := range readShared(t, "admin/derived_provinces_63_pre2025.csv") {
		ls := links[key{GenerationPre2025, s["gso_code"], Generation2025}]
		if len(ls) != 1 || ls[0].NewCode != s["new_2025_code"] {
			t.Errorf("%s: crosswalk %+v, derived_provinces says %s", s["gso_code"], ls, s["new_2025_code"])
		}
	}
	// Every 2025 province has at least one predecessor; every current
	// pre-2025 province exactly one successor.
	for _, p := range r.PostMerger() {
		n := 0
		for _, l := range r.Crosswalk() {
			if l.GenerationTo == Generation2025 && l.NewCode == p.Code {
				n++
			}
		}
		if n == 0 {
			t.Errorf("2025 %s %s has no predecessor", p.Code, p.NameVI)
		}
	}
	for _, p := range r.PreMerger() {
		if p.Code == "28" {
			continue
		}
		if ls := links[key{GenerationPre2025, p.Code, Generation2025}]; len(ls) != 1 {
			t.Errorf("pre2025 %s %s has %d successors in 2025", p.Code, p.NameVI, len(ls))
		}
	}
	// Hà Tây → Hà Nội, within the pre-2025 generation, the day after it ended.
	ht := links[key{GenerationPre2025, "28", GenerationPre2025}]
	if len(ht) != 1 || ht[0].NewCode != "01" || ht[0].MergeType != "full" || !ht[0].ValidFrom.Equal(date("2008-08-01")) {
		t.Errorf("Hà Tây link: %+v, want 28 → 01 (pre2025) full from 2008-08-01", ht)
	}
	if l := links[key{GenerationPre2025, "28", Generation2025}]; len(l) != 0 {
		t.Errorf("Hà Tây links directly into 2025: %+v", l)
	}
	if lc := links[key{GenerationPre2025, "10", Generation2025}]; len(lc) != 1 || lc[0].NewCode != "15" {
		t.Errorf("old Lào Cai 10 → %+v, want 15", lc)
	}
}

func TestRegion6(t *testing.T) {
	r := mustLoad(t)
	want := map[string]struct {
		en string
		n  int
	}{
		"Đồng bằng sông Hồng":                  {"Red River Delta", 11},
		"Trung du và miền núi phía Bắc":        {"Northern Midlands and Mountains", 14},
		"Bắc Trung Bộ và duyên hải miền Trung": {"North Central and Central Coast", 14},
		"Tây Nguyên":              {"Central Highlands", 5},
		"Đông Nam Bộ":             {"South East", 6},
		"Đồng bằng sông Cửu Long": {"Mekong River Delta", 13},
	}
	got := map[string]int{}
	for _, p := range r.PreMerger() {
		w, ok := want[p.Region6VI]
		if !ok || w.en != p.Region6EN {
			t.Errorf("%s %s: region6 %q / %q is not one of GSO's six", p.Code, p.NameVI, p.Region6VI, p.Region6EN)
		}
		if p.Region8VI == "" || p.Region8EN == "" {
			t.Errorf("%s %s: no region8", p.Code, p.NameVI)
		}
		if p.Code != "28" {
			got[p.Region6VI]++
		}
	}
	for region, w := range want {
		if got[region] != w.n {
			t.Errorf("%s: %d provinces, want %d", w.en, got[region], w.n)
		}
	}
	for code, region := range map[string]string{"10": "Trung du và miền núi phía Bắc", "22": "Đồng bằng sông Hồng", "28": "Đồng bằng sông Hồng", "46": "Bắc Trung Bộ và duyên hải miền Trung", "68": "Tây Nguyên"} {
		if p, _ := r.ByCode(GenerationPre2025, code); p.Region6VI != region {
			t.Errorf("%s %s: region6 %q, want %q", code, p.NameVI, p.Region6VI, region)
		}
	}
}
