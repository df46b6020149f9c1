// Package sheet reads spreadsheet files (xlsx, xls, csv) into one plain grid
// of typed cells, so that recognisers above it never care about the format.
package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Kind says what a cell holds.
type Kind uint8

const (
	Empty Kind = iota
	Number
	Text
	Bool
	Error // a formula error such as #N/A or #DIV/0!
)

// Cell is one value as stored in the file: numbers keep full float64
// precision, never the display format.
type Cell struct {
	Kind Kind
	Num  float64 // Number, and Bool as 0/1
	Str  string  // Text, and the error literal for Error
}

// String is the cell as text: numbers in the shortest exact form.
func (c Cell) String() string {
	switch c.Kind {
	case Number:
		return strconv.FormatFloat(c.Num, 'g', -1, 64)
	case Bool:
		if c.Num != 0 {
			return "TRUE"
		}
		return "FALSE"
	case Text, Error:
		return c.Str
	}
	return ""
}

// IsBlank reports an empty cell or one holding only white space.
func (c Cell) IsBlank() bool {
	return c.Kind == Empty || (c.Kind == Text && strings.TrimSpace(c.Str) == "")
}

// Sheet is one worksheet. Rows[r][c] is 0-based; rows may be ragged or nil.
type Sheet struct {
	Name string
	Rows [][]Cell
}

// Cell returns the cell at row r, column c (0-based), Empty when absent.
func (s *Sheet) Cell(r, c int) Cell {
	if r < 0 || r >= len(s.Rows) || c < 0 || c >= len(s.Rows[r]) {
		return Cell{}
	}
	return s.Rows[r][c]
}

// Workbook is a whole file.
type Workbook struct {
	Path   string
	Format string // "xlsx", "xls" or "csv"
	Sheets []*Sheet
}

// Sheet returns the sheet with the given name, or nil.
func (w *Workbook) Sheet(name string) *Sheet {
	for _, s := range w.Sheets {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// ErrFormat marks a file that is not a readable spreadsheet of the kind it claims.
var ErrFormat = errors.New("not a readable spreadsheet")

// Open reads a whole file, choosing the reader by the file's first bytes,
// not by its name: a text file renamed .xlsx is refused, not guessed.
func Open(path string) (*Workbook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Read(path, data)
}

// Read is Open on bytes already in memory; path names the file in errors.
func Read(path string, data []byte) (*Workbook, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return readXLSX(path, data)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return readXLS(path, data)
	case ext == ".csv" || ext == ".txt":
		return readCSV(path, bytes.NewReader(data))
	case ext == ".xlsx" || ext == ".xlsm":
		return nil, fmt.Errorf("%s: %w: the name says xlsx but the content is not a zip (Office Open XML) package; truncated or renamed? / tệp không phải xlsx thật", path, ErrFormat)
	case ext == ".xls":
		return nil, fmt.Errorf("%s: %w: the name says xls but the content is not an OLE2 (BIFF) workbook / tệp không phải xls thật", path, ErrFormat)
	}
	return nil, fmt.Errorf("%s: %w: unknown file type %q (expected .xlsx, .xls or .csv) / không nhận ra loại tệp", path, ErrFormat, ext)
}
