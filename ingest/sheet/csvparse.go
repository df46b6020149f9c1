package sheet

// A CSV record reader with exactly the behaviour of encoding/csv (RFC 4180
// quotes, strict about bare quotes, CR LF folded, blank lines skipped,
// any number of fields; the same *csv.ParseError values) but faster on the
// common record that holds no quote at all: that one is cut straight out
// of the read buffer with one allocation and no copying field by field.
// FuzzCSVParser checks it against encoding/csv.

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
)

type csvParser struct {
	r        io.Reader
	buf      []byte
	pos, end int
	eof      bool
	rerr     error
	comma    byte
	numLine  int
	recBuf   []byte
	fieldIdx []int
	fields   []string
}

func newCSVParser(r io.Reader, comma byte, window int) *csvParser {
	return &csvParser{r: r, comma: comma, buf: make([]byte, window)}
}

// fill keeps the unread bytes, moving them to the front, and reads more,
// growing the buffer when it is full. It reports whether bytes were added.
func (p *csvParser) fill() bool {
	if p.eof {
		return false
	}
	if p.pos > 0 {
		n := copy(p.buf, p.buf[p.pos:p.end])
		p.pos, p.end = 0, n
	}
	if p.end == len(p.buf) {
		if len(p.buf) >= maxToken {
			p.eof, p.rerr = true, errTokenTooLong
			return false
		}
		nb := make([]byte, 2*len(p.buf))
		copy(nb, p.buf[:p.end])
		p.buf = nb
	}
	for range 100 {
		n, err := p.r.Read(p.buf[p.end:])
		p.end += n
		if err != nil {
			p.eof = true
			if err != io.EOF {
				p.rerr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	p.eof, p.rerr = true, io.ErrNoProgress
	return false
}

// readLine is encoding/csv's readLine: the next line with its '\n' (a CR LF
// ending folded to '\n'), or the unterminated last line without a final CR.
// The slice is valid until the next call.
func (p *csvParser) readLine() ([]byte, error) {
	from := 0
	for {
		if i := bytes.IndexByte(p.buf[p.pos+from:p.end], '\n'); i >= 0 {
			line := p.buf[p.pos : p.pos+from+i+1]
			p.pos += from + i + 1
			p.numLine++
			if n := len(line); n >= 2 && line[n-2] == '\r' {
				line[n-2] = '\n'
				line = line[:n-1]
			}
			return line, nil
		}
		from = p.end - p.pos
		if !p.fill() {
			if p.rerr != nil {
				return nil, p.rerr
			}
			line := p.buf[p.pos:p.end]
			p.pos = p.end
			p.numLine++
			if len(line) == 0 {
				return nil, io.EOF
			}
			if line[len(line)-1] == '\r' {
				line = line[:len(line)-1]
			}
			return line, nil
		}
	}
}

// read returns the next record; the slice is reused by the next call, the
// strings in it are not.
func (p *csvParser) read() ([]string, error) {
	var line []byte
	var err error
	for {
		if line, err = p.readLine(); err != nil {
			return nil, err
		}
		if len(line) != lengthNL(line) {
			break
		}
	}
	body := line[:len(line)-lengthNL(line)]
	if bytes.IndexByte(body, '"') >= 0 {
		if p.simpleQuoted(body) {
			str := string(body)
			p.fields = p.fields[:0]
			for i := 0; i < len(p.fieldIdx); i += 2 {
				p.fields = append(p.fields, str[p.fieldIdx[i]:p.fieldIdx[i+1]])
			}
			return p.fields, nil
		}
		return p.readQuoted(line)
	}
	str := string(body)
	p.fields = p.fields[:0]
	for {
		i := strings.IndexByte(str, p.comma)
		if i < 0 {
			p.fields = append(p.fields, str)
			return p.fields, nil
		}
		p.fields = append(p.fields, str[:i])
		str = str[i+1:]
	}
}

// simpleQuoted finds the fields of a one-line record whose quoted fields
// hold no doubled quote, as start and end offsets in p.fieldIdx: then no
// field needs unescaping and the record can be sliced as it stands. Any
// other record (multi-line, "" escapes, malformed) is left to readQuoted.
func (p *csvParser) simpleQuoted(body []byte) bool {
	p.fieldIdx = p.fieldIdx[:0]
	at := 0
	for {
		if at < len(body) && body[at] == '"' {
			j := bytes.IndexByte(body[at+1:], '"')
			if j < 0 {
				return false
			}
			end := at + 1 + j
			p.fieldIdx = append(p.fieldIdx, at+1, end)
			switch {
			case end+1 == len(body):
				return true
			case body[end+1] == p.comma:
				at = end + 2
				continue
			}
			return false
		}
		i := bytes.IndexByte(body[at:], p.comma)
		field := body[at:]
		if i >= 0 {
			field = body[at : at+i]
		}
		if bytes.IndexByte(field, '"') >= 0 {
			return false
		}
		p.fieldIdx = append(p.fieldIdx, at, at+len(field))
		if i < 0 {
			return true
		}
		at += i + 1
	}
}

func lengthNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}

// readQuoted is encoding/csv's readRecord (LazyQuotes and TrimLeadingSpace
// off, no comment character) for a record that holds a quote.
func (p *csvParser) readQuoted(line []byte) ([]string, error) {
	var errRead error
	recLine := p.numLine
	p.recBuf, p.fieldIdx = p.recBuf[:0], p.fieldIdx[:0]
	line0, col := p.numLine, 1
	var err error
parseField:
	for {
		if len(line) == 0 || line[0] != '"' {
			i := bytes.IndexByte(line, p.comma)
			field := line
			if i >= 0 {
				field = field[:i]
			} else {
				field = field[:len(field)-lengthNL(field)]
			}
			if j := bytes.IndexByte(field, '"'); j >= 0 {
				err = &csv.ParseError{StartLine: recLine, Line: p.numLine, Column: col + j, Err: csv.ErrBareQuote}
				break parseField
			}
			p.recBuf = append(p.recBuf, field...)
			p.fieldIdx = append(p.fieldIdx, len(p.recBuf))
			if i >= 0 {
				line = line[i+1:]
				col += i + 1
				continue parseField
			}
			break parseField
		}
		line = line[1:]
		col++
		for {
			i := bytes.IndexByte(line, '"')
			switch {
			case i >= 0:
				p.recBuf = append(p.recBuf, line[:i]...)
				line = line[i+1:]
				col += i + 1
				switch {
				case len(line) > 0 && line[0] == '"':
					p.recBuf = append(p.recBuf, '"')
					line = line[1:]
					col++
				case len(line) > 0 && line[0] == p.comma:
					line = line[1:]
					col++
					p.fieldIdx = append(p.fieldIdx, len(p.recBuf))
					continue parseField
				case lengthNL(line) == len(line):
					p.fieldIdx = append(p.fieldIdx, len(p.recBuf))
					break parseField
				default:
					err = &csv.ParseError{StartLine: recLine, Line: p.numLine, Column: col - 1, Err: csv.ErrQuote}
					break parseField
				}
			case len(line) > 0:
				p.recBuf = append(p.recBuf, line...)
				if errRead != nil {
					break parseField
				}
				col += len(line)
				line, errRead = p.readLine()
				if len(line) > 0 {
					line0++
					col = 1
				}
				if errRead == io.EOF {
					errRead = nil
				}
			default:
				if errRead == nil {
					err = &csv.ParseError{StartLine: recLine, Line: line0, Column: col, Err: csv.ErrQuote}
					break parseField
				}
				p.fieldIdx = append(p.fieldIdx, len(p.recBuf))
				break parseField
			}
		}
	}
	if err == nil {
		err = errRead
	}
	if err != nil {
		return nil, err
	}
	str := string(p.recBuf)
	p.fields = p.fields[:0]
	pre := 0
	for _, idx := range p.fieldIdx {
		p.fields = append(p.fields, str[pre:idx])
		pre = idx
	}
	return p.fields, nil
}
