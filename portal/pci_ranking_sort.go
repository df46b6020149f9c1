package portal

import (
	"bytes"
	"cmp"
	"slices"
	"strings"

	"github.com/laocai-dpi/dpi/dashboards"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// parseSort validates ?sort= and ?dir=. An unknown column falls back to the
// rank rather than failing: a shared link whose sub-index does not exist in
// another year's methodology should still open.
func parseSort(key, dir string, subs []dashboards.SubindexInfo) (string, bool) {
	known := key == "rank" || key == "name" || key == "pci" ||
		slices.ContainsFunc(subs, func(s dashboards.SubindexInfo) bool { return s.Key == key })
	if !known {
		key = "rank"
	}
	switch dir {
	case "asc":
		return key, false
	case "desc":
		return key, true
	}
	return key, defaultDesc(key)
}

// defaultDesc: scores read best first, ranks and names from the top.
func defaultDesc(key string) bool { return key != "rank" && key != "name" }

// sortRows orders a copy of rows. Ties fall back to rank then code, so every
// order is total and the same URL always gives the same table. Missing
// sub-index values go last in either direction.
func sortRows(rows []dashboards.RankingRow, key string, desc bool) []dashboards.RankingRow {
	out := slices.Clone(rows)
	var by func(a, b *dashboards.RankingRow) int
	switch key {
	case "rank":
		by = func(a, b *dashboards.RankingRow) int { return cmp.Compare(a.Rank, b.Rank) }
	case "pci":
		by = func(a, b *dashboards.RankingRow) int { return cmp.Compare(a.PCI, b.PCI) }
	case "name":
		// Vietnamese collation: a < ă < â … d < đ, tones after the letter; a
		// collator is not safe for concurrent use, so one per request.
		col := collate.New(language.Vietnamese)
		var buf collate.Buffer
		keys := make(map[string][]byte, len(out))
		for _, r := range out {
			keys[r.ProvinceCode] = col.KeyFromString(&buf, r.ProvinceName)
		}
		by = func(a, b *dashboards.RankingRow) int {
			return bytes.Compare(keys[a.ProvinceCode], keys[b.ProvinceCode])
		}
	default:
		by = func(a, b *dashboards.RankingRow) int { return cmp.Compare(*a.Subindices[key], *b.Subindices[key]) }
	}
	sub := key != "rank" && key != "pci" && key != "name"
	slices.SortStableFunc(out, func(a, b dashboards.RankingRow) int {
		if sub {
			am, bm := a.Subindices[key] == nil, b.Subindices[key] == nil
			switch {
			case am && bm:
				return tieBreak(&a, &b)
			case am:
				return 1
			case bm:
				return -1
			}
		}
		c := by(&a, &b)
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		return tieBreak(&a, &b)
	})
	return out
}

func tieBreak(a, b *dashboards.RankingRow) int {
	return cmp.Or(cmp.Compare(a.Rank, b.Rank), strings.Compare(a.ProvinceCode, b.ProvinceCode))
}
