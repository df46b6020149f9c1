package business

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The admin_*.csv reference files are extracted from the shared GSO-based
// lists by this test:
//
//	go test ./ingest/business -run TestAdminRefMatchesShared -update-admin-ref
//
// rewrites them; without the flag it checks that the committed files are
// exactly what the shared files give.
var updateAdminRef = flag.Bool("update-admin-ref", false, "rewrite sql/ref/admin_*.csv from ../shared/data/admin")

const sharedData = "../../../shared/data"

func sharedFile(t *testing.T, rel string) string {
	t.Helper()
	if _, err := os.Stat(sharedData); os.IsNotExist(err) {
		t.Skipf("%s is absent", sharedData)
	}
	return filepath.Join(sharedData, filepath.FromSlash(rel))
}

// admNode is a node of dvhcvn_20250301_sorted_pre_merger.json:
// [code, name, type, ascii, children].
type admNode struct {
	Code, Name, Type, ASCII string
	Children                []admNode
}

func (n *admNode) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	for i, dst := range []*string{&n.Code, &n.Name, &n.Type, &n.ASCII} {
		if i < len(raw) {
			if err := json.Unmarshal(raw[i], dst); err != nil {
				return err
			}
		}
	}
	if len(raw) > 4 {
		return json.Unmarshal(raw[4], &n.Children)
	}
	return nil
}

type admMerges struct {
	Data []struct {
		Level1ID string `json:"level1_id"`
		Name     string `json:"name"`
		Merges   []struct {
			OldID string `json:"old_id"`
			Type  string `json:"type"`
		} `json:"merges"`
		Level2s []struct {
			Level2ID string `json:"level2_id"`
			Name     string `json:"name"`
			Merges   []struct {
				OldID string `json:"old_id"`
				Name  string `json:"name"`
				Type  string `json:"type"`
			} `json:"merges"`
		} `json:"level2s"`
	} `json:"data"`
}

type admSplits struct {
	Data []struct {
		Level1ID string `json:"level1_id"`
		Level3s  []struct {
			Level3ID string `json:"level3_id"`
			Name     string `json:"name"`
			Splits   []struct {
				NewID string `json:"new_id"`
			} `json:"splits"`
		} `json:"level3s"`
	} `json:"data"`
}

func readJSON(t *testing.T, rel string, v any) {
	t.Helper()
	b, err := os.ReadFile(sharedFile(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

// asciiName drops diacritics, keeping case: "Đồng Tâm" → "Dong Tam".
func asciiName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		case r == 'Đ':
			b.WriteRune('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// splitUnitPrefix splits "Phường Cốc Lếu" into ("Phường", "Cốc Lếu").
func splitUnitPrefix(s string) (unitType, name string) {
	for _, p := range []string{"Thị trấn", "Phường", "Xã", "Đặc khu"} {
		if rest, ok := strings.CutPrefix(s, p+" "); ok {
			return p, rest
		}
	}
	return "", s
}

// adminTables builds the four admin_*.csv files from the shared lists.
func adminTables(t *testing.T) map[string][][]string {
	t.Helper()
	var pre []admNode
	readJSON(t, "admin/dvhcvn_20250301_sorted_pre_merger.json", &pre)
	var merges admMerges
	readJSON(t, "admin/dvhcvn2025_mapping_merges_new_to_old.json", &merges)
	var splits admSplits
	readJSON(t, "admin/dvhcvn2025_mapping_splits_old_to_new.json", &splits)

	districts := [][]string{{"province_code", "district_code", "name_vi", "unit_type", "name_ascii"}}
	communes := [][]string{{"province_code", "district_code", "commune_code", "name_vi", "unit_type", "name_ascii"}}
	oldCommunes := map[string]bool{}
	for _, p := range pre {
		if p.Code != ProvinceLaoCaiPre2025 && p.Code != ProvinceYenBaiPre2025 {
			continue
		}
		ds := slices.Clone(p.Children)
		slices.SortFunc(ds, func(a, b admNode) int { return strings.Compare(a.Code, b.Code) })
		for _, d := range ds {
			districts = append(districts, []string{p.Code, d.Code, d.Name, d.Type, d.ASCII})
			cs := slices.Clone(d.Children)
			slices.SortFunc(cs, func(a, b admNode) int { return strings.Compare(a.Code, b.Code) })
			for _, c := range cs {
				communes = append(communes, []string{p.Code, d.Code, c.Code, c.Name, c.Type, c.ASCII})
				oldCommunes[c.Code] = true
			}
		}
	}

	new2025 := [][]string{{"province_code", "commune_code", "name_vi", "unit_type", "name_ascii"}}
	var links [][]string
	for _, p := range merges.Data {
		if p.Level1ID != ProvinceLaoCai2025 {
			continue
		}
		for _, c := range p.Level2s {
			typ, name := splitUnitPrefix(c.Name)
			if typ == "" {
				t.Fatalf("2025 commune %s %q has no unit prefix", c.Level2ID, c.Name)
			}
			new2025 = append(new2025, []string{p.Level1ID, c.Level2ID, name, typ, asciiName(name)})
			for _, m := range c.Merges {
				if !oldCommunes[m.OldID] {
					t.Errorf("2025 commune %s merges %s %q, which is not a commune of pre-2025 provinces 10 or 15", c.Level2ID, m.OldID, m.Name)
				}
				links = append(links, []string{m.OldID, c.Level2ID, m.Type})
			}
		}
	}
	slices.SortFunc(new2025[1:], func(a, b []string) int { return strings.Compare(a[1], b[1]) })
	slices.SortFunc(links, func(a, b []string) int {
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return strings.Compare(a[1], b[1])
	})

	// The splits file (old → new) must say the same as the merges file.
	fromSplits := map[[2]string]bool{}
	for _, p := range splits.Data {
		if p.Level1ID != ProvinceLaoCaiPre2025 && p.Level1ID != ProvinceYenBaiPre2025 {
			continue
		}
		for _, c := range p.Level3s {
			for _, s := range c.Splits {
				fromSplits[[2]string{c.Level3ID, s.NewID}] = true
			}
		}
	}
	for _, l := range links {
		if !fromSplits[[2]string{l[0], l[1]}] {
			t.Errorf("crosswalk %s → %s is in merges.json but not in splits.json", l[0], l[1])
		}
		delete(fromSplits, [2]string{l[0], l[1]})
	}
	for k := range fromSplits {
		t.Errorf("crosswalk %s → %s is in splits.json but not in merges.json", k[0], k[1])
	}
	return map[string][][]string{
		"admin_districts_pre2025.csv":      districts,
		"admin_communes_pre2025.csv":       communes,
		"admin_communes_2025.csv":          new2025,
		"admin_commune_crosswalk_2025.csv": append([][]string{{"old_commune_code", "new_commune_code", "merge_type"}}, links...),
	}
}

func csvBytes(t *testing.T, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestAdminRefMatchesShared(t *testing.T) {
	tables := adminTables(t)
	names := make([]string, 0, len(tables))
	for name := range tables {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		want := csvBytes(t, tables[name])
		path := filepath.Join("..", "..", "sql", "ref", name)
		if *updateAdminRef {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what ../shared/data/admin gives; rerun with -update-admin-ref and review the diff", name)
		}
	}
}

// TestAdminRefCounts checks the facts SOURCES.md states, on the committed
// files as LoadRef reads them: 9 + 9 districts, Lào Cai's 9 districts as in
// derived_lao_cai_districts_pre2025.csv, 151 + 168 old communes, 99 new ones,
// every old commune mapped.
func TestAdminRefCounts(t *testing.T) {
	r := mustRef(t)
	ds := r.Districts()
	count := map[string]int{}
	for _, d := range ds {
		count[d.ProvinceCode]++
	}
	if count["10"] != 9 || count["15"] != 9 || len(ds) != 18 {
		t.Errorf("districts per province %v, want 9 and 9", count)
	}
	// Lào Cai's districts against the derived list (codes, names, types,
	// commune counts).
	f, err := os.Open(sharedFile(t, "admin/derived_lao_cai_districts_pre2025.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	perDistrict := map[string]int{}
	for _, c := range r.CommunesPre2025() {
		perDistrict[c.DistrictCode]++
	}
	if len(recs) != 10 {
		t.Fatalf("derived list has %d rows, want 9 + header", len(recs)-1)
	}
	for _, rec := range recs[1:] {
		d, ok := r.district(rec[1])
		if !ok {
			t.Errorf("district %s %s missing", rec[1], rec[2])
			continue
		}
		if d.ProvinceCode != rec[0] || d.NameVI != rec[2] || d.UnitType != rec[3] || d.NameASCII != rec[4] {
			t.Errorf("district %s: %+v, derived list says %q", rec[1], d, rec)
		}
		if n := perDistrict[rec[1]]; strconv.Itoa(n) != rec[5] {
			t.Errorf("district %s has %d communes, derived list says %s", rec[1], n, rec[5])
		}
	}
	count = map[string]int{}
	for _, c := range r.CommunesPre2025() {
		count[c.ProvinceCode]++
	}
	if count["10"] != 151 || count["15"] != 168 {
		t.Errorf("pre-2025 communes per province %v, want 151 and 168", count)
	}
	if n := len(r.Communes2025()); n != 99 {
		t.Errorf("new Lào Cai has %d communes, want 99", n)
	}
	mapped := map[string]bool{}
	for _, l := range r.CommuneCrosswalk() {
		mapped[l.OldCode] = true
	}
	for _, c := range r.CommunesPre2025() {
		if !mapped[c.Code] {
			t.Errorf("old commune %s %s has no 2025 commune", c.Code, c.NameVI)
		}
	}
}
