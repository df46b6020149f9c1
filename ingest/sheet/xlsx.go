package sheet

// Streaming worksheet reader for xlsx: archive/zip inflates the part and a
// hand-written scanner walks <sheetData>, so memory stays flat whatever the
// row count (only the shared-string table is held whole).

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
	"unsafe"
)

// Excel's limits; a reference beyond them is damage, and refusing it bounds
// the row buffer a hostile file can make us allocate.
const (
	maxXLSXRows = 1 << 20
	maxXLSXCols = 1 << 14
)

// Cell types (the t attribute).
const (
	typNumber = iota
	typShared
	typStr
	typInline
	typBool
	typError
	typDate
)

// xlsxStream reads one worksheet part.
type xlsxStream struct {
	book    *xlsxBook
	rc      io.ReadCloser
	ar      *asyncReader
	sc      *scanner
	state   int // 0 before <sheetData>, 1 inside, 2 after
	last    int // index of the last row returned
	text    []byte
	fix     []fixup
	readErr error
}

// fixup points a cell at text collected in the row's text buffer; the
// buffer becomes one string per row, so text cells cost one allocation per
// row rather than one each.
type fixup struct {
	col        int
	start, end int
}

var errSheetEnd = errors.New("the sheet XML ends inside <sheetData>")

func (b *xlsxBook) open(ref xlsxSheetRef) (*xlsxStream, error) {
	if err := b.load(); err != nil {
		return nil, err
	}
	f := b.file(ref.part)
	if f == nil {
		return nil, fmt.Errorf("%s: sheet %q: %w: the worksheet part %s is missing / thiếu phần dữ liệu của trang tính", b.path, ref.name, ErrFormat, ref.part)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: sheet %q: %w: %v / tệp xlsx hỏng", b.path, ref.name, ErrFormat, err)
	}
	return newXLSXStream(b, rc), nil
}

func newXLSXStream(b *xlsxBook, rc io.ReadCloser) *xlsxStream {
	ar := newAsyncReader(rc)
	return &xlsxStream{book: b, rc: rc, ar: ar, sc: newScanner(ar, 256<<10), last: -1}
}

func (x *xlsxStream) close() error {
	if x.rc != nil {
		x.ar.Close()
		err := x.rc.Close()
		x.rc = nil
		return err
	}
	return nil
}

// next reads the next <row> into row (reusing its storage). It returns
// io.EOF after the last row.
func (x *xlsxStream) next(row []Cell) ([]Cell, int, error) {
	for {
		t, err := x.sc.next()
		if err != nil {
			return row, 0, err
		}
		if t == nil {
			if x.state == 1 {
				return row, 0, errSheetEnd
			}
			x.state = 2
			return row, 0, io.EOF
		}
		switch x.state {
		case 0:
			if t.is("sheetData") && !t.end {
				x.state = 1
				if t.self {
					x.state = 2
					return row, 0, io.EOF
				}
			}
		case 1:
			if t.end {
				if t.is("sheetData") {
					x.state = 2
					return row, 0, io.EOF
				}
				continue
			}
			if !t.is("row") {
				if err := x.sc.skip(t); err != nil {
					return row, 0, err
				}
				continue
			}
			idx := x.last + 1
			if r := t.attr("r"); r != nil {
				n, ok := atoi(r)
				if !ok || n < 1 || n > maxXLSXRows {
					return row, 0, fmt.Errorf("row number %q is not between 1 and %d", r, maxXLSXRows)
				}
				idx = n - 1
			} else if idx >= maxXLSXRows {
				return row, 0, fmt.Errorf("more than %d rows", maxXLSXRows)
			}
			x.last = idx
			if t.self {
				return row[:0], idx, nil
			}
			row, err = x.readRow(row[:0], idx)
			return row, idx, err
		default:
			return row, 0, io.EOF
		}
	}
}

func (x *xlsxStream) readRow(row []Cell, idx int) ([]Cell, error) {
	x.text, x.fix = x.text[:0], x.fix[:0]
	col := -1
	for {
		t, err := x.sc.next()
		if err != nil {
			return row, err
		}
		if t == nil {
			return row, errSheetEnd
		}
		if t.end {
			if t.is("row") {
				break
			}
			continue
		}
		if !t.is("c") {
			if err := x.sc.skip(t); err != nil {
				return row, err
			}
			continue
		}
		col++
		if r := t.attr("r"); r != nil {
			c, ok := colIndex(r)
			if !ok {
				return row, fmt.Errorf("row %d: cell reference %q is not valid", idx+1, r)
			}
			col = c
		} else if col >= maxXLSXCols {
			return row, fmt.Errorf("row %d has more than %d cells", idx+1, maxXLSXCols)
		}
		var cell Cell
		nfix := len(x.fix)
		if cell, err = x.readCell(t, col); err != nil {
			return row, fmt.Errorf("cell %s%d: %w", colName(col), idx+1, err)
		}
		switch {
		case col == len(row):
			row = append(row, cell)
		case col > len(row):
			for len(row) < col {
				row = append(row, Cell{})
			}
			row = append(row, cell)
		default: // the same cell twice: the later one wins
			row[col] = cell
			for i := 0; i < nfix; i++ {
				if x.fix[i].col == col {
					x.fix = append(x.fix[:i], x.fix[i+1:]...)
					i, nfix = i-1, nfix-1
				}
			}
		}
	}
	if len(x.fix) > 0 {
		s := string(x.text)
		for _, f := range x.fix {
			if f.col < len(row) {
				row[f.col].Str = s[f.start:f.end]
			}
		}
	}
	for len(row) > 0 && row[len(row)-1].Kind == Empty {
		row = row[:len(row)-1]
	}
	return row, nil
}

// readCell reads one <c> whose start tag is t; col is its 0-based column.
// Text that is not shared is left in x.text with a fixup for col.
func (x *xlsxStream) readCell(t *tag, col int) (Cell, error) {
	typ, style := typNumber, 0
	if v := t.attr("t"); v != nil {
		switch string(v) {
		case "s":
			typ = typShared
		case "str":
			typ = typStr
		case "inlineStr":
			typ = typInline
		case "b":
			typ = typBool
		case "e":
			typ = typError
		case "d":
			typ = typDate
		}
	}
	if v := t.attr("s"); v != nil {
		style, _ = atoi(v)
	}
	if t.self {
		return Cell{}, nil
	}
	// Fast path for the common <v>plain text</v></c>.
	if b := x.sc.buf[x.sc.pos:x.sc.end]; len(b) > 3 && b[0] == '<' && b[1] == 'v' && b[2] == '>' {
		if i := bytes.IndexByte(b[3:], '<'); i >= 0 && bytes.HasPrefix(b[3+i:], []byte("</v></c>")) {
			if v := b[3 : 3+i]; bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\r') < 0 {
				x.sc.pos += 3 + i + 8
				return x.value(typ, style, col, v)
			}
		}
	}
	var cell Cell
	for {
		t, err := x.sc.next()
		if err != nil {
			return cell, err
		}
		if t == nil {
			return cell, errSheetEnd
		}
		if t.end {
			if t.is("c") {
				return cell, nil
			}
			continue
		}
		switch {
		case t.is("v"):
			if t.self {
				continue
			}
			v, err := x.sc.text()
			if err != nil {
				return cell, err
			}
			if cell, err = x.value(typ, style, col, v); err != nil {
				return cell, err
			}
			if err := x.sc.skipRest(); err != nil {
				return cell, err
			}
		case t.is("is"):
			if cell, err = x.inline(t, col); err != nil {
				return cell, err
			}
		default: // <f>, <extLst>
			if err := x.sc.skip(t); err != nil {
				return cell, err
			}
		}
	}
}

// inline collects the text of <is>: plain <t> or rich-text runs, phonetic
// runs left out.
func (x *xlsxStream) inline(t *tag, col int) (Cell, error) {
	if t.self {
		return Cell{}, nil
	}
	start := len(x.text)
	for depth := 1; depth > 0; {
		t, err := x.sc.next()
		if err != nil {
			return Cell{}, err
		}
		if t == nil {
			return Cell{}, errSheetEnd
		}
		switch {
		case t.end:
			depth--
		case t.self:
		case t.is("rPh") || t.is("rPr"):
			if err := x.sc.skip(t); err != nil {
				return Cell{}, err
			}
		case t.is("t"):
			v, err := x.sc.text()
			if err != nil {
				return Cell{}, err
			}
			x.text = append(x.text, v...)
			depth++
		default:
			depth++
		}
	}
	x.text = append(x.text[:start], unescapeOOXML(x.text[start:])...)
	return x.textCell(start, col), nil
}

func (x *xlsxStream) textCell(start, col int) Cell {
	if len(x.text) == start {
		return Cell{}
	}
	x.fix = append(x.fix, fixup{col: col, start: start, end: len(x.text)})
	return Cell{Kind: Text}
}

func (x *xlsxStream) addText(v []byte, col int) Cell {
	start := len(x.text)
	x.text = append(x.text, v...)
	return x.textCell(start, col)
}

// value types the content of <v>.
func (x *xlsxStream) value(typ, style, col int, v []byte) (Cell, error) {
	if len(v) == 0 {
		return Cell{}, nil
	}
	switch typ {
	case typShared:
		i, ok := atoi(bytes.TrimSpace(v))
		s, found := x.book.sst.get(i)
		if !ok || !found {
			return Cell{}, fmt.Errorf("shared string %q does not exist (the table has %d)", v, x.book.sst.len())
		}
		if s == "" {
			return Cell{}, nil
		}
		return Cell{Kind: Text, Str: s}, nil
	case typStr, typInline:
		return x.addText(v, col), nil
	case typBool:
		switch string(v) {
		case "1", "TRUE", "true":
			return Cell{Kind: Bool, Num: 1}, nil
		}
		return Cell{Kind: Bool}, nil
	case typError:
		if s, ok := errorLiterals[string(v)]; ok {
			return Cell{Kind: Error, Str: s}, nil
		}
		c := x.addText(v, col)
		c.Kind = Error
		return c, nil
	case typDate:
		if n, ok := isoSerial(string(v), x.book.date1904); ok {
			return Cell{Kind: Date, Num: n}, nil
		}
		return x.addText(v, col), nil
	}
	n, err := strconv.ParseFloat(unsafe.String(&v[0], len(v)), 64)
	if err != nil {
		return x.addText(v, col), nil
	}
	if style < len(x.book.dateXF) && x.book.dateXF[style] {
		return Cell{Kind: Date, Num: n}, nil
	}
	return Cell{Kind: Number, Num: n}, nil
}

var errorLiterals = map[string]string{}

func init() {
	for _, e := range []string{"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"} {
		errorLiterals[e] = e
	}
}

// isoSerial converts the ISO 8601 text of a t="d" cell to a serial number.
func isoSerial(v string, date1904 bool) (float64, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02", "15:04:05.999999999"} {
		if t, err := time.Parse(layout, v); err == nil {
			if layout == "15:04:05.999999999" {
				return float64(t.Sub(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC))) / float64(24*time.Hour), true
			}
			return serialOf(t, date1904)
		}
	}
	return 0, false
}

// atoi parses a non-negative decimal integer of at most 9 digits.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// colIndex reads the column of a reference such as AB12 (0-based); the row
// part is not checked, <row r> is authoritative.
func colIndex(ref []byte) (int, bool) {
	c, i := 0, 0
	for ; i < len(ref); i++ {
		ch := ref[i] | 0x20
		if ch < 'a' || ch > 'z' {
			break
		}
		c = c*26 + int(ch-'a') + 1
		if c > maxXLSXCols {
			return 0, false
		}
	}
	if i == 0 {
		return 0, false
	}
	return c - 1, true
}

// colName is the letters of a 0-based column: 0 → A, 26 → AA.
func colName(c int) string {
	var b [4]byte
	i := len(b)
	for c++; c > 0 && i > 0; c = (c - 1) / 26 {
		i--
		b[i] = byte('A' + (c-1)%26)
	}
	return string(b[i:])
}

// readXLSX reads every worksheet with raw cell values, so a number formatted
// as "0.00" keeps the precision stored in the file.
func readXLSX(path string, data []byte) (*Workbook, error) {
	b, err := openXLSX(path, data)
	if err != nil {
		return nil, err
	}
	defer b.close()
	wb := &Workbook{Path: path, Format: "xlsx", Date1904: b.date1904}
	for _, ref := range b.sheets {
		if ref.kind != "worksheet" {
			continue
		}
		s, err := readXLSXSheet(b, ref)
		if err != nil {
			return nil, err
		}
		wb.Sheets = append(wb.Sheets, s)
	}
	return wb, nil
}

func readXLSXSheet(b *xlsxBook, ref xlsxSheetRef) (s *Sheet, err error) {
	r := &Rows{path: b.path, sheet: ref.name, format: "xlsx", date1904: b.date1904}
	src, err := b.open(ref)
	if err != nil {
		return nil, err
	}
	r.src = src
	defer r.Close()
	s = &Sheet{Name: ref.name}
	for r.Next() {
		idx, row := r.Index(), r.Row()
		cells := make([]Cell, len(row))
		copy(cells, row)
		for len(s.Rows) < idx {
			s.Rows = append(s.Rows, []Cell{})
		}
		if idx < len(s.Rows) { // a row listed twice (or out of order): merge
			for c, cell := range cells {
				if cell.Kind != Empty {
					for len(s.Rows[idx]) <= c {
						s.Rows[idx] = append(s.Rows[idx], Cell{})
					}
					s.Rows[idx][c] = cell
				}
			}
			continue
		}
		s.Rows = append(s.Rows, cells)
	}
	return s, r.Err()
}
