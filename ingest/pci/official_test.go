package pci

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sharedData is ../shared/data as seen from this package's folder.
const sharedData = "../../../shared/data"

func officialFiles(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(sharedData, "pci/vcci_raw_2005_2016/PCI_*.xls*"))
	if len(files) == 0 {
		t.Skip("../shared/data not present")
	}
	return files
}

// derivedRow is one row of derived_pci_province_year_2005_2016.csv.
type derivedRow struct {
	year       int
	code       string
	values     map[string]float64 // sub-index keys, pci_weighted, pci_unweighted
	rank       int
	rankSource string
}

func readDerived(t testing.TB) []derivedRow {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedData, "pci/derived_pci_province_year_2005_2016.csv"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := recs[0]
	var out []derivedRow
	for _, rec := range recs[1:] {
		d := derivedRow{values: map[string]float64{}}
		for i, h := range head {
			v := rec[i]
			switch h {
			case "year":
				d.year, _ = strconv.Atoi(v)
			case "gso_code":
				d.code = v
			case "rank":
				d.rank, _ = strconv.Atoi(v)
			case "rank_source":
				d.rankSource = v
			case "province_name_in_file", "n_provinces_in_year", "source_file":
			default:
				if v != "" {
					x, err := strconv.ParseFloat(v, 64)
					if err != nil {
						t.Fatalf("derived %s=%q: %v", h, v, err)
					}
					d.values[h] = x
				}
			}
		}
		out = append(out, d)
	}
	return out
}

// sig6 compares to the 6 significant digits the derived table prints.
func sig6(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 5e-6*math.Max(math.Abs(a), math.Abs(b))+1e-12
}

func TestOfficialWorkbooksMatchDerivedTable(t *testing.T) {
	p, err := NewParser()
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]map[string]Score{}
	for _, f := range officialFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rels, err := p.Parse(f, data, 0)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if len(rels) != 1 {
			t.Fatalf("%s: %d releases", f, len(rels))
		}
		rel := rels[0]
		if !strings.Contains(filepath.Base(f), strconv.Itoa(rel.Year)) {
			t.Errorf("%s: year %d", f, rel.Year)
		}
		got[rel.Year] = map[string]Score{}
		for _, s := range rel.Scores {
			got[rel.Year][s.ProvinceCode] = s
		}
		t.Logf("%s: year %d, %d provinces, sheets %v, notes %v", filepath.Base(f), rel.Year, len(rel.Scores), rel.Sheets, rel.Notes)
	}
	rows := readDerived(t)
	if len(rows) != 738 {
		t.Fatalf("derived table has %d rows, want 738", len(rows))
	}
	perYear := map[int]int{}
	for _, d := range rows {
		perYear[d.year]++
		s, ok := got[d.year][d.code]
		if !ok {
			t.Errorf("%d %s: missing", d.year, d.code)
			continue
		}
		if !sig6(s.PCI, d.values["pci_weighted"]) {
			t.Errorf("%d %s: pci %v, want %v", d.year, d.code, s.PCI, d.values["pci_weighted"])
		}
		if s.Rank != d.rank {
			t.Errorf("%d %s: rank %d, want %d", d.year, d.code, s.Rank, d.rank)
		}
		wantSource := map[string]string{"file": "published", "computed_from_weighted_desc": "computed"}[d.rankSource]
		if s.RankSource != wantSource {
			t.Errorf("%d %s: rank source %s, want %s", d.year, d.code, s.RankSource, wantSource)
		}
		if w, ok := d.values["pci_unweighted"]; ok {
			if s.Unweighted == nil || !sig6(*s.Unweighted, w) {
				t.Errorf("%d %s: unweighted %v, want %v", d.year, d.code, s.Unweighted, w)
			}
		}
		n := 0
		for k, w := range d.values {
			if k == "pci_weighted" || k == "pci_unweighted" {
				continue
			}
			n++
			if v, ok := s.Subindices[k]; !ok || !sig6(v, w) {
				t.Errorf("%d %s: %s = %v (present %v), want %v", d.year, d.code, k, v, ok, w)
			}
		}
		if n != len(s.Subindices) {
			t.Errorf("%d %s: %d sub-indices, derived has %d", d.year, d.code, len(s.Subindices), n)
		}
	}
	for y, n := range perYear {
		if len(got[y]) != n {
			t.Errorf("%d: %d provinces loaded, derived has %d", y, len(got[y]), n)
		}
	}
}
