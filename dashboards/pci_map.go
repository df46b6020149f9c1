package dashboards

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Tile places a province on the tile-grid map: one square per province,
// roughly where it lies (north at the top), so no boundary file is needed.
type Tile struct {
	Code     string
	Col, Row int
}

// Tiles63 is the grid of the 63 provinces (and Hà Tây, shown in the years
// it existed). Tests check that every province has one tile and no two share one.
var Tiles63 = []Tile{
	{"12", 0, 0}, {"10", 1, 0}, {"02", 2, 0}, {"04", 3, 0},
	{"11", 0, 1}, {"15", 1, 1}, {"08", 2, 1}, {"06", 3, 1}, {"20", 4, 1},
	{"14", 0, 2}, {"25", 1, 2}, {"19", 2, 2}, {"24", 3, 2}, {"22", 4, 2},
	{"17", 0, 3}, {"26", 1, 3}, {"01", 2, 3}, {"27", 3, 3}, {"30", 4, 3}, {"31", 5, 3},
	{"28", 1, 4}, {"35", 2, 4}, {"33", 3, 4}, {"34", 4, 4},
	{"38", 1, 5}, {"37", 2, 5}, {"36", 3, 5},
	{"40", 1, 6},
	{"42", 2, 7},
	{"44", 2, 8},
	{"45", 3, 9},
	{"46", 3, 10}, {"48", 4, 10},
	{"62", 3, 11}, {"49", 4, 11},
	{"64", 4, 12}, {"51", 5, 12},
	{"66", 4, 13}, {"52", 5, 13},
	{"67", 3, 14}, {"54", 5, 14},
	{"70", 2, 15}, {"68", 3, 15}, {"56", 5, 15},
	{"72", 1, 16}, {"74", 2, 16}, {"75", 3, 16}, {"58", 4, 16},
	{"80", 1, 17}, {"79", 2, 17}, {"77", 3, 17}, {"60", 4, 17},
	{"89", 0, 18}, {"87", 1, 18}, {"82", 2, 18},
	{"91", 0, 19}, {"92", 1, 19}, {"86", 2, 19}, {"83", 3, 19},
	{"93", 1, 20}, {"94", 2, 20}, {"84", 3, 20},
	{"96", 0, 21}, {"95", 1, 21},
}

// MapView is the tile map of one year, sub-index and measure.
type MapView struct {
	Compare *Compare
	Cells   []MapCell
	Classes []MapClass
	Cols    int
	Rows    int
}

// MapCell is one tile.
type MapCell struct {
	Province Province
	Col, Row int
	Value    *float64
	Point    Point
	Class    int // index into Classes; -1 without a value
}

// MapClass is one colour of the legend.
type MapClass struct {
	From, To  float64
	Fill      string
	Text      string // label colour readable on Fill
	Integer   bool
	LowIsGood bool
}

var (
	blues    = []string{"#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"}
	diverged = []string{"#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"}
)

// PCIMap reads the figures of every province for a year (the compare
// query with all provinces) and classes them for the map. The 2025
// provinces have no layout yet: years from 2025 are refused.
func PCIMap(ctx context.Context, db *sql.DB, ref *Reference, year int, subindex, measure string) (*MapView, error) {
	q := CompareQuery{Gen: GenPre2025, Chart: ChartBar, Measure: measure, Subindex: subindex, Year: year}
	for _, p := range ref.Provinces(GenPre2025) {
		q.Codes = append(q.Codes, p.Code)
	}
	codes := q.Codes
	q.Codes = []string{"01"} // Normalize checks the choices; the map shows every province
	nq, err := q.Normalize(ref)
	if err != nil {
		return nil, err
	}
	nq.Codes = codes
	if nq.Year >= 2025 {
		return nil, invalidf("Bản đồ ô lưới chưa có cho 34 tỉnh mới (năm %d)", "The tile map has no layout for the 34 provinces yet (%d)", nq.Year)
	}
	cmp, err := PCICompare(ctx, db, ref, nq)
	if err != nil {
		return nil, err
	}
	m := &MapView{Compare: cmp}
	y, key := cmp.Query.Year, cmp.Query.Subindex
	var vals []float64
	for _, t := range Tiles63 {
		u := slices.IndexFunc(cmp.Units, func(u Unit) bool { return u.Province.Code == t.Code })
		if u < 0 {
			continue
		}
		s := cmp.Units[u].Series[0]
		cell := MapCell{Province: s.Province, Col: t.Col, Row: t.Row, Class: -1}
		if p, ok := s.Point(y, key); ok {
			v := p.Value(cmp.Query.Measure)
			cell.Value, cell.Point = &v, p
			vals = append(vals, v)
		} else if !s.Province.ValidTo.IsZero() && s.Province.ValidTo.Year() < y {
			continue // Hà Tây after 2008: no tile
		}
		m.Cols, m.Rows = max(m.Cols, t.Col+1), max(m.Rows, t.Row+1)
		m.Cells = append(m.Cells, cell)
	}
	m.classify(vals)
	return m, nil
}

// classify splits the value range into equal intervals: five blues for
// scores (darker = better), five for ranks (darker = better, so rank 1 is
// darkest), six diverging colours around 0 for the difference from the median.
func (m *MapView) classify(vals []float64) {
	if len(vals) == 0 {
		return
	}
	lo, hi := slices.Min(vals), slices.Max(vals)
	measure := m.Compare.Query.Measure
	colors := blues
	if measure == MeasureDiffMedian {
		colors = diverged
		a := math.Max(math.Abs(lo), math.Abs(hi))
		lo, hi = -a, a
	}
	if hi == lo {
		hi = lo + 1
	}
	n := len(colors)
	step := (hi - lo) / float64(n)
	for i := range n {
		c := MapClass{From: lo + float64(i)*step, To: lo + float64(i+1)*step, Integer: measure == MeasureRank, LowIsGood: measure == MeasureRank}
		fill := i
		if measure == MeasureRank {
			fill = n - 1 - i // rank 1 is the best: darkest
		}
		c.Fill = colors[fill]
		c.Text = "#1b1f24"
		if (measure != MeasureDiffMedian && fill >= 3) || (measure == MeasureDiffMedian && (fill == 0 || fill == n-1)) {
			c.Text = "#ffffff"
		}
		m.Classes = append(m.Classes, c)
	}
	for i := range m.Cells {
		if v := m.Cells[i].Value; v != nil {
			k := int((*v - lo) / step)
			m.Cells[i].Class = min(max(k, 0), n-1)
		}
	}
}

// Title of the map.
func (m *MapView) Title(lang string) string {
	return fmt.Sprintf("%s, %d", MeasureLabel(m.Compare.Query.Measure, m.Compare.Subindices[0], lang), m.Compare.Query.Year)
}

// Table lists every province on the map, best first.
func (m *MapView) Table(lang string) *Table {
	q := m.Compare.Query
	kind := KindNumber
	if q.Measure == MeasureRank {
		kind = KindInteger
	}
	t := &Table{Title: m.Title(lang), Columns: []Column{
		{Key: "province_code", Label: tr(lang, "Mã tỉnh", "Province code"), Kind: KindCode},
		{Key: "province", Label: tr(lang, "Tỉnh, thành phố", "Province"), Kind: KindText},
		{Key: strconv.Itoa(q.Year), Label: MeasureLabel(q.Measure, m.Compare.Subindices[0], lang), Kind: kind},
	}}
	cells := slices.Clone(m.Cells)
	slices.SortStableFunc(cells, func(a, b MapCell) int {
		switch {
		case a.Value == nil && b.Value == nil:
			return 0
		case a.Value == nil:
			return 1
		case b.Value == nil:
			return -1
		}
		c := -cmpFloat(*a.Value, *b.Value)
		if q.Measure == MeasureRank {
			c = -c
		}
		if c == 0 {
			return cmpStr(a.Province.Code, b.Province.Code)
		}
		return c
	})
	anyComputed := false
	for _, c := range cells {
		row := []Cell{textCell(c.Province.Code), textCell(c.Province.NameVI), {}}
		if c.Value != nil {
			row[2] = numCell(*c.Value)
			if q.Measure == MeasureRank && c.Point.RankSource == "computed" {
				row[2].Note = "computed"
				anyComputed = true
			}
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = m.Compare.notes(lang, anyComputed)
	return t
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
