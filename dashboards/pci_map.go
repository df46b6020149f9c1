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

// Tiles34 is the grid of the 34 provinces from 1 July 2025, laid out like
// Tiles63 (north at the top, the coast to the east). Tests check it against
// the reference the same way.
var Tiles34 = []Tile{
	{"12", 0, 0}, {"15", 1, 0}, {"08", 2, 0}, {"04", 3, 0},
	{"11", 0, 1}, {"25", 1, 1}, {"19", 2, 1}, {"20", 3, 1},
	{"14", 0, 2}, {"01", 1, 2}, {"24", 2, 2}, {"22", 3, 2},
	{"37", 1, 3}, {"33", 2, 3}, {"31", 3, 3},
	{"38", 1, 4},
	{"40", 1, 5},
	{"42", 2, 6},
	{"44", 2, 7},
	{"46", 3, 8},
	{"48", 3, 9},
	{"51", 3, 10},
	{"52", 3, 11},
	{"66", 2, 12}, {"56", 3, 12},
	{"75", 1, 13}, {"68", 2, 13},
	{"80", 0, 14}, {"79", 1, 14},
	{"91", 0, 15}, {"82", 1, 15}, {"86", 2, 15},
	{"92", 1, 16},
	{"96", 0, 17},
}

// Tiles is the grid of a generation.
func Tiles(gen string) []Tile {
	if gen == Gen2025 {
		return Tiles34
	}
	return Tiles63
}

// MapView is the tile map of one year, sub-index and measure.
type MapView struct {
	Compare *Compare
	Cells   []MapCell
	Classes []MapClass
	Cols    int
	Rows    int
}

// MapCell is one tile. On the map of the 34 provinces, a year before 2025
// splits a tile into Parts, one per predecessor that existed that year, each
// with that predecessor's own figure: a merged province never gets a
// combined figure. Value is then nil.
type MapCell struct {
	Province Province
	Col, Row int
	Value    *float64
	Point    Point
	Class    int // index into Classes; -1 without a value
	Parts    []MapPart
}

// MapPart is one predecessor's share of a split tile.
type MapPart struct {
	Province Province // of the pre-2025 generation
	Value    *float64
	Point    Point
	Class    int
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

// PCIMap reads the figures of every province of a generation for a year
// (the compare query with all its provinces) and classes them for the map.
// The 63 provinces have no figures from 2025: those years are refused there.
// Without a generation, the map is of the generation of the year shown.
func PCIMap(ctx context.Context, db *sql.DB, ref *Reference, gen string, year int, subindex, measure string) (*MapView, error) {
	q := CompareQuery{Gen: gen, Chart: ChartBar, Measure: measure, Subindex: subindex, Year: year}
	if gen == "" { // the generation of the year shown: the latest year loaded may be 2025 or later
		q.Gen = GenPre2025
		if year == 0 {
			years, err := pciYears(ctx, db)
			if err != nil {
				return nil, err
			}
			if len(years) > 0 {
				year = slices.Max(years)
			}
		}
		q.Gen = GenerationOf(year)
	}
	for _, p := range ref.Provinces(q.Gen) {
		q.Codes = append(q.Codes, p.Code)
	}
	codes := q.Codes
	q.Codes = []string{"01"} // Normalize checks the choices; the map shows every province
	nq, err := q.Normalize(ref)
	if err != nil {
		return nil, err
	}
	nq.Codes = codes
	if nq.Year >= 2025 && nq.Gen == GenPre2025 {
		return nil, invalidf("Từ năm 2025 chỉ có 34 tỉnh: xem bản đồ 34 tỉnh (năm %d)", "From 2025 there are 34 provinces: see the map of the 34 (%d)", nq.Year)
	}
	cmp, err := PCICompare(ctx, db, ref, nq)
	if err != nil {
		return nil, err
	}
	m := &MapView{Compare: cmp}
	y, key := cmp.Query.Year, cmp.Query.Subindex
	var vals []float64
	for _, t := range Tiles(nq.Gen) {
		u := slices.IndexFunc(cmp.Units, func(u Unit) bool { return u.Province.Code == t.Code })
		if u < 0 {
			continue
		}
		if nq.Gen == Gen2025 {
			cell := MapCell{Province: cmp.Units[u].Province, Col: t.Col, Row: t.Row, Class: -1}
			for _, s := range cmp.Units[u].Series {
				if GenerationOf(y) != s.Province.Generation || (!s.Province.ValidTo.IsZero() && s.Province.ValidTo.Year() < y) {
					continue // the other generation, or Hà Tây after 2008
				}
				p, ok := s.Point(y, key)
				if y >= 2025 { // the province's own figure: the whole tile
					if ok {
						v := p.Value(cmp.Query.Measure)
						cell.Value, cell.Point = &v, p
						vals = append(vals, v)
					}
					continue
				}
				part := MapPart{Province: s.Province, Class: -1}
				if ok {
					v := p.Value(cmp.Query.Measure)
					part.Value, part.Point = &v, p
					vals = append(vals, v)
				}
				cell.Parts = append(cell.Parts, part)
			}
			m.Cols, m.Rows = max(m.Cols, t.Col+1), max(m.Rows, t.Row+1)
			m.Cells = append(m.Cells, cell)
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
	class := func(v *float64) int {
		if v == nil {
			return -1
		}
		return min(max(int((*v-lo)/step), 0), n-1)
	}
	for i := range m.Cells {
		m.Cells[i].Class = class(m.Cells[i].Value)
		for j := range m.Cells[i].Parts {
			m.Cells[i].Parts[j].Class = class(m.Cells[i].Parts[j].Value)
		}
	}
}

// Split tells a map whose tiles are split between predecessors.
func (m *MapView) Split() bool {
	return m.Compare.Query.Gen == Gen2025 && m.Compare.Query.Year < 2025
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
	t := &Table{Title: m.Title(lang)}
	if m.Split() {
		t.Columns = append(t.Columns,
			Column{Key: "province_code_2025", Label: tr(lang, "Mã tỉnh (từ 1/7/2025)", "Province code (from 1 July 2025)"), Kind: KindCode},
			Column{Key: "province_2025", Label: tr(lang, "Tỉnh (từ 1/7/2025)", "Province (from 1 July 2025)"), Kind: KindText})
	}
	t.Columns = append(t.Columns,
		Column{Key: "province_code", Label: tr(lang, "Mã tỉnh", "Province code"), Kind: KindCode},
		Column{Key: "province", Label: tr(lang, "Tỉnh, thành phố", "Province"), Kind: KindText},
		Column{Key: strconv.Itoa(q.Year), Label: MeasureLabel(q.Measure, m.Compare.Subindices[0], lang), Kind: kind})
	// one row per figure: a split tile gives a row per predecessor
	type row struct {
		MapCell
		in *Province // the 2025 province of a predecessor's row
	}
	var cells []row
	for _, c := range m.Cells {
		if !m.Split() {
			cells = append(cells, row{MapCell: c})
			continue
		}
		for _, p := range c.Parts {
			cells = append(cells, row{MapCell: MapCell{Province: p.Province, Value: p.Value, Point: p.Point, Class: p.Class}, in: &c.Province})
		}
	}
	slices.SortStableFunc(cells, func(a, b row) int {
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
		var r []Cell
		if c.in != nil {
			r = append(r, textCell(c.in.Code), textCell(c.in.NameVI))
		}
		r = append(r, textCell(c.Province.Code), textCell(c.Province.NameVI), Cell{})
		if c.Value != nil {
			v := &r[len(r)-1]
			*v = numCell(*c.Value)
			if q.Measure == MeasureRank && c.Point.RankSource == "computed" {
				v.Note = "computed"
				anyComputed = true
			}
		}
		t.Rows = append(t.Rows, r)
	}
	t.Notes = m.Compare.notes(lang, anyComputed)
	if m.Split() {
		t.Notes = append(t.Notes, fmt.Sprintf(tr(lang,
			"Bản đồ 34 tỉnh, năm %d (trước sáp nhập): mỗi ô chia thành các phần theo tỉnh cũ, tô màu theo số liệu của chính tỉnh cũ đó; không có số liệu gộp.",
			"Map of the 34 provinces, %d (before the merger): each tile is split into one part per former province, coloured by that province's own figure; there is no combined figure."), q.Year))
	}
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
