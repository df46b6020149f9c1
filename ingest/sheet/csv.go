package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// readCSV reads a UTF-8 CSV (BOM allowed; comma, semicolon or tab chosen from
// the first line) into one sheet named after nothing: "csv".
func readCSV(path string, r io.Reader) (*Workbook, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: %w: the text is not UTF-8 (save the CSV as UTF-8) / tệp CSV không phải mã UTF-8", path, ErrFormat)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Errorf("%s: %w: binary content in a CSV file / tệp CSV chứa dữ liệu nhị phân", path, ErrFormat)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffComma(data)
	cr.FieldsPerRecord = -1
	s := &Sheet{Name: "csv"}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s: row %d, column %d: %w: %v / lỗi cú pháp CSV", path, pe.Line, pe.Column, ErrFormat, pe.Err)
			}
			return nil, fmt.Errorf("%s: %w: %v", path, ErrFormat, err)
		}
		row := make([]Cell, len(rec))
		for i, v := range rec {
			row[i] = csvCell(v)
		}
		s.Rows = append(s.Rows, row)
	}
	return &Workbook{Path: path, Format: "csv", Sheets: []*Sheet{s}}, nil
}

// csvCell types a field: numbers become Number unless they carry a leading
// zero (a code such as "01" stays text).
func csvCell(v string) Cell {
	t := strings.TrimSpace(v)
	if t == "" {
		return Cell{}
	}
	if !(len(t) > 1 && t[0] == '0' && t[1] != '.') {
		if n, err := strconv.ParseFloat(t, 64); err == nil {
			return Cell{Kind: Number, Num: n}
		}
	}
	return Cell{Kind: Text, Str: v}
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
