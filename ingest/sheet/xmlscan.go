package sheet

// A minimal pull tokenizer for the SpreadsheetML parts that can be large
// (worksheets and the shared-string table). encoding/xml allocates several
// objects per token and is an order of magnitude too slow for a million-row
// sheet, so this scanner works directly on a byte window over the inflated
// stream and hands out slices of it: a slice is valid only until the next
// call on the scanner.
//
// It understands exactly what those parts contain: start, end and
// self-closing tags with namespace prefixes (reported by local name),
// attributes in either quote, character data with the five predefined
// entities and numeric character references, CDATA sections, comments,
// processing instructions and a DOCTYPE. It does not check well-formedness
// beyond what it needs; it never panics on any input.

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// maxToken bounds a single tag or text run; a longer one means a damaged or
// hostile file, and refusing it bounds the buffer the scanner may grow.
const maxToken = 64 << 20

var (
	errTokenTooLong = errors.New("an XML tag or text run is longer than 64 MiB")
	errXMLEOF       = errors.New("the XML ends in the middle of a tag")
	errXMLSyntax    = errors.New("malformed XML tag")
)

type scanner struct {
	r        io.Reader
	buf      []byte
	pos, end int
	eof      bool
	rerr     error // a read error other than io.EOF
	scratch  []byte
	t        tag
}

// attr is one attribute: name is the local name (prefix dropped).
type attr struct{ name, value []byte }

// tag is one element tag; its slices point into the scanner's window.
type tag struct {
	name  []byte // local name
	attrs []attr
	end   bool // </name>
	self  bool // <name/>
}

func (t *tag) is(name string) bool { return string(t.name) == name }

func (t *tag) attr(name string) []byte {
	for i := range t.attrs {
		if string(t.attrs[i].name) == name {
			return t.attrs[i].value
		}
	}
	return nil
}

func newScanner(r io.Reader, size int) *scanner {
	return &scanner{r: r, buf: make([]byte, size)}
}

// fill keeps the unread bytes, moving them to the front of the window, and
// reads more, growing the window when it is full. It reports whether any
// byte was added.
func (s *scanner) fill() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxToken {
			s.eof, s.rerr = true, errTokenTooLong
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.rerr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.eof, s.rerr = true, io.ErrNoProgress
	return false
}

// more reads more input for a token that is not yet complete; at the end of
// input it returns the error that explains why the token is cut short.
func (s *scanner) more() error {
	if s.fill() {
		return nil
	}
	if s.rerr != nil {
		return s.rerr
	}
	return errXMLEOF
}

// next returns the next element tag, skipping character data, comments,
// processing instructions, DOCTYPE and CDATA. It returns (nil, nil) at a
// clean end of input.
func (s *scanner) next() (*tag, error) {
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		if i < 0 {
			s.pos = s.end
			if !s.fill() {
				return nil, s.rerr
			}
			continue
		}
		s.pos += i
		for {
			n, st := parseMarkup(s.buf[s.pos:s.end], &s.t, s.eof)
			switch st {
			case markTag:
				s.pos += n
				return &s.t, nil
			case markSkip, markCDATA:
				s.pos += n
			case markMore:
				if err := s.more(); err != nil {
					return nil, err
				}
				continue
			default:
				return nil, errXMLSyntax
			}
			break
		}
	}
}

// skip consumes the rest of the element whose start tag t was just read.
func (s *scanner) skip(t *tag) error {
	if t.end || t.self {
		return nil
	}
	return s.skipRest()
}

// skipRest consumes tags up to the end tag of the element the scanner is in.
func (s *scanner) skipRest() error {
	for depth := 1; depth > 0; {
		t, err := s.next()
		if err != nil {
			return err
		}
		if t == nil {
			return errXMLEOF
		}
		switch {
		case t.end:
			depth--
		case !t.self:
			depth++
		}
	}
	return nil
}

// text reads character data up to the next tag, decoding entities and CDATA
// and normalising line ends as an XML parser must. The result is a slice of
// the window or of the scanner's scratch buffer, valid until the next call.
func (s *scanner) text() ([]byte, error) {
	// Fast path: plain text ending at a tag inside the window.
	from := 0
	for {
		rest := s.buf[s.pos+from : s.end]
		i := bytes.IndexByte(rest, '<')
		if i < 0 {
			from = s.end - s.pos
			if !s.fill() {
				if s.rerr != nil {
					return nil, s.rerr
				}
				break // text runs to the end of input
			}
			continue
		}
		i += from
		raw := s.buf[s.pos : s.pos+i]
		if s.pos+i+1 < s.end && s.buf[s.pos+i+1] == '!' || s.pos+i+1 >= s.end && !s.eof {
			break // CDATA or a comment may follow: take the slow path
		}
		if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
			s.pos += i
			return raw, nil
		}
		s.pos += i
		s.scratch = decodeText(s.scratch[:0], raw)
		return s.scratch, nil
	}
	txt, err := s.slowText(s.scratch[:0])
	s.scratch = txt[:0]
	return txt, err
}

// slowText decodes text that contains CDATA sections or comments, or that
// runs to the end of input.
func (s *scanner) slowText(dst []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		if i < 0 {
			if s.eof {
				dst = decodeText(dst, s.buf[s.pos:s.end])
				s.pos = s.end
				return dst, s.rerr
			}
			// Keep a possible partial entity or CR for the next round.
			keep := 0
			if amp := bytes.LastIndexByte(s.buf[s.pos:s.end], '&'); amp >= 0 && s.end-s.pos-amp < 12 {
				keep = s.end - s.pos - amp
			} else if s.end > s.pos && s.buf[s.end-1] == '\r' {
				keep = 1
			}
			dst = decodeText(dst, s.buf[s.pos:s.end-keep])
			s.pos = s.end - keep
			if len(dst) > maxToken {
				return nil, errTokenTooLong
			}
			s.fill()
			continue
		}
		dst = decodeText(dst, s.buf[s.pos:s.pos+i])
		s.pos += i
		for {
			n, st := parseMarkup(s.buf[s.pos:s.end], &s.t, s.eof)
			switch st {
			case markMore:
				if err := s.more(); err != nil {
					return nil, err
				}
				continue
			case markCDATA:
				dst = append(dst, s.buf[s.pos+9:s.pos+n-3]...)
				s.pos += n
			case markSkip:
				s.pos += n
			default: // a tag (or junk): the text ends here
				return dst, nil
			}
			break
		}
	}
}

// Results of parseMarkup.
const (
	markTag   = iota // an element tag, in *t
	markSkip         // a comment, PI or DOCTYPE: n bytes to skip
	markCDATA        // a CDATA section of n bytes: content is b[9:n-3]
	markMore         // the window ends inside the markup
	markBad          // not markup a spreadsheet part can hold
)

// parseMarkup parses the markup that starts at b[0] == '<'. eof says no more
// input follows b, so an incomplete construct is an error, not markMore.
func parseMarkup(b []byte, t *tag, eof bool) (n int, st int) {
	more := markMore
	if eof {
		more = markBad
	}
	if len(b) < 2 {
		return 0, more
	}
	switch b[1] {
	case '?':
		if i := bytes.Index(b[2:], []byte("?>")); i >= 0 {
			return i + 4, markSkip
		}
		return 0, more
	case '!':
		if len(b) < 9 && !eof && (bytes.HasPrefix([]byte("<![CDATA["), b) || bytes.HasPrefix([]byte("<!--"), b)) {
			return 0, markMore
		}
		switch {
		case bytes.HasPrefix(b, []byte("<!--")):
			if i := bytes.Index(b[4:], []byte("-->")); i >= 0 {
				return i + 7, markSkip
			}
			return 0, more
		case bytes.HasPrefix(b, []byte("<![CDATA[")):
			if i := bytes.Index(b[9:], []byte("]]>")); i >= 0 {
				return i + 12, markCDATA
			}
			return 0, more
		}
		// <!DOCTYPE ...> with an optional [internal subset].
		depth := 0
		for i := 2; i < len(b); i++ {
			switch b[i] {
			case '[':
				depth++
			case ']':
				depth--
			case '>':
				if depth <= 0 {
					return i + 1, markSkip
				}
			}
		}
		return 0, more
	case '/':
		i := bytes.IndexByte(b, '>')
		if i < 0 {
			return 0, more
		}
		name := b[2:i]
		for len(name) > 0 && isSpace(name[len(name)-1]) {
			name = name[:len(name)-1]
		}
		if len(name) == 0 {
			return 0, markBad
		}
		t.name, t.attrs, t.end, t.self = localName(name), t.attrs[:0], true, false
		return i + 1, markTag
	}
	// A start tag: name, then attributes up to > or />.
	i := 1
	for i < len(b) && !isSpace(b[i]) && b[i] != '>' && b[i] != '/' {
		i++
	}
	if i == 1 {
		return 0, markBad
	}
	if i == len(b) {
		return 0, more
	}
	t.name, t.attrs, t.end, t.self = localName(b[1:i]), t.attrs[:0], false, false
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return 0, more
		}
		switch b[i] {
		case '>':
			return i + 1, markTag
		case '/':
			if i+1 == len(b) {
				return 0, more
			}
			if b[i+1] != '>' {
				return 0, markBad
			}
			t.self = true
			return i + 2, markTag
		}
		// name = "value"
		j := i
		for j < len(b) && b[j] != '=' && !isSpace(b[j]) && b[j] != '>' && b[j] != '/' {
			j++
		}
		name := b[i:j]
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j == len(b) {
			return 0, more
		}
		if b[j] != '=' || len(name) == 0 {
			return 0, markBad
		}
		j++
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j == len(b) {
			return 0, more
		}
		q := b[j]
		if q != '"' && q != '\'' {
			return 0, markBad
		}
		k := bytes.IndexByte(b[j+1:], q)
		if k < 0 {
			return 0, more
		}
		t.attrs = append(t.attrs, attr{name: localName(name), value: b[j+1 : j+1+k]})
		i = j + 1 + k + 1
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// localName drops a namespace prefix: x:c is c.
func localName(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// decodeText appends raw character data to dst with entities expanded and
// CR LF or a lone CR turned into LF. An unknown or malformed entity is kept
// as written.
func decodeText(dst, raw []byte) []byte {
	for len(raw) > 0 {
		i := bytes.IndexAny(raw, "&\r")
		if i < 0 {
			return append(dst, raw...)
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		if raw[0] == '\r' {
			dst = append(dst, '\n')
			raw = raw[1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
			continue
		}
		semi := bytes.IndexByte(raw[:min(len(raw), 12)], ';')
		if semi < 0 {
			dst = append(dst, '&')
			raw = raw[1:]
			continue
		}
		if r, ok := entity(raw[1:semi]); ok {
			dst = utf8.AppendRune(dst, r)
			raw = raw[semi+1:]
			continue
		}
		dst = append(dst, '&')
		raw = raw[1:]
	}
	return dst
}

func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "amp":
		return '&', true
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if name[1] == 'x' || name[1] == 'X' {
		n, err = strconv.ParseUint(string(name[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(name[1:]), 10, 32)
	}
	if err != nil || n == 0 || n > utf8.MaxRune || (n >= 0xD800 && n <= 0xDFFF) {
		return 0, false
	}
	return rune(n), true
}

// attrText decodes an attribute value (entities only; attribute values
// in these parts never need whitespace normalisation for our purposes).
func attrText(v []byte) string {
	if bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	return string(decodeText(nil, v))
}

// unescapeOOXML decodes the _xHHHH_ escapes that OOXML uses for characters
// XML cannot carry (ST_Xstring), in place; _x005F_ stands for a literal
// underscore that would otherwise start an escape. The result is never
// longer than the input.
func unescapeOOXML(b []byte) []byte {
	i := bytes.Index(b, []byte("_x"))
	if i < 0 {
		return b
	}
	w := i
	for i < len(b) {
		if b[i] == '_' && i+7 <= len(b) && b[i+1] == 'x' && b[i+6] == '_' {
			if v, ok := hex4(b[i+2 : i+6]); ok {
				i += 7
				r := rune(v)
				if utf16IsHigh(r) && i+7 <= len(b) && b[i] == '_' && b[i+1] == 'x' && b[i+6] == '_' {
					if lo, ok := hex4(b[i+2 : i+6]); ok && utf16IsLow(rune(lo)) {
						r = (r-0xD800)<<10 + (rune(lo) - 0xDC00) + 0x10000
						i += 7
					}
				}
				if r >= 0xD800 && r <= 0xDFFF {
					r = utf8.RuneError
				}
				w += utf8.EncodeRune(b[w:], r)
				continue
			}
		}
		b[w] = b[i]
		w++
		i++
	}
	return b[:w]
}

func utf16IsHigh(r rune) bool { return r >= 0xD800 && r < 0xDC00 }
func utf16IsLow(r rune) bool  { return r >= 0xDC00 && r < 0xE000 }

func hex4(b []byte) (uint16, bool) {
	var v uint16
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		v = v<<4 | uint16(c)
	}
	return v, true
}
