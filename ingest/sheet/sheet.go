// Package sheet reads spreadsheet files (xlsx, xls, csv) into one plain grid
// of typed cells, so that recognisers above it never care about the format.
//
// Read and Open load a whole workbook; OpenRows streams one sheet row by
// row in constant memory (an xlsx file keeps only its shared-string table),
// for registers of a million rows. Both use the same readers: xlsx through
// archive/zip and a hand-written scanner of the sheet XML, CSV through a
// record reader with encoding/csv's rules, .xls through a BIFF decoder.
package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Kind says what a cell holds.
type Kind uint8

const (
	Empty Kind = iota
	Number
	Text
	Bool
	Error // a formula error such as #N/A or #DIV/0!
	// Date is a number shown as a date or time: a cell whose number format
	// has date or time fields. Num is the Excel serial (days since
	// the workbook's epoch, the fraction being the time of day); Time turns
	// it into a time.Time. Both xlsx and .xls cells are flagged from their
	// number format; CSV fields are never dates (they stay text or Number).
	Date
)

// Cell is one value as stored in the file: numbers keep full float64
// precision, never the display format.
type Cell struct {
	Kind Kind
	Num  float64 // Number, Date (the serial), and Bool as 0/1
	Str  string  // Text, and the error literal for Error
}

// String is the cell as text: numbers in the shortest exact form; a Date
// too is its serial number (the date system is the workbook's, see Time).
func (c Cell) String() string {
	switch c.Kind {
	case Number, Date:
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

// Time converts a Date (or a Number known to be a date) to a UTC time,
// rounded to the millisecond. date1904 is the workbook's date system
// (Rows.Date1904, Workbook.Date1904). In the 1900 system serial 60 is
// Excel's phantom 29 February 1900 and serials below it are shifted by a
// day, as Excel counts them. ok is false for other kinds and for serials
// outside 0 … 9999-12-31.
func (c Cell) Time(date1904 bool) (t time.Time, ok bool) {
	if c.Kind != Date && c.Kind != Number {
		return time.Time{}, false
	}
	v := c.Num
	if math.IsNaN(v) || v < 0 || v >= 2958466 {
		return time.Time{}, false
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	} else if v < 60 {
		v++
	}
	days := math.Floor(v)
	ms := math.Round((v - days) * 86400000)
	return epoch.AddDate(0, 0, int(days)).Add(time.Duration(ms) * time.Millisecond), true
}

// serialOf is the inverse of Time for dates from 1 March 1900.
func serialOf(t time.Time, date1904 bool) (float64, bool) {
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	days := float64((day.Unix() - epoch.Unix()) / 86400)
	if days < 0 {
		return 0, false
	}
	frac := float64(t.Sub(day)) / float64(24*time.Hour)
	return days + frac, true
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
	// Date1904 is the workbook's date system (xlsx workbookPr, xls
	// DATEMODE), for Cell.Time.
	Date1904 bool
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
	format, err := detect(path, data)
	if err != nil {
		return nil, err
	}
	switch format {
	case "xlsx":
		return readXLSX(path, data)
	case "xls":
		return readXLS(path, data)
	}
	return readCSV(path, data)
}

// detect names the format of a file from its first bytes (its name only
// tells a CSV file, which has no signature).
func detect(path string, head []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "xlsx", nil
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return "xls", nil
	case ext == ".csv" || ext == ".txt":
		return "csv", nil
	case ext == ".xlsx" || ext == ".xlsm":
		return "", fmt.Errorf("%s: %w: the name says xlsx but the content is not a zip (Office Open XML) package; truncated or renamed? / tệp không phải xlsx thật", path, ErrFormat)
	case ext == ".xls":
		return "", fmt.Errorf("%s: %w: the name says xls but the content is not an OLE2 (BIFF) workbook / tệp không phải xls thật", path, ErrFormat)
	}
	return "", fmt.Errorf("%s: %w: unknown file type %q (expected .xlsx, .xls or .csv) / không nhận ra loại tệp", path, ErrFormat, ext)
}
