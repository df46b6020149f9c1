package sheet

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Rows streams the rows of one sheet: memory does not grow with the number
// of rows (an xlsx file keeps only its shared-string table in memory; a
// legacy .xls file is decoded whole first, as BIFF offers no cheaper way).
//
//	rows, err := sheet.OpenRows(path, nil, "")
//	if err != nil { … }
//	defer rows.Close()
//	for rows.Next() {
//		use(rows.Index(), rows.Row())
//	}
//	if err := rows.Err(); err != nil { … }
type Rows struct {
	path, sheet, format string
	date1904            bool
	src                 rowSource
	book                *xlsxBook
	row                 []Cell
	idx                 int
	err                 error
	done                bool
}

// rowSource is one format's row iterator. next fills row (reusing its
// storage) and returns it with its 0-based index, or io.EOF after the last.
type rowSource interface {
	next(row []Cell) ([]Cell, int, error)
	close() error
}

// OpenRows opens one sheet of a file for streaming. data may be nil: the
// file at path is then read as needed (an xlsx is never loaded whole);
// otherwise path only names the file in errors. The format is chosen by the
// first bytes, as in Read. sheetName "" is the first worksheet; a CSV file
// has one sheet, "csv".
func OpenRows(path string, data []byte, sheetName string) (*Rows, error) {
	format, err := detectFile(path, data)
	if err != nil {
		return nil, err
	}
	r := &Rows{path: path, format: format, idx: -1}
	switch format {
	case "xlsx":
		b, err := openXLSX(path, data)
		if err != nil {
			return nil, err
		}
		ref, err := b.find(sheetName)
		if err == nil {
			r.src, err = b.open(ref)
		}
		if err != nil {
			b.close()
			return nil, err
		}
		r.book, r.sheet, r.date1904 = b, ref.name, b.date1904
	case "xls":
		if data == nil {
			if data, err = os.ReadFile(path); err != nil {
				return nil, err
			}
		}
		wb, err := readXLS(path, data)
		if err != nil {
			return nil, err
		}
		s, err := pickSheet(wb, sheetName)
		if err != nil {
			return nil, err
		}
		r.sheet, r.src, r.date1904 = s.Name, &gridSource{rows: s.Rows}, wb.Date1904
	case "csv":
		if sheetName != "" && sheetName != csvSheet {
			return nil, fmt.Errorf("%s: sheet %q: %w: no such sheet (a CSV file has one sheet, %q) / không có trang tính này", path, sheetName, ErrFormat, csvSheet)
		}
		src, err := openCSV(path, data, true)
		if err != nil {
			return nil, err
		}
		r.sheet, r.src = csvSheet, src
	}
	return r, nil
}

// SheetNames lists the worksheets of a file in tab order (chart sheets
// left out); a CSV file has one, "csv".
func SheetNames(path string, data []byte) ([]string, error) {
	format, err := detectFile(path, data)
	if err != nil {
		return nil, err
	}
	switch format {
	case "xlsx":
		b, err := openXLSX(path, data)
		if err != nil {
			return nil, err
		}
		defer b.close()
		return b.worksheets(), nil
	case "xls":
		if data == nil {
			if data, err = os.ReadFile(path); err != nil {
				return nil, err
			}
		}
		wb, err := readXLS(path, data)
		if err != nil {
			return nil, err
		}
		names := make([]string, len(wb.Sheets))
		for i, s := range wb.Sheets {
			names[i] = s.Name
		}
		return names, nil
	}
	return []string{csvSheet}, nil
}

func pickSheet(wb *Workbook, name string) (*Sheet, error) {
	if name == "" {
		if len(wb.Sheets) == 0 {
			return nil, fmt.Errorf("%s: %w: the workbook has no worksheet / tệp không có trang tính", wb.Path, ErrFormat)
		}
		return wb.Sheets[0], nil
	}
	if s := wb.Sheet(name); s != nil {
		return s, nil
	}
	names := make([]string, len(wb.Sheets))
	for i, s := range wb.Sheets {
		names[i] = s.Name
	}
	return nil, fmt.Errorf("%s: sheet %q: %w: no such sheet (the workbook has %s) / không có trang tính này", wb.Path, name, ErrFormat, quoteList(names))
}

// detectFile is detect on data, or on the first bytes of the file at path.
func detectFile(path string, data []byte) (string, error) {
	if data != nil {
		return detect(path, data)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 8)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return "", err
	}
	return detect(path, head[:n])
}

// Next advances to the next row; false at the end or on an error (see Err).
func (r *Rows) Next() (ok bool) {
	if r.done || r.src == nil {
		return false
	}
	defer func() {
		if p := recover(); p != nil { // a case the readers did not foresee
			r.fail(fmt.Errorf("malformed sheet (%v)", p))
			ok = false
		}
	}()
	row, idx, err := r.src.next(r.row[:0])
	r.row = row
	if err != nil {
		r.row = r.row[:0]
		if err != io.EOF {
			r.fail(err)
		}
		r.done = true
		return false
	}
	r.idx = idx
	return true
}

func (r *Rows) fail(err error) {
	r.done = true
	r.row = r.row[:0]
	var pe *fs.PathError
	switch {
	case errors.Is(err, ErrFormat):
		r.err = err
	case errors.As(err, &pe):
		r.err = fmt.Errorf("%s: sheet %q: %w", r.path, r.sheet, err)
	default:
		r.err = fmt.Errorf("%s: sheet %q: %w: %v / tệp %s hỏng hoặc bị cắt", r.path, r.sheet, ErrFormat, err, r.format)
	}
}

// Row is the current row: index = 0-based column, trailing empty cells
// dropped. The slice is reused by the next call to Next; the strings in it
// stay valid.
func (r *Rows) Row() []Cell { return r.row }

// Index is the 0-based row number of the current row in the sheet, the
// index of the same row in Read's Sheet.Rows. An xlsx file numbers its rows
// (<row r>) and leaves empty ones out, so the numbers can jump; in a .xls
// sheet absent rows are skipped the same way. A CSV file's rows are its
// records: blank lines are skipped without taking a number, as
// encoding/csv does, and a quoted field may span lines.
func (r *Rows) Index() int { return r.idx }

// Err is the error that ended the iteration, if any: it names the file and
// sheet and wraps ErrFormat when the content is damaged.
func (r *Rows) Err() error { return r.err }

// Sheet is the name of the sheet being read.
func (r *Rows) Sheet() string { return r.sheet }

// Format is "xlsx", "xls" or "csv".
func (r *Rows) Format() string { return r.format }

// Date1904 reports the workbook's date system, for Cell.Time.
func (r *Rows) Date1904() bool { return r.date1904 }

// Close releases the file. It is safe to call more than once.
func (r *Rows) Close() error {
	r.done = true
	var err error
	if r.src != nil {
		err = r.src.close()
		r.src = nil
	}
	if r.book != nil {
		if e := r.book.close(); err == nil {
			err = e
		}
		r.book = nil
	}
	return err
}

// gridSource iterates a sheet already in memory (.xls), skipping absent rows.
type gridSource struct {
	rows [][]Cell
	i    int
}

func (g *gridSource) next(row []Cell) ([]Cell, int, error) {
	for ; g.i < len(g.rows); g.i++ {
		src := g.rows[g.i]
		for len(src) > 0 && src[len(src)-1].Kind == Empty {
			src = src[:len(src)-1]
		}
		if g.rows[g.i] == nil {
			continue
		}
		g.i++
		return append(row, src...), g.i - 1, nil
	}
	return row, 0, io.EOF
}

func (g *gridSource) close() error { return nil }
