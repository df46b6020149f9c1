package warehouse

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The search keys of a loaded row (business_rows.sort_key and search_key,
// sql/migrations/0009_business_rows_keys.sql), folded in Go while the file
// is read so that refreshing enterprise_search folds nothing in SQL. They
// must equal fold_vi (0007), the keys' definition: foldKey folds only
// strings made of the characters listed in foldTable, where fold_vi and
// province.Fold agree (TestFoldKeyEqualsFoldVI), and gives up on any
// other (the refresh then uses fold_vi).

// foldEntry says what a character becomes in a key.
type foldEntry struct {
	kind uint8  // foldUnknown, foldSep, foldDrop or foldMap
	to   string // foldMap: the folded text
}

const (
	foldUnknown = iota // not in the table: foldKey gives up
	foldSep            // white space and - . _ ,: one space between words
	foldDrop           // a combining diacritic: dropped
	foldMap            // a letter, digit or ASCII sign: to
)

// foldTable covers ASCII, the Latin letters of U+00C0–U+024F and
// U+1E00–U+1EFF (all of Vietnamese) and the combining diacritics
// U+0300–U+036F. A letter is in it only if its compatibility and canonical
// decompositions are the same (no ligature, no ſ) and are letters and
// combining marks.
var foldTable = func() []foldEntry {
	t := make([]foldEntry, 0x1F00)
	for r := rune(0); r < 0x80; r++ {
		switch {
		case r == '-' || r == '.' || r == '_' || r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r':
			t[r] = foldEntry{kind: foldSep}
		case r >= 0x21 && r < 0x7F:
			t[r] = foldEntry{kind: foldMap, to: string(unicode.ToLower(r))}
		}
	}
	for r := rune(0x300); r < 0x370; r++ {
		if unicode.Is(unicode.Mn, r) && norm.NFKD.String(string(r)) == string(r) {
			t[r] = foldEntry{kind: foldDrop}
		}
	}
	letter := func(r rune) {
		if !unicode.IsLetter(r) {
			return
		}
		d := norm.NFD.String(string(r))
		if norm.NFKD.String(string(r)) != d {
			return
		}
		var to []rune
		for _, c := range d {
			switch {
			case unicode.Is(unicode.Mn, c):
			case c == 'đ' || c == 'Đ' || c == 'ð' || c == 'Ð':
				to = append(to, 'd')
			case unicode.IsLetter(c):
				to = append(to, unicode.ToLower(c))
			default:
				return
			}
		}
		if len(to) == 0 {
			return
		}
		t[r] = foldEntry{kind: foldMap, to: string(to)}
	}
	for r := rune(0xC0); r < 0x250; r++ {
		letter(r)
	}
	for r := rune(0x1E00); r < 0x1F00; r++ {
		letter(r)
	}
	return t
}()

// foldKey is fold_vi(s) (= province.Fold(s)), or ok false when s holds a
// character outside foldTable or folds to nothing.
func foldKey(s string) (key string, ok bool) {
	b := make([]byte, 0, len(s))
	pending := false
	for _, r := range s {
		if int(r) >= len(foldTable) {
			return "", false
		}
		switch e := &foldTable[r]; e.kind {
		case foldSep:
			pending = true
		case foldDrop:
		case foldMap:
			if pending && len(b) > 0 {
				b = append(b, ' ')
			}
			pending = false
			b = append(b, e.to...)
		default:
			return "", false
		}
	}
	if len(b) == 0 {
		return "", false
	}
	return string(b), true
}

// searchKeys are a row's sort_key and search_key (0007, 0009) for its name,
// short name and foreign name ("" = NULL), or ok false when one of them
// cannot be folded here. sortKey is "" when name is.
func searchKeys(name, shortName, foreignName string) (sortKey, searchKey string, ok bool) {
	b := make([]byte, 0, len(name)+len(shortName)+len(foreignName)+3)
	b = append(b, ' ')
	for i, s := range [3]string{name, shortName, foreignName} {
		if s == "" {
			continue // NULL: concat_ws skips it
		}
		k, ok := foldKey(s)
		if !ok {
			return "", "", false
		}
		if i == 0 {
			sortKey = k
		}
		if len(b) > 1 {
			b = append(b, ' ')
		}
		b = append(b, k...)
	}
	return sortKey, string(b), true
}
