package business

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/laocai-dpi/dpi/ingest/sheet"
)

// Value readers: each takes one cell as the office's exports hold it and
// returns the typed value, or a reason (Vietnamese / English) it cannot.

// taxCode reads a tax code: 10 digits, or 10 digits + "-" + 3 digits for a
// dependent unit. Excel often stored it as a number and dropped a leading
// zero; that is put back only where unambiguous (one digit short, and the
// result starts with the 0 that every province prefix 01–09 has), and
// recovered is set so the caller reports it.
func taxCode(c sheet.Cell) (code string, recovered bool, reason string) {
	var s string
	switch c.Kind {
	case sheet.Number:
		if c.Num < 0 || c.Num != math.Trunc(c.Num) || c.Num >= 1e10 {
			return "", false, "mã số thuế không phải 10 chữ số / tax code is not 10 digits"
		}
		s = strconv.FormatInt(int64(c.Num), 10)
	case sheet.Text:
		s = strings.TrimSpace(c.Str)
		s = strings.TrimPrefix(s, "'")
		s = strings.ReplaceAll(s, " ", "")
		s = strings.ReplaceAll(s, ".", "")
		s = strings.ReplaceAll(s, "–", "-")
	default:
		return "", false, "mã số thuế trống / tax code is empty"
	}
	main, branch, dependent := strings.Cut(s, "-")
	if !allDigits(main) || dependent && (len(branch) != 3 || !allDigits(branch)) {
		return "", false, "mã số thuế phải là 10 chữ số, hoặc 10 chữ số-3 chữ số cho đơn vị phụ thuộc / tax code must be 10 digits, or 10 digits-3 digits for a dependent unit"
	}
	switch len(main) {
	case 10:
	case 9:
		main = "0" + main
		recovered = true
	default:
		return "", false, "mã số thuế phải có 10 chữ số (có " + strconv.Itoa(len(main)) + ") / tax code must have 10 digits (has " + strconv.Itoa(len(main)) + ")"
	}
	if main[:2] == "00" {
		return "", false, "mã số thuế không thể bắt đầu bằng 00 / a tax code cannot start with 00"
	}
	if dependent {
		return main + "-" + branch, recovered, ""
	}
	return main, recovered, ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// excelEpoch is day 0 of Excel's 1900 date system (with its leap-year bug,
// serials from 61 on count from 1899-12-30).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// date reads a date cell: an Excel date (or a plain serial number in a
// plausible range), or text dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy,
// dd.mm.yyyy, yyyy-mm-dd, with an optional time after it). Impossible dates
// (31/02, month 13) are refused, never rolled over.
func date(c sheet.Cell, date1904 bool) (time.Time, string) {
	switch c.Kind {
	case sheet.Empty:
		return time.Time{}, ""
	case sheet.Number, sheet.Date:
		days := math.Floor(c.Num)
		if date1904 {
			days += 1462
		}
		if days < 1 || days > 73050 { // 1900-01-01 .. 2099-12-31
			return time.Time{}, "số " + sheet.Cell{Kind: sheet.Number, Num: c.Num}.String() + " không phải ngày / the number is not a date"
		}
		return excelEpoch.AddDate(0, 0, int(days)), ""
	case sheet.Text:
		return parseDateText(strings.TrimSpace(c.Str))
	}
	return time.Time{}, "ô không phải ngày / the cell is not a date"
}

const dateFormatHint = "ngày không hợp lệ, cần dd/mm/yyyy / invalid date, want dd/mm/yyyy"

func parseDateText(s string) (time.Time, string) {
	if s == "" {
		return time.Time{}, ""
	}
	if i := strings.IndexAny(s, " T"); i > 0 { // drop a time part
		s = s[:i]
	}
	// Three runs of digits split by '/', '-' or '.'; read by hand because
	// this runs for every date of a million-row file.
	var nums [3]int
	var lens [3]int
	part := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if lens[part] == 4 {
				return time.Time{}, dateFormatHint
			}
			nums[part] = nums[part]*10 + int(c-'0')
			lens[part]++
		case (c == '/' || c == '-' || c == '.') && lens[part] > 0 && part < 2:
			part++
		default:
			return time.Time{}, dateFormatHint
		}
	}
	if part != 2 || lens[2] == 0 {
		return time.Time{}, dateFormatHint
	}
	var d, m, y int
	if lens[0] == 4 { // yyyy-mm-dd
		y, m, d = nums[0], nums[1], nums[2]
	} else {
		d, m, y = nums[0], nums[1], nums[2]
		if lens[2] != 4 {
			return time.Time{}, "năm phải có 4 chữ số / the year must have 4 digits"
		}
	}
	if y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return time.Time{}, "ngày không tồn tại / no such date"
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), ""
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// capital reads charter capital in VND: a number, or text such as
// "1.500.000.000", "1,500,000,000", "1 500 000 000 đồng". Blank means the
// file does not say (dependent units have none).
func capital(c sheet.Cell) (v int64, ok bool, reason string) {
	const bad = "vốn điều lệ không phải số tiền VND / charter capital is not an amount in VND"
	switch c.Kind {
	case sheet.Empty:
		return 0, false, ""
	case sheet.Number:
		if c.Num < 0 || c.Num > 9e17 || math.IsNaN(c.Num) {
			return 0, false, bad
		}
		return int64(math.Round(c.Num)), true, ""
	case sheet.Text:
	default:
		return 0, false, bad
	}
	s := strings.ToLower(strings.TrimSpace(c.Str))
	for _, unit := range []string{"vnđ", "vnd", "đồng", "dong", "đ"} {
		s = strings.TrimSuffix(strings.TrimSpace(s), unit)
	}
	s = strings.TrimSpace(s)
	if s == "" || s == "-" {
		return 0, false, ""
	}
	s = strings.ReplaceAll(s, " ", "")
	s = strings.ReplaceAll(s, "\u00a0", "")
	// Thousands groups with dots or commas: "1.500.000.000".
	if groups := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ',' }); len(groups) > 1 {
		sep := s[len(groups[0])]
		ok := len(groups[0]) <= 3 && allDigits(groups[0])
		for _, g := range groups[1:] {
			ok = ok && len(g) == 3 && allDigits(g)
		}
		if ok && strings.Count(s, string(sep)) == len(groups)-1 {
			s = strings.Join(groups, "")
		} else if f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64); err == nil && len(groups) == 2 && f >= 0 {
			return int64(math.Round(f)), true, "" // "1500000000.0"
		} else {
			return 0, false, bad
		}
	}
	if !allDigits(s) || len(s) > 18 {
		return 0, false, bad
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false, bad
	}
	return n, true, ""
}

// vsicCode takes the code off "4933", "4933 - Vận tải hàng hóa", "4933: ...",
// "Mã 4933", or a number cell. It returns "" when the cell has no code.
func vsicCode(c sheet.Cell) string {
	switch c.Kind {
	case sheet.Number:
		if c.Num >= 0 && c.Num == math.Trunc(c.Num) && c.Num < 1e6 {
			return strconv.Itoa(int(c.Num))
		}
		return ""
	case sheet.Text:
	default:
		return ""
	}
	s := c.Str
	i := strings.IndexAny(s, "0123456789")
	if i < 0 {
		return ""
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	return s[i:j]
}

// text is a cell as trimmed text with inner runs of white space collapsed;
// numbers print in full (phone numbers typed as numbers).
func text(c sheet.Cell) string {
	switch c.Kind {
	case sheet.Empty:
		return ""
	case sheet.Number:
		if c.Num == math.Trunc(c.Num) && math.Abs(c.Num) < 1e15 {
			return strconv.FormatInt(int64(c.Num), 10)
		}
	}
	s := c.String()
	if !needsCollapse(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// needsCollapse reports white space to trim or collapse: at either end,
// two in a row, or any but a plain space. It runs on every text cell of a
// file, so the bytes that matter are looked up in a table.
func needsCollapse(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch collapseClass[s[i]] {
		case ccNone:
		case ccSpace:
			if i+1 < len(s) && s[i+1] == ' ' {
				return true
			}
		case ccC2: // NBSP, NEL
			if i+1 < len(s) && (s[i+1] == 0xa0 || s[i+1] == 0x85) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// Byte classes for needsCollapse.
const (
	ccNone  = iota
	ccSpace // ' ': only two in a row
	ccC2    // first byte of U+0080–U+00BF: NBSP and NEL are space
	ccAny   // other white space, or U+2000–U+205F and U+3000 spaces: let Fields decide
)

var collapseClass = [256]uint8{'\t': ccAny, '\n': ccAny, '\r': ccAny, '\v': ccAny, '\f': ccAny, ' ': ccSpace, 0xc2: ccC2, 0xe2: ccAny, 0xe3: ccAny}
