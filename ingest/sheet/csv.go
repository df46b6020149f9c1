package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// csvSheet is the name of the one sheet of a CSV file.
const csvSheet = "csv"

// readCSV reads a UTF-8 CSV (BOM allowed; comma, semicolon or tab chosen from
// the first line) into one sheet named "csv". Rows keep every field, blank
// trailing ones included.
func readCSV(path string, data []byte) (*Workbook, error) {
	src, err := openCSV(path, data, false)
	if err != nil {
		return nil, err
	}
	s := &Sheet{Name: csvSheet}
	var row []Cell
	for {
		row, _, err = src.next(row[:0])
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		s.Rows = append(s.Rows, append([]Cell(nil), row...))
	}
	return &Workbook{Path: path, Format: "csv", Sheets: []*Sheet{s}}, nil
}

// csvStream reads records one at a time; each record's fields share one
// string.
type csvStream struct {
	path string
	p    *csvParser
	file *os.File
	ar   *asyncReader
	n    int
	trim bool
}

// openCSV starts reading data, or the file at path when data is nil. trim
// drops blank trailing fields from each row.
func openCSV(path string, data []byte, trim bool) (*csvStream, error) {
	s := &csvStream{path: path, trim: trim}
	var r io.Reader
	if data != nil {
		r = bytes.NewReader(data)
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		s.file, r = f, f
	}
	// Reading and checking the encoding run ahead in another goroutine.
	var check textCheck
	s.ar = newCheckedReader(r, check.check)
	p := newCSVParser(s.ar, ',', 256<<10)
	// The first line (or 256 KiB of it) decides the delimiter. A read error
	// here comes back again, in place, from the parser.
	for p.end < len(p.buf) && bytes.IndexByte(p.buf[:p.end], '\n') < 0 && p.fill() {
	}
	if bytes.HasPrefix(p.buf[:p.end], []byte("\xEF\xBB\xBF")) {
		p.pos = 3
	}
	p.comma = sniffComma(p.buf[p.pos:p.end])
	s.p = p
	return s, nil
}

func (s *csvStream) close() error {
	if s.ar != nil {
		s.ar.Close()
		s.ar = nil
	}
	if s.file != nil {
		err := s.file.Close()
		s.file = nil
		return err
	}
	return nil
}

func (s *csvStream) next(row []Cell) ([]Cell, int, error) {
	rec, err := s.p.read()
	if err == io.EOF {
		return row, 0, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return row, 0, fmt.Errorf("%s: row %d, column %d: %w: %v / lỗi cú pháp CSV", s.path, pe.Line, pe.Column, ErrFormat, pe.Err)
		}
		var te *textError
		if errors.As(err, &te) {
			return row, 0, fmt.Errorf("%s: line %d: %w: %s", s.path, te.line, ErrFormat, te.msg)
		}
		var pathErr *os.PathError
		if errors.As(err, &pathErr) {
			return row, 0, fmt.Errorf("%s: %w", s.path, err)
		}
		return row, 0, fmt.Errorf("%s: %w: %v", s.path, ErrFormat, err)
	}
	for _, v := range rec {
		row = append(row, csvCell(v))
	}
	if s.trim {
		for len(row) > 0 && row[len(row)-1].Kind == Empty {
			row = row[:len(row)-1]
		}
	}
	s.n++
	return row, s.n - 1, nil
}

// csvCell types a field: numbers become Number unless they carry a leading
// zero (a code such as "01" stays text). Surrounding white space, Unicode
// included, does not stop a number.
func csvCell(v string) Cell {
	t := trimSpace(v)
	if t == "" {
		return Cell{}
	}
	if len(t) > 1 && t[0] == '0' && t[1] != '.' {
		return Cell{Kind: Text, Str: v}
	}
	if n, ok := smallInt(t); ok {
		return Cell{Kind: Number, Num: n}
	}
	if maybeFloat(t) {
		if n, err := strconv.ParseFloat(t, 64); err == nil {
			return Cell{Kind: Number, Num: n}
		}
	}
	return Cell{Kind: Text, Str: v}
}

// trimSpace is strings.TrimSpace with a fast path for the usual field that
// neither starts nor ends with white space.
func trimSpace(v string) string {
	if v == "" {
		return v
	}
	if first := v[0]; first <= ' ' || first >= utf8.RuneSelf && startsWithSpace(v) {
		return strings.TrimSpace(v)
	}
	if last := v[len(v)-1]; last <= ' ' || last >= utf8.RuneSelf && endsWithSpace(v) {
		return strings.TrimSpace(v)
	}
	return v
}

func startsWithSpace(v string) bool {
	r, _ := utf8.DecodeRuneInString(v)
	return unicode.IsSpace(r)
}

func endsWithSpace(v string) bool {
	r, _ := utf8.DecodeLastRuneInString(v)
	return unicode.IsSpace(r)
}

// smallInt reads an optionally signed run of at most 15 digits, which a
// float64 holds exactly: the common case, without ParseFloat.
func smallInt(t string) (float64, bool) {
	neg := false
	if t[0] == '-' || t[0] == '+' {
		neg, t = t[0] == '-', t[1:]
	}
	if len(t) == 0 || len(t) > 15 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(t); i++ {
		c := t[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + int64(c)
	}
	if neg {
		if n == 0 {
			return math.Copysign(0, -1), true
		}
		n = -n
	}
	return float64(n), true
}

// floatChars marks the bytes strconv.ParseFloat can accept: digits, signs,
// point, exponent, hexadecimal mantissa, underscores, "inf(inity)", "nan".
var floatChars = func() (t [256]bool) {
	for _, c := range []byte("0123456789+-._eExXpPaAbBcCdDfFiInNtTyY") {
		t[c] = true
	}
	return
}()

// maybeFloat rejects, without the cost of a failed ParseFloat, text that
// cannot be a number: a byte no number has, or a sign that neither starts
// the text nor follows an exponent mark (dates such as 1995-01-02).
func maybeFloat(t string) bool {
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case !floatChars[c]:
			return false
		case (c == '-' || c == '+') && i > 0:
			if p := t[i-1] | 0x20; p != 'e' && p != 'p' {
				return false
			}
		}
	}
	return true
}

func sniffComma(data []byte) byte {
	line := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		line = data[:i]
	}
	best, n := byte(','), bytes.Count(line, []byte{','})
	for _, c := range []byte{';', '\t'} {
		if k := bytes.Count(line, []byte{c}); k > n {
			best, n = c, k
		}
	}
	return best
}

// textCheck refuses input that is not UTF-8 text: invalid sequences and NUL
// bytes. It sees the file in chunks, so a character split between two
// chunks is carried over.
type textCheck struct {
	carry []byte
	line  int // newlines before the current chunk
}

type textError struct {
	line int
	msg  string
}

func (e *textError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

func (c *textCheck) check(b []byte, last bool) error {
	start := 0
	if len(c.carry) > 0 {
		// Complete the character cut at the end of the previous chunk.
		need := min(len(b), utf8.UTFMax-len(c.carry))
		tmp := append(c.carry, b[:need]...)
		if !utf8.FullRune(tmp) && !last {
			c.carry = tmp
			return nil
		}
		r, size := utf8.DecodeRune(tmp)
		if r == utf8.RuneError && size <= 1 {
			return c.fail(b, 0, false)
		}
		start = size - (len(tmp) - need)
		c.carry = c.carry[:0]
	}
	end := len(b)
	if !last {
		// Leave an incomplete final character for the next chunk.
		for i := len(b) - 1; i >= start && i >= len(b)-utf8.UTFMax; i-- {
			if utf8.RuneStart(b[i]) {
				if !utf8.FullRune(b[i:]) {
					end = i
				}
				break
			}
		}
	}
	if !utf8.Valid(b[start:end]) {
		return c.fail(b, start, false)
	}
	if bytes.IndexByte(b[start:end], 0) >= 0 {
		return c.fail(b, start, true)
	}
	if end < len(b) {
		c.carry = append(c.carry[:0], b[end:]...)
	} else if last && len(c.carry) > 0 {
		return c.fail(b, len(b), false)
	}
	c.line += bytes.Count(b, []byte{'\n'})
	return nil
}

// fail reports the line of the first bad byte at or after from.
func (c *textCheck) fail(b []byte, from int, nul bool) error {
	at := from
	for at < len(b) {
		r, size := utf8.DecodeRune(b[at:])
		if (r == utf8.RuneError && size <= 1) || r == 0 {
			break
		}
		at += size
	}
	line := c.line + bytes.Count(b[:min(at, len(b))], []byte{'\n'}) + 1
	if nul || (at < len(b) && b[at] == 0) {
		return &textError{line, "binary content in a CSV file / tệp CSV chứa dữ liệu nhị phân"}
	}
	return &textError{line, "the text is not UTF-8 (save the CSV as UTF-8) / tệp CSV không phải mã UTF-8"}
}
