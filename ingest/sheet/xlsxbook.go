package sheet

// The package-level parts of an xlsx file: the zip container, the workbook
// (sheet names → worksheet parts, date system), the styles (which cell
// formats are dates) and the shared-string table.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
	"unsafe"
)

type xlsxBook struct {
	path     string
	closer   io.Closer
	files    map[string]*zip.File // by normalised name
	folded   map[string]*zip.File // by lower-cased normalised name
	sheets   []xlsxSheetRef       // every sheet of the workbook, tab order
	date1904 bool
	sstPart  string
	styPart  string

	loaded bool
	sst    sharedStrings
	dateXF []bool // cellXfs index → date/time number format
}

type xlsxSheetRef struct {
	name string
	part string // zip name of the worksheet part
	kind string // "worksheet", "chartsheet", "dialogsheet", "macrosheet" or "" when unresolved
}

// xlsxErr builds an ErrFormat error naming the file.
func xlsxErr(path, format string, args ...any) error {
	return fmt.Errorf("%s: %w: %s / tệp xlsx hỏng", path, ErrFormat, fmt.Sprintf(format, args...))
}

// openXLSX opens the container and reads the workbook part. data may be nil:
// the file is then read from disk on demand, never loaded whole.
func openXLSX(filePath string, data []byte) (*xlsxBook, error) {
	b := &xlsxBook{path: filePath}
	var zr *zip.Reader
	var err error
	if data != nil {
		zr, err = zip.NewReader(bytes.NewReader(data), int64(len(data)))
	} else {
		var f *os.File
		if f, err = os.Open(filePath); err != nil {
			return nil, err
		}
		var st os.FileInfo
		if st, err = f.Stat(); err == nil {
			zr, err = zip.NewReader(newWindowReaderAt(f), st.Size())
		}
		if err != nil {
			f.Close()
		} else {
			b.closer = f
		}
	}
	if err != nil {
		return nil, xlsxErr(filePath, "%v (truncated or not an xlsx workbook?) / tệp xlsx hỏng hoặc bị cắt", err)
	}
	b.files = make(map[string]*zip.File, len(zr.File))
	b.folded = make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		n := normPart(f.Name)
		b.files[n] = f
		b.folded[strings.ToLower(n)] = f
	}
	if err := b.readWorkbook(); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *xlsxBook) close() error {
	if b.closer != nil {
		c := b.closer
		b.closer = nil
		return c.Close()
	}
	return nil
}

func normPart(name string) string {
	return strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/")
}

func (b *xlsxBook) file(part string) *zip.File {
	part = normPart(part)
	if f := b.files[part]; f != nil {
		return f
	}
	return b.folded[strings.ToLower(part)]
}

// readPart reads a small part whole (workbook, relationships, styles).
func (b *xlsxBook) readPart(part string, limit int64) ([]byte, error) {
	f := b.file(part)
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, xlsxErr(b.path, "cannot open part %s: %v", part, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, xlsxErr(b.path, "cannot read part %s: %v (truncated?)", part, err)
	}
	if int64(len(data)) > limit {
		return nil, xlsxErr(b.path, "part %s is larger than %d MiB", part, limit>>20)
	}
	return data, nil
}

type rel struct{ typ, target string }

// readRels reads the relationships of a part; targets come back resolved to
// zip names.
func (b *xlsxBook) readRels(source string) (map[string]rel, error) {
	dir, file := path.Split(normPart(source))
	data, err := b.readPart(dir+"_rels/"+file+".rels", 16<<20)
	if err != nil || data == nil {
		return nil, err
	}
	rels := map[string]rel{}
	err = eachElement(data, func(se xml.StartElement) {
		if se.Name.Local != "Relationship" {
			return
		}
		var id, typ, target, mode string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				id = a.Value
			case "Type":
				typ = a.Value
			case "Target":
				target = a.Value
			case "TargetMode":
				mode = a.Value
			}
		}
		if mode == "External" || target == "" {
			return
		}
		target = strings.ReplaceAll(target, `\`, "/")
		if strings.HasPrefix(target, "/") {
			target = target[1:]
		} else {
			target = path.Join(dir, target)
		}
		rels[id] = rel{typ: typ, target: target}
	})
	if err != nil {
		return nil, xlsxErr(b.path, "relationships of %s: %v", source, err)
	}
	return rels, nil
}

// eachElement calls fn for every start element of a small XML document.
func eachElement(data []byte, fn func(xml.StartElement)) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			fn(se)
		}
	}
}

func relKind(typ string) string {
	return typ[strings.LastIndexByte(typ, '/')+1:]
}

func (b *xlsxBook) readWorkbook() error {
	wbPart := "xl/workbook.xml"
	if rels, err := b.readRels(""); err != nil {
		return err
	} else {
		for _, r := range rels {
			if relKind(r.typ) == "officeDocument" && b.file(r.target) != nil {
				wbPart = r.target
			}
		}
	}
	data, err := b.readPart(wbPart, 64<<20)
	if err != nil {
		return err
	}
	if data == nil {
		return xlsxErr(b.path, "the package has no workbook part (%s); not an Excel workbook?", wbPart)
	}
	rels, err := b.readRels(wbPart)
	if err != nil {
		return err
	}
	err = eachElement(data, func(se xml.StartElement) {
		switch se.Name.Local {
		case "workbookPr":
			for _, a := range se.Attr {
				if a.Name.Local == "date1904" {
					b.date1904 = a.Value == "1" || strings.EqualFold(a.Value, "true")
				}
			}
		case "sheet":
			var ref xlsxSheetRef
			var id string
			for _, a := range se.Attr {
				switch {
				case a.Name.Local == "name":
					ref.name = a.Value
				case a.Name.Local == "id" && (a.Name.Space != "" || id == ""):
					id = a.Value
				}
			}
			if r, ok := rels[id]; ok {
				ref.part, ref.kind = r.target, relKind(r.typ)
			}
			b.sheets = append(b.sheets, ref)
		}
	})
	if err != nil {
		return xlsxErr(b.path, "workbook part %s: %v", wbPart, err)
	}
	dir := path.Dir(wbPart)
	b.sstPart, b.styPart = path.Join(dir, "sharedStrings.xml"), path.Join(dir, "styles.xml")
	for _, r := range rels {
		switch relKind(r.typ) {
		case "sharedStrings":
			b.sstPart = r.target
		case "styles":
			b.styPart = r.target
		}
	}
	return nil
}

// worksheets lists the names of the sheets that hold cells, in tab order.
func (b *xlsxBook) worksheets() []string {
	var names []string
	for _, s := range b.sheets {
		if s.kind == "worksheet" {
			names = append(names, s.name)
		}
	}
	return names
}

// find returns the worksheet called name ("" is the first worksheet).
func (b *xlsxBook) find(name string) (xlsxSheetRef, error) {
	for _, s := range b.sheets {
		if (name == "" && s.kind == "worksheet") || (name != "" && s.name == name) {
			if s.kind != "worksheet" {
				return s, fmt.Errorf("%s: sheet %q: %w: it is a %s, not a worksheet with cells / trang tính không chứa ô dữ liệu", b.path, s.name, ErrFormat, cmpOr(s.kind, "sheet without a part"))
			}
			return s, nil
		}
	}
	if name == "" {
		return xlsxSheetRef{}, fmt.Errorf("%s: %w: the workbook has no worksheet / tệp không có trang tính", b.path, ErrFormat)
	}
	return xlsxSheetRef{}, fmt.Errorf("%s: sheet %q: %w: no such sheet (the workbook has %s) / không có trang tính này", b.path, name, ErrFormat, quoteList(b.worksheets()))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func quoteList(names []string) string {
	if len(names) == 0 {
		return "no worksheets"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// load reads the styles and the shared strings, once.
func (b *xlsxBook) load() error {
	if b.loaded {
		return nil
	}
	if err := b.readStyles(); err != nil {
		return err
	}
	if err := b.readSST(); err != nil {
		return err
	}
	b.loaded = true
	return nil
}

func (b *xlsxBook) readStyles() error {
	data, err := b.readPart(b.styPart, 256<<20)
	if err != nil || data == nil {
		return err
	}
	custom := map[int]string{}
	var xfFmt []int
	depth, cellXfs := 0, -1
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return xlsxErr(b.path, "styles part %s: %v", b.styPart, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "cellXfs":
				cellXfs = depth
			case "xf":
				if cellXfs >= 0 && depth == cellXfs+1 {
					id := 0
					for _, a := range t.Attr {
						if a.Name.Local == "numFmtId" {
							id, _ = strconv.Atoi(strings.TrimSpace(a.Value))
						}
					}
					xfFmt = append(xfFmt, id)
				}
			case "numFmt":
				id, code := -1, ""
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "numFmtId":
						if n, err := strconv.Atoi(strings.TrimSpace(a.Value)); err == nil {
							id = n
						}
					case "formatCode":
						code = a.Value
					}
				}
				if id >= 0 {
					custom[id] = code
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				cellXfs = -1
			}
			depth--
		}
	}
	b.dateXF = make([]bool, len(xfFmt))
	for i, id := range xfFmt {
		b.dateXF[i] = isDateFormat(id, custom)
	}
	return nil
}

// isDateFormat says whether number format id shows a date or a time: a
// built-in date format (14–22, 45–47) or a custom code with date or time
// letters outside quoted text, brackets and escapes.
func isDateFormat(id int, custom map[int]string) bool {
	if code, ok := custom[id]; ok {
		return isDateCode(code)
	}
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47)
}

func isDateCode(code string) bool {
	switch strings.ToLower(strings.TrimSpace(code)) {
	case "general", "standard", "@", "":
		return false
	}
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++ // the next character is literal (or padding)
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				return false
			}
			// [h], [mm], [ss]: elapsed time.
			if in := strings.ToLower(code[i+1 : i+1+j]); in != "" && strings.Trim(in, "hms") == "" {
				return true
			}
			i += j + 1
		case 'd', 'D', 'm', 'M', 'y', 'Y', 'h', 'H', 's', 'S':
			return true
		}
	}
	return false
}

// sharedStrings is the shared-string table: one string holding every entry
// back to back, and where each begins. Cells slice it without allocating.
type sharedStrings struct {
	all string
	off []uint32 // len = entries + 1
}

func (s *sharedStrings) len() int { return max(len(s.off)-1, 0) }

func (s *sharedStrings) get(i int) (string, bool) {
	if i < 0 || i >= len(s.off)-1 {
		return "", false
	}
	return s.all[s.off[i]:s.off[i+1]], true
}

func (b *xlsxBook) readSST() error {
	f := b.file(b.sstPart)
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return xlsxErr(b.path, "cannot open the shared strings (%s): %v", b.sstPart, err)
	}
	defer rc.Close()
	// The text is never longer than the XML, and untouched capacity costs no
	// memory, so size the arena once from the declared length.
	size := min(f.UncompressedSize64, 512<<20)
	ar := newAsyncReader(rc)
	defer ar.Close()
	sst, err := parseSST(ar, int(size))
	if err != nil {
		return xlsxErr(b.path, "shared strings (%s): %v", b.sstPart, err)
	}
	b.sst = sst
	return nil
}

// maxSST bounds the shared-string text held in memory (and keeps offsets
// within uint32): a register of a million rows needs a fraction of it.
const maxSST = 1 << 30

func parseSST(r io.Reader, sizeHint int) (sharedStrings, error) {
	sc := newScanner(r, 256<<10)
	arena := make([]byte, 0, max(sizeHint, 64))
	off := []uint32{0}
	inSI, rph, start := false, 0, 0
	for {
		t, err := sc.next()
		if err != nil {
			return sharedStrings{}, err
		}
		if t == nil {
			break
		}
		switch {
		case t.is("si"):
			switch {
			case t.self:
				off = append(off, uint32(len(arena)))
			case t.end:
				if !inSI {
					continue
				}
				item := unescapeOOXML(arena[start:])
				arena = arena[:start+len(item)]
				if len(arena) > maxSST {
					return sharedStrings{}, errors.New("the shared strings exceed 1 GiB of text")
				}
				off = append(off, uint32(len(arena)))
				inSI = false
			default:
				inSI, rph, start = true, 0, len(arena)
			}
		case t.is("sst") && !t.end && len(off) == 1:
			if n, err := strconv.Atoi(string(t.attr("uniqueCount"))); err == nil && n > 0 {
				off = make([]uint32, 1, min(n, sizeHint/8)+1)
			}
		case t.is("rPh"):
			if !t.self {
				if t.end {
					rph--
				} else {
					rph++
				}
			}
		case t.is("t") && !t.end && !t.self && inSI && rph <= 0:
			txt, err := sc.text()
			if err != nil {
				return sharedStrings{}, err
			}
			if len(arena)+len(txt) > maxSST {
				return sharedStrings{}, errors.New("the shared strings exceed 1 GiB of text")
			}
			arena = append(arena, txt...)
		}
	}
	if len(arena) == 0 {
		return sharedStrings{off: off}, nil
	}
	return sharedStrings{all: unsafe.String(&arena[0], len(arena)), off: off}, nil
}
