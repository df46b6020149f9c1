package export

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// WriteODS writes src as an OpenDocument spreadsheet (ISO/IEC 26300, ODF
// 1.3): the same content as WriteXLSX (typed cells with number and date
// styles, a bold header row that repeats on print and is frozen, an
// autofilter, column widths, the data split past 1,048,575 rows, and the
// metadata sheet), without the chart. The zip is streamed: "mimetype" first
// and stored, then content.xml written row by row as the source is read.
func WriteODS(w io.Writer, src Source, meta Meta) error {
	cols := src.Columns()
	if err := checkColumns(cols); err != nil {
		return err
	}
	sw := &stickyWriter{w: w}
	zw := zip.NewWriter(sw)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	o := &odsWriter{cols: cols, meta: meta, nm: names(meta), modified: meta.generatedAt()}
	err := o.write(zw, src)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if sw.err != nil {
		return sw.err
	}
	return err
}

const odsMime = "application/vnd.oasis.opendocument.spreadsheet"

type odsWriter struct {
	cols     []Column
	meta     Meta
	nm       sheetNames
	modified time.Time

	bw        *bufio.Writer
	buf       []byte
	widths    []float64
	sheet     int
	sheetRows int64
}

func (o *odsWriter) entry(zw *zip.Writer, name string) (io.Writer, error) {
	return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: o.modified})
}

func (o *odsWriter) write(zw *zip.Writer, src Source) error {
	// mimetype: first, stored, no extra field, sizes in the local header,
	// so that "file" and ODF readers recognise the package by its bytes 30–.
	mt := []byte(odsMime)
	fw, err := zw.CreateRaw(&zip.FileHeader{Name: "mimetype", Method: zip.Store, CRC32: crc32.ChecksumIEEE(mt),
		CompressedSize64: uint64(len(mt)), UncompressedSize64: uint64(len(mt))})
	if err != nil {
		return err
	}
	if _, err := fw.Write(mt); err != nil {
		return err
	}
	for _, part := range []struct{ name, body string }{
		{"META-INF/manifest.xml", odsManifest},
		{"styles.xml", odsStyles},
		{"meta.xml", o.metaXML()},
	} {
		fw, err := o.entry(zw, part.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, part.body); err != nil {
			return err
		}
	}
	fw, err = o.entry(zw, "content.xml")
	if err != nil {
		return err
	}
	o.bw = bufio.NewWriterSize(fw, 64<<10)
	o.bw.WriteString(xmlHeader + `<office:document-content ` + odfNS + ` office:version="1.3">`)
	o.bw.WriteString(o.automaticStyles())
	o.bw.WriteString(`<office:body><office:spreadsheet>`)

	const sampleRows = 1000
	var pending [][]any
	n, err := pump(src, o.cols, func(row []any) error {
		if o.sheet == 0 {
			pending = append(pending, append([]any(nil), row...))
			if len(pending) < sampleRows {
				return nil
			}
			return o.flushPending(&pending)
		}
		return o.writeRow(row)
	})
	if err != nil {
		return err
	}
	if o.sheet == 0 {
		if err := o.flushPending(&pending); err != nil {
			return err
		}
	}
	o.bw.WriteString(`</table:table>`)
	sheets := spans(o.nm, n)
	o.about(aboutLines(o.meta, o.cols, n, sheets, nil))
	o.databaseRanges(sheets, n)
	o.bw.WriteString(`</office:spreadsheet></office:body></office:document-content>`)
	if err := o.bw.Flush(); err != nil {
		return err
	}
	fw, err = o.entry(zw, "settings.xml")
	if err != nil {
		return err
	}
	_, err = io.WriteString(fw, o.settingsXML(sheets))
	return err
}

func (o *odsWriter) flushPending(pending *[][]any) error {
	o.widths = columnWidths(o.cols, o.meta.Lang, *pending)
	o.startTable()
	for _, row := range *pending {
		if err := o.writeRow(row); err != nil {
			return err
		}
	}
	*pending = nil
	return nil
}

func (o *odsWriter) startTable() {
	o.sheet++
	o.sheetRows = 0
	b := o.buf[:0]
	b = append(b, `<table:table table:name="`...)
	b = appendXMLAttr(b, o.nm.dataSheet(o.sheet))
	b = append(b, `">`...)
	for i := range o.cols {
		b = append(b, `<table:table-column table:style-name="co`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `" table:default-cell-style-name="`...)
		b = append(b, o.cellStyle(i)...)
		b = append(b, `"/>`...)
	}
	b = append(b, `<table:table-header-rows><table:table-row table:style-name="rh">`...)
	for _, c := range o.cols {
		b = append(b, `<table:table-cell table:style-name="hdr" office:value-type="string">`...)
		b = appendODFText(b, c.Label(o.meta.Lang))
		b = append(b, `</table:table-cell>`...)
	}
	b = append(b, `</table:table-row></table:table-header-rows>`...)
	o.buf = b
	o.bw.Write(b)
}

func (o *odsWriter) writeRow(row []any) error {
	if o.sheetRows == maxSheetRows {
		o.bw.WriteString(`</table:table>`)
		o.startTable()
	}
	o.sheetRows++
	b := o.buf[:0]
	b = append(b, `<table:table-row>`...)
	for i, v := range row {
		switch x := v.(type) {
		case nil:
			b = append(b, `<table:table-cell/>`...)
		case string:
			b = append(b, `<table:table-cell office:value-type="string">`...)
			b = appendODFText(b, x)
			b = append(b, `</table:table-cell>`...)
		case int64:
			b = append(b, `<table:table-cell office:value-type="float" office:value="`...)
			b = strconv.AppendInt(b, x, 10)
			b = append(b, `"/>`...)
		case float64:
			if !isFinite(x) {
				b = append(b, `<table:table-cell office:value-type="string">`...)
				b = appendODFText(b, nonFinite(x))
				b = append(b, `</table:table-cell>`...)
				continue
			}
			b = append(b, `<table:table-cell office:value-type="float" office:value="`...)
			b = strconv.AppendFloat(b, x, 'g', -1, 64)
			b = append(b, `"/>`...)
		case bool:
			b = append(b, `<table:table-cell office:value-type="boolean" office:boolean-value="`...)
			b = strconv.AppendBool(b, x)
			b = append(b, `"/>`...)
		case time.Time:
			b = append(b, `<table:table-cell office:value-type="date" office:date-value="`...)
			if o.cols[i].Type == Date {
				b = x.AppendFormat(b, "2006-01-02")
			} else {
				b = x.AppendFormat(b, "2006-01-02T15:04:05.999999999")
			}
			b = append(b, `"/>`...)
		}
	}
	b = append(b, `</table:table-row>`...)
	o.buf = b
	_, err := o.bw.Write(b)
	return err
}

// cellStyle is the default cell style of column i (its data style).
func (o *odsWriter) cellStyle(i int) string {
	c := o.cols[i]
	switch c.Type {
	case Code:
		return "ceT"
	case Integer, Number, Date, DateTime, Bool:
		return "ce" + strconv.Itoa(i)
	}
	return "Default"
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

const odfNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
	`xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ` +
	`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ` +
	`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
	`xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" ` +
	`xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" ` +
	`xmlns:xlink="http://www.w3.org/1999/xlink"`

// automaticStyles: number, date and boolean styles per column, with the
// export's language (so LibreOffice shows 1.234,56 in a Vietnamese file
// whatever its own locale), the header, column widths, the about sheet.
func (o *odsWriter) automaticStyles() string {
	var b strings.Builder
	lang := `number:language="vi" number:country="VN"`
	if o.meta.en() {
		lang = `number:language="en" number:country="US"`
	}
	b.WriteString(`<office:automatic-styles>`)
	b.WriteString(`<number:text-style style:name="NT"><number:text-content/></number:text-style>`)
	b.WriteString(`<style:style style:name="ceT" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="NT"/>`)
	for i, c := range o.cols {
		id := strconv.Itoa(i)
		switch c.Type {
		case Integer, Number:
			dec := 0
			if c.Type == Number {
				dec = c.Decimals
			}
			fmt.Fprintf(&b, `<number:number-style style:name="N%s" %s>`, id, lang)
			if dec < 0 {
				b.WriteString(`<number:number number:min-integer-digits="1"/>`)
			} else {
				fmt.Fprintf(&b, `<number:number number:decimal-places="%d" number:min-decimal-places="%d" number:min-integer-digits="1" number:grouping="%t"/>`,
					dec, dec, !c.NoGrouping)
			}
			b.WriteString(`</number:number-style>`)
		case Date, DateTime:
			fmt.Fprintf(&b, `<number:date-style style:name="N%s" %s>`, id, lang)
			b.WriteString(`<number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/>`)
			if c.Type == DateTime {
				b.WriteString(`<number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/><number:text>:</number:text><number:seconds number:style="long"/>`)
			}
			b.WriteString(`</number:date-style>`)
		case Bool:
			fmt.Fprintf(&b, `<number:boolean-style style:name="N%s" %s><number:boolean/></number:boolean-style>`, id, lang)
		default:
			continue
		}
		fmt.Fprintf(&b, `<style:style style:name="ce%s" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N%s"/>`, id, id)
	}
	for i := range o.cols {
		fmt.Fprintf(&b, `<style:style style:name="co%d" style:family="table-column"><style:table-column-properties fo:break-before="auto" style:column-width="%.3fcm"/></style:style>`,
			i, o.columnWidthCM(i))
	}
	b.WriteString(`<style:style style:name="hdr" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties fo:background-color="#ddebf7" fo:wrap-option="wrap" style:vertical-align="middle"/><style:text-properties fo:font-weight="bold"/></style:style>`)
	b.WriteString(`<style:style style:name="rh" style:family="table-row"><style:table-row-properties style:row-height="0.8cm" style:use-optimal-row-height="false"/></style:style>`)
	b.WriteString(`<style:style style:name="coA" style:family="table-column"><style:table-column-properties style:column-width="7cm"/></style:style>`)
	b.WriteString(`<style:style style:name="coB" style:family="table-column"><style:table-column-properties style:column-width="20cm"/></style:style>`)
	b.WriteString(`<style:style style:name="aL" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties style:vertical-align="top" fo:wrap-option="wrap"/><style:text-properties fo:font-weight="bold"/></style:style>`)
	b.WriteString(`<style:style style:name="aH" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties style:vertical-align="top" fo:wrap-option="wrap"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>`)
	b.WriteString(`<style:style style:name="aW" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties style:vertical-align="top" fo:wrap-option="wrap"/><style:text-properties fo:color="#c00000" fo:font-weight="bold"/></style:style>`)
	b.WriteString(`<style:style style:name="aV" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties style:vertical-align="top" fo:wrap-option="wrap"/></style:style>`)
	fmt.Fprintf(&b, `<number:number-style style:name="NC" %s><number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="1" number:grouping="true"/></number:number-style>`, lang)
	b.WriteString(`<style:style style:name="aN" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="NC"><style:table-cell-properties style:vertical-align="top"/><style:paragraph-properties fo:text-align="start"/></style:style>`)
	b.WriteString(`</office:automatic-styles>`)
	return b.String()
}

// columnWidthCM converts a width in Excel characters to centimetres.
func (o *odsWriter) columnWidthCM(i int) float64 {
	w := 10.0
	if i < len(o.widths) {
		w = o.widths[i]
	}
	return w*0.2 + 0.15
}

func (o *odsWriter) about(lines []aboutLine) {
	b := o.buf[:0]
	b = append(b, `<table:table table:name="`...)
	b = appendXMLAttr(b, o.nm.about)
	b = append(b, `"><table:table-column table:style-name="coA"/><table:table-column table:style-name="coB"/>`...)
	for _, l := range lines {
		label, value := "aL", "aV"
		switch l.kind {
		case lineHeading:
			label, value = "aH", "aH"
		case lineWarning:
			label, value = "aW", "aW"
		}
		b = append(b, `<table:table-row><table:table-cell table:style-name="`...)
		b = append(b, label...)
		b = append(b, `" office:value-type="string">`...)
		b = appendODFText(b, l.label)
		b = append(b, `</table:table-cell>`...)
		switch {
		case l.num != nil:
			b = append(b, `<table:table-cell table:style-name="aN" office:value-type="float" office:value="`...)
			b = strconv.AppendInt(b, *l.num, 10)
			b = append(b, `"/>`...)
		case l.value == "":
			b = append(b, `<table:table-cell/>`...)
		default:
			b = append(b, `<table:table-cell table:style-name="`...)
			b = append(b, value...)
			b = append(b, `" office:value-type="string">`...)
			if l.kind == lineLink && (strings.HasPrefix(l.value, "http://") || strings.HasPrefix(l.value, "https://")) {
				b = append(b, `<text:p><text:a xlink:type="simple" xlink:href="`...)
				b = appendXMLAttr(b, l.value)
				b = append(b, `">`...)
				b = appendXMLText(b, l.value)
				b = append(b, `</text:a></text:p>`...)
			} else {
				b = appendODFText(b, l.value)
			}
			b = append(b, `</table:table-cell>`...)
		}
		b = append(b, `</table:table-row>`...)
	}
	b = append(b, `</table:table>`...)
	o.buf = b
	o.bw.Write(b)
}

// databaseRanges puts an autofilter on every data sheet.
func (o *odsWriter) databaseRanges(sheets []sheetSpan, rows int64) {
	lastCol := columnLetters(len(o.cols))
	b := o.buf[:0]
	b = append(b, `<table:database-ranges>`...)
	for i, s := range sheets {
		last := s.last - s.first + 2
		if rows == 0 {
			last = 1
		}
		q := "'" + strings.ReplaceAll(s.name, "'", "''") + "'"
		b = append(b, `<table:database-range table:name="__Anonymous_Sheet_DB__`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `" table:target-range-address="`...)
		b = appendXMLAttr(b, fmt.Sprintf("%s.A1:%s.%s%d", q, q, lastCol, last))
		b = append(b, `" table:display-filter-buttons="true"/>`...)
	}
	b = append(b, `</table:database-ranges>`...)
	o.buf = b
	o.bw.Write(b)
}

// columnLetters is the spreadsheet name of column n (1 = A).
func columnLetters(n int) string {
	var s []byte
	for n > 0 {
		n--
		s = append([]byte{byte('A' + n%26)}, s...)
		n /= 26
	}
	return string(s)
}

func (o *odsWriter) metaXML() string {
	var b []byte
	b = append(b, xmlHeader+`<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta><meta:generator>DPI Lào Cai</meta:generator><dc:title>`...)
	b = appendXMLText(b, o.meta.Title())
	b = append(b, `</dc:title><dc:description>`...)
	b = appendXMLText(b, oneLine(o.meta.Source+" "+o.meta.URL))
	b = append(b, `</dc:description><meta:creation-date>`...)
	b = o.modified.AppendFormat(b, "2006-01-02T15:04:05")
	b = append(b, `</meta:creation-date><dc:language>`...)
	if o.meta.en() {
		b = append(b, "en-US"...)
	} else {
		b = append(b, "vi-VN"...)
	}
	b = append(b, `</dc:language></office:meta></office:document-meta>`...)
	return string(b)
}

// settingsXML freezes the header row of every data sheet and opens the
// first one.
func (o *odsWriter) settingsXML(sheets []sheetSpan) string {
	var b []byte
	b = append(b, xmlHeader+`<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3"><office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry><config:config-item config:name="ViewId" config:type="string">view1</config:config-item><config:config-item-map-named config:name="Tables">`...)
	item := func(name, typ, val string) {
		b = append(b, `<config:config-item config:name="`+name+`" config:type="`+typ+`">`+val+`</config:config-item>`...)
	}
	for _, s := range sheets {
		b = append(b, `<config:config-item-map-entry config:name="`...)
		b = appendXMLAttr(b, s.name)
		b = append(b, `">`...)
		item("CursorPositionX", "int", "0")
		item("CursorPositionY", "int", "1")
		item("HorizontalSplitMode", "short", "0")
		item("VerticalSplitMode", "short", "2")
		item("HorizontalSplitPosition", "int", "0")
		item("VerticalSplitPosition", "int", "1")
		item("ActiveSplitRange", "short", "2")
		item("PositionLeft", "int", "0")
		item("PositionRight", "int", "0")
		item("PositionTop", "int", "0")
		item("PositionBottom", "int", "1")
		b = append(b, `</config:config-item-map-entry>`...)
	}
	b = append(b, `</config:config-item-map-named><config:config-item config:name="ActiveTable" config:type="string">`...)
	b = appendXMLText(b, sheets[0].name)
	b = append(b, `</config:config-item></config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>`...)
	return string(b)
}

const odsManifest = xmlHeader + `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
	`<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="` + odsMime + `"/>` +
	`<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>` +
	`<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>` +
	`<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>` +
	`<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>` +
	`</manifest:manifest>`

const odsStyles = xmlHeader + `<office:document-styles ` + odfNS + ` office:version="1.3"><office:styles>` +
	`<style:default-style style:family="table-cell"><style:paragraph-properties style:tab-stop-distance="1.25cm"/></style:default-style>` +
	`<style:style style:name="Default" style:family="table-cell"/>` +
	`</office:styles></office:document-styles>`

// appendODFText appends s as the paragraphs of a cell: one text:p per line,
// tabs as text:tab, runs of spaces as text:s (ODF collapses white space in
// text:p otherwise), XML escaped; characters XML cannot hold become U+FFFD.
func appendODFText(b []byte, s string) []byte {
	b = append(b, `<text:p>`...)
	spaces := 0
	// flushSpaces writes a run of spaces: one plain space then text:s for
	// the rest inside a line, all of it as text:s at a line's start or end
	// (where a reader would drop plain white space).
	flushSpaces := func(edge bool) {
		if spaces == 0 {
			return
		}
		n := spaces
		if !edge {
			b = append(b, ' ')
			n--
		}
		if n > 0 {
			b = append(b, `<text:s`...)
			if n > 1 {
				b = append(b, ` text:c="`...)
				b = strconv.AppendInt(b, int64(n), 10)
				b = append(b, '"')
			}
			b = append(b, `/>`...)
		}
		spaces = 0
	}
	lineStart := true
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' {
			spaces++
			i++
			continue
		}
		flushSpaces(lineStart || c == '\n' || c == '\r')
		switch {
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
			i++
			continue
		case c == '\n' || c == '\r':
			b = append(b, `</text:p><text:p>`...)
			lineStart = true
			i++
			continue
		case c == '\t':
			b = append(b, `<text:tab/>`...)
		case c == '&':
			b = append(b, `&amp;`...)
		case c == '<':
			b = append(b, `&lt;`...)
		case c == '>':
			b = append(b, `&gt;`...)
		case c < 0x20:
			b = append(b, "\uFFFD"...)
		case c < utf8.RuneSelf:
			b = append(b, c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || !xmlChar(r) {
				b = append(b, "\uFFFD"...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			lineStart = false
			i += size
			continue
		}
		lineStart = false
		i++
	}
	flushSpaces(true)
	return append(b, `</text:p>`...)
}

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// appendXMLText escapes text content.
func appendXMLText(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r == '&':
			b = append(b, `&amp;`...)
		case r == '<':
			b = append(b, `&lt;`...)
		case r == '>':
			b = append(b, `&gt;`...)
		case !xmlChar(r) || r == utf8.RuneError:
			b = append(b, "\uFFFD"...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// appendXMLAttr escapes an attribute value (double-quoted).
func appendXMLAttr(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r == '&':
			b = append(b, `&amp;`...)
		case r == '<':
			b = append(b, `&lt;`...)
		case r == '"':
			b = append(b, `&quot;`...)
		case r == '\n':
			b = append(b, `&#10;`...)
		case r == '\r':
			b = append(b, `&#13;`...)
		case r == '\t':
			b = append(b, `&#9;`...)
		case !xmlChar(r) || r == utf8.RuneError:
			b = append(b, "\uFFFD"...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}
