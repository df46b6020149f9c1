package pci

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Layouts VCCI has not used yet must still load when their meaning is plain,
// and be refused, not guessed, when it is not.

var keys2013 = []string{"entry_costs", "land_access", "transparency", "time_costs", "informal_charges",
	"policy_bias", "proactivity", "business_support", "labor_training", "legal_institutions"}

// fakeScores gives every pre-2025 province deterministic figures.
func fakeScores(p *Parser, year int) (codes, names []string, subs [][]float64, pci []float64) {
	for i, prov := range p.Registry.PreMerger() {
		if !prov.ValidIn(year) {
			continue
		}
		codes = append(codes, prov.Code)
		names = append(names, prov.NameVI)
		var row []float64
		total := 0.0
		for j := range keys2013 {
			v := 3 + math.Mod(float64(i*7+j*3), 60)/10 + 0.123456789
			row = append(row, v)
			total += v
		}
		subs = append(subs, row)
		pci = append(pci, total+0.000123456789)
	}
	return
}

func xlsxBytes(t *testing.T, build func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	build(f)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestNewLayoutEnglishRowsWithTitleAndNotes(t *testing.T) {
	p, err := NewParser()
	if err != nil {
		t.Fatal(err)
	}
	codes, names, subs, pci := fakeScores(p, 2019)
	data := xlsxBytes(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "Cover")
		f.SetCellStr("Cover", "A1", "The Provincial Competitiveness Index 2019")
		f.NewSheet("PCI2019 Results")
		s := "PCI2019 Results"
		f.SetCellStr(s, "A1", "PCI 2019 — results by province")
		f.SetCellStr(s, "A2", "Source: VCCI")
		head := []any{"Rank 2019", "Province/City", "Entry Costs", "Land Access", "Transparency", "Time Costs",
			"Informal Charges", "Policy Bias", "Proactivity", "Business Support Services", "Labor Policy",
			"Law & Order", "PCI 2019 score"}
		f.SetSheetRow(s, "A4", &head)
		// Sorted by score, highest first, ranks 1..N.
		order := make([]int, len(codes))
		for i := range order {
			order[i] = i
		}
		for i := range order {
			for j := i + 1; j < len(order); j++ {
				if pci[order[j]] > pci[order[i]] {
					order[i], order[j] = order[j], order[i]
				}
			}
		}
		for r, i := range order {
			row := []any{r + 1, names[i]}
			for _, v := range subs[i] {
				row = append(row, v)
			}
			row = append(row, pci[i])
			f.SetSheetRow(s, fmt.Sprintf("A%d", r+5), &row)
		}
		n := len(order) + 5
		f.SetCellStr(s, fmt.Sprintf("B%d", n+1), "Median")
		f.SetCellFloat(s, fmt.Sprintf("M%d", n+1), 60, -1, 64)
		f.SetCellStr(s, fmt.Sprintf("A%d", n+3), "Note: sub-indices on a 10-point scale.")
	})
	rels, err := p.Parse("pci-results.xlsx", data, 0)
	if err != nil {
		t.Fatal(err)
	}
	rel := rels[0]
	if rel.Year != 2019 || len(rel.Scores) != 63 {
		t.Fatalf("year %d, %d provinces", rel.Year, len(rel.Scores))
	}
	byCode := map[string]Score{}
	for _, s := range rel.Scores {
		byCode[s.ProvinceCode] = s
	}
	for i, c := range codes {
		s := byCode[c]
		if !near(s.PCI, pci[i]) || s.RankSource != "published" {
			t.Errorf("%s: pci %v (%s), want %v", c, s.PCI, s.RankSource, pci[i])
		}
		for j, k := range keys2013 {
			if !near(s.Subindices[k], subs[i][j]) {
				t.Errorf("%s %s = %v, want %v", c, k, s.Subindices[k], subs[i][j])
			}
		}
	}
}

func TestNewLayoutRefusedWhenMeaningUnclear(t *testing.T) {
	p, err := NewParser()
	if err != nil {
		t.Fatal(err)
	}
	_, names, subs, _ := fakeScores(p, 2019)
	// Province names and numbers, but no column says which is the PCI.
	data := xlsxBytes(t, func(f *excelize.File) {
		for i, n := range names {
			row := []any{n}
			for _, v := range subs[i] {
				row = append(row, v)
			}
			f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &row)
		}
		f.SetSheetRow("Sheet1", "A1", &[]any{"Tỉnh", "A", "B", "C"})
	})
	_, err = p.Parse("PCI_2019.xlsx", data, 0)
	if err == nil || !strings.Contains(err.Error(), "no sheet recognised") || !strings.Contains(err.Error(), "Expected") {
		t.Fatalf("err = %v", err)
	}
	// A 2013-era sub-index in a 2010 file is refused, naming the column.
	data = xlsxBytes(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"Tỉnh", "Cạnh tranh bình đẳng", "PCI 2010"})
		for i, n := range names {
			f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &[]any{n, 5.0, 60.0})
		}
	})
	_, err = p.Parse("PCI_2010.xlsx", data, 0)
	if err == nil || !strings.Contains(err.Error(), "policy_bias") || !strings.Contains(err.Error(), "column B") {
		t.Fatalf("err = %v", err)
	}
	// File name and headers disagree on the year.
	data = xlsxBytes(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"Tỉnh", "PCI 2018"})
		for i, n := range names {
			f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &[]any{n, 60.0 + float64(i)/10})
		}
	})
	if _, err = p.Parse("PCI_2019.xlsx", data, 0); err == nil || !strings.Contains(err.Error(), "--year") {
		t.Fatalf("err = %v", err)
	}
}

func TestLongCSV(t *testing.T) {
	p, err := NewParser()
	if err != nil {
		t.Fatal(err)
	}
	rels, err := p.Parse(SampleFileName, p.SampleCSV(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rels) != 3 || len(rels[0].Scores) != 63 {
		t.Fatalf("%d releases", len(rels))
	}
	bad := "year,province,subindex,value\n2019,Lào Cai,pci,60\n2019,Lao Kay,rank,1\n"
	_, err = p.Parse("typed.csv", []byte(bad), 0)
	if err == nil || !strings.Contains(err.Error(), "typed.csv, row 3, column B") || !strings.Contains(err.Error(), "Lào Cai") {
		t.Fatalf("err = %v", err)
	}
	bad = "year,province,subindex,value\n2019,10,pci,60\n2019,10,rank,1\n"
	_, err = p.Parse("typed.csv", []byte(bad), 0)
	if err == nil || !strings.Contains(err.Error(), "missing sub-indices") {
		t.Fatalf("err = %v", err)
	}
}

// near allows the 15 significant digits a spreadsheet stores.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-13*math.Max(math.Abs(a), math.Abs(b)) }
