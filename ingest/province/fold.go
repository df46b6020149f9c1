package province

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces a Vietnamese name to a key for matching: compatibility
// decomposition (NFKD), combining marks dropped (so both tone-mark placements,
// "hoà" and "hòa", fold alike), đ/Đ (and the look-alike ð/Ð found in files
// converted from legacy encodings) to d, lower case, invisible format
// characters (BOM, zero-width space) dropped, and every run of '-', '.', '_',
// ',' and white space turned into one space, trimmed at both ends.
//
//	Fold("Khánh Hoà") == Fold("Khánh Hòa") == Fold("Khanh Hoa") == "khanh hoa"
//	Fold("TT- Huế") == "tt hue"
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Cf, r):
			continue
		case r == '-' || r == '.' || r == '_' || r == ',' || unicode.IsSpace(r):
			pendingSpace = true
			continue
		case r == 'đ' || r == 'Đ' || r == 'ð' || r == 'Ð':
			r = 'd'
		default:
			r = unicode.ToLower(r)
		}
		if pendingSpace && b.Len() > 0 {
			b.WriteByte(' ')
		}
		pendingSpace = false
		b.WriteRune(r)
	}
	return b.String()
}

// Distance is the Levenshtein distance between a and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
