package export

import (
	"bufio"
	"io"
	"strconv"
	"time"
)

// CSVOptions tune WriteCSV. The zero value is the csv "for Excel": UTF-8
// with a byte order mark (Excel needs it to read Vietnamese text as UTF-8
// rather than the system code page), Vietnamese headers.
type CSVOptions struct {
	NoBOM bool   // plain UTF-8, for programs that take a BOM for data
	Lang  string // header labels: "vi" (default) or "en"
}

// WriteCSV writes src as RFC 4180 CSV: comma separated, CRLF line ends,
// fields quoted when they hold a comma, quote, CR or LF (Code fields
// always, so importers that keep quoted fields as text keep the leading
// zeros). A text or code value that begins with = + - @ tab CR or LF is
// prefixed with a single quote so that no spreadsheet runs it as a formula;
// numbers are written as numbers (a negative number stays -1.5), with a
// dot decimal separator and full precision. Dates are ISO (2024-03-31),
// timestamps "2024-03-31 10:00:00", booleans true/false, NULL an empty field.
func WriteCSV(w io.Writer, src Source, opt CSVOptions) error {
	cols := src.Columns()
	if err := checkColumns(cols); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if !opt.NoBOM {
		bw.WriteString("\uFEFF")
	}
	buf := make([]byte, 0, 1024)
	for i, c := range cols {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendCSVText(buf, c.Label(opt.Lang), false)
	}
	buf = append(buf, '\r', '\n')
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	if inner, notify := unwrapSource(src); inner != nil {
		if c, ok := inner.(csvWriterTo); ok { // Arrow batches, formatted in parallel
			if err := c.writeCSV(bw, cols, notify); err != nil {
				return err
			}
			return bw.Flush()
		}
	}
	_, err := pump(src, cols, func(row []any) error {
		buf = buf[:0]
		for i, v := range row {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendCSVValue(buf, v, cols[i])
		}
		buf = append(buf, '\r', '\n')
		_, err := bw.Write(buf)
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// csvWriterTo is a source that writes its own rows as CSV (faster than
// row by row), calling notify.firstRow when its first rows arrive.
type csvWriterTo interface {
	writeCSV(w *bufio.Writer, cols []Column, notify firstRower) error
}

type firstRower interface{ firstRow() }

// unwrapSource finds the source under Serve's wrapper, and the wrapper's
// first-row notifier (nil when src is not wrapped).
func unwrapSource(src Source) (Source, firstRower) {
	if c, ok := src.(*committingSource); ok {
		return c.Source, c
	}
	return src, nil
}

// appendCSVValue appends one field; v is a normalised value.
func appendCSVValue(buf []byte, v any, col Column) []byte {
	switch x := v.(type) {
	case nil:
	case string:
		buf = appendCSVText(buf, x, col.Type == Code)
	case int64:
		buf = strconv.AppendInt(buf, x, 10)
	case float64:
		buf = appendCSVFloat(buf, x)
	case bool:
		buf = strconv.AppendBool(buf, x)
	case time.Time:
		buf = appendCSVTime(buf, x, col)
	}
	return buf
}

func appendCSVFloat(buf []byte, x float64) []byte {
	if isFinite(x) {
		return strconv.AppendFloat(buf, x, 'f', -1, 64)
	}
	return append(buf, nonFinite(x)...)
}

func appendCSVTime(buf []byte, x time.Time, col Column) []byte {
	if col.Type == Date || dateOnly(x) {
		return x.AppendFormat(buf, "2006-01-02")
	}
	return x.AppendFormat(buf, "2006-01-02 15:04:05")
}

// appendCSVText appends s as a CSV field: neutralised when it could start a
// formula, quoted when needed (or always).
func appendCSVText(buf []byte, s string, alwaysQuote bool) []byte {
	neutral := len(s) > 0 && formulaStart(s[0])
	quote := alwaysQuote
	if !quote {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == ',' || c == '"' || c == '\r' || c == '\n' {
				quote = true
				break
			}
		}
	}
	if !quote {
		if neutral {
			buf = append(buf, '\'')
		}
		return append(buf, s...)
	}
	buf = append(buf, '"')
	if neutral {
		buf = append(buf, '\'')
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			buf = append(buf, '"')
		}
		buf = append(buf, s[i])
	}
	return append(buf, '"')
}

// formulaStart reports whether a cell beginning with c may be taken for a
// formula by a spreadsheet (OWASP CSV injection).
func formulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return true
	}
	return false
}
