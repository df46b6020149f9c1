package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
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

// csvStream reads records one at a time with encoding/csv, reusing its
// record slice; each record's fields share one string.
type csvStream struct {
	path string
	cr   *csv.Reader
	file *os.File
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
	br := bufio.NewReaderSize(r, 256<<10)
	if head, _ := br.Peek(3); bytes.Equal(head, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	head, err := br.Peek(br.Size())
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		s.close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s.cr = csv.NewReader(br)
	s.cr.Comma = sniffComma(head)
	s.cr.FieldsPerRecord = -1
	s.cr.ReuseRecord = true
	return s, nil
}

func (s *csvStream) close() error {
	if s.file != nil {
		err := s.file.Close()
		s.file = nil
		return err
	}
	return nil
}

func (s *csvStream) next(row []Cell) ([]Cell, int, error) {
	rec, err := s.cr.Read()
	if errors.Is(err, io.EOF) {
		return row, 0, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return row, 0, fmt.Errorf("%s: row %d, column %d: %w: %v / lỗi cú pháp CSV", s.path, pe.Line, pe.Column, ErrFormat, pe.Err)
		}
		var pathErr *os.PathError
		if errors.As(err, &pathErr) {
			return row, 0, fmt.Errorf("%s: %w", s.path, err)
		}
		return row, 0, fmt.Errorf("%s: %w: %v", s.path, ErrFormat, err)
	}
	for _, v := range rec {
		if !utf8.ValidString(v) {
			line, _ := s.cr.FieldPos(0)
			return row, 0, fmt.Errorf("%s: row %d: %w: the text is not UTF-8 (save the CSV as UTF-8) / tệp CSV không phải mã UTF-8", s.path, line, ErrFormat)
		}
		if strings.IndexByte(v, 0) >= 0 {
			line, _ := s.cr.FieldPos(0)
			return row, 0, fmt.Errorf("%s: row %d: %w: binary content in a CSV file / tệp CSV chứa dữ liệu nhị phân", s.path, line, ErrFormat)
		}
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
// zero (a code such as "01" stays text).
func csvCell(v string) Cell {
	t := v
	if len(t) > 0 && (t[0] <= ' ' || t[len(t)-1] <= ' ' || t[0] >= utf8.RuneSelf || t[len(t)-1] >= utf8.RuneSelf) {
		t = strings.TrimSpace(v)
	}
	if t == "" {
		return Cell{}
	}
	if !(len(t) > 1 && t[0] == '0' && t[1] != '.') && maybeFloat(t) {
		if n, err := strconv.ParseFloat(t, 64); err == nil {
			return Cell{Kind: Number, Num: n}
		}
	}
	return Cell{Kind: Text, Str: v}
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
// cannot be a number.
func maybeFloat(t string) bool {
	for i := 0; i < len(t); i++ {
		if !floatChars[t[i]] {
			return false
		}
	}
	return true
}

func sniffComma(data []byte) rune {
	line := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		line = data[:i]
	}
	best, n := ',', bytes.Count(line, []byte{','})
	for _, c := range []rune{';', '\t'} {
		if k := bytes.Count(line, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}
