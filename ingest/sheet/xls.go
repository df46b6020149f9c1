package sheet

// Reader for legacy Excel workbooks (.xls): BIFF8 (Excel 97–2003) and BIFF5
// (Excel 5/95) inside an OLE2 compound file. The BIFF records are decoded
// here rather than with a third-party xls library because those libraries
// apply display formats (numbers become dates) and mis-decode RK numbers;
// this reader only ever returns the stored values.
//
// Record layouts follow [MS-XLS] (BIFF8) and the OpenOffice.org "Excel File
// Format" documentation (BIFF5).

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/unicode/norm"
)

// BIFF record types used by the reader.
const (
	recFormula    = 0x0006
	recEOF        = 0x000A
	recFilePass   = 0x002F
	recContinue   = 0x003C
	recCodePage   = 0x0042
	recBoundSheet = 0x0085
	recMulRK      = 0x00BD
	recSST        = 0x00FC
	recLabelSST   = 0x00FD
	recRString    = 0x00D6
	recNumber     = 0x0203
	recLabel      = 0x0204
	recBoolErr    = 0x0205
	recString     = 0x0207
	recArray      = 0x0221
	recTable      = 0x0236
	recRK         = 0x027E
	recBOF        = 0x0809
	recShrFmla    = 0x04BC
	recFormat     = 0x041E
	recXF         = 0x00E0
	recDateMode   = 0x0022
)

// BOF substream types.
const (
	bofGlobals   = 0x0005
	bofWorksheet = 0x0010
)

// maxXLSCols is the BIFF column limit (IV); anything beyond it is corruption,
// and refusing it also bounds the memory a hostile file can make us allocate.
const maxXLSCols = 256

// xlsError is a decoding failure: English detail plus a short Vietnamese gloss.
type xlsError struct{ en, vi string }

func (e *xlsError) Error() string { return e.en }

func corrupt(format string, args ...any) error {
	return &xlsError{fmt.Sprintf(format, args...), "tệp xls bị hỏng hoặc bị cắt cụt"}
}

// readXLS decodes a whole .xls file. It never panics: any panic from the
// container library or from a case this code did not foresee becomes an
// ErrFormat error.
func readXLS(path string, data []byte) (wb *Workbook, err error) {
	defer func() {
		if r := recover(); r != nil {
			wb, err = nil, fmt.Errorf("%s: %w: malformed workbook (%v) / tệp xls bị hỏng", path, ErrFormat, r)
		}
	}()
	stream, streamName, err := workbookStream(data)
	if err == nil {
		wb, err = parseBIFF(stream, streamName)
	}
	if err != nil {
		gloss := "tệp xls bị hỏng"
		var xe *xlsError
		if errors.As(err, &xe) {
			gloss = xe.vi
		}
		return nil, fmt.Errorf("%s: %w: %v / %s", path, ErrFormat, err, gloss)
	}
	wb.Path = path
	return wb, nil
}

// workbookStream returns the BIFF stream of the compound file: "Workbook"
// (BIFF8) is preferred over "Book" (BIFF5), since Excel 97 "dual format"
// files carry both.
func workbookStream(data []byte) ([]byte, string, error) {
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, "", corrupt("cannot open the OLE2 compound file, truncated or damaged? (%v)", err)
	}
	var book, workbook *mscfb.File
	for f, err := doc.Next(); ; f, err = doc.Next() {
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", corrupt("cannot list the OLE2 directory (%v)", err)
		}
		if len(f.Path) != 0 { // only root-level streams hold the workbook
			continue
		}
		switch {
		case strings.EqualFold(f.Name, "Workbook"):
			workbook = f
		case strings.EqualFold(f.Name, "Book"):
			book = f
		}
	}
	f := workbook
	if f == nil {
		f = book
	}
	if f == nil {
		return nil, "", &xlsError{
			"the OLE2 file has no Workbook or Book stream (a Word or other Office document?)",
			"tệp OLE2 không chứa bảng tính Excel",
		}
	}
	// A stream cannot be larger than the file; checking first avoids a huge
	// allocation from a forged directory entry.
	if f.Size < 0 || f.Size > int64(len(data)) {
		return nil, "", corrupt("the %s stream claims %d bytes but the file has only %d", f.Name, f.Size, len(data))
	}
	buf := make([]byte, f.Size)
	if _, err := io.ReadFull(f, buf); err != nil {
		return nil, "", corrupt("cannot read the %s stream (%v)", f.Name, err)
	}
	return buf, f.Name, nil
}

// record is one BIFF record with the payloads of any CONTINUE records that
// follow it (long SST and STRING records spill into them).
type record struct {
	typ  uint16
	off  int // offset of the record header in the stream
	data []byte
	cont [][]byte
}

// readRecord reads the record at off and returns the offset after it and its
// CONTINUE records.
func readRecord(stream []byte, off int) (record, int, error) {
	typ, data, next, err := rawRecord(stream, off)
	if err != nil {
		return record{}, 0, err
	}
	rec := record{typ: typ, off: off, data: data}
	for next+4 <= len(stream) && binary.LittleEndian.Uint16(stream[next:]) == recContinue {
		_, c, n, err := rawRecord(stream, next)
		if err != nil {
			return record{}, 0, err
		}
		rec.cont = append(rec.cont, c)
		next = n
	}
	return rec, next, nil
}

func rawRecord(stream []byte, off int) (typ uint16, data []byte, next int, err error) {
	if off < 0 || off+4 > len(stream) {
		return 0, nil, 0, corrupt("record header at offset %d runs past end of stream (%d bytes)", off, len(stream))
	}
	typ = binary.LittleEndian.Uint16(stream[off:])
	n := int(binary.LittleEndian.Uint16(stream[off+2:]))
	if off+4+n > len(stream) {
		return 0, nil, 0, corrupt("record at offset %d (type 0x%04X, %d bytes) runs past end of stream (%d bytes)", off, typ, n, len(stream))
	}
	return typ, stream[off+4 : off+4+n], off + 4 + n, nil
}

// boundSheet is one BOUNDSHEET entry; BIFF5 names stay raw until the
// CODEPAGE record (which may come later) is known.
type boundSheet struct {
	name    string
	rawName []byte
	off     int
	kind    byte // 0 worksheet, 1 macro sheet, 2 chart, 6 VB module
}

// biffBook is the decoding state shared by the globals and the sheets.
type biffBook struct {
	stream []byte
	biff8  bool
	dec    *encoding.Decoder // 8-bit text in BIFF5; nil means Windows-1252
	sst    []string
	// Number formats, to tell dates: custom format codes by id, the format
	// of each XF record, and from them whether each XF shows a date.
	formats  map[int]string
	xfFmt    []int
	xfDate   []bool
	date1904 bool // DATEMODE: serials count from 1904
}

func parseBIFF(stream []byte, streamName string) (*Workbook, error) {
	b := &biffBook{stream: stream}
	bof, next, err := readRecord(stream, 0)
	if err != nil {
		return nil, err
	}
	if bof.typ != recBOF || len(bof.data) < 4 {
		if bof.typ == 0x0009 || bof.typ == 0x0209 || bof.typ == 0x0409 {
			return nil, &xlsError{"Excel 2.x–4.x (BIFF2–4) workbooks are not supported; save as .xlsx", "định dạng Excel quá cũ, hãy lưu lại thành .xlsx"}
		}
		return nil, corrupt("the %s stream does not start with a BIFF5/8 BOF record (found type 0x%04X)", streamName, bof.typ)
	}
	switch vers := binary.LittleEndian.Uint16(bof.data); vers {
	case 0x0600:
		b.biff8 = true
	case 0x0500:
		b.biff8 = false
	default: // some writers leave the version blank; the stream name tells
		b.biff8 = strings.EqualFold(streamName, "Workbook")
	}
	if dt := binary.LittleEndian.Uint16(bof.data[2:]); dt != bofGlobals {
		return nil, corrupt("the first BOF record is not a workbook globals BOF (type 0x%04X)", dt)
	}

	var sheets []boundSheet
	for off := next; ; off = next {
		var rec record
		rec, next, err = readRecord(stream, off)
		if err != nil {
			return nil, err
		}
		switch rec.typ {
		case recEOF:
			return b.readSheets(sheets, next)
		case recFilePass:
			return nil, &xlsError{"the workbook is encrypted or password-protected (FILEPASS record); save it without a password first", "tệp có mật khẩu, hãy lưu lại không mật khẩu"}
		case recCodePage:
			if len(rec.data) >= 2 {
				b.dec = codePageDecoder(binary.LittleEndian.Uint16(rec.data))
			}
		case recBoundSheet:
			s, err := b.boundSheet(rec)
			if err != nil {
				return nil, err
			}
			sheets = append(sheets, s)
		case recFormat:
			b.format(rec)
		case recDateMode:
			b.date1904 = len(rec.data) >= 2 && rec.data[0] == 1
		case recXF:
			if len(rec.data) >= 4 {
				b.xfFmt = append(b.xfFmt, int(binary.LittleEndian.Uint16(rec.data[2:])))
			}
		case recSST:
			if b.sst, err = readSST(rec); err != nil {
				return nil, err
			}
		}
	}
}

func (b *biffBook) boundSheet(rec record) (boundSheet, error) {
	if len(rec.data) < 8 {
		return boundSheet{}, corrupt("BOUNDSHEET record at offset %d is too short (%d bytes)", rec.off, len(rec.data))
	}
	s := boundSheet{
		off:  int(binary.LittleEndian.Uint32(rec.data)),
		kind: rec.data[5],
	}
	cch := int(rec.data[6])
	if b.biff8 {
		// ShortXLUnicodeString: 8-bit count, then the high-byte flag.
		r := newSegReader(rec.data[7:])
		flags, err := r.u8()
		if err == nil {
			s.name, err = r.chars(cch, flags&1 != 0)
		}
		if err != nil {
			return boundSheet{}, corrupt("BOUNDSHEET record at offset %d: sheet name runs past the record", rec.off)
		}
		return s, nil
	}
	if 7+cch > len(rec.data) {
		return boundSheet{}, corrupt("BOUNDSHEET record at offset %d: sheet name runs past the record", rec.off)
	}
	s.rawName = rec.data[7 : 7+cch]
	return s, nil
}

// readSheets decodes the worksheets, skipping charts, macro sheets and VB
// modules. Substreams are parsed in stream order and must not overlap the
// globals or each other: that keeps the work linear in the file size even
// when forged BOUNDSHEET records all point at the same data.
func (b *biffBook) readSheets(refs []boundSheet, globalsEnd int) (*Workbook, error) {
	b.xfDate = make([]bool, len(b.xfFmt))
	for i, id := range b.xfFmt {
		b.xfDate[i] = isDateFormat(id, b.formats)
	}
	var order []int
	for i := range refs {
		if refs[i].rawName != nil {
			refs[i].name = b.text8(refs[i].rawName)
		}
		if refs[i].kind == 0 {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(x, y int) bool { return refs[order[x]].off < refs[order[y]].off })
	sheets := make([]*Sheet, len(refs))
	pos := globalsEnd
	for _, i := range order {
		ref := refs[i]
		if ref.off < pos {
			return nil, corrupt("sheet %q starts at stream offset %d, inside the workbook globals or another sheet", ref.name, ref.off)
		}
		sh, end, err := b.readSheet(ref)
		if err != nil {
			return nil, err
		}
		sheets[i], pos = sh, end
	}
	wb := &Workbook{Format: "xls", Date1904: b.date1904}
	for _, sh := range sheets { // tab order, as listed by BOUNDSHEET
		if sh != nil {
			wb.Sheets = append(wb.Sheets, sh)
		}
	}
	return wb, nil
}

// grid accumulates cells into ragged rows.
type grid [][]Cell

func (g *grid) set(r, c int, cell Cell) {
	for len(*g) <= r {
		*g = append(*g, nil)
	}
	row := (*g)[r]
	for len(row) <= c {
		row = append(row, Cell{})
	}
	row[c] = cell
	(*g)[r] = row
}

// readSheet decodes one sheet substream and returns the stream offset after
// it. The sheet is nil for a substream that turns out not to be a worksheet
// (a chart listed as a sheet): it is only walked to find its end.
func (b *biffBook) readSheet(ref boundSheet) (*Sheet, int, error) {
	fail := func(err error) (*Sheet, int, error) {
		return nil, 0, fmt.Errorf("sheet %q: %w", ref.name, err)
	}
	bof, next, err := readRecord(b.stream, ref.off)
	if err != nil {
		return fail(err)
	}
	if bof.typ != recBOF || len(bof.data) < 4 {
		return fail(corrupt("no BOF record at its stream offset %d (found type 0x%04X)", ref.off, bof.typ))
	}
	isWorksheet := binary.LittleEndian.Uint16(bof.data[2:]) == bofWorksheet
	sr := sheetReader{b: b}
	depth := 1 // embedded charts nest their own BOF…EOF inside a worksheet
	for off := next; ; off = next {
		var rec record
		if rec, next, err = readRecord(b.stream, off); err != nil {
			return fail(err)
		}
		switch {
		case rec.typ == recBOF:
			depth++
		case rec.typ == recEOF:
			if depth--; depth > 0 {
				continue
			}
			if !isWorksheet {
				return nil, next, nil
			}
			return &Sheet{Name: ref.name, Rows: sr.rows}, next, nil
		case depth == 1 && isWorksheet:
			if err := sr.record(rec); err != nil {
				return fail(err)
			}
		}
	}
}

// minLen is the shortest valid payload of each cell record.
var minLen = map[uint16]int{
	recNumber: 14, recRK: 10, recMulRK: 6, recLabelSST: 10,
	recLabel: 8, recRString: 8, recBoolErr: 8, recFormula: 20,
}

// sheetReader turns a worksheet's cell records into rows.
type sheetReader struct {
	b    *biffBook
	rows grid
	// A FORMULA with a text result is followed (after any SHRFMLA, ARRAY or
	// TABLE) by a STRING record holding that text.
	pending          bool
	pendRow, pendCol int
}

func (s *sheetReader) put(rec record, r, c int, cell Cell) error {
	if c >= maxXLSCols {
		return corrupt("cell record at offset %d has column %d, beyond the BIFF limit of %d", rec.off, c, maxXLSCols)
	}
	s.rows.set(r, c, cell)
	return nil
}

func (s *sheetReader) record(rec record) error {
	d := rec.data
	if n, ok := minLen[rec.typ]; ok && len(d) < n {
		return corrupt("record type 0x%04X at offset %d is too short (%d bytes, need %d)", rec.typ, rec.off, len(d), n)
	}
	switch rec.typ {
	case recString, recShrFmla, recArray, recTable:
	default:
		s.pending = false
	}
	switch rec.typ {
	case recNumber:
		return s.put(rec, row(d), col(d), Cell{Kind: s.b.numKind(d[4:]), Num: math.Float64frombits(binary.LittleEndian.Uint64(d[6:]))})
	case recRK:
		return s.put(rec, row(d), col(d), Cell{Kind: s.b.numKind(d[4:]), Num: rkValue(binary.LittleEndian.Uint32(d[6:]))})
	case recMulRK:
		// row, first column, then 6-byte (XF, RK) pairs, then the last column.
		r, c := row(d), col(d)
		for i := 0; 4+6*i+6 <= len(d)-2; i++ {
			rk := binary.LittleEndian.Uint32(d[4+6*i+2:])
			if err := s.put(rec, r, c+i, Cell{Kind: s.b.numKind(d[4+6*i:]), Num: rkValue(rk)}); err != nil {
				return err
			}
		}
	case recLabelSST:
		i := binary.LittleEndian.Uint32(d[6:])
		if uint64(i) >= uint64(len(s.b.sst)) {
			return corrupt("LABELSST record at offset %d refers to shared string %d but the table has %d", rec.off, i, len(s.b.sst))
		}
		return s.put(rec, row(d), col(d), Cell{Kind: Text, Str: s.b.sst[i]})
	case recLabel, recRString:
		str, err := s.b.cellString(rec, 6)
		if err != nil {
			return err
		}
		return s.put(rec, row(d), col(d), Cell{Kind: Text, Str: str})
	case recBoolErr:
		cell := Cell{Kind: Bool, Num: float64(min(d[6], 1))}
		if d[7] != 0 {
			cell = Cell{Kind: Error, Str: errorLiteral(d[6])}
		}
		return s.put(rec, row(d), col(d), cell)
	case recFormula:
		cell, isText := formulaResult(d[6:14])
		if cell.Kind == Number {
			cell.Kind = s.b.numKind(d[4:])
		}
		if isText {
			s.pending, s.pendRow, s.pendCol = true, row(d), col(d)
		}
		return s.put(rec, row(d), col(d), cell)
	case recString:
		if !s.pending {
			return nil
		}
		s.pending = false
		str, err := s.b.cellString(rec, 0)
		if err != nil {
			return err
		}
		return s.put(rec, s.pendRow, s.pendCol, Cell{Kind: Text, Str: str})
	}
	return nil
}

// numKind is Date when the XF index at the start of ixfe points at a date
// format, else Number.
func (b *biffBook) numKind(ixfe []byte) Kind {
	if i := int(binary.LittleEndian.Uint16(ixfe)); i < len(b.xfDate) && b.xfDate[i] {
		return Date
	}
	return Number
}

// format records a FORMAT record: a custom number format code. A record
// that cannot be decoded is ignored (its cells stay Number).
func (b *biffBook) format(rec record) {
	if len(rec.data) < 3 {
		return
	}
	id := int(binary.LittleEndian.Uint16(rec.data))
	var code string
	if b.biff8 {
		r := newSegReader(rec.data[2:])
		n, err := r.u16()
		if err != nil {
			return
		}
		flags, err := r.u8()
		if err != nil {
			return
		}
		if code, err = r.chars(int(n), flags&1 != 0); err != nil {
			return
		}
	} else {
		n := int(rec.data[2])
		if 3+n > len(rec.data) {
			return
		}
		code = b.text8(rec.data[3 : 3+n])
	}
	if b.formats == nil {
		b.formats = map[int]string{}
	}
	b.formats[id] = code
}

func row(d []byte) int { return int(binary.LittleEndian.Uint16(d)) }
func col(d []byte) int { return int(binary.LittleEndian.Uint16(d[2:])) }

// rkValue decodes an RK number: bit 0 means the value was multiplied by 100,
// bit 1 means the upper 30 bits are a signed integer rather than the top 30
// bits of an IEEE double.
func rkValue(rk uint32) float64 {
	var v float64
	if rk&2 != 0 {
		v = float64(int32(rk) >> 2) // arithmetic shift keeps the sign
	} else {
		v = math.Float64frombits(uint64(rk&^3) << 32)
	}
	if rk&1 != 0 {
		v /= 100
	}
	return v
}

// formulaResult decodes the cached result of a FORMULA record. A result
// whose top two bytes are 0xFFFF is not a double: its first byte says what it
// is. isText means the text follows in a STRING record.
func formulaResult(res []byte) (cell Cell, isText bool) {
	if res[6] != 0xFF || res[7] != 0xFF {
		return Cell{Kind: Number, Num: math.Float64frombits(binary.LittleEndian.Uint64(res))}, false
	}
	switch res[0] {
	case 0:
		return Cell{Kind: Text}, true
	case 1:
		return Cell{Kind: Bool, Num: float64(min(res[2], 1))}, false
	case 2:
		return Cell{Kind: Error, Str: errorLiteral(res[2])}, false
	case 3:
		return Cell{Kind: Text}, false // the formula returned ""
	}
	return Cell{}, false
}

func errorLiteral(code byte) string {
	switch code {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0F:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1D:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	case 0x2A:
		return "#N/A"
	case 0x2B:
		return "#GETTING_DATA"
	}
	return fmt.Sprintf("#ERR%d", code)
}

// cellString decodes the string of a LABEL, RSTRING or STRING record that
// starts at byte at: a 16-bit character count, then (BIFF8) the high-byte
// flag and the characters, which may spill into CONTINUE records.
func (b *biffBook) cellString(rec record, at int) (string, error) {
	r := newSegReader(append([][]byte{rec.data[at:]}, rec.cont...)...)
	n, err := r.u16()
	if err != nil {
		return "", corrupt("string in record type 0x%04X at offset %d runs past the record", rec.typ, rec.off)
	}
	if !b.biff8 {
		raw, err := r.bytes(int(n))
		if err != nil {
			return "", corrupt("string in record type 0x%04X at offset %d runs past the record", rec.typ, rec.off)
		}
		return b.text8(raw), nil
	}
	flags, err := r.u8()
	if err != nil {
		return "", corrupt("string in record type 0x%04X at offset %d runs past the record", rec.typ, rec.off)
	}
	s, err := r.chars(int(n), flags&1 != 0)
	if err != nil {
		return "", corrupt("string in record type 0x%04X at offset %d runs past the record", rec.typ, rec.off)
	}
	return s, nil
}

// readSST decodes the shared string table. Each entry is an
// XLUnicodeRichExtendedString; any part of it may cross into a CONTINUE
// record, and when the characters do, the continuation starts with a fresh
// high-byte flag.
func readSST(rec record) ([]string, error) {
	r := newSegReader(append([][]byte{rec.data}, rec.cont...)...)
	if _, err := r.u32(); err != nil { // total references, unused
		return nil, corrupt("SST record at offset %d is too short", rec.off)
	}
	unique, err := r.u32()
	if err != nil {
		return nil, corrupt("SST record at offset %d is too short", rec.off)
	}
	// Each string takes at least 3 bytes, which bounds a forged count.
	strs := make([]string, 0, min(int(unique), r.remaining()/3))
	for i := 0; i < int(unique); i++ {
		s, err := r.richString()
		if err != nil {
			return nil, corrupt("shared string table (SST at offset %d) ends inside string %d of %d", rec.off, i, unique)
		}
		strs = append(strs, s)
	}
	return strs, nil
}

// segReader reads across a record and its CONTINUE records.
type segReader struct {
	segs  [][]byte
	after []int // after[i] is the total length of the segments after i
	i     int   // current segment
	pos   int   // offset in the current segment
}

func newSegReader(segs ...[]byte) *segReader {
	after := make([]int, len(segs))
	for i := len(segs) - 2; i >= 0; i-- {
		after[i] = after[i+1] + len(segs[i+1])
	}
	return &segReader{segs: segs, after: after}
}

var errShort = errors.New("data runs past the record")

func (r *segReader) remaining() int {
	if r.i >= len(r.segs) {
		return 0
	}
	return len(r.segs[r.i]) - r.pos + r.after[r.i]
}

// bytes reads n bytes that are not character data, so a segment boundary
// inside them carries no flag byte.
func (r *segReader) bytes(n int) ([]byte, error) {
	if n < 0 {
		return nil, errShort
	}
	if r.i < len(r.segs) && r.pos+n <= len(r.segs[r.i]) {
		b := r.segs[r.i][r.pos : r.pos+n]
		r.pos += n
		return b, nil
	}
	out := make([]byte, 0, min(n, r.remaining()))
	for len(out) < n {
		if r.i >= len(r.segs) {
			return nil, errShort
		}
		seg := r.segs[r.i]
		take := min(n-len(out), len(seg)-r.pos)
		out = append(out, seg[r.pos:r.pos+take]...)
		r.pos += take
		if r.pos == len(seg) && len(out) < n {
			r.i, r.pos = r.i+1, 0
		}
	}
	return out, nil
}

func (r *segReader) u8() (byte, error) {
	b, err := r.bytes(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

func (r *segReader) u16() (uint16, error) {
	b, err := r.bytes(2)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint16(b), nil
}

func (r *segReader) u32() (uint32, error) {
	b, err := r.bytes(4)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b), nil
}

// chars reads n UTF-16 code units stored either whole (high) or with the
// zero high byte dropped. When a segment runs out mid-string, the next one
// begins with a flag byte that may switch between the two.
func (r *segReader) chars(n int, high bool) (string, error) {
	if n > r.remaining() { // even compressed, each character takes a byte
		return "", errShort
	}
	units := make([]uint16, 0, n)
	for len(units) < n {
		if r.i >= len(r.segs) {
			return "", errShort
		}
		seg := r.segs[r.i]
		if r.pos >= len(seg) {
			r.i++
			if r.i >= len(r.segs) || len(r.segs[r.i]) == 0 {
				return "", errShort
			}
			high = r.segs[r.i][0]&1 != 0
			r.pos = 1
			continue
		}
		if high {
			if r.pos+2 > len(seg) { // a code unit split across records: corrupt
				return "", errShort
			}
			units = append(units, binary.LittleEndian.Uint16(seg[r.pos:]))
			r.pos += 2
		} else {
			units = append(units, uint16(seg[r.pos]))
			r.pos++
		}
	}
	return string(utf16.Decode(units)), nil
}

// richString reads one SST entry, skipping its formatting runs and
// phonetic (ExtRst) data.
func (r *segReader) richString() (string, error) {
	n, err := r.u16()
	if err != nil {
		return "", err
	}
	flags, err := r.u8()
	if err != nil {
		return "", err
	}
	var runs, ext int
	if flags&0x08 != 0 {
		v, err := r.u16()
		if err != nil {
			return "", err
		}
		runs = int(v)
	}
	if flags&0x04 != 0 {
		v, err := r.u32()
		if err != nil {
			return "", err
		}
		if int64(v) > int64(r.remaining()) {
			return "", errShort
		}
		ext = int(v)
	}
	s, err := r.chars(int(n), flags&0x01 != 0)
	if err != nil {
		return "", err
	}
	if _, err := r.bytes(4*runs + ext); err != nil {
		return "", err
	}
	return s, nil
}

// text8 decodes 8-bit BIFF5 text in the workbook's code page. NFC matters
// for Windows-1258 (Vietnamese), which stores tone marks as combining
// characters; UTF-16 files store them precomposed.
func (b *biffBook) text8(raw []byte) string {
	dec := b.dec
	if dec == nil {
		dec = charmap.Windows1252.NewDecoder()
	}
	s, err := dec.Bytes(raw)
	if err != nil { // undecodable bytes: fall back to Latin-1, never fail
		u := make([]rune, len(raw))
		for i, c := range raw {
			u[i] = rune(c)
		}
		return string(u)
	}
	return norm.NFC.String(string(s))
}

// codePageDecoder maps a CODEPAGE record value to a decoder; nil keeps the
// Windows-1252 default (also used for 1200, UTF-16, which BIFF8 strings
// never need a decoder for).
func codePageDecoder(cp uint16) *encoding.Decoder {
	var e encoding.Encoding
	switch cp {
	case 437:
		e = charmap.CodePage437
	case 850:
		e = charmap.CodePage850
	case 852:
		e = charmap.CodePage852
	case 855:
		e = charmap.CodePage855
	case 858:
		e = charmap.CodePage858
	case 860:
		e = charmap.CodePage860
	case 862:
		e = charmap.CodePage862
	case 863:
		e = charmap.CodePage863
	case 865:
		e = charmap.CodePage865
	case 866:
		e = charmap.CodePage866
	case 874:
		e = charmap.Windows874
	case 932:
		e = japanese.ShiftJIS
	case 936:
		e = simplifiedchinese.GBK
	case 949:
		e = korean.EUCKR
	case 950:
		e = traditionalchinese.Big5
	case 1250:
		e = charmap.Windows1250
	case 1251:
		e = charmap.Windows1251
	case 1253:
		e = charmap.Windows1253
	case 1254:
		e = charmap.Windows1254
	case 1255:
		e = charmap.Windows1255
	case 1256:
		e = charmap.Windows1256
	case 1257:
		e = charmap.Windows1257
	case 1258:
		e = charmap.Windows1258
	case 10000, 32768: // Apple Roman
		e = charmap.Macintosh
	default:
		return nil
	}
	return e.NewDecoder()
}
