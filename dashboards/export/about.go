package export

import (
	"fmt"
	"strconv"
	"strings"
)

// The sheet names of a workbook, by language. Excel forbids : \ / ? * [ ]
// in sheet names, so "Thông tin / About" cannot be one.
type sheetNames struct{ data, chart, about string }

func names(m Meta) sheetNames {
	if m.en() {
		return sheetNames{"Data", "Chart", "About"}
	}
	return sheetNames{"Dữ liệu", "Biểu đồ", "Thông tin"}
}

// dataSheetName is the name of the k-th data sheet (k from 1).
func (s sheetNames) dataSheet(k int) string {
	if k == 1 {
		return s.data
	}
	return fmt.Sprintf("%s (%d)", s.data, k)
}

// maxSheetRows is the number of data rows on one sheet: Excel's and
// LibreOffice Calc's 1,048,576 rows less the header row. Past it the data
// continues on the next sheet. A variable so tests can split small tables.
var maxSheetRows int64 = 1_048_575

// chartMaxRows is the largest table a native chart is drawn for: a chart
// of more categories is unreadable (the metadata sheet says it was left out).
const chartMaxRows = 4000

// aboutLine is one line of the metadata sheet.
type aboutLine struct {
	label string
	value string
	num   *int64 // a count, written as a number
	kind  int    // lineText, lineHeading, lineWarning, lineLink
}

const (
	lineText = iota
	lineHeading
	lineWarning
	lineLink
)

// sheetSpan is one data sheet and the rows it holds.
type sheetSpan struct {
	name        string
	first, last int64 // data rows, from 1; last < first when the table is empty
}

func spans(nm sheetNames, rows int64) []sheetSpan {
	var out []sheetSpan
	for k, first := 1, int64(1); ; k++ {
		last := min(first+maxSheetRows-1, rows)
		out = append(out, sheetSpan{nm.dataSheet(k), first, last})
		if last >= rows {
			return out
		}
		first = last + 1
	}
}

// groupDigits writes n with the language's thousands separator
// (1.048.575 in Vietnamese, 1,048,575 in English).
func groupDigits(n int64, en bool) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	sep := "."
	if en {
		sep = ","
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// aboutLines is the content of the metadata sheet, the same in xlsx and
// ods. extra are format-specific notes (a chart left out, long cells).
func aboutLines(m Meta, cols []Column, rows int64, sheets []sheetSpan, extra []string) []aboutLine {
	en := m.en()
	var out []aboutLine
	add := func(label, value string, kind int) {
		out = append(out, aboutLine{label: label, value: value, kind: kind})
	}
	if m.IsSample {
		add("DỮ LIỆU MẪU / SAMPLE DATA",
			"Số liệu do máy tạo để trình diễn, không phải số liệu chính thức / Generated demonstration figures, not official data", lineWarning)
	}
	add("Tiêu đề", m.TitleVI, lineHeading)
	add("Title", m.TitleEN, lineHeading)
	add("Nguồn / Source", m.Source, lineText)
	add("Giấy phép / Licence", m.Licence, lineText)
	add("Đường dẫn / URL", m.URL, lineLink)
	g := m.generatedAt()
	add("Thời điểm tạo / Generated at", g.Format("02/01/2006 15:04:05")+" (giờ Việt Nam, ICT, UTC+7)", lineText)
	n := rows
	out = append(out, aboutLine{label: "Số dòng dữ liệu / Data rows", num: &n})
	if len(sheets) > 1 {
		var parts []string
		for _, s := range sheets {
			parts = append(parts, fmt.Sprintf("%s: %s–%s", s.name, groupDigits(s.first, en), groupDigits(s.last, en)))
		}
		add("Trang dữ liệu / Data sheets",
			fmt.Sprintf("Dữ liệu vượt quá %s dòng của một trang tính nên tiếp tục ở trang sau; không dòng nào bị bỏ / More rows than one sheet holds (%s): the data continues on the next sheet, no row left out. %s",
				groupDigits(maxSheetRows, false), groupDigits(maxSheetRows, true), strings.Join(parts, "; ")), lineWarning)
	}
	if len(m.Filters) > 0 {
		add("Bộ lọc / Filters", "", lineHeading)
		for _, f := range m.Filters {
			add(f.Key, f.Value, lineText)
		}
	}
	if len(m.Notes) > 0 || len(extra) > 0 {
		add("Ghi chú / Notes", "", lineHeading)
		for _, s := range m.Notes {
			add("", s, lineText)
		}
		for _, s := range extra {
			add("", s, lineText)
		}
	}
	add("Cột / Columns", "", lineHeading)
	for _, c := range cols {
		label := c.LabelVI
		if c.LabelEN != "" && c.LabelEN != c.LabelVI {
			if label != "" {
				label += " / "
			}
			label += c.LabelEN
		}
		add(c.Key, strings.TrimSpace(label+" ("+typeLabel(c.Type)+")"), lineText)
	}
	return out
}

func typeLabel(t ColumnType) string {
	switch t {
	case Code:
		return "mã, dạng chữ / code, text"
	case Integer:
		return "số nguyên / integer"
	case Number:
		return "số / number"
	case Date:
		return "ngày / date"
	case DateTime:
		return "ngày giờ / date and time"
	case Bool:
		return "đúng/sai / true/false"
	}
	return "chữ / text"
}
