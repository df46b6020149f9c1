package export

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"time"
	"unicode/utf8"
)

// jsonMeta is Meta as the JSON export and the Parquet key-value metadata
// write it.
type jsonMeta struct {
	TitleVI     string     `json:"title_vi"`
	TitleEN     string     `json:"title_en"`
	Source      string     `json:"source"`
	Licence     string     `json:"licence"`
	URL         string     `json:"url"`
	Filters     []jsonKV   `json:"filters"`
	Notes       []string   `json:"notes"`
	GeneratedAt string     `json:"generated_at"` // RFC 3339 in ICT (+07:00)
	Lang        string     `json:"lang"`
	IsSample    bool       `json:"is_sample"`
	Chart       *jsonChart `json:"chart,omitempty"`
}

type jsonKV struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type jsonChart struct {
	Kind     string   `json:"kind"`
	Category string   `json:"category"`
	Series   []string `json:"series"`
	Title    string   `json:"title,omitempty"`
}

type jsonColumn struct {
	Key      string `json:"key"`
	LabelVI  string `json:"label_vi"`
	LabelEN  string `json:"label_en"`
	Type     string `json:"type"`
	Decimals *int   `json:"decimals,omitempty"`
}

func (m Meta) json() jsonMeta {
	lang := m.Lang
	if lang != "en" {
		lang = "vi"
	}
	out := jsonMeta{TitleVI: m.TitleVI, TitleEN: m.TitleEN, Source: m.Source, Licence: m.Licence, URL: m.URL,
		Filters: []jsonKV{}, Notes: m.Notes, GeneratedAt: m.generatedAt().Format(time.RFC3339), Lang: lang, IsSample: m.IsSample}
	for _, f := range m.Filters {
		out.Filters = append(out.Filters, jsonKV{f.Key, f.Value})
	}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	if c := m.Chart; c != nil {
		out.Chart = &jsonChart{Kind: c.Kind, Category: c.Category, Series: c.Series, Title: c.Title}
	}
	return out
}

func jsonColumns(cols []Column) []jsonColumn {
	out := make([]jsonColumn, len(cols))
	for i, c := range cols {
		out[i] = jsonColumn{Key: c.Key, LabelVI: c.LabelVI, LabelEN: c.LabelEN, Type: c.Type.String()}
		if c.Type == Number {
			d := c.Decimals
			out[i].Decimals = &d
		}
	}
	return out
}

// WriteJSON streams {"meta":{...},"columns":[...],"rows":[[...],...],
// "row_count":N,"complete":true}. Rows are arrays in column order; numbers
// are JSON numbers (NaN and infinities null), dates "2024-03-31",
// timestamps "2024-03-31T10:00:00" (with the offset when the source has a
// zone), NULL null. The trailing "complete": true lets a client tell a
// whole file from a cut one.
func WriteJSON(w io.Writer, src Source, meta Meta) error {
	cols := src.Columns()
	if err := checkColumns(cols); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	head, err := json.Marshal(meta.json())
	if err != nil {
		return err
	}
	colsJSON, err := json.Marshal(jsonColumns(cols))
	if err != nil {
		return err
	}
	bw.WriteString(`{"meta":`)
	bw.Write(head)
	bw.WriteString(`,"columns":`)
	bw.Write(colsJSON)
	bw.WriteString(`,"rows":[`)
	first := true
	buf := make([]byte, 0, 1024)
	n, err := pump(src, cols, func(row []any) error {
		buf = buf[:0]
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = append(buf, '\n', '[')
		for i, v := range row {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendJSONValue(buf, v, cols[i].Type)
		}
		buf = append(buf, ']')
		_, err := bw.Write(buf)
		return err
	})
	if err != nil {
		return err
	}
	bw.WriteString("\n],\"row_count\":")
	bw.WriteString(strconv.FormatInt(n, 10))
	bw.WriteString(",\"complete\":true}\n")
	return bw.Flush()
}

func appendJSONValue(buf []byte, v any, t ColumnType) []byte {
	switch x := v.(type) {
	case nil:
		return append(buf, "null"...)
	case string:
		return appendJSONString(buf, x)
	case int64:
		return strconv.AppendInt(buf, x, 10)
	case float64:
		if !isFinite(x) {
			return append(buf, "null"...)
		}
		return strconv.AppendFloat(buf, x, 'g', -1, 64)
	case bool:
		return strconv.AppendBool(buf, x)
	case time.Time:
		buf = append(buf, '"')
		switch {
		case t == Date:
			buf = x.AppendFormat(buf, "2006-01-02")
		case x.Location() == time.UTC:
			buf = x.AppendFormat(buf, "2006-01-02T15:04:05.999999999")
		default:
			buf = x.AppendFormat(buf, time.RFC3339Nano)
		}
		return append(buf, '"')
	}
	return appendJSONString(buf, "")
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does with HTML escaping
// (<, >, & as \u escapes; U+2028, U+2029 escaped; invalid UTF-8 as U+FFFD).
func appendJSONString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			if r == utf8.RuneError {
				buf = append(buf, `\ufffd`...)
			} else {
				buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
