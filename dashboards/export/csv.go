package export

import (
	"bufio"
	"io"
	"strconv"
	"time"
)

// CSVOptions tune WriteCSV. The zero value is plain UTF-8 with Vietnamese
// headers; DefaultCSV is the "for Excel" default.
type CSVOptions struct {
	// BOM starts the file with a UTF-8 byte order mark, which Excel needs to
	// read Vietnamese text as UTF-8 rather than the system code page.
	BOM  bool
	Lang string // header labels: "vi" (default) or "en"
}

// DefaultCSV is the csv "for Excel": UTF-8 with BOM, Vietnamese headers.
var DefaultCSV = CSVOptions{BOM: true, Lang: "vi"}

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
	if opt.BOM {
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
	_, err := pump(src, cols, func(row []any) error {
		buf = buf[:0]
		for i, v := range row {
			if i > 0 {
				buf = append(buf, ',')
			}
			switch x := v.(type) {
			case nil:
			case string:
				buf = appendCSVText(buf, x, cols[i].Type == Code)
			case int64:
				buf = strconv.AppendInt(buf, x, 10)
			case float64:
				if isFinite(x) {
					buf = strconv.AppendFloat(buf, x, 'f', -1, 64)
				} else {
					buf = append(buf, nonFinite(x)...)
				}
			case bool:
				buf = strconv.AppendBool(buf, x)
			case time.Time:
				if cols[i].Type == Date || dateOnly(x) {
					buf = x.AppendFormat(buf, "2006-01-02")
				} else {
					buf = x.AppendFormat(buf, "2006-01-02 15:04:05")
				}
			}
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
