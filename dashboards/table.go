package dashboards

// Table is the data of a view exactly as the page's table shows it, and as
// its downloads (.csv, .xlsx, .ods, .json) write it: full precision, codes
// as text.
type Table struct {
	Title   string
	Columns []Column
	Rows    [][]Cell
	Notes   []string // methodology notes, gaps, sample data
}

// Column kinds.
const (
	KindText    = "text"    // names
	KindCode    = "code"    // GSO codes: text, leading zeros kept
	KindNumber  = "number"  // scores
	KindInteger = "integer" // years, ranks
	KindCount   = "count"   // counts and amounts in đồng: whole numbers shown with thousands separators
)

// Column describes one column.
type Column struct {
	Key   string // stable name for machines (CSV header, JSON key)
	Label string // for people, in the page's language
	Kind  string
}

// Cell is text, a number, or empty (Num nil and Text "").
type Cell struct {
	Text string
	Num  *float64
	Note string // e.g. "computed" for a rank VCCI did not publish
}

func textCell(s string) Cell { return Cell{Text: s} }

func numCell(v float64) Cell { return Cell{Num: &v} }

// Value is the cell as a JSON-friendly value: string, float64 or nil.
func (c Cell) Value() any {
	if c.Num != nil {
		return *c.Num
	}
	if c.Text == "" {
		return nil
	}
	return c.Text
}

// Records is the table as JSON objects keyed by column key.
func (t *Table) Records() []map[string]any {
	out := make([]map[string]any, 0, len(t.Rows))
	for _, row := range t.Rows {
		m := make(map[string]any, len(t.Columns))
		for i, col := range t.Columns {
			m[col.Key] = row[i].Value()
		}
		out = append(out, m)
	}
	return out
}
