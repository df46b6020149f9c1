package province

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// Every spelling in the official VCCI workbooks 2005–2016 resolves to the
// code the derived table gives it, in its year.
func TestResolvePCIWorkbookNames(t *testing.T) {
	r := mustLoad(t)
	rows := readShared(t, "pci/derived_pci_province_year_2005_2016.csv")
	if len(rows) != 738 {
		t.Fatalf("derived PCI table: %d rows, want 738", len(rows))
	}
	perYear := map[int]map[string]bool{}
	for _, row := range rows {
		year, err := strconv.Atoi(row["year"])
		if err != nil {
			t.Fatal(err)
		}
		p, err := r.Resolve(row["province_name_in_file"], year)
		if err != nil {
			t.Errorf("%d %q: %v", year, row["province_name_in_file"], err)
			continue
		}
		if p.Code != row["gso_code"] || p.Generation != GenerationPre2025 {
			t.Errorf("%d %q → %s %s (%s), want %s", year, row["province_name_in_file"], p.Code, p.NameVI, p.Generation, row["gso_code"])
		}
		if perYear[year] == nil {
			perYear[year] = map[string]bool{}
		}
		perYear[year][p.Code] = true
	}
	for year, codes := range perYear {
		want := 63
		switch {
		case year == 2005:
			want = 42
		case year <= 2008:
			want = 64
		}
		if len(codes) != want {
			t.Errorf("%d: %d distinct provinces, want %d", year, len(codes), want)
		}
	}
}

func TestResolve(t *testing.T) {
	r := mustLoad(t)
	for _, c := range []struct {
		name string
		year int
		code string
		gen  string
	}{
		{"Lào Cai", 2016, "10", GenerationPre2025},
		{"Lao Cai", 2024, "10", GenerationPre2025},
		{"Tỉnh Lào Cai", 2020, "10", GenerationPre2025},
		{"Lào Cai", 2025, "15", Generation2025}, // the new Lào Cai
		{"Tỉnh Lào Cai", 2026, "15", Generation2025},
		{"Yên Bái", 2024, "15", GenerationPre2025},
		{"Hà Tây", 2006, "28", GenerationPre2025},
		{"Ha Tay", 2008, "28", GenerationPre2025}, // until 2008-07-31
		{"Hà Nội", 2006, "01", GenerationPre2025},
		{"Hanoi", 2010, "01", GenerationPre2025},
		{"Thành phố Hà Nội", 2025, "01", Generation2025},
		{"Khánh Hoà", 2012, "56", GenerationPre2025},
		{"Khanh Hoa", 2025, "56", Generation2025},
		{"Hoà Bình", 2012, "17", GenerationPre2025},
		{"Hòa Bình", 2012, "17", GenerationPre2025},
		{"Thanh Hoá", 2012, "38", GenerationPre2025},
		{"Hồ Chí Minh", 2019, "79", GenerationPre2025},
		{"Thành phố Hồ Chí Minh", 2019, "79", GenerationPre2025},
		{"TP. Hồ Chí Minh", 2019, "79", GenerationPre2025},
		{"TPHCM", 2019, "79", GenerationPre2025},
		{"TP HCM", 2025, "79", Generation2025},
		{"Ho Chi Minh City", 2025, "79", Generation2025},
		{"Bà Rịa-Vũng Tàu", 2019, "77", GenerationPre2025},
		{"Bà Rịa Vũng Tàu", 2019, "77", GenerationPre2025},
		{"Thừa Thiên Huế", 2019, "46", GenerationPre2025},
		{"Thừa Thiên - Huế", 2019, "46", GenerationPre2025},
		{"Tỉnh Thừa Thiên Huế", 2019, "46", GenerationPre2025},
		{"Huế", 2019, "46", GenerationPre2025},
		{"Thành phố Huế", 2025, "46", Generation2025},
		{"TT-Huế", 2025, "46", Generation2025},
		{"Đắc Lắc", 2019, "66", GenerationPre2025},
		{"Bac Can", 2019, "06", GenerationPre2025},
		{"Đăk Nông", 2019, "67", GenerationPre2025},
		{"Điện Biên", 2004, "11", GenerationPre2025},
		{"Cần Thơ", 2025, "92", Generation2025},
		{"Thành phố Cần Thơ", 2024, "92", GenerationPre2025},
	} {
		p, err := r.Resolve(c.name, c.year)
		if err != nil {
			t.Errorf("Resolve(%q, %d): %v", c.name, c.year, err)
			continue
		}
		if p.Code != c.code || p.Generation != c.gen {
			t.Errorf("Resolve(%q, %d) = %s %s (%s), want %s (%s)", c.name, c.year, p.Code, p.NameVI, p.Generation, c.code, c.gen)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	r := mustLoad(t)
	for _, c := range []struct {
		name string
		year int
		kind error
		has  []string // substrings of the message
	}{
		{"Lao Kay", 2016, ErrUnknown, []string{`không nhận ra tỉnh "Lao Kay"`, `unknown province "Lao Kay"`, "did you mean Lào Cai?", "có phải là Lào Cai?"}},
		{"Hà Tây", 2010, ErrNotInYear, []string{`"Hà Tây"`, "2010", "2008-07-31", "Hà Nội (mã 01)", "part of Hà Nội (code 01) from 2008-08-01"}},
		{"Hà Tây", 2009, ErrNotInYear, []string{"not valid in 2009"}},
		{"Hà Tây", 2025, ErrNotInYear, []string{"Hà Nội"}},
		{"Yên Bái", 2025, ErrNotInYear, []string{`"Yên Bái"`, "part of Lào Cai (code 15) from 2025-07-01"}},
		{"Hà Giang", 2026, ErrNotInYear, []string{"Tuyên Quang (code 08)"}},
		{"Điện Biên", 2003, ErrNotInYear, []string{"valid from 2004-01-01"}},
		// the provincial capital, a district-level city, is not the province
		{"Thành phố Lào Cai", 2016, ErrUnknown, []string{"did you mean Lào Cai?"}},
		{"Sài Gòn", 2016, ErrUnknown, nil},
		{"", 2016, ErrUnknown, []string{`""`}},
		{"HN", 2016, ErrUnknown, nil},
	} {
		_, err := r.Resolve(c.name, c.year)
		if err == nil {
			t.Errorf("Resolve(%q, %d): no error", c.name, c.year)
			continue
		}
		var re *ResolveError
		if !errors.Is(err, c.kind) || !errors.As(err, &re) || re.Name != c.name || re.Year != c.year {
			t.Errorf("Resolve(%q, %d): %#v, want a *ResolveError of kind %v", c.name, c.year, err, c.kind)
		}
		msg := err.Error()
		for _, s := range c.has {
			if !strings.Contains(msg, s) {
				t.Errorf("Resolve(%q, %d): %q does not contain %q", c.name, c.year, msg, s)
			}
		}
		if c.kind == ErrUnknown && len(c.has) == 0 && strings.Contains(msg, "did you mean") {
			t.Errorf("Resolve(%q, %d): far-fetched suggestion: %s", c.name, c.year, msg)
		}
		t.Logf("%s", msg)
	}
}

// Every alias is needed (folding and the unit-type prefixes would not find
// it otherwise), resolves to its own province, and clashes with no other.
func TestAliases(t *testing.T) {
	r := mustLoad(t)
	seen := map[string]bool{}
	for _, a := range r.Aliases() {
		k := a.Generation + "|" + Fold(a.Alias)
		if seen[k] {
			t.Errorf("alias %q (%s) repeats an earlier alias after folding", a.Alias, a.Generation)
		}
		seen[k] = true
		p, _ := r.ByCode(a.Generation, a.Code)
		derived := map[string]bool{}
		for _, b := range []string{Fold(p.NameVI), Fold(p.NameASCII)} {
			derived[b] = true
			for _, pre := range prefixes(p.UnitType) {
				derived[pre+b] = true
			}
		}
		if derived[Fold(a.Alias)] {
			t.Errorf("alias %q of %s (%s) is redundant: the name already folds to it", a.Alias, p.NameVI, a.Generation)
		}
		year := 2016
		if a.Generation == Generation2025 {
			year = 2025
		}
		got, err := r.Resolve(a.Alias, year)
		if err != nil || got.Code != a.Code || got.Generation != a.Generation {
			t.Errorf("alias %q (%s): %+v, %v; want %s", a.Alias, a.Generation, got, err, a.Code)
		}
	}
}

func TestLoadIsFresh(t *testing.T) {
	a, b := mustLoad(t), mustLoad(t)
	pa := a.PreMerger()
	pa[0].NameVI = "changed"
	if a.PreMerger()[0].NameVI == "changed" || b.PreMerger()[0].NameVI == "changed" {
		t.Error("PreMerger hands out the registry's own slice")
	}
}
