package export

// The data sheets' XML, written straight into the workbook's zip as rows
// arrive: the download's first bytes leave with the first rows, where
// excelize's StreamWriter would hold the whole sheet in a temporary file
// (~660 MB of XML for 1M rows × 12 columns) until the workbook is zipped
// at the end. excelize still builds every other part (styles, the
// metadata and chart sheets, the workbook with its filter name); its own
// empty copy of a data sheet is dropped (zipWriter.Create). Cells are
// encoded as excelize's StreamWriter encodes them (checked cell for cell
// against it in xlsx_sheet_test.go).

import (
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// sheetXML writes one data sheet.
type sheetXML struct {
	w     io.Writer // the zip entry
	buf   []byte
	refs  []string // column letters
	style []int    // column styles
	err   error
}

const sheetFlush = 64 << 10

func newSheetXML(w io.Writer, widths []float64, colStyle []int, selected bool) *sheetXML {
	s := &sheetXML{w: w, buf: make([]byte, 0, sheetFlush+8<<10), style: colStyle}
	for i := range widths {
		ref, _ := excelize.ColumnNumberToName(i + 1)
		s.refs = append(s.refs, ref)
	}
	b := append(s.buf, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
		`<sheetViews><sheetView `...)
	if selected {
		b = append(b, `tabSelected="1" `...)
	}
	b = append(b, `workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`+
		`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>`...)
	for i, w := range widths {
		b = append(b, `<col min="`...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, `" max="`...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, `" width="`...)
		b = strconv.AppendFloat(b, w, 'f', -1, 64)
		b = append(b, `" customWidth="1"`...)
		if colStyle[i] != 0 {
			b = append(b, ` style="`...)
			b = strconv.AppendInt(b, int64(colStyle[i]), 10)
			b = append(b, '"')
		}
		b = append(b, `/>`...)
	}
	s.buf = append(b, `</cols><sheetData>`...)
	return s
}

// header writes row 1: the labels in style st, 30 points high.
func (s *sheetXML) header(labels []string, st int) {
	b := append(s.buf, `<row r="1" ht="30" customHeight="1">`...)
	for i, l := range labels {
		b = s.cellStart(b, i, 1, st)
		b = appendInlineStr(b, l)
	}
	s.buf = append(b, `</row>`...)
}

// row writes a data row: nil, string, int64, float64 (finite) and bool
// values (writeRow has turned the rest into these).
func (s *sheetXML) row(r int64, vals []any) error {
	b := append(s.buf, `<row r="`...)
	b = strconv.AppendInt(b, r, 10)
	b = append(b, `">`...)
	for i, v := range vals {
		switch v := v.(type) {
		case nil:
			continue
		case string:
			b = s.cellStart(b, i, r, s.style[i])
			b = appendInlineStr(b, v)
		case int64:
			b = s.cellStart(b, i, r, s.style[i])
			b = append(b, `><v>`...)
			b = strconv.AppendInt(b, v, 10)
			b = append(b, `</v></c>`...)
		case float64:
			b = s.cellStart(b, i, r, s.style[i])
			b = append(b, `><v>`...)
			b = appendCellFloat(b, v)
			b = append(b, `</v></c>`...)
		case bool:
			b = s.cellStart(b, i, r, s.style[i])
			b = append(b, ` t="b"><v>`...)
			b = append(b, "01"[boolIndex(v)])
			b = append(b, `</v></c>`...)
		default: // not reached: writeRow's values only
			b = s.cellStart(b, i, r, s.style[i])
			b = appendInlineStr(b, "")
		}
	}
	s.buf = append(b, `</row>`...)
	if len(s.buf) >= sheetFlush {
		return s.flush()
	}
	return nil
}

func boolIndex(v bool) int {
	if v {
		return 1
	}
	return 0
}

// end closes the sheet: the autofilter over A1:lastCol lastRow.
func (s *sheetXML) end(lastRow int64) error {
	b := append(s.buf, `</sheetData><autoFilter ref="$A$1:$`...)
	b = append(b, s.refs[len(s.refs)-1]...)
	b = append(b, '$')
	b = strconv.AppendInt(b, lastRow, 10)
	s.buf = append(b, `"></autoFilter></worksheet>`...)
	return s.flush()
}

func (s *sheetXML) flush() error {
	if s.err == nil && len(s.buf) > 0 {
		_, s.err = s.w.Write(s.buf)
	}
	s.buf = s.buf[:0]
	return s.err
}

// cellStart appends `<c r="B7" s="3"`; the caller ends the cell.
func (s *sheetXML) cellStart(b []byte, col int, row int64, style int) []byte {
	b = append(b, `<c r="`...)
	b = append(b, s.refs[col]...)
	b = strconv.AppendInt(b, row, 10)
	b = append(b, '"')
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	return b
}

// appendInlineStr ends a cell with an inline string, as excelize's
// setInlineStr and writeCell do: cut to Excel's 32,767 UTF-16 units,
// xml:space="preserve" for a leading or trailing space, tab or line break,
// XML-escaped (line feeds kept), then _xHHHH_ literals escaped.
func appendInlineStr(b []byte, v string) []byte {
	if len(v) > excelize.TotalCellChars {
		n := 0
		for i, r := range v {
			if n += utf16.RuneLen(r); n > excelize.TotalCellChars {
				v = v[:i]
				break
			}
		}
	}
	b = append(b, ` t="inlineStr"><is><t`...)
	if v != "" && (strings.IndexByte("\t\n\r ", v[0]) >= 0 || strings.IndexByte("\t\n\r ", v[len(v)-1]) >= 0) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	if strings.Contains(v, "_x") {
		b = append(b, bstrMarshal(string(appendEscaped(nil, v)))...)
	} else {
		b = appendEscaped(b, v)
	}
	return append(b, `</t></is></c>`...)
}

// appendEscaped is encoding/xml.EscapeText with line feeds left as they
// are (excelize's trimCellValue).
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			i += width
			continue
		case '\r':
			esc = "&#xD;"
		default:
			if !xmlChar(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			i += width
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		i += width
		last = i
	}
	return append(b, s[last:]...)
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's (lib.go): a literal _xHHHH_ in a text is
// written _x005F_xHHHH_, so that it does not read back as a character.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// appendCellFloat is excelize's formatCellFloat(v, -1, 64): the shortest
// decimal form, cut to Excel's 15 significant digits.
func appendCellFloat(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return b
	}
	str := b[start:]
	const maxPrec = 15
	decimal := -1
	for i, c := range str {
		if c == '.' {
			decimal = i
			break
		}
	}
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			cut := str[:idx]
			if len(cut) > 0 && cut[len(cut)-1] == '.' {
				cut = cut[:len(cut)-1]
			}
			return b[:start+len(cut)]
		}
		if decimal < 0 {
			decimal = len(str)
		}
		for ; idx < decimal; idx++ {
			str[idx] = '0'
		}
		return b[:start+decimal]
	}
	return b
}
