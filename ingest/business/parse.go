package business

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/province"
	"github.com/laocai-dpi/dpi/ingest/sheet"
)

// What rejects a file and what is only a warning (recorded in the ingest
// log, the row loads):
//
//	reject: no recognisable header or a required column missing (tax code,
//	        name, legal form, founding date, status); a tax code that is not
//	        10 digits (or 10-3) after recovering one dropped leading zero; the
//	        same tax code twice; an impossible date, a founding date after the
//	        quarter, a change date before the founding date or after the
//	        quarter; an unknown legal form or status; a VSIC code not in the
//	        VSIC 2018 class list; capital that is not an amount; a missing
//	        name, legal form, status or founding date; an address that
//	        resolves to no unit of the province.
//	warn:   a recovered leading zero; no VSIC code; an address whose other
//	        generation is ambiguous (a commune split in 2025); in a
//	        new-registrations list, a founding date before the quarter.
//
// Rows that are blank, totals ("Tổng cộng") or the column-number row under
// a header are skipped and counted, never silently dropped.

const (
	headerScanRows = 30 // rows looked at for title and header
	minHeaderCols  = 4  // recognised columns needed to call a row the header
	defaultReport  = 50 // problems listed in a rejection
	maxWarnings    = 1000
)

// Parser reads register files against the reference data. It caches
// lookups, so use one Parser per goroutine.
type Parser struct {
	ref    *Ref
	forms  map[string]string // raw text → legal form key ("" = unknown)
	states map[string]string // raw text → status key
}

// NewParser returns a parser over ref.
func NewParser(ref *Ref) *Parser {
	return &Parser{ref: ref, forms: map[string]string{}, states: map[string]string{}}
}

// Options say what is known about a file before it is read.
type Options struct {
	FileName    string  // as the user named it, for messages
	Path        string  // where to read it
	Data        []byte  // the bytes, if already read (else Path is read)
	Quarter     Quarter // zero: read from the file name or title rows
	Kind        Kind    // "": read from the title or file name, else snapshot
	MaxReported int     // problems listed in a rejection (default 50)
}

// File is a register file whose header has been recognised, ready to scan.
type File struct {
	p             *Parser
	opt           Options
	rows          *sheet.Rows
	Sheet         string
	Quarter       Quarter
	QuarterSource string
	Kind          Kind
	Notes         []string
	cols          [nFields]int // column of each field, -1 if absent
	header        int          // 0-based header row
	pending       []bufRow     // rows read while looking for the header
	date1904      bool
}

type bufRow struct {
	idx   int
	cells []sheet.Cell
}

// Result is what a scan saw.
type Result struct {
	RowsRead     int // data rows (loaded or rejected)
	RowsLoaded   int
	RowsSkipped  int // blank, total and column-number rows
	Warnings     []Problem
	WarningCount int
	Errors       []Problem
	ErrorCount   int
	Notes        []string
}

// RejectError refuses a whole file; it lists the first problems found.
type RejectError struct {
	File     string
	Problems []Problem
	Count    int
}

func (e *RejectError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d lỗi, tệp không được nạp / %d problems, the file was not loaded", e.File, e.Count, e.Count)
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.Format(e.File))
	}
	if e.Count > len(e.Problems) {
		fmt.Fprintf(&b, "\n  … và %d lỗi khác / and %d more", e.Count-len(e.Problems), e.Count-len(e.Problems))
	}
	return b.String()
}

// Format prints a problem the way the office reads it: file, sheet, row and
// column as in the spreadsheet, the value, the reason.
func (p Problem) Format(file string) string {
	e := ingest.Error{File: file, Sheet: p.Sheet, Row: p.Row, Col: p.Col, Reason: p.Reason}
	if p.Value != "" {
		e.Reason = fmt.Sprintf("%q: %s", p.Value, p.Reason)
	}
	return e.Error()
}

// Open finds the sheet and header row of a register file and works out its
// quarter and kind. Nothing is loaded yet.
func (p *Parser) Open(opt Options) (f *File, err error) {
	if opt.FileName == "" {
		opt.FileName = filepath.Base(opt.Path)
	}
	if opt.MaxReported <= 0 {
		opt.MaxReported = defaultReport
	}
	names, err := sheet.SheetNames(opt.Path, opt.Data)
	if err != nil {
		return nil, err
	}
	var seen []string
	for _, name := range names {
		f, why, err := p.openSheet(opt, name)
		if err != nil {
			return nil, err
		}
		if f != nil {
			if err := f.settle(); err != nil {
				f.Close()
				return nil, err
			}
			return f, nil
		}
		seen = append(seen, fmt.Sprintf("%q: %s", name, why))
	}
	return nil, ingest.Errorf(opt.FileName, "", -1, -1,
		"không tìm thấy dòng tiêu đề danh sách doanh nghiệp (cần các cột %s) / no enterprise-list header found (want columns %s); đã xem / looked at: %s",
		requiredNames(), requiredNames(), strings.Join(seen, "; "))
}

func requiredNames() string {
	var s []string
	for _, f := range required {
		s = append(s, f.String())
	}
	return strings.Join(s, ", ")
}

// openSheet reads the first rows of a sheet looking for the header. It
// returns a nil File and the reason when the sheet is not a register.
func (p *Parser) openSheet(opt Options, name string) (*File, string, error) {
	rows, err := sheet.OpenRows(opt.Path, opt.Data, name)
	if err != nil {
		return nil, "", err
	}
	f := &File{p: p, opt: opt, rows: rows, Sheet: name, header: -1, date1904: rows.Date1904()}
	var titles []string
	best, bestWhy := -1, "trang trống / empty sheet"
	for len(f.pending) < headerScanRows && rows.Next() {
		cells := append([]sheet.Cell(nil), rows.Row()...)
		f.pending = append(f.pending, bufRow{rows.Index(), cells})
		var fields [nFields]int
		n := 0
		for c, cell := range cells {
			if cell.Kind != sheet.Text {
				continue
			}
			if fl := classify(cell.Str); fl != fNone && fields[fl] == 0 {
				fields[fl] = c + 1
				n++
			}
		}
		if n >= minHeaderCols && fields[fTaxCode] != 0 && fields[fName] != 0 {
			best = len(f.pending) - 1
			// One more row: it may be the second row of the header.
			if rows.Next() {
				f.pending = append(f.pending, bufRow{rows.Index(), append([]sheet.Cell(nil), rows.Row()...)})
			}
			break
		}
		if n > 0 {
			bestWhy = fmt.Sprintf("dòng %d chỉ có %d cột nhận ra được / row %d has only %d recognised columns", rows.Index()+1, n, rows.Index()+1, n)
		}
		for _, cell := range cells {
			if cell.Kind == sheet.Text && strings.TrimSpace(cell.Str) != "" {
				titles = append(titles, cell.Str)
			}
		}
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, "", err
	}
	if best < 0 {
		rows.Close()
		return nil, bestWhy, nil
	}
	f.header = f.pending[best].idx
	skip := best + 1
	if f.readHeader(best) {
		skip++
	}
	if skip > len(f.pending) {
		skip = len(f.pending)
	}
	f.pending = f.pending[skip:]
	f.titles(titles)
	return f, "", nil
}

// readHeader maps columns to fields from the header row, and from a second
// header row under it when the first has merged group cells ("Địa chỉ" over
// "Phường/Xã | Quận/Huyện | Tỉnh/Thành phố").
// It reports whether the row under the header was header too.
func (f *File) readHeader(at int) bool {
	for i := range f.cols {
		f.cols[i] = -1
	}
	top := f.pending[at].cells
	var sub []sheet.Cell
	if at+1 < len(f.pending) && isSubHeader(f.pending[at+1].cells) {
		sub = f.pending[at+1].cells
	}
	width := max(len(top), len(sub))
	parent := ""
	for c := 0; c < width; c++ {
		t := cellText(top, c)
		if t != "" {
			parent = t
		}
		fl := fNone
		if s := cellText(sub, c); s != "" {
			// A sub-header names the column; the merged parent above it
			// helps only when the sub-header alone says nothing.
			if fl = classify(s); fl == fNone {
				fl = classify(parent + " " + s)
			}
		} else if t != "" {
			fl = classify(t)
		}
		if fl != fNone && f.cols[fl] < 0 {
			f.cols[fl] = c
		}
	}
	if sub == nil {
		return false
	}
	f.Notes = append(f.Notes, fmt.Sprintf("tiêu đề hai dòng %d–%d / two-row header, rows %d–%d", f.header+1, f.header+2, f.header+1, f.header+2))
	f.header = f.pending[at+1].idx
	return true
}

// isSubHeader: the row under a header is more header (text only, at least
// one recognisable column name, and no tax code).
func isSubHeader(cells []sheet.Cell) bool {
	n := 0
	for _, c := range cells {
		switch c.Kind {
		case sheet.Text:
			if classify(c.Str) != fNone {
				n++
			}
		case sheet.Empty:
		default:
			return false
		}
	}
	return n > 0
}

func cellText(cells []sheet.Cell, c int) string {
	if c >= len(cells) || cells[c].Kind != sheet.Text {
		return ""
	}
	return strings.TrimSpace(cells[c].Str)
}

func (f *File) titles(titles []string) {
	for _, t := range titles {
		if q, ok := quarterFromTitle(t); ok && f.QuarterSource == "" {
			f.Quarter, f.QuarterSource = q, fmt.Sprintf("tiêu đề %q / title", t)
		}
		if k, ok := kindFromText(t); ok && f.Kind == "" {
			f.Kind = k
		}
	}
}

// settle decides quarter and kind from the flags, the file name and the
// titles, and checks the required columns.
func (f *File) settle() error {
	name := f.opt.FileName
	var missing []string
	for _, fl := range required {
		if f.cols[fl] < 0 {
			missing = append(missing, fl.String())
		}
	}
	if len(missing) > 0 {
		var found []string
		for fl := fOrder; fl < nFields; fl++ {
			if f.cols[fl] >= 0 {
				found = append(found, fmt.Sprintf("%s=%s", ingest.ColumnName(f.cols[fl]), fl))
			}
		}
		return ingest.Errorf(name, f.Sheet, f.header, -1,
			"thiếu cột %s; đã nhận ra: %s / missing columns %s; recognised: %s",
			strings.Join(missing, ", "), strings.Join(found, ", "), strings.Join(missing, ", "), strings.Join(found, ", "))
	}
	for _, fl := range []field{fAddress, fCommune, fDistrict, fProvince, fCapital, fVSIC} {
		if f.cols[fl] < 0 {
			f.Notes = append(f.Notes, fmt.Sprintf("không có cột %s / no %s column", fl, fl))
		}
	}

	titleQ, titleSrc := f.Quarter, f.QuarterSource
	nameQ, nameOK := quarterFromName(name)
	switch {
	case !f.opt.Quarter.IsZero():
		f.Quarter, f.QuarterSource = f.opt.Quarter, "--quarter"
		for _, q := range []Quarter{titleQ, nameQ} {
			if !q.IsZero() && q != f.opt.Quarter {
				f.Notes = append(f.Notes, fmt.Sprintf("tệp ghi quý %s, dùng --quarter %s / the file says %s, using --quarter %s", q, f.opt.Quarter, q, f.opt.Quarter))
				break
			}
		}
	case nameOK && !titleQ.IsZero() && nameQ != titleQ:
		return ingest.Errorf(name, f.Sheet, -1, -1,
			"tên tệp ghi quý %s nhưng %s ghi quý %s; chỉ rõ bằng --quarter / the file name says %s but the title says %s; say which with --quarter",
			nameQ, titleSrc, titleQ, nameQ, titleQ)
	case nameOK:
		f.Quarter, f.QuarterSource = nameQ, "tên tệp / file name"
	case !titleQ.IsZero():
	default:
		return ingest.Errorf(name, f.Sheet, -1, -1,
			"không xác định được quý của danh sách (tên tệp hoặc dòng tiêu đề không ghi); chỉ rõ bằng --quarter 2025Q3 / cannot tell the quarter (neither the file name nor a title row says it); give --quarter 2025Q3")
	}
	switch {
	case f.opt.Kind != "":
		f.Kind = f.opt.Kind
	case f.Kind != "":
	default:
		if k, ok := kindFromText(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))); ok {
			f.Kind = k
		} else {
			f.Kind = Snapshot
		}
	}
	return nil
}

// Close releases the file.
func (f *File) Close() error { return f.rows.Close() }

// Scan reads every data row, validates it and passes it to emit. emit is
// called only while no row has been rejected: once a problem rejects the
// file, Scan reads on to report every problem, then returns a *RejectError.
// Repeated tax codes are found after the last row, so rows after one may
// have been emitted before the *RejectError: a caller keeps nothing from a
// scan that fails.
func (f *File) Scan(emit func(*Enterprise) error) (res Result, err error) {
	v := f.newValidator()
	e := new(Enterprise)
	handle := func(idx int, cells []sheet.Cell) error {
		switch f.rowKind(cells) {
		case rowSkip:
			res.RowsSkipped++
			return nil
		}
		res.RowsRead++
		*e = Enterprise{}
		if v.row(idx, cells, e) && v.errCount == 0 {
			if err := emit(e); err != nil {
				return err
			}
			res.RowsLoaded++
		}
		return nil
	}
	for _, b := range f.pending {
		if err := handle(b.idx, b.cells); err != nil {
			return res, err
		}
	}
	f.pending = nil
	for f.rows.Next() {
		if err := handle(f.rows.Index(), f.rows.Row()); err != nil {
			return res, err
		}
	}
	if err := f.rows.Err(); err != nil {
		return res, err
	}
	v.duplicates()
	res.Warnings, res.WarningCount = v.warnings, v.warnCount
	res.Errors, res.ErrorCount = v.errors, v.errCount
	res.Notes = f.Notes
	if res.RowsRead == 0 && v.errCount == 0 {
		return res, ingest.Errorf(f.opt.FileName, f.Sheet, f.header, -1,
			"không có dòng doanh nghiệp nào dưới tiêu đề / no enterprise rows under the header")
	}
	if v.errCount > 0 {
		res.RowsLoaded = 0
		return res, &RejectError{File: f.opt.FileName, Problems: v.errors, Count: v.errCount}
	}
	return res, nil
}

type rowClass int

const (
	rowData rowClass = iota
	rowSkip
)

// rowKind sets aside blank rows, total rows and the "(1) (2) (3)" row of
// column numbers some exports put under the header.
func (f *File) rowKind(cells []sheet.Cell) rowClass {
	// The usual data row, at once: a tax code cell that is a number not
	// under 100, or text with three digits, is neither blank nor a column
	// number nor a total's label, so the row is none of those.
	if tc := f.cell(cells, fTaxCode); tc.Kind == sheet.Number && !(tc.Num >= 0 && tc.Num < 100) ||
		tc.Kind == sheet.Text && digitsAtLeast(tc.Str, 3) {
		return rowData
	}
	blank, small, other := true, 0, 0
	for _, c := range cells {
		if c.IsBlank() {
			continue
		}
		blank = false
		switch {
		case c.Kind == sheet.Number && c.Num >= 0 && c.Num < 100:
			small++
		case c.Kind == sheet.Text && isColumnNumber(c.Str):
			small++
		default:
			other++
		}
	}
	if blank || other == 0 && small >= 3 {
		return rowSkip
	}
	// A total row: "Tổng cộng", "Cộng", "Total" where the tax code or the
	// first columns would be, and no tax code.
	if tc := f.cell(cells, fTaxCode); tc.IsBlank() || tc.Kind == sheet.Text && !strings.ContainsAny(tc.Str, "0123456789") {
		for c := 0; c < len(cells) && c < 4; c++ {
			if cells[c].Kind == sheet.Text {
				s := province.Fold(cells[c].Str)
				if strings.HasPrefix(s, "tong") || strings.HasPrefix(s, "cong") || strings.HasPrefix(s, "total") {
					return rowSkip
				}
			}
		}
	}
	return rowData
}

func digitsAtLeast(s string, n int) bool {
	for i := 0; i < len(s) && n > 0; i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n--
		}
	}
	return n == 0
}

func isColumnNumber(s string) bool {
	if !mayBeColumnNumber(s) {
		return false
	}
	s = strings.Trim(strings.TrimSpace(s), "()[]")
	return len(s) > 0 && len(s) <= 2 && allDigits(s)
}

// mayBeColumnNumber refuses, exactly and cheaply, the text cells that
// isColumnNumber refuses: those with a third digit, or a character that is
// neither a digit nor white space nor a bracket (no trimming takes it off).
// It runs on every text cell of a file.
func mayBeColumnNumber(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if digits++; digits > 2 {
				return false
			}
		case c == ' ' || c >= '\t' && c <= '\r' || c == '(' || c == ')' || c == '[' || c == ']':
		case c < utf8.RuneSelf:
			return false
		case c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xe3 || c < 0xc0:
			return true // perhaps a Unicode space (or a stray byte): ask TrimSpace
		default:
			return false // the first byte of a character that is not a space
		}
	}
	return true
}

func (f *File) cell(cells []sheet.Cell, fl field) sheet.Cell {
	c := f.cols[fl]
	if c < 0 || c >= len(cells) {
		return sheet.Cell{}
	}
	return cells[c]
}

// validator checks rows one by one and keeps the problems.
type validator struct {
	f         *File
	codes     taxCodes // every row's tax code, for the duplicates
	asOf      time.Time
	errors    []Problem
	errCount  int
	warnings  []Problem
	warnCount int
	maxReport int
	locWarned map[string]bool
}

func (f *File) newValidator() *validator {
	v := &validator{f: f, asOf: f.Quarter.End(),
		maxReport: f.opt.MaxReported, locWarned: map[string]bool{}}
	// Room for about every row's tax code at once (a register's row takes
	// some 150 to 350 bytes of csv, or of zipped xlsx), so that the list
	// seldom moves as it grows.
	size := int64(len(f.opt.Data))
	if st, err := os.Stat(f.opt.Path); size == 0 && err == nil {
		size = st.Size()
	}
	v.codes.seen = make([]taxSeen, 0, min(max(size/160, 1<<12), 1<<24))
	return v
}

func (v *validator) problem(sev Severity, code string, row int, fl field, value, reason string) {
	col := -1
	if fl != fNone {
		col = v.f.cols[fl]
	}
	p := Problem{Severity: sev, Code: code, Sheet: v.f.Sheet, Row: row, Col: col, Value: value, Reason: reason}
	if sev == Reject {
		v.errCount++
		if len(v.errors) < v.maxReport {
			v.errors = append(v.errors, p)
		}
		return
	}
	v.warnCount++
	if len(v.warnings) < maxWarnings {
		v.warnings = append(v.warnings, p)
	}
}

// duplicates reports every row whose tax code an earlier row has. They are
// found after the last row but reported in their place: the rejection
// lists problems by row, a repeated code first in its row (it is the first
// thing checked), as if each had been found as its row was read.
func (v *validator) duplicates() {
	dups := v.codes.duplicates()
	v.codes = taxCodes{}
	if len(dups) == 0 {
		return
	}
	col := v.f.cols[fTaxCode]
	merged := make([]Problem, 0, min(len(v.errors)+len(dups), v.maxReport))
	i, j := 0, 0
	for len(merged) < v.maxReport && (i < len(v.errors) || j < len(dups)) {
		if j < len(dups) && (i == len(v.errors) || int(dups[j].row) <= v.errors[i].Row) {
			d := dups[j]
			merged = append(merged, Problem{Severity: Reject, Code: ProbDuplicate, Sheet: v.f.Sheet, Row: int(d.row), Col: col,
				Value: taxCodeOf(d.key), Reason: fmt.Sprintf("mã số thuế trùng với dòng %d / tax code repeats row %d", d.first+1, d.first+1)})
			j++
		} else {
			merged = append(merged, v.errors[i])
			i++
		}
	}
	v.errors = merged
	v.errCount += len(dups)
}

// row validates one data row into e; it reports whether the row is good
// (a repeated tax code is found later, by duplicates).
func (v *validator) row(idx int, cells []sheet.Cell, e *Enterprise) bool {
	f := v.f
	before := v.errCount
	e.Row = idx
	get := func(fl field) sheet.Cell { return f.cell(cells, fl) }

	// Tax code: format, recovery of a dropped zero, duplicates.
	tc := get(fTaxCode)
	code, recovered, why := taxCode(tc)
	switch {
	case why != "":
		v.problem(Reject, ProbTaxCode, idx, fTaxCode, text(tc), why)
	case recovered:
		v.problem(Warn, ProbTaxCodeRecover, idx, fTaxCode, text(tc),
			"đã thêm số 0 đầu bị mất: "+code+" / restored a dropped leading zero: "+code)
	}
	if code != "" {
		v.codes.add(taxKey(code), idx) // a repeat is reported by duplicates, at the end
	}
	e.TaxCode = code

	e.Name = text(get(fName))
	if e.Name == "" {
		v.problem(Reject, ProbMissing, idx, fName, "", "thiếu tên doanh nghiệp / the name is missing")
	}
	e.ForeignName = text(get(fForeignName))
	e.ShortName = text(get(fShortName))

	// Legal form and status: reference lookups, cached by raw text.
	raw := text(get(fLegalForm))
	key, ok := v.f.p.forms[raw]
	if !ok {
		key, _ = v.f.p.ref.LegalForm(raw)
		v.f.p.forms[strings.Clone(raw)] = key
	}
	switch {
	case raw == "":
		v.problem(Reject, ProbMissing, idx, fLegalForm, "", "thiếu loại hình doanh nghiệp / the legal form is missing")
	case key == "":
		v.problem(Reject, ProbLegalForm, idx, fLegalForm, raw, "loại hình doanh nghiệp không có trong danh mục / unknown legal form")
	}
	e.LegalForm = key

	raw = text(get(fStatus))
	key, ok = v.f.p.states[raw]
	if !ok {
		key, _ = v.f.p.ref.Status(raw)
		v.f.p.states[strings.Clone(raw)] = key
	}
	switch {
	case raw == "":
		v.problem(Reject, ProbMissing, idx, fStatus, "", "thiếu tình trạng hoạt động / the status is missing")
	case key == "":
		v.problem(Reject, ProbStatus, idx, fStatus, raw, "tình trạng hoạt động không có trong danh mục / unknown status")
	}
	e.Status = key

	// Dates.
	dc := get(fRegisteredOn)
	d, why := date(dc, f.date1904)
	switch {
	case why != "":
		v.problem(Reject, ProbDate, idx, fRegisteredOn, text(dc), why)
	case d.IsZero():
		v.problem(Reject, ProbMissing, idx, fRegisteredOn, "", "thiếu ngày thành lập / the founding date is missing")
	case d.After(v.asOf):
		v.problem(Reject, ProbFutureDate, idx, fRegisteredOn, d.Format("02/01/2006"),
			fmt.Sprintf("ngày thành lập sau cuối quý %s / founded after the end of %s", f.Quarter, f.Quarter))
	case f.Kind == New && d.Before(f.Quarter.Start()):
		v.problem(Warn, ProbNewListNotNew, idx, fRegisteredOn, d.Format("02/01/2006"),
			fmt.Sprintf("danh sách mới quý %s nhưng thành lập trước quý / a new-registrations list for %s, founded before it", f.Quarter, f.Quarter))
	}
	e.RegisteredOn = d
	cc := get(fChangedOn)
	d, why = date(cc, f.date1904)
	switch {
	case why != "":
		v.problem(Reject, ProbDate, idx, fChangedOn, text(cc), why)
	case d.IsZero():
	case d.After(v.asOf):
		v.problem(Reject, ProbFutureDate, idx, fChangedOn, d.Format("02/01/2006"),
			fmt.Sprintf("ngày thay đổi sau cuối quý %s / changed after the end of %s", f.Quarter, f.Quarter))
	case !e.RegisteredOn.IsZero() && d.Before(e.RegisteredOn):
		v.problem(Reject, ProbDateOrder, idx, fChangedOn, d.Format("02/01/2006"),
			"ngày thay đổi trước ngày thành lập / changed before it was founded")
	}
	e.ChangedOn = d

	// Capital.
	kc := get(fCapital)
	e.CapitalVND, e.HasCapital, why = capital(kc)
	if why != "" {
		v.problem(Reject, ProbCapital, idx, fCapital, text(kc), why)
	}

	// VSIC.
	vc := get(fVSIC)
	if f.cols[fVSIC] >= 0 {
		code := vsicCode(vc)
		switch {
		case code == "":
			v.problem(Warn, ProbMissing, idx, fVSIC, text(vc), "không có mã ngành VSIC / no VSIC code")
		default:
			if len(code) > 4 {
				code = code[:4] // a level-5 code is judged by its level-4 class
			}
			section, known, division := v.f.p.ref.VSIC(code)
			switch {
			case len(code) < 4 || !division:
				v.problem(Reject, ProbVSIC, idx, fVSIC, text(vc), "mã ngành VSIC không tồn tại / no such VSIC code")
			case !known:
				// The class list in sql/ref/vsic_codes.csv is the reference: a
				// code missing from it is refused rather than guessed; a real
				// class found missing is one line to add there.
				v.problem(Reject, ProbVSIC, idx, fVSIC, text(vc), "mã ngành VSIC không tồn tại trong danh mục VSIC 2018 (sql/ref/vsic_codes.csv) / no such VSIC 2018 class (sql/ref/vsic_codes.csv)")
			}
			e.VSICCode, e.VSICSection = code, section
		}
	}

	// Address, resolved to both generations.
	e.Address = text(get(fAddress))
	e.CommuneText = text(get(fCommune))
	e.DistrictText = text(get(fDistrict))
	e.ProvinceText = text(get(fProvince))
	if e.CommuneText == "" && e.DistrictText == "" {
		e.CommuneText, e.DistrictText, e.ProvinceText = splitAddress(e.Address, e.ProvinceText)
	}
	loc, warns, err := v.f.p.ref.ResolveLocation(e.ProvinceText, e.DistrictText, e.CommuneText, v.asOf)
	if err != nil {
		fl := fCommune
		if f.cols[fl] < 0 {
			fl = fAddress
		}
		v.problem(Reject, ProbAddress, idx, fl, strings.Trim(strings.Join([]string{e.CommuneText, e.DistrictText, e.ProvinceText}, ", "), ", "), err.Error())
	}
	// The same address gives the same warning on every row; it is reported
	// once, at its first row, so a quarter of 1,000 rows in a merged
	// commune does not bury the log.
	if len(warns) > 0 {
		key := e.ProvinceText + "\x00" + e.DistrictText + "\x00" + e.CommuneText
		if !v.locWarned[key] {
			v.locWarned[strings.Clone(key)] = true
			for _, w := range warns {
				v.problem(Warn, ProbAddressPartial, idx, fCommune, e.CommuneText, w+" (báo một lần cho mọi dòng cùng địa chỉ / reported once for every row with this address)")
			}
		}
	}
	e.Location = loc

	e.Representative = text(get(fRepresentative))
	e.Phone = text(get(fPhone))
	e.Email = text(get(fEmail))
	return v.errCount == before
}

// splitAddress takes commune, district and province off the end of a
// one-line address ("Số 12, đường Hoàng Liên, phường Cốc Lếu, thành phố Lào
// Cai, tỉnh Lào Cai") when the file has no separate columns for them.
func splitAddress(addr, provinceText string) (commune, district, prov string) {
	parts := strings.Split(addr, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	prov = provinceText
	for i := len(parts) - 1; i >= 0; i-- {
		p := parts[i]
		f := province.Fold(p)
		switch {
		case f == "":
		case prov == "" && (strings.HasPrefix(f, "tinh ") || i == len(parts)-1 && commune == "" && district == ""):
			prov = p
		case district == "" && commune == "" && (strings.HasPrefix(f, "huyen ") || strings.HasPrefix(f, "thanh pho ") ||
			strings.HasPrefix(f, "thi xa ") || strings.HasPrefix(f, "quan ") || strings.HasPrefix(f, "tp ")):
			district = p
		case commune == "" && (strings.HasPrefix(f, "xa ") || strings.HasPrefix(f, "phuong ") || strings.HasPrefix(f, "thi tran ")):
			commune = p
			return commune, district, prov
		}
	}
	return commune, district, prov
}
