// Package pci turns the PCI releases VCCI publishes (workbooks whose layout
// changes every few years) and our canonical long CSV into Release values:
// the published figures exactly as published, keyed by GSO province code.
package pci

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"

	dpisql "github.com/laocai-dpi/dpi/sql"
)

// Release is one year's figures from one file.
type Release struct {
	Year       int
	FileName   string
	SHA256     string
	Sheets     []string // the sheets the figures came from
	Scores     []Score  // sorted by province code
	Indicators []IndicatorValue
	Notes      []string // what was seen and set aside (stale sheets, repeated rows)
	RowsRead   int
	RowsSkip   int
}

// Score is one province's composite, rank and sub-indices in a release.
type Score struct {
	ProvinceCode string
	NameInFile   string
	PCI          float64
	Unweighted   *float64
	Rank         int
	RankSource   string // "published" or "computed"
	Tier         string
	Subindices   map[string]float64
}

// IndicatorValue is one indicator of a sub-index for one province.
type IndicatorValue struct {
	ProvinceCode string
	Subindex     string
	Code         string
	Name         string
	Value        *float64
}

// Subindex is one row of the sub-index catalogue (sql/ref/pci_subindices.csv).
type Subindex struct {
	Period           string
	YearFrom, YearTo int // YearTo 0 = open
	Key              string
	NameVI, NameEN   string
	Weight           float64
	WeightExact      bool
}

// Catalogue lists the sub-indices of every methodology period.
type Catalogue []Subindex

// LoadCatalogue reads the embedded sub-index catalogue.
func LoadCatalogue() (Catalogue, error) {
	f, err := dpisql.FS.Open("ref/pci_subindices.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readCatalogue(f)
}

func readCatalogue(r io.Reader) (Catalogue, error) {
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("pci_subindices.csv: %w", err)
	}
	var cat Catalogue
	for i, rec := range recs[1:] {
		if len(rec) != 8 {
			return nil, fmt.Errorf("pci_subindices.csv: row %d: want 8 fields, got %d", i+2, len(rec))
		}
		s := Subindex{Period: rec[0], Key: rec[3], NameVI: rec[4], NameEN: rec[5], WeightExact: rec[7] == "true"}
		var err1, err2, err3 error
		s.YearFrom, err1 = strconv.Atoi(rec[1])
		if rec[2] != "" {
			s.YearTo, err2 = strconv.Atoi(rec[2])
		}
		s.Weight, err3 = strconv.ParseFloat(rec[6], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, fmt.Errorf("pci_subindices.csv: row %d: bad number", i+2)
		}
		cat = append(cat, s)
	}
	return cat, nil
}

// ForYear returns the sub-indices of the methodology in force in year.
func (c Catalogue) ForYear(year int) []Subindex {
	var out []Subindex
	for _, s := range c {
		if year >= s.YearFrom && (s.YearTo == 0 || year <= s.YearTo) {
			out = append(out, s)
		}
	}
	return out
}

// Keys returns the sub-index keys of a year's methodology.
func (c Catalogue) Keys(year int) map[string]bool {
	keys := map[string]bool{}
	for _, s := range c.ForYear(year) {
		keys[s.Key] = true
	}
	return keys
}

// computeRanks fills Rank where the release has no published rank: the
// descending order of the composite, ties sharing the better rank.
func computeRanks(scores []Score) {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]].PCI > scores[idx[b]].PCI })
	for pos, i := range idx {
		rank := pos + 1
		if pos > 0 && scores[idx[pos-1]].PCI == scores[i].PCI {
			rank = scores[idx[pos-1]].Rank
		}
		scores[i].Rank = rank
		scores[i].RankSource = "computed"
	}
}
