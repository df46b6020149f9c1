package pci

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/province"
	"github.com/laocai-dpi/dpi/ingest/sheet"
)

// Indicator sheets. Every VCCI workbook has, besides its summary, one sheet
// per sub-index named after it ("Chi phí gia nhập thị trường", "Tinh minh
// bach", "Entry Costs", "BSS") holding the indicators behind that sub-index,
// per province. They are recognised by meaning with the summary's machinery:
//
//   - the sheet's sub-index is classify(sheet name), and must belong to the
//     year's methodology;
//   - province ("key") columns and the first data row come from
//     provinceColumns; each value column belongs to the nearest key column on
//     its left, which reads both one-row-per-province tables (2005-2007,
//     2009-2016) and 2008's (province, value) pairs each sorted on its own;
//   - the table ends where its header is repeated or at a blank row followed
//     by no more than a few provinces: the one-province profile and the
//     Median/Min/Max rows VCCI prints under it are copies, not data;
//   - columns left of the first province column (order, PCI id) and columns
//     headed as an order or id are row labels; the column headed as the
//     sub-index score ("Chỉ số thành phần 1", "Điểm chỉ số thành phần ...",
//     "Sub-Index 1", "sub1_entry") is the sub-index itself, already in the
//     summary; when no header says so, the column equal to the summary's
//     sub-index scores is, and failing that a first or last column headed
//     with the sheet's own name ("Entry Costs", "Entry Costs score");
//   - every other column holding numbers is an indicator, group and
//     intermediate scores ("Nhóm chỉ tiêu thành phần 1.1", "Điểm dữ liệu
//     mềm") included; columns of text (regions, tiers) are not.
//
// Codes: the file's own short code where the sheet has a row of them (2011
// on: c1, LURC, c4_1month, kept as published, "_2", "_3" appended to a code
// repeated within the sheet); otherwise <subindex>_<nn>, nn counting the
// indicator columns left to right. Positional codes are only stable within
// one release: VCCI adds, drops and reorders indicators from year to year.
//
// Names: the longest descriptive header text of the column (whitespace
// collapsed), never a survey reference ("Tham chiếu phiếu điều tra" rows,
// "Câu hỏi điều tra PCI: C4", "B2/8") nor the short code.
//
// Values as published (full float64 precision). A blank cell gives no row;
// text that is not a number ("n/a", "-") or an error cell gives a row with no
// value.
//
// A sheet whose structure cannot be recognised (no province column, no
// indicator column) does not stop the load: it is set aside with a note, and
// so are sheets that are not a sub-index of the year's methodology. A
// recognised sheet naming an unknown province, a province absent from the
// summary, or one province twice with different values, is refused, with the
// file, sheet, row and column. Two exceptions, both noted, for defects
// VCCI's own files are known to carry: misspellings and mislabels.

// indicatorColumn is one value column of an indicator sheet.
type indicatorColumn struct {
	col, key int
	code     string // the file's short code, "" if the sheet has none
	name     string
	score    bool // headed as the sub-index score itself

	values        map[string]*float64 // province code → value; nil: listed, not a number
	rows          map[string]int      // province code → row of its first value
	numeric, text int
}

// indicatorSheet is one recognised sub-index sheet.
type indicatorSheet struct {
	sheet            *sheet.Sheet
	key              string
	keyCols          []int
	firstRow, endRow int
	columns          []*indicatorColumn
	read, skip       int
	notes            []string          // what was set aside
	misspelt         map[string]string // known misspellings met → province read
}

var (
	// surveyWords mark survey references: header material, never a name.
	surveyWords = []string{"cau hoi dieu tra", "phieu dieu tra", "tham chieu", "survey question", "questionnaire"}
	// refLabels mark, in a row's label cell, a row of survey references or sources.
	refLabels = []string{"tham chieu", "nguon", "dieu tra", "cau hoi", "source", "reference", "survey"}
	// surveyCodeRe matches survey question codes such as B2/8, B1/2.1.4,
	// C/4_3, E.15, B4_1_2, B4.1.2+B4.1.3, "B1/1; B1/2".
	surveyCodeRe = regexp.MustCompile(`(?i)^[a-z]{1,2}[0-9]*(?:[./_-]?[0-9]+)*(?:\s*[+;,&]\s*[a-z]{1,2}[0-9]*(?:[./_-]?[0-9]+)*)*$`)
	// rowLabelWords head order and id columns (folded, whole cell).
	rowLabelWords = map[string]bool{"thu tu": true, "stt": true, "tt": true, "no": true, "ma pci": true, "pci id": true,
		"pci_id": true, "id": true, "ma tinh": true, "ma": true, "province id": true, "province code": true, "order": true,
		"rank": true, "ranking": true, "xep hang": true, "thu hang": true}
	// scoreRe heads the sub-index score column: "Chỉ số thành phần 1",
	// "Điểm Chỉ số: ...", "Chỉ số 1_ gia nhập thị trường", "chỉ số5_CP ...",
	// "Sub-Index 1", "Sub 5", "sub1_entry", or a bare "Score", "Điểm số"
	// (folded text).
	scoreRe = regexp.MustCompile(`chi so thanh phan|diem chi so|\bchi so ?[0-9]|\bsub[ _-]?index|^sub ?[0-9]|^(score|diem|diem so|index|chi so)$`)
)

func isSurveyRef(t string) bool {
	if anyContains(province.Fold(t), surveyWords) {
		return true
	}
	return strings.ContainsAny(t, "0123456789") && surveyCodeRe.MatchString(strings.TrimSpace(t))
}

func anyContains(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// codeLike is a short code: one token of letters, digits and _-. with a letter.
func codeLike(t string) bool {
	if t == "" || len(t) > 40 {
		return false
	}
	letter := false
	for _, r := range t {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r) || r == '_' || r == '-' || r == '.':
		default:
			return false
		}
	}
	return letter
}

func collapse(t string) string { return strings.Join(strings.Fields(t), " ") }

func isRowLabelHeader(cells []string) bool {
	for _, t := range cells {
		if rowLabelWords[strings.Trim(province.Fold(t), " .:#")] {
			return true
		}
	}
	return false
}

func isScoreHeader(cells []string) bool {
	for _, t := range cells {
		if scoreRe.MatchString(province.Fold(t)) {
			return true
		}
	}
	return false
}

// groupLabel is a structural label worth naming a column by when nothing
// better heads it: "Nhóm chỉ tiêu thành phần 1.1", "Mảng 2.1", "Khía cạnh 2".
func groupLabel(t string) bool {
	f := province.Fold(t)
	return strings.Contains(f, "chi tieu") || strings.Contains(f, "khia canh") || strings.HasPrefix(f, "mang ")
}

// findIndicators recognises the layout of a sub-index sheet, or explains why
// it cannot.
func findIndicators(s *sheet.Sheet, reg *province.Registry, key string) (*indicatorSheet, string) {
	is := &indicatorSheet{sheet: s, key: key}
	is.keyCols, is.firstRow = provinceColumns(s, reg)
	if len(is.keyCols) == 0 {
		return nil, "no column of province names / không có cột tên tỉnh"
	}
	top := max(0, is.firstRow-headerScan)
	is.endRow = tableEnd(s, reg, is.keyCols, is.firstRow)
	width := 0
	for r := top; r < is.endRow; r++ {
		width = max(width, len(s.Rows[r]))
	}
	isKey := map[int]bool{}
	for _, k := range is.keyCols {
		isKey[k] = true
	}
	// Label cells of each header row: in the province columns or left of them.
	labels := map[int][]string{}
	refRow := map[int]bool{}
	for r := top; r < is.firstRow; r++ {
		for c := 0; c < width; c++ {
			t := strings.TrimSpace(s.Cell(r, c).String())
			if t == "" {
				continue
			}
			if isKey[c] || c < is.keyCols[0] {
				labels[r] = append(labels[r], province.Fold(t))
				if anyContains(province.Fold(t), refLabels) {
					refRow[r] = true
				}
			} else if anyContains(province.Fold(t), surveyWords) {
				refRow[r] = true
			}
		}
	}
	for c := is.keyCols[0] + 1; c < width; c++ {
		if isKey[c] {
			continue
		}
		cells := headerCells(s, top, is.firstRow, c)
		if len(cells) == 0 {
			// Nothing names it: not an indicator, whatever it holds.
			if hasNumbers(s, is.firstRow, is.endRow, c) {
				is.notes = append(is.notes, fmt.Sprintf("sheet %q: column %s holds numbers under no header: not read / cột không có tiêu đề, bỏ qua",
					s.Name, ingest.ColumnName(c)))
			}
			continue
		}
		if isRowLabelHeader(cells) {
			continue
		}
		is.columns = append(is.columns, &indicatorColumn{col: c, key: nearestKey(is.keyCols, c), score: isScoreHeader(cells),
			values: map[string]*float64{}, rows: map[string]int{}})
	}
	if len(is.columns) == 0 {
		return nil, fmt.Sprintf("province names in column %s but no indicator column / có cột tên tỉnh nhưng không có cột chỉ tiêu",
			ingest.ColumnName(is.keyCols[0]))
	}
	// The short-code row: the lowest header row (not of survey references)
	// where every non-blank cell above a value column is one code, covering
	// at least 4 in 5 of the value columns.
	codeRow := -1
	for r := top; r < is.firstRow; r++ {
		if refRow[r] {
			continue
		}
		n, codes := 0, 0
		for _, col := range is.columns {
			t := strings.TrimSpace(s.Cell(r, col.col).String())
			if t == "" {
				continue
			}
			n++
			if codeLike(t) {
				codes++
			}
		}
		if n > 0 && codes == n && codes*5 >= len(is.columns)*4 {
			codeRow = r
		}
	}
	for _, col := range is.columns {
		if codeRow >= 0 {
			col.code = strings.TrimSpace(s.Cell(codeRow, col.col).String())
		}
		var best, group string
		for r := top; r < is.firstRow; r++ {
			raw := strings.TrimSpace(s.Cell(r, col.col).String())
			if raw == "" || r == codeRow || isSurveyRef(raw) {
				continue
			}
			t := collapse(raw)
			if refRow[r] {
				if groupLabel(t) && len([]rune(t)) > len([]rune(group)) {
					group = t
				}
				continue
			}
			// A cell repeating its row's label ("Chỉ tiêu") names nothing.
			if containsString(labels[r], province.Fold(t)) {
				continue
			}
			if len([]rune(t)) > len([]rune(best)) {
				best = t
			}
		}
		// A structural label ("Nhóm chỉ tiêu mới") gives way to a longer
		// one from the reference row ("Nhóm chỉ tiêu thành phần 1.1").
		if best == "" || groupLabel(best) && len([]rune(group)) > len([]rune(best)) {
			best = group
		}
		col.name = best
	}
	return is, ""
}

// tableEnd is the row after the table: where its header is repeated, or the
// first blank row followed by fewer than minKeyCells province names (the
// one-province profile and statistics block VCCI prints under the table from
// 2012 on; its figures are copies, sometimes stale, and are not read).
func tableEnd(s *sheet.Sheet, reg *province.Registry, keyCols []int, firstRow int) int {
	// after[r]: province names in the key columns from row r down.
	after := make([]int, len(s.Rows)+1)
	for r := len(s.Rows) - 1; r > firstRow; r-- {
		after[r] = after[r+1]
		for _, k := range keyCols {
			if c := s.Cell(r, k); c.Kind == sheet.Text {
				if _, err := reg.Resolve(c.Str, 2008); err == nil {
					after[r]++
				}
			}
		}
	}
	for r := firstRow + 1; r < len(s.Rows); r++ {
		if repeatsHeader(s, r, keyCols) || rowBlank(s, r) && after[r] < minKeyCells {
			return r
		}
	}
	return len(s.Rows)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasNumbers(s *sheet.Sheet, from, to, c int) bool {
	for r := from; r < to; r++ {
		if s.Cell(r, c).Kind == sheet.Number {
			return true
		}
	}
	return false
}

// indicatorValue reads a value cell: blank (no row), a number, or something
// else (a row with no value).
func indicatorValue(c sheet.Cell) (v float64, blank, ok bool) {
	switch c.Kind {
	case sheet.Empty:
		return 0, true, false
	case sheet.Number:
		return c.Num, false, true
	case sheet.Text:
		t := strings.TrimSpace(c.Str)
		if t == "" {
			return 0, true, false
		}
		if x, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", "."), 64); err == nil {
			return x, false, true
		}
	}
	return 0, false, false
}

// misspellings are province names as VCCI misspelt them in its own
// workbooks, folded, and the province meant. Only these exact spellings are
// read; any other unknown name is refused. (They belong with the aliases in
// sql/ref/province_aliases.csv, which this package does not own.)
var misspellings = map[string]string{
	"haai duong": "Hải Dương", // PCI_2005.xls, sheet "Chi phí gia nhập thị trường"
}

// mislabels are rows VCCI's own workbooks are known to label with the wrong
// province: on that year's sheet for that sub-index, twice is listed twice
// with different values and never not at all. Which of the two rows is
// twice's cannot be told, so its conflicting values are left out, with a
// note; any other province listed twice with different values is refused.
var mislabels = []struct {
	year         int
	subindex     string
	twice, never string // registry names
}{
	{2008, "entry_costs", "Gia Lai", "Quảng Nam"}, // PCI_2008.xls, "Chi phí gia nhập thị trường", every column
}

// conflict is one province listed twice in a column with different values.
type conflict struct {
	col        *indicatorColumn
	code, name string
	first, row int
	err        *ingest.Error
}

// extract reads the values of every column, checking provinces against the
// release's scores. A province listed twice in a column with different
// values is refused (but for the known mislabels).
func (is *indicatorSheet) extract(file string, year int, reg *province.Registry, scored map[string]bool) error {
	s := is.sheet
	listed := map[int]map[string]bool{} // key column → provinces it lists
	var conflicts []conflict
	for r := is.firstRow; r < is.endRow; r++ {
		type resolved struct {
			p  province.Province
			ok bool
		}
		byKey := map[int]resolved{}
		rowHasData := false
		for _, col := range is.columns {
			res, done := byKey[col.key]
			if !done {
				p, name, ok, err := resolveKey(reg, s.Cell(r, col.key), year)
				if err != nil {
					meant, known := misspellings[province.Fold(name)]
					if !known {
						return ingest.Errorf(file, s.Name, r, col.key, "%v", err)
					}
					if p, err = reg.Resolve(meant, year); err != nil {
						return ingest.Errorf(file, s.Name, r, col.key, "%v", err)
					}
					ok = true
					if is.misspelt == nil {
						is.misspelt = map[string]string{}
					}
					is.misspelt[name] = p.NameVI
				}
				if ok && !scored[p.Code] {
					return ingest.Errorf(file, s.Name, r, col.key,
						"%q (%s) có chỉ tiêu nhưng không có trong bảng tổng hợp năm %d / has indicator values but no scores in the %d summary",
						name, p.NameVI, year, year)
				}
				if ok {
					if listed[col.key] == nil {
						listed[col.key] = map[string]bool{}
					}
					listed[col.key][p.Code] = true
				}
				res = resolved{p, ok}
				byKey[col.key] = res
			}
			if !res.ok {
				continue
			}
			rowHasData = true
			code := res.p.Code
			v, blank, ok := indicatorValue(s.Cell(r, col.col))
			if blank {
				continue
			}
			var val *float64
			if ok {
				val = &v
				col.numeric++
			} else {
				col.text++
			}
			if old, dup := col.values[code]; dup {
				// A province listed twice must say the same thing twice.
				if (old == nil) != (val == nil) || old != nil && *old != *val {
					conflicts = append(conflicts, conflict{col: col, code: code, name: res.p.NameVI, first: col.rows[code], row: r,
						err: ingest.Errorf(file, s.Name, r, col.col,
							"%s xuất hiện hai lần với giá trị khác nhau (%s ở dòng %d, %s ở đây) / listed twice with different values",
							res.p.NameVI, showValue(old), col.rows[code]+1, showValue(val))})
				}
				continue
			}
			col.values[code] = val
			col.rows[code] = r
		}
		if rowHasData {
			is.read++
		} else if !rowBlank(s, r) {
			is.skip++
		}
	}
	type mislabel struct {
		key        int
		code, name string
		rows       []int
		cols       []string
	}
	var mis []*mislabel
	for _, c := range conflicts {
		missing := map[string]bool{}
		for code := range scored {
			if !listed[c.col.key][code] {
				p, _ := reg.ByCode(province.GenerationForYear(year), code)
				missing[p.NameVI] = true
			}
		}
		known := false
		for _, m := range mislabels {
			known = known || m.year == year && m.subindex == is.key && m.twice == c.name && missing[m.never]
		}
		if !known {
			if len(missing) > 0 {
				never := strings.Join(sortedKeys(missing), ", ")
				c.err.Reason += fmt.Sprintf("; cột %s không có %s: ghi nhầm tên tỉnh? / column %s never lists %s: a mislabelled row?",
					ingest.ColumnName(c.col.key), never, ingest.ColumnName(c.col.key), never)
			}
			return c.err
		}
		delete(c.col.values, c.code)
		var m *mislabel
		for _, x := range mis {
			if x.key == c.col.key && x.code == c.code {
				m = x
			}
		}
		if m == nil {
			m = &mislabel{key: c.col.key, code: c.code, name: c.name}
			mis = append(mis, m)
		}
		for _, r := range []int{c.first + 1, c.row + 1} {
			if !slices.Contains(m.rows, r) {
				m.rows = append(m.rows, r)
			}
		}
		if cn := ingest.ColumnName(c.col.col); !slices.Contains(m.cols, cn) {
			m.cols = append(m.cols, cn)
		}
	}
	// One note per province: which province columns list it twice, which
	// provinces they never list, which values were left out.
	byName := map[string][]*mislabel{}
	var names []string
	for _, m := range mis {
		if byName[m.name] == nil {
			names = append(names, m.name)
		}
		byName[m.name] = append(byName[m.name], m)
	}
	for _, name := range names {
		var keys, cols []string
		missing := map[string]bool{}
		for _, m := range byName[name] {
			sort.Ints(m.rows)
			rows := make([]string, len(m.rows))
			for i, r := range m.rows {
				rows[i] = strconv.Itoa(r)
			}
			keys = append(keys, fmt.Sprintf("%s (rows %s)", ingest.ColumnName(m.key), strings.Join(rows, ", ")))
			cols = append(cols, m.cols...)
			for code := range scored {
				if !listed[m.key][code] {
					p, _ := reg.ByCode(province.GenerationForYear(year), code)
					missing[p.NameVI] = true
				}
			}
		}
		is.notes = append(is.notes, fmt.Sprintf(
			"sheet %q lists %s twice with different values in province column(s) %s, which never list %s: a mislabelled row; %s's conflicting values (column(s) %s) are not loaded / tên tỉnh ghi nhầm, bỏ qua các giá trị mâu thuẫn",
			s.Name, name, strings.Join(keys, "; "), strings.Join(sortedKeys(missing), ", "), name, strings.Join(cols, ", ")))
	}
	return nil
}

func showValue(v *float64) string {
	if v == nil {
		return "không phải số / not a number"
	}
	return strconv.FormatFloat(*v, 'g', -1, 64)
}

// indicators turns the extracted columns into values: numeric columns only,
// the sub-index score column left out.
func (is *indicatorSheet) indicators(scores map[string]Score) []IndicatorValue {
	var cols []*indicatorColumn
	headed := false
	for _, col := range is.columns {
		if col.numeric == 0 || col.numeric < col.text {
			continue // text, such as regions or tiers
		}
		headed = headed || col.score
		cols = append(cols, col)
	}
	if !headed {
		// No header names the sub-index column: the column equal to the
		// published sub-index scores is it; failing that, a first or last
		// column headed with the sheet's own name ("Entry Costs", "Entry
		// Costs score"). Indicators may well carry sub-index words ("Land
		// price"), so nothing looser.
		for _, col := range cols {
			col.score = equalsSubindex(col, is.key, scores)
			headed = headed || col.score
		}
		if !headed && len(cols) > 1 {
			sheetName := province.Fold(collapse(is.sheet.Name))
			for _, col := range []*indicatorColumn{cols[0], cols[len(cols)-1]} {
				h := province.Fold(col.name)
				for _, suffix := range []string{" score", " index", " diem", " chi so"} {
					h = strings.TrimSuffix(h, suffix)
				}
				col.score = h == sheetName
			}
		}
	}
	var out []IndicatorValue
	used := map[string]bool{}
	n := 0
	for _, col := range cols {
		if col.score {
			continue
		}
		n++
		code := col.code
		if code == "" {
			code = fmt.Sprintf("%s_%02d", is.key, n)
		}
		for base, i := code, 2; used[code]; i++ {
			code = fmt.Sprintf("%s_%d", base, i)
		}
		used[code] = true
		name := col.name
		if name == "" {
			name = code
		}
		codes := make([]string, 0, len(col.values))
		for c := range col.values {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			out = append(out, IndicatorValue{ProvinceCode: c, Subindex: is.key, Code: code, Name: name, Value: col.values[c]})
		}
	}
	return out
}

// equalsSubindex reports a column that repeats the published sub-index
// (to the 2 decimals some summaries print) for at least 9 in 10 provinces.
func equalsSubindex(col *indicatorColumn, key string, scores map[string]Score) bool {
	n, same := 0, 0
	for code, v := range col.values {
		s, ok := scores[code].Subindices[key]
		if v == nil || !ok {
			continue
		}
		n++
		if math.Abs(*v-s) <= 0.0051 {
			same++
		}
	}
	return n >= minKeyCells/2 && same*10 >= n*9
}

// parseIndicators reads the sub-index sheets of a workbook into
// rel.Indicators; summary is the set of sheets read (or set aside) as summaries.
func (p *Parser) parseIndicators(file string, wb *sheet.Workbook, rel *Release, summary map[*sheet.Sheet]bool) error {
	keys := p.Catalogue.Keys(rel.Year)
	scores := map[string]Score{}
	scored := map[string]bool{}
	for _, s := range rel.Scores {
		scores[s.ProvinceCode] = s
		scored[s.ProvinceCode] = true
	}
	from := map[string]string{}       // sub-index → sheet it was read from
	misspelt := map[string][]string{} // "written\x00meant" → sheets
	var all []IndicatorValue
	for _, s := range wb.Sheets {
		if summary[s] || sheetBlank(s) {
			continue
		}
		f := classify(s.Name)
		switch {
		case f.kind != fSubindex:
			if cols, _ := provinceColumns(s, p.Registry); len(cols) > 0 {
				rel.Notes = append(rel.Notes, fmt.Sprintf(
					"sheet %q lists provinces but is neither a PCI summary nor a sub-index of the %d methodology: ignored / không phải chỉ số thành phần, bỏ qua",
					s.Name, rel.Year))
			}
			continue
		case !keys[f.key]:
			rel.Notes = append(rel.Notes, fmt.Sprintf(
				"sheet %q is named after sub-index %s, which the %d methodology does not have: ignored / không thuộc phương pháp năm %d, bỏ qua",
				s.Name, f.key, rel.Year, rel.Year))
			continue
		case from[f.key] != "":
			rel.Notes = append(rel.Notes, fmt.Sprintf(
				"sheet %q repeats sub-index %s, already read from sheet %q: ignored / trùng chỉ số thành phần, bỏ qua",
				s.Name, f.key, from[f.key]))
			continue
		}
		is, why := findIndicators(s, p.Registry, f.key)
		if is == nil {
			rel.Notes = append(rel.Notes, fmt.Sprintf("sheet %q (sub-index %s): %s; its indicators are not loaded / không đọc được chỉ tiêu", s.Name, f.key, why))
			continue
		}
		if err := is.extract(file, rel.Year, p.Registry, scored); err != nil {
			return err
		}
		rel.Notes = append(rel.Notes, is.notes...)
		for written, meant := range is.misspelt {
			misspelt[written+"\x00"+meant] = append(misspelt[written+"\x00"+meant], s.Name)
		}
		vals := is.indicators(scores)
		if len(vals) == 0 {
			rel.Notes = append(rel.Notes, fmt.Sprintf("sheet %q (sub-index %s): no column of indicator values; its indicators are not loaded / không có cột chỉ tiêu", s.Name, f.key))
			continue
		}
		seen := map[string]bool{}
		for _, v := range vals {
			seen[v.ProvinceCode] = true
		}
		var missing []string
		for _, sc := range rel.Scores {
			if !seen[sc.ProvinceCode] {
				prov, _ := p.Registry.ByCode(province.GenerationForYear(rel.Year), sc.ProvinceCode)
				missing = append(missing, prov.NameVI)
			}
		}
		if len(missing) > 0 {
			rel.Notes = append(rel.Notes, fmt.Sprintf("sheet %q (sub-index %s) has no indicator values for %s / thiếu chỉ tiêu của %d tỉnh",
				s.Name, f.key, strings.Join(missing, ", "), len(missing)))
		}
		from[f.key] = s.Name
		all = append(all, vals...)
		rel.Sheets = append(rel.Sheets, s.Name)
		rel.RowsRead += is.read
		rel.RowsSkip += is.skip
	}
	for _, k := range slices.Sorted(maps.Keys(misspelt)) {
		written, meant, _ := strings.Cut(k, "\x00")
		rel.Notes = append(rel.Notes, fmt.Sprintf("%q read as %s on sheet(s) %s: a known misspelling / tên viết sai, đọc là %s",
			written, meant, strings.Join(misspelt[k], ", "), meant))
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].ProvinceCode < all[j].ProvinceCode })
	rel.Indicators = all
	return nil
}

func sheetBlank(s *sheet.Sheet) bool {
	for r := range s.Rows {
		if !rowBlank(s, r) {
			return false
		}
	}
	return true
}
