package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

const tsLayout = "2006-01-02T15:04:05.000000000Z"

// ts stores a time as sortable UTC text; the zero time is NULL.
func ts(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(tsLayout)
}

// date stores a date as YYYY-MM-DD (in the time's own zone); zero is NULL.
func date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format("2006-01-02")
}

// nullID stores 0 as NULL (foreign keys).
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	if string(b) == "null" {
		return "[]"
	}
	return string(b)
}

// timeCol scans NULL or stored text into a time.Time (UTC; dates at 00:00 UTC).
type timeCol struct{ p *time.Time }

func (c timeCol) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*c.p = time.Time{}
	case string:
		return c.parse(x)
	case []byte:
		return c.parse(string(x))
	case time.Time:
		*c.p = x.UTC()
	default:
		return fmt.Errorf("time column: unexpected %T", v)
	}
	return nil
}

func (c timeCol) parse(s string) error {
	for _, layout := range []string{tsLayout, time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			*c.p = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("time column: cannot parse %q", s)
}

func tm(p *time.Time) sql.Scanner { return timeCol{p} }

// idCol scans NULL as 0.
type idCol struct{ p *int64 }

func (c idCol) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*c.p = 0
	case int64:
		*c.p = x
	default:
		return fmt.Errorf("id column: unexpected %T", v)
	}
	return nil
}

func id(p *int64) sql.Scanner { return idCol{p} }

// jsonCol scans a JSON text column.
type jsonCol struct{ p any }

func (c jsonCol) Scan(v any) error {
	var b []byte
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		b = []byte(x)
	case []byte:
		b = x
	default:
		return fmt.Errorf("json column: unexpected %T", v)
	}
	return json.Unmarshal(b, c.p)
}

func js(p any) sql.Scanner { return jsonCol{p} }

// boolCol scans an INTEGER 0/1.
type boolCol struct{ p *bool }

func (c boolCol) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*c.p = false
	case int64:
		*c.p = x != 0
	case bool:
		*c.p = x
	default:
		return fmt.Errorf("bool column: unexpected %T", v)
	}
	return nil
}

func bl(p *bool) sql.Scanner { return boolCol{p} }
