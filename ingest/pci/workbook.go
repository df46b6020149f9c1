package pci

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/province"
	"github.com/laocai-dpi/dpi/ingest/sheet"
)

// A summary sheet is recognised by meaning: a column of province names
// ("key" column) and, to its right, a column headed as the PCI composite.
// Each value column belongs to the nearest key column on its left, which
// covers both layouts VCCI has used: one province column with a row per
// province (2005-2007, 2009), and pairs of (province, score) columns each
// sorted on its own (2008, 2010-2016).

const (
	headerScan  = 8  // header rows looked at above the first data row
	minKeyCells = 20 // province names needed to call a column a province column
)

type column struct {
	col    int
	key    int // key (province) column it belongs to
	field  field
	header string
}

// summary is what one recognised sheet says.
type summary struct {
	sheet      *sheet.Sheet
	year       int // edition year read from its headers, 0 if none
	keyCols    []int
	columns    []column
	firstRow   int
	endRow     int // exclusive
	headerRows int
}

// findSummary recognises a summary sheet, or explains why s is not one.
func findSummary(s *sheet.Sheet, reg *province.Registry) (*summary, string) {
	// A sheet named after one sub-index holds that sub-index's indicators.
	if f := classify(s.Name); f.kind == fSubindex {
		return nil, "named after sub-index " + f.key + ": an indicator sheet / trang chỉ tiêu thành phần"
	}
	sm := &summary{sheet: s}
	sm.keyCols, sm.firstRow = provinceColumns(s, reg)
	if len(sm.keyCols) == 0 {
		return nil, "no column of province names / không có cột tên tỉnh"
	}
	top := max(0, sm.firstRow-headerScan)
	sm.headerRows = sm.firstRow - top
	width := 0
	for r := top; r < sm.firstRow; r++ {
		width = max(width, len(s.Rows[r]))
	}
	isKey := map[int]bool{}
	for _, k := range sm.keyCols {
		isKey[k] = true
	}
	var composite bool
	for c := 0; c < width; c++ {
		if isKey[c] {
			continue
		}
		header := strings.Join(headerCells(s, top, sm.firstRow, c), " ")
		f := classify(header)
		key := nearestKey(sm.keyCols, c)
		if len(sm.keyCols) == 1 {
			// One province column: every column is that row's province,
			// and an unlabelled column before the names is the row number.
			key = sm.keyCols[0]
			if c < key && header == "" {
				f = field{kind: fOrder}
			}
		}
		if key < 0 || f.kind == fUnknown || f.kind == fIgnore {
			continue
		}
		if f.kind == fComposite {
			composite = true
		}
		if f.kind == fComposite || f.kind == fRank || f.kind == fTier || f.kind == fUnweighted {
			if y := headerYear(header); y > sm.year {
				sm.year = y
			}
		}
		sm.columns = append(sm.columns, column{col: c, key: key, field: f, header: header})
	}
	if !composite {
		return nil, fmt.Sprintf("province names in column %s but no column headed as the PCI composite (\"PCI\", \"Chỉ số PCI\") / có cột tên tỉnh nhưng không có cột điểm PCI",
			ingest.ColumnName(sm.keyCols[0]))
	}
	// The table ends where its header is repeated (a one-province profile
	// block follows in 2010-2016) or at the sheet's end.
	sm.endRow = len(s.Rows)
	for r := sm.firstRow + 1; r < len(s.Rows); r++ {
		if repeatsHeader(s, r, sm.keyCols) {
			sm.endRow = r
			break
		}
	}
	return sm, ""
}

// provinceColumns finds, in one pass over the sheet, the columns holding at
// least minKeyCells province names ("key" columns, sorted) and the first data
// row: the first row where a key column holds a province. No key column: nil, -1.
func provinceColumns(s *sheet.Sheet, reg *province.Registry) (keyCols []int, firstRow int) {
	counts, firstIn := map[int]int{}, map[int]int{}
	for r := range s.Rows {
		for c, cell := range s.Rows[r] {
			if cell.Kind != sheet.Text {
				continue
			}
			if _, err := reg.Resolve(cell.Str, 2008); err == nil {
				if counts[c] == 0 {
					firstIn[c] = r
				}
				counts[c]++
			}
		}
	}
	firstRow = -1
	for c, n := range counts {
		if n >= minKeyCells {
			keyCols = append(keyCols, c)
			if firstRow < 0 || firstIn[c] < firstRow {
				firstRow = firstIn[c]
			}
		}
	}
	sort.Ints(keyCols)
	return keyCols, firstRow
}

// headerCells returns the non-blank header texts of column c in rows [top, end).
func headerCells(s *sheet.Sheet, top, end, c int) []string {
	var parts []string
	for r := top; r < end; r++ {
		if t := strings.TrimSpace(s.Cell(r, c).String()); t != "" {
			parts = append(parts, t)
		}
	}
	return parts
}

// nearestKey is the key column a value column belongs to: the nearest one on
// its left, -1 if none.
func nearestKey(keyCols []int, c int) int {
	key := -1
	for _, k := range keyCols {
		if k < c {
			key = k
		}
	}
	return key
}

// resolveKey reads the province in a key cell. ok is false for cells that are
// not about a province: blanks, numbers and statistic rows (Min, Max, Trung vị).
func resolveKey(reg *province.Registry, cell sheet.Cell, year int) (p province.Province, name string, ok bool, err error) {
	if cell.IsBlank() {
		return p, "", false, nil
	}
	name = strings.TrimSpace(cell.String())
	p, err = reg.Resolve(name, year)
	if err != nil {
		if cell.Kind != sheet.Text || isStatLabel(name) {
			return p, name, false, nil
		}
		return p, name, false, err
	}
	return p, name, true, nil
}

func repeatsHeader(s *sheet.Sheet, r int, keyCols []int) bool {
	for _, k := range keyCols {
		h := province.Fold(s.Cell(r, k).Str)
		if h == "tinh" || h == "tinh thanh pho" || h == "province" {
			return true
		}
	}
	return false
}

// number reads a numeric cell; text such as "56." typed by hand counts too.
func number(c sheet.Cell) (float64, bool, error) {
	switch c.Kind {
	case sheet.Empty:
		return 0, false, nil
	case sheet.Number:
		return c.Num, true, nil
	case sheet.Text:
		t := strings.TrimSpace(c.Str)
		if t == "" || t == "-" || t == "–" {
			return 0, false, nil
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", "."), 64)
		if err != nil {
			return 0, false, fmt.Errorf("không phải số: %q / not a number: %q", t, t)
		}
		return v, true, nil
	}
	return 0, false, fmt.Errorf("ô lỗi %q / error cell %q", c.Str, c.Str)
}

// extracted holds one sheet's values per province.
type extracted struct {
	names  map[string]string // code → name as written
	values map[string]map[field]float64
	tiers  map[string]string
	order  map[string]int
	skip   int
	read   int
}

func (sm *summary) extract(file string, year int, reg *province.Registry) (*extracted, error) {
	s := sm.sheet
	ex := &extracted{names: map[string]string{}, values: map[string]map[field]float64{},
		tiers: map[string]string{}, order: map[string]int{}}
	type seenAt struct{ row int }
	seen := map[[2]string]seenAt{} // (code, header) → first row
	for r := sm.firstRow; r < sm.endRow; r++ {
		rowHasData := false
		for _, col := range sm.columns {
			p, name, ok, err := resolveKey(reg, s.Cell(r, col.key), year)
			if err != nil {
				return nil, ingest.Errorf(file, s.Name, r, col.key, "%v", err)
			}
			if !ok {
				continue
			}
			rowHasData = true
			cell := s.Cell(r, col.col)
			if col.field.kind == fTier {
				if t := strings.TrimSpace(cell.String()); t != "" && cell.Kind == sheet.Text {
					ex.tiers[p.Code] = t
				}
				continue
			}
			v, ok, err := number(cell)
			if err != nil {
				return nil, ingest.Errorf(file, s.Name, r, col.col, "%s (%s): %v", col.header, p.NameVI, err)
			}
			if !ok {
				continue
			}
			if _, dup := ex.values[p.Code]; !dup {
				ex.values[p.Code] = map[field]float64{}
			}
			// A province listed twice must say the same thing twice.
			if old, dup := ex.values[p.Code][col.field]; dup && col.field.kind != fOrder {
				if old != v {
					first := seen[[2]string{p.Code, col.header}]
					return nil, ingest.Errorf(file, s.Name, r, col.col,
						"%s xuất hiện hai lần với giá trị khác nhau (%v ở dòng %d, %v ở đây) / listed twice with different values",
						p.NameVI, old, first.row+1, v)
				}
				continue
			}
			if _, dup := ex.names[p.Code]; !dup {
				ex.names[p.Code] = name
			}
			seen[[2]string{p.Code, col.header}] = seenAt{row: r}
			ex.values[p.Code][col.field] = v
		}
		if rowHasData {
			ex.read++
		} else if !rowBlank(s, r) {
			ex.skip++
		}
	}
	// In a one-province-per-row table sorted by the composite, the row
	// number is the published rank (2006 prints no other).
	if len(sm.keyCols) == 1 && !sm.has(fRank) && sm.has(fOrder) {
		ex.orderAsRank(sm)
	}
	return ex, nil
}

func (sm *summary) has(k fieldKind) bool {
	for _, c := range sm.columns {
		if c.field.kind == k {
			return true
		}
	}
	return false
}

func rowBlank(s *sheet.Sheet, r int) bool {
	for _, c := range s.Rows[r] {
		if !c.IsBlank() {
			return false
		}
	}
	return true
}

// orderAsRank turns the order column into ranks when it runs 1..N in the
// order of a non-increasing composite.
func (ex *extracted) orderAsRank(sm *summary) {
	type pr struct {
		code       string
		order, pci float64
	}
	var list []pr
	for code, vals := range ex.values {
		o, ok1 := vals[field{kind: fOrder}]
		p, ok2 := vals[field{kind: fComposite}]
		if !ok1 || !ok2 {
			return
		}
		list = append(list, pr{code, o, p})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].order < list[j].order })
	for i, x := range list {
		if x.order != float64(i+1) || (i > 0 && x.pci > list[i-1].pci) {
			return
		}
	}
	for _, x := range list {
		ex.values[x.code][field{kind: fRank}] = x.order
	}
}

// isInteger reports a whole number (ranks).
func isInteger(v float64) bool { return v == math.Trunc(v) && !math.IsInf(v, 0) }
