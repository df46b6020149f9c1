// Package export writes any tabular view as a file people can use: xlsx
// (typed cells, frozen bold header, autofilter, a metadata sheet, a native
// chart), ods (ISO/IEC 26300, the department's open-document rule), csv for
// Excel, JSON and Parquet. It writes exactly the columns and rows a Source
// gives, in order, and streams: no writer holds more than a small batch of
// rows, so a million-row export runs in flat memory.
//
// A Source is read on a goroutine of its own while the writer formats (see
// pump), so scanning DuckDB rows and writing the file use both cores. A
// writer returns only after that goroutine has stopped: when it returns, the
// caller may close the *sql.Rows behind the Source.
//
// Every failure, mid-file included, is returned as an error; Serve turns one
// that happens after the response began into a broken transfer, never a
// success status with a short file.
package export

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// ColumnType says how a column's values are written.
type ColumnType int

const (
	Text     ColumnType = iota // free text (names, addresses)
	Code                       // text that must stay text: tax codes, GSO codes (leading zeros, long digits)
	Integer                    // whole numbers: counts, capital in đồng, years (see Column.NoGrouping)
	Number                     // floating point: scores, ratios (Column.Decimals for display)
	Date                       // calendar dates, shown dd/mm/yyyy
	Bool                       // true / false
	DateTime                   // timestamps, shown dd/mm/yyyy hh:mm:ss
)

var typeNames = [...]string{Text: "text", Code: "code", Integer: "integer", Number: "number", Date: "date", Bool: "bool", DateTime: "datetime"}

// String is the type's name as JSON and Parquet metadata write it.
func (t ColumnType) String() string {
	if int(t) >= 0 && int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "type(" + strconv.Itoa(int(t)) + ")"
}

// Column describes one column of a Source.
type Column struct {
	Key     string // stable machine name: JSON key, Parquet field, the csv header when a label is empty
	LabelVI string // header in Vietnamese
	LabelEN string // header in English
	Type    ColumnType
	// Decimals is the number of decimals a Number column shows in xlsx and
	// ods (the value itself is never rounded); a negative value shows the
	// value as it is (General).
	Decimals int
	// NoGrouping shows an Integer or Number without thousands separators
	// (years, ids). FromRows sets it for a column named "year" or "*_year".
	NoGrouping bool
}

// Label is the column's header in lang ("en" or Vietnamese), falling back
// to the other language and then to the key.
func (c Column) Label(lang string) string {
	first, second := c.LabelVI, c.LabelEN
	if lang == "en" {
		first, second = second, first
	}
	switch {
	case first != "":
		return first
	case second != "":
		return second
	}
	return c.Key
}

// KV is one line of a metadata list (a filter of the view: "Năm / Year" = "2016").
type KV struct {
	Key, Value string
}

// ChartSpec asks for a native chart of the data (xlsx only; ods and the
// other formats carry the data alone). The chart reads the data sheet: one
// category column and one or more series columns, by key.
type ChartSpec struct {
	Kind     string   // "line", "bar" (vertical bars) or "radar"
	Category string   // key of the category column (years, provinces, sub-indices)
	Series   []string // keys of the value columns, one series each
	Title    string   // chart title; default: the view's title in the export's language
	// ReverseValueAxis puts the smallest value on top (ranks: 1 is best).
	ReverseValueAxis bool
	// SeriesByRow turns the table: each data row is a series, named by its
	// Category cell, and the Series columns (adjacent, in order) are the
	// category axis, labelled by their headers. A table of provinces by
	// year drawn as one line per province over the years; of provinces by
	// sub-index, as a radar with one shape per province.
	SeriesByRow bool
}

// Meta describes the view an export comes from. The xlsx and ods writers
// print it on a metadata sheet, JSON in its "meta" object, Parquet in the
// file's key-value metadata.
type Meta struct {
	TitleVI, TitleEN string
	Source           string // e.g. "VCCI/USAID PCI; Sở KH&ĐT Lào Cai"
	Licence          string
	URL              string // the view's URL: the same URL without the suffix shows this data
	Filters          []KV
	Notes            []string  // methodology notes, gaps
	GeneratedAt      time.Time // printed in ICT (UTC+7); zero means now
	Lang             string    // "vi" (default) or "en": headers and sheet names
	IsSample         bool      // generated sample data: every format says so
	Chart            *ChartSpec
}

// Title is the title in the export's language, falling back to the other.
func (m Meta) Title() string {
	if m.Lang == "en" && m.TitleEN != "" || m.TitleVI == "" {
		return m.TitleEN
	}
	return m.TitleVI
}

func (m Meta) en() bool { return m.Lang == "en" }

// ICT is Indochina Time (UTC+7, no daylight saving), the time zone every
// export prints; a fixed zone needs no tzdata on the server.
var ICT = time.FixedZone("ICT", 7*3600)

func (m Meta) generatedAt() time.Time {
	t := m.GeneratedAt
	if t.IsZero() {
		t = time.Now()
	}
	return t.In(ICT)
}

// Source is a table read row by row. Row's slice and values are valid until
// the next call to Next; values are string, int64, float64, time.Time, bool
// or nil (other integer and float types, []byte, *big.Int and values with a
// Float64() or String() method are accepted and converted).
type Source interface {
	Columns() []Column
	Next() bool
	Row() []any
	Err() error
}

// Formats are the export formats, as URL suffixes.
var Formats = []string{"csv", "xlsx", "ods", "json", "parquet"}

// ContentType is the media type of a format ("" for an unknown one).
func ContentType(format string) string {
	switch format {
	case "csv":
		return "text/csv; charset=utf-8"
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "ods":
		return "application/vnd.oasis.opendocument.spreadsheet"
	case "json":
		return "application/json; charset=utf-8"
	case "parquet":
		return "application/vnd.apache.parquet"
	}
	return ""
}

// ErrFormat is returned for a format not in Formats.
var ErrFormat = errors.New("export: unknown format")

// Write writes src in format (one of Formats); csv with a BOM and headers
// in meta.Lang.
func Write(w io.Writer, format string, src Source, meta Meta) error {
	switch format {
	case "csv":
		return WriteCSV(w, src, CSVOptions{Lang: meta.Lang})
	case "xlsx":
		return WriteXLSX(w, src, meta)
	case "ods":
		return WriteODS(w, src, meta)
	case "json":
		return WriteJSON(w, src, meta)
	case "parquet":
		return WriteParquet(w, src, meta)
	}
	return fmt.Errorf("%w %q", ErrFormat, format)
}

// normalize converts a value to the canonical kinds the writers know for a
// column of type t: string, int64, float64, time.Time, bool or nil. A Code
// or Text column always gets a string (a code that arrives as a number is
// written as its digits); NaN and infinities stay float64 and each writer
// says what it does with them.
func normalize(t ColumnType, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		if t == Date || t == DateTime {
			if d, err := time.Parse("2006-01-02", x); err == nil {
				return d
			}
		}
		return v // the value as it came: re-boxing would allocate
	case int64:
		switch t {
		case Code, Text:
			return strconv.FormatInt(x, 10)
		case Number:
			return float64(x)
		}
		return v
	case float64:
		switch t {
		case Code, Text:
			return strconv.FormatFloat(x, 'f', -1, 64)
		case Integer:
			if x == math.Trunc(x) && math.Abs(x) < 1<<63 {
				return int64(x)
			}
		}
		return v
	case time.Time:
		if t == Code || t == Text {
			if dateOnly(x) {
				return x.Format("2006-01-02")
			}
			return x.Format("2006-01-02 15:04:05")
		}
		return v
	case bool:
		if t == Code || t == Text {
			return strconv.FormatBool(x)
		}
		return v
	case int:
		return normalize(t, int64(x))
	case int32:
		return normalize(t, int64(x))
	case int16:
		return normalize(t, int64(x))
	case int8:
		return normalize(t, int64(x))
	case uint8:
		return normalize(t, int64(x))
	case uint16:
		return normalize(t, int64(x))
	case uint32:
		return normalize(t, int64(x))
	case uint:
		return normalizeUint(t, uint64(x))
	case uint64:
		return normalizeUint(t, x)
	case float32:
		return normalize(t, float64(x))
	case []byte:
		return string(x)
	case *big.Int:
		if x == nil {
			return nil
		}
		if x.IsInt64() {
			return normalize(t, x.Int64())
		}
		return x.String() // beyond int64: digits as text, never a rounded float
	case *float64:
		if x == nil {
			return nil
		}
		return normalize(t, *x)
	case *string:
		if x == nil {
			return nil
		}
		return *x
	case interface{ Float64() float64 }: // duckdb.Decimal
		return normalize(t, x.Float64())
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

func normalizeUint(t ColumnType, x uint64) any {
	if x <= math.MaxInt64 {
		return normalize(t, int64(x))
	}
	return strconv.FormatUint(x, 10)
}

// isFinite reports whether f is an ordinary number (not NaN or ±Inf).
func isFinite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// nonFinite is how csv, xlsx and ods write NaN and infinities (as text: no
// spreadsheet has a number for them); JSON writes null.
func nonFinite(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case f > 0:
		return "Infinity"
	}
	return "-Infinity"
}

// checkColumns refuses a Source without columns or with a duplicate key.
func checkColumns(cols []Column) error {
	if len(cols) == 0 {
		return errors.New("export: the source has no columns")
	}
	seen := make(map[string]bool, len(cols))
	for i, c := range cols {
		if c.Key == "" {
			return fmt.Errorf("export: column %d has no key", i+1)
		}
		if seen[c.Key] {
			return fmt.Errorf("export: column key %q twice", c.Key)
		}
		seen[c.Key] = true
	}
	return nil
}

// dateOnly reports whether t has no time of day.
func dateOnly(t time.Time) bool {
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

// oneLine collapses whitespace runs (for metadata lines).
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
