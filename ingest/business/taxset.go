package business

import (
	"fmt"
	"slices"
)

// taxCodes records the tax code of every row (as taxKey) in file order;
// the rows that repeat an earlier row's code are found once the file has
// been read, by one sort. A register has a million codes in no useful
// order: looking each up in a hash table as it comes costs a cache miss or
// more apiece, appending it costs next to nothing and the sort a few tens
// of milliseconds.
type taxCodes struct {
	seen []taxSeen
}

type taxSeen struct {
	key uint64 // taxKey
	row int32  // 0-based row
}

// taxDup is a row whose tax code an earlier row (first) has.
type taxDup struct {
	key        uint64
	row, first int32
}

func (t *taxCodes) add(key int64, row int) {
	t.seen = append(t.seen, taxSeen{uint64(key), int32(row)})
}

// duplicates returns the repeating rows in row order.
func (t *taxCodes) duplicates() []taxDup {
	s := sortByKey(t.seen)
	var dups []taxDup
	for i := 1; i < len(s); i++ {
		if s[i].key != s[i-1].key {
			continue
		}
		first := i - 1
		for first > 0 && s[first-1].key == s[i].key {
			first--
		}
		dups = append(dups, taxDup{s[i].key, s[i].row, s[first].row})
	}
	slices.SortFunc(dups, func(a, b taxDup) int { return int(a.row) - int(b.row) })
	return dups
}

// sortByKey sorts by key, keeping the file order of equal keys (an LSD
// radix sort over the 48 bits a taxKey can use).
func sortByKey(s []taxSeen) []taxSeen {
	tmp := make([]taxSeen, len(s))
	for shift := uint(0); shift < 48; shift += 16 {
		var count [1 << 16]int
		for _, e := range s {
			count[(e.key>>shift)&0xffff]++
		}
		pos := 0
		for d, c := range count {
			count[d] = pos
			pos += c
		}
		for _, e := range s {
			d := (e.key >> shift) & 0xffff
			tmp[count[d]] = e
			count[d]++
		}
		s, tmp = tmp, s
	}
	return s
}

// taxKey is a valid tax code (as taxCode returns it) as a number below
// 2^48, one to one: 10 digits × 2000, plus 1 + the 3-digit branch of a
// dependent unit.
func taxKey(code string) int64 {
	var k int64
	for i := 0; i < 10; i++ {
		k = k*10 + int64(code[i]-'0')
	}
	k *= 2000
	if len(code) == 14 {
		k += 1 + int64(code[11]-'0')*100 + int64(code[12]-'0')*10 + int64(code[13]-'0')
	}
	return k
}

// taxCodeOf is the tax code a taxKey stands for.
func taxCodeOf(key uint64) string {
	code := fmt.Sprintf("%010d", key/2000)
	if b := key % 2000; b != 0 {
		code += "-" + fmt.Sprintf("%03d", b-1)
	}
	return code
}
