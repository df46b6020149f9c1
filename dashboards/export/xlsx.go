package export

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes src as an Excel workbook:
//
//   - a data sheet ("Dữ liệu" / "Data") with a bold, frozen header row and
//     an autofilter over the data; typed cells: numbers are numbers (format
//     #,##0 or #,##0.00…, shown with the separators of the reader's locale:
//     1.234,56 in a Vietnamese Excel), dates are dates (dd/mm/yyyy), codes
//     and text are text cells (format @), never numbers and never formulas
//     (a value "=1+1" is the text "=1+1"); column widths from the header
//     and the first 1000 rows;
//   - past 1,048,575 rows the data continues on "Dữ liệu (2)", … with the
//     same header; the metadata sheet says which rows each holds;
//   - with meta.Chart, a first sheet ("Biểu đồ" / "Chart") with the title,
//     the source line and a native chart reading the data sheet;
//   - a metadata sheet ("Thông tin" / "About"): titles, source and licence,
//     the view's URL, filters, generated at (ICT), row count, notes, a
//     sample-data warning, the columns.
//
// Data sheets are written into the zip in w as rows come (xlsx_sheet.go:
// the first bytes leave with the first rows, memory flat, no temporary
// file); excelize builds the other parts, added to the zip at the end.
func WriteXLSX(w io.Writer, src Source, meta Meta) (err error) {
	cols := src.Columns()
	if err := checkColumns(cols); err != nil {
		return err
	}
	var chartCat int
	var chartSeries []int
	if meta.Chart != nil {
		if chartCat, chartSeries, err = chartColumns(cols, meta.Chart); err != nil {
			return err
		}
	}
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	x := &xlsxWriter{f: f, cols: cols, meta: meta, nm: names(meta), zw: newZipWriter(w)}
	if err := x.styles(); err != nil {
		return err
	}
	first := x.nm.dataSheet(1)
	if meta.Chart != nil {
		first = x.nm.chart
	}
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return err
	}

	// The first rows wait in memory until the column widths are known.
	const sampleRows = 1000
	var pending [][]any
	n, err := pump(src, cols, func(row []any) error {
		if x.sx == nil {
			pending = append(pending, append([]any(nil), row...))
			if len(pending) < sampleRows {
				return nil
			}
			return x.flushPending(&pending)
		}
		return x.writeRow(row)
	})
	if err != nil {
		return err
	}
	if x.sx == nil {
		if err := x.flushPending(&pending); err != nil {
			return err
		}
	}
	if err := x.endSheet(); err != nil {
		return err
	}
	sheets := spans(x.nm, n)

	var extra []string
	if meta.Chart != nil {
		if n >= 1 && n <= min(chartMaxRows, maxSheetRows) { // the chart reads the first data sheet
			if err := x.chart(chartCat, chartSeries, n); err != nil {
				return err
			}
		} else {
			extra = append(extra, fmt.Sprintf("Không vẽ biểu đồ cho %s dòng (tối đa %s) / No chart is drawn for %s rows (at most %s)",
				groupDigits(n, false), groupDigits(chartMaxRows, false), groupDigits(n, true), groupDigits(chartMaxRows, true)))
			if err := x.chartSheetHeader(); err != nil {
				return err
			}
		}
	}
	if x.longCells > 0 {
		extra = append(extra, fmt.Sprintf("%s ô dài hơn 32.767 ký tự (giới hạn của Excel) đã bị cắt ngắn; tệp CSV, JSON và Parquet giữ nguyên / %s cells longer than Excel's 32,767 characters were shortened; the CSV, JSON and Parquet downloads hold them whole",
			groupDigits(x.longCells, false), groupDigits(x.longCells, true)))
	}
	if err := x.about(aboutLines(meta, cols, n, sheets, extra)); err != nil {
		return err
	}
	idx, _ := f.GetSheetIndex(first)
	f.SetActiveSheet(idx)
	f.SetDocProps(&excelize.DocProperties{
		Title:       meta.Title(),
		Description: oneLine(meta.Source + " " + meta.URL),
		Creator:     "DPI Lào Cai",
		Created:     meta.generatedAt().UTC().Format(time.RFC3339),
		Language:    map[bool]string{true: "en-US", false: "vi-VN"}[meta.en()],
	})

	zw := x.zw
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zw })
	if err := f.Write(io.Discard); err != nil {
		return err
	}
	if zw.err != nil {
		return zw.err
	}
	return zw.dst.err
}

type xlsxWriter struct {
	f    *excelize.File
	cols []Column
	meta Meta
	nm   sheetNames

	header   int   // header cell style
	colStyle []int // per column
	widths   []float64

	zw        *zipWriter
	sx        *sheetXML // the current data sheet
	sheet     int       // number of the current data sheet, from 1
	sheetRows int64     // data rows on it
	row       []any     // reused SetRow argument
	longCells int64
}

func (x *xlsxWriter) styles() error {
	var err error
	x.header, err = x.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	if err != nil {
		return err
	}
	cache := map[string]int{}
	x.colStyle = make([]int, len(x.cols))
	for i, c := range x.cols {
		code := numberFormat(c)
		if code == "" {
			continue
		}
		id, ok := cache[code]
		if !ok {
			st := &excelize.Style{CustomNumFmt: &code}
			if code == "@" {
				st = &excelize.Style{NumFmt: 49}
			}
			if id, err = x.f.NewStyle(st); err != nil {
				return err
			}
			cache[code] = id
		}
		x.colStyle[i] = id
	}
	return nil
}

// numberFormat is a column's xlsx number format code ("" = General). The
// separators in a format code are placeholders: Excel shows the reader's
// own (a Vietnamese Excel shows #,##0.00 as 1.234,56).
func numberFormat(c Column) string {
	switch c.Type {
	case Code, Text:
		if c.Type == Code {
			return "@"
		}
	case Integer:
		if c.NoGrouping {
			return "0"
		}
		return "#,##0"
	case Number:
		if c.Decimals < 0 {
			return ""
		}
		code := "#,##0"
		if c.NoGrouping {
			code = "0"
		}
		if c.Decimals > 0 {
			code += "." + strings.Repeat("0", min(c.Decimals, 15))
		}
		return code
	case Date:
		return "dd/mm/yyyy"
	case DateTime:
		return "dd/mm/yyyy hh:mm:ss"
	}
	return ""
}

// flushPending sizes the columns from the sampled rows, starts the first
// data sheet and writes them.
func (x *xlsxWriter) flushPending(pending *[][]any) error {
	x.widths = columnWidths(x.cols, x.meta.Lang, *pending)
	if err := x.startSheet(); err != nil {
		return err
	}
	for _, row := range *pending {
		if err := x.writeRow(row); err != nil {
			return err
		}
	}
	*pending = nil
	return nil
}

func (x *xlsxWriter) startSheet() error {
	x.sheet++
	name := x.nm.dataSheet(x.sheet)
	if x.sheet > 1 || x.meta.Chart != nil {
		if _, err := x.f.NewSheet(name); err != nil {
			return err
		}
	}
	// The part excelize names the sheet's (NewSheet: sheet<sheetId>.xml);
	// zipWriter.Close checks that excelize wrote it too.
	id := -1
	for sid, n := range x.f.GetSheetMap() {
		if n == name {
			id = sid
		}
	}
	if id < 0 {
		return fmt.Errorf("export: xlsx: no sheet %q", name)
	}
	pw, err := x.zw.streamPart(fmt.Sprintf("xl/worksheets/sheet%d.xml", id))
	if err != nil {
		return err
	}
	// The first sheet is the active one unless a chart sheet leads.
	x.sx, x.sheetRows = newSheetXML(pw, x.widths, x.colStyle, x.sheet == 1 && x.meta.Chart == nil), 0
	labels := make([]string, len(x.cols))
	for i, c := range x.cols {
		labels[i] = c.Label(x.meta.Lang)
	}
	x.sx.header(labels, x.header)
	x.row = make([]any, len(x.cols))
	return nil
}

func (x *xlsxWriter) endSheet() error {
	last := int64(1)
	if x.sheetRows > 0 {
		last = x.sheetRows + 1
	}
	lastCol, _ := excelize.ColumnNumberToName(len(x.cols))
	// The filter's defined name in the workbook (excelize's own copy of
	// the sheet, which gets the filter too, is dropped).
	if err := x.f.AutoFilter(x.nm.dataSheet(x.sheet), fmt.Sprintf("A1:%s%d", lastCol, last), nil); err != nil {
		return err
	}
	return x.sx.end(last)
}

// excelEpoch is day 0 of Excel's 1900 date system as used for dates from
// 1 March 1900 on.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func (x *xlsxWriter) writeRow(row []any) error {
	if x.sheetRows == maxSheetRows {
		if err := x.endSheet(); err != nil {
			return err
		}
		if err := x.startSheet(); err != nil {
			return err
		}
	}
	for i, v := range row {
		switch t := v.(type) {
		case string:
			if len(t) > 32767/3 && utf16Len(t) > excelize.TotalCellChars {
				x.longCells++
			}
		case float64:
			if !isFinite(t) {
				v = nonFinite(t)
			}
		case time.Time:
			// The serial number itself, with the column's date format: the
			// stream writer would otherwise look up the workbook per cell.
			wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
			if wall.Before(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)) {
				v = wall.Format("2006-01-02") // Excel has no date before 1900
			} else {
				v = float64(wall.Sub(excelEpoch)) / float64(24*time.Hour)
			}
		}
		x.row[i] = v
	}
	x.sheetRows++
	return x.sx.row(x.sheetRows+1, x.row)
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// columnWidths sizes columns (in Excel character widths) from the header
// and the sampled rows, between 6 and 60.
func columnWidths(cols []Column, lang string, sample [][]any) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		w := float64(utf8.RuneCountInString(c.Label(lang)))*1.15 + 3 // bold, and the filter button
		if w > 40 {
			w = 40 // a long header wraps
		}
		for _, row := range sample {
			if vw := displayWidth(c, row[i]); vw+1 > w {
				w = vw + 1
			}
		}
		out[i] = math.Round(min(max(w, 6), 60)*10) / 10
	}
	return out
}

func displayWidth(c Column, v any) float64 {
	switch x := v.(type) {
	case string:
		return float64(utf8.RuneCountInString(x))
	case int64:
		digits := len(fmt.Sprint(x))
		if !c.NoGrouping {
			digits += (digits - 1) / 3
		}
		return float64(digits)
	case float64:
		if !isFinite(x) {
			return 9
		}
		intDigits := len(fmt.Sprintf("%.0f", math.Abs(x)))
		w := intDigits
		if !c.NoGrouping {
			w += (intDigits - 1) / 3
		}
		if c.Decimals > 0 {
			w += 1 + c.Decimals
		} else if c.Decimals < 0 {
			w = len(fmt.Sprint(x))
		}
		if x < 0 {
			w++
		}
		return float64(w)
	case time.Time:
		if c.Type == DateTime {
			return 19
		}
		return 10
	case bool:
		return 5
	}
	return 0
}

// chartColumns finds the chart's columns by key.
func chartColumns(cols []Column, c *ChartSpec) (int, []int, error) {
	idx := func(key string) int {
		for i, col := range cols {
			if col.Key == key {
				return i
			}
		}
		return -1
	}
	switch c.Kind {
	case "line", "bar", "radar":
	default:
		return 0, nil, fmt.Errorf("export: chart kind %q (want line, bar or radar)", c.Kind)
	}
	cat := idx(c.Category)
	if cat < 0 {
		return 0, nil, fmt.Errorf("export: chart category %q is not a column", c.Category)
	}
	if len(c.Series) == 0 {
		return 0, nil, errors.New("export: chart without series")
	}
	var series []int
	for _, k := range c.Series {
		i := idx(k)
		if i < 0 {
			return 0, nil, fmt.Errorf("export: chart series %q is not a column", k)
		}
		if c.SeriesByRow && len(series) > 0 && i != series[len(series)-1]+1 {
			return 0, nil, fmt.Errorf("export: chart series %q is not next to %q (series by row read adjacent columns)", k, cols[series[len(series)-1]].Key)
		}
		series = append(series, i)
	}
	return cat, series, nil
}

// chartSheetHeader writes the title, source and sample lines of the chart sheet.
func (x *xlsxWriter) chartSheetHeader() error {
	f, s := x.f, x.nm.chart
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	warn, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}})
	if err != nil {
		return err
	}
	f.SetCellStr(s, "A1", x.meta.Title())
	f.SetCellStyle(s, "A1", "A1", title)
	line := x.meta.Source
	if x.meta.Licence != "" {
		line += " — " + x.meta.Licence
	}
	f.SetCellStr(s, "A2", line)
	f.SetCellStr(s, "A3", x.meta.URL)
	if x.meta.IsSample {
		f.SetCellStr(s, "A4", "DỮ LIỆU MẪU, không phải số liệu chính thức / SAMPLE DATA, not official figures")
		f.SetCellStyle(s, "A4", "A4", warn)
	}
	return nil
}

// chart draws the native chart on the chart sheet, reading the first data
// sheet (the chart is only drawn for tables that fit on it).
func (x *xlsxWriter) chart(cat int, series []int, rows int64) error {
	if err := x.chartSheetHeader(); err != nil {
		return err
	}
	data := "'" + strings.ReplaceAll(x.nm.dataSheet(1), "'", "''") + "'"
	colName := func(i int) string { n, _ := excelize.ColumnNumberToName(i + 1); return n }
	last := rows + 1
	ch := &excelize.Chart{
		Dimension: excelize.ChartDimension{Width: 960, Height: 520},
		Legend:    excelize.ChartLegend{Position: "bottom"},
	}
	switch x.meta.Chart.Kind {
	case "line":
		ch.Type = excelize.Line
	case "bar":
		ch.Type = excelize.Col
	case "radar":
		ch.Type = excelize.Radar
	}
	title := x.meta.Chart.Title
	if title == "" {
		title = x.meta.Title()
	}
	ch.Title = excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Bold: true, Size: 13}}}}
	ch.YAxis.ReverseOrder = x.meta.Chart.ReverseValueAxis && ch.Type != excelize.Radar
	ch.YAxis.MajorGridLines = true
	if x.meta.Chart.SeriesByRow {
		first, end := colName(series[0]), colName(series[len(series)-1])
		for r := int64(2); r <= last; r++ {
			ch.Series = append(ch.Series, excelize.ChartSeries{
				Name:       fmt.Sprintf("%s!$%s$%d", data, colName(cat), r),
				Categories: fmt.Sprintf("%s!$%s$1:$%s$1", data, first, end),
				Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", data, first, r, end, r),
				Marker:     excelize.ChartMarker{Symbol: "circle", Size: 5},
			})
		}
	}
	for _, s := range series {
		if x.meta.Chart.SeriesByRow {
			break
		}
		c := colName(s)
		ch.Series = append(ch.Series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$1", data, c),
			Categories: fmt.Sprintf("%s!$%s$2:$%s$%d", data, colName(cat), colName(cat), last),
			Values:     fmt.Sprintf("%s!$%s$2:$%s$%d", data, c, c, last),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 5},
		})
	}
	if ch.Type == excelize.Col {
		for i := range ch.Series {
			ch.Series[i].Marker = excelize.ChartMarker{}
		}
	}
	return x.f.AddChart(x.nm.chart, "A6", ch)
}

// about writes the metadata sheet.
func (x *xlsxWriter) about(lines []aboutLine) error {
	f, s := x.f, x.nm.about
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	heading, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	warn, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	count, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("#,##0"), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}})
	if err != nil {
		return err
	}
	link, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	f.SetColWidth(s, "A", "A", 34)
	f.SetColWidth(s, "B", "B", 100)
	for i, l := range lines {
		r := i + 1
		a, b := fmt.Sprintf("A%d", r), fmt.Sprintf("B%d", r)
		if err := f.SetCellStr(s, a, l.label); err != nil {
			return err
		}
		labelStyle, valueStyle := bold, wrap
		switch {
		case l.num != nil:
			f.SetCellInt(s, b, *l.num)
			valueStyle = count
		case l.kind == lineLink && l.value != "":
			f.SetCellStr(s, b, l.value)
			if strings.HasPrefix(l.value, "http://") || strings.HasPrefix(l.value, "https://") {
				f.SetCellHyperLink(s, b, l.value, "External")
				valueStyle = link
			}
		default:
			if err := f.SetCellStr(s, b, l.value); err != nil {
				return err
			}
		}
		switch l.kind {
		case lineHeading:
			labelStyle, valueStyle = heading, heading
			if l.value == "" {
				valueStyle = wrap
			}
		case lineWarning:
			labelStyle, valueStyle = warn, warn
		}
		f.SetCellStyle(s, a, a, labelStyle)
		f.SetCellStyle(s, b, b, valueStyle)
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// zipWriter is the workbook's zip, written straight into the destination
// (excelize would otherwise build the whole file in a bytes.Buffer first).
// Its first write error sticks: every later write fails and err keeps it,
// so a client gone mid-file is never reported as success.
type zipWriter struct {
	zw    *zip.Writer
	dst   *stickyWriter
	err   error
	parts map[string]bool // written by streamPart: excelize's copy seen
}

func newZipWriter(w io.Writer) *zipWriter {
	sw := &stickyWriter{w: w}
	zw := zip.NewWriter(sw)
	// Fastest deflate: a million-row sheet is ~0.5 GB of XML; level 1
	// compresses it at several times the speed of the default for a file
	// about a quarter larger.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return &zipWriter{zw: zw, dst: sw}
}

// streamPart starts a part written by us (a data sheet).
func (z *zipWriter) streamPart(name string) (io.Writer, error) {
	if z.parts == nil {
		z.parts = map[string]bool{}
	}
	z.parts[name] = false
	fw, err := z.zw.Create(name)
	if err != nil {
		z.fail(err)
		return nil, err
	}
	return fw, nil
}

// Create is excelize's: a part already written by streamPart is dropped.
func (z *zipWriter) Create(name string) (io.Writer, error) {
	if _, ok := z.parts[name]; ok {
		z.parts[name] = true
		return io.Discard, nil
	}
	fw, err := z.zw.Create(name)
	if err != nil {
		z.fail(err)
		return nil, err
	}
	return fw, nil
}

func (z *zipWriter) AddFS(fsys fs.FS) error { return z.fail(z.zw.AddFS(fsys)) }

func (z *zipWriter) Close() error {
	for name, seen := range z.parts {
		if !seen { // a sheet of ours the workbook does not list
			return z.fail(fmt.Errorf("export: xlsx: excelize wrote no %s", name))
		}
	}
	err := z.zw.Close()
	if z.dst.err != nil {
		err = z.dst.err
	}
	return z.fail(err)
}

func (z *zipWriter) fail(err error) error {
	if err != nil && z.err == nil {
		z.err = err
	}
	return err
}

// stickyWriter remembers the first error of w and fails every write after it.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}
