package export

import (
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"
)

// SliceSource is a Source over rows already in memory (a page's table).
func SliceSource(cols []Column, rows [][]any) Source {
	return &sliceSource{cols: cols, rows: rows, i: -1}
}

type sliceSource struct {
	cols []Column
	rows [][]any
	i    int
}

func (s *sliceSource) Columns() []Column { return s.cols }
func (s *sliceSource) Next() bool {
	if s.i+1 >= len(s.rows) {
		s.i = len(s.rows)
		return false
	}
	s.i++
	return true
}
func (s *sliceSource) Row() []any {
	row := s.rows[s.i]
	if len(row) != len(s.cols) {
		// A short or long row is a programming error in the caller; pad or
		// cut to the columns rather than write a ragged file.
		fixed := make([]any, len(s.cols))
		copy(fixed, row)
		return fixed
	}
	return row
}
func (s *sliceSource) Err() error { return nil }

// FromRows is a Source over a DuckDB query's rows (database/sql). Columns
// come from the query: its names are the keys, and its DuckDB types set the
// column types (VARCHAR → Text, or Code when the name is "code" or ends in
// "_code" or is "quarter"; integer types → Integer; DOUBLE, FLOAT, DECIMAL →
// Number, DECIMAL with its own scale; DATE → Date; TIMESTAMP → DateTime
// (with time zone: shown in ICT); BOOLEAN → Bool; anything else → Text).
// spec overrides labels and types by key (columns of spec the query does
// not have are ignored). The caller closes rows, after the writer returned.
func FromRows(rows *sql.Rows, spec []Column) (Source, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	bySpec := make(map[string]Column, len(spec))
	for _, c := range spec {
		bySpec[c.Key] = c
	}
	s := &rowsSource{rows: rows, cols: make([]Column, len(types)), tz: make([]bool, len(types))}
	for i, ct := range types {
		col := derive(ct.Name(), ct.DatabaseTypeName())
		s.tz[i] = strings.Contains(ct.DatabaseTypeName(), "TIME ZONE") || ct.DatabaseTypeName() == "TIMESTAMPTZ"
		if sp, ok := bySpec[col.Key]; ok {
			if sp.LabelVI == "" && sp.LabelEN == "" {
				sp.LabelVI, sp.LabelEN = col.LabelVI, col.LabelEN
			}
			col = sp
		}
		s.cols[i] = col
	}
	s.vals = make([]any, len(types))
	s.ptrs = make([]any, len(types))
	for i := range s.vals {
		s.ptrs[i] = &s.vals[i]
	}
	return s, nil
}

// derive maps a DuckDB column to an export column.
func derive(name, dbType string) Column {
	c := Column{Key: name, Decimals: 2}
	t := strings.ToUpper(dbType)
	switch {
	case t == "VARCHAR" || strings.HasPrefix(t, "ENUM"):
		c.Type = Text
		if name == "code" || strings.HasSuffix(name, "_code") || name == "quarter" {
			c.Type = Code
		}
	case t == "BIGINT" || t == "INTEGER" || t == "SMALLINT" || t == "TINYINT" || t == "HUGEINT" ||
		t == "UBIGINT" || t == "UINTEGER" || t == "USMALLINT" || t == "UTINYINT" || t == "UHUGEINT":
		c.Type = Integer
	case t == "DOUBLE" || t == "FLOAT" || t == "REAL":
		c.Type = Number
	case strings.HasPrefix(t, "DECIMAL"):
		c.Type = Number
		var width, scale int
		if _, err := fmt.Sscanf(t, "DECIMAL(%d,%d)", &width, &scale); err == nil {
			c.Decimals = scale
		}
	case t == "DATE":
		c.Type = Date
	case strings.HasPrefix(t, "TIMESTAMP"):
		c.Type = DateTime
	case t == "BOOLEAN":
		c.Type = Bool
	default:
		c.Type = Text
	}
	if name == "year" || strings.HasSuffix(name, "_year") || name == "id" || strings.HasSuffix(name, "_id") {
		c.NoGrouping = true
	}
	return c
}

type rowsSource struct {
	rows       *sql.Rows
	cols       []Column
	tz         []bool // TIMESTAMP WITH TIME ZONE: shown in ICT
	vals, ptrs []any
	err        error
}

func (s *rowsSource) Columns() []Column { return s.cols }

func (s *rowsSource) Next() bool {
	if s.err != nil || !s.rows.Next() {
		return false
	}
	if err := s.rows.Scan(s.ptrs...); err != nil {
		s.err = err
		return false
	}
	for i, v := range s.vals {
		if t, ok := v.(time.Time); ok && s.tz[i] {
			s.vals[i] = t.In(ICT)
		}
	}
	return true
}

func (s *rowsSource) Row() []any { return s.vals }

func (s *rowsSource) Err() error {
	if s.err != nil {
		return s.err
	}
	return s.rows.Err()
}

// pump reads src on a goroutine of its own, in batches, normalising each
// value to its column's canonical kind, and calls fn for every row on the
// caller's goroutine, so reading (DuckDB, database/sql) and writing overlap
// on two cores. It returns the number of rows fn accepted and the first
// error, of fn or of the source; it returns only after the reading goroutine
// has stopped, so src is free again. The row passed to fn is valid during
// the call only.
func pump(src Source, cols []Column, fn func(row []any) error) (int64, error) {
	const batchRows = 256
	ncol := len(cols)
	type batch struct {
		vals []any
		n    int
		err  error
	}
	free := make(chan *batch, 3)
	full := make(chan *batch, 3)
	for range 3 {
		free <- &batch{vals: make([]any, batchRows*ncol)}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(full)
		for {
			var b *batch
			select {
			case b = <-free:
			case <-stop:
				return
			}
			b.n, b.err = 0, nil
			more := true
			for b.n < batchRows {
				if !src.Next() {
					more = false
					b.err = src.Err()
					break
				}
				row := src.Row()
				dst := b.vals[b.n*ncol : (b.n+1)*ncol]
				for i := range dst {
					var v any
					if i < len(row) {
						v = row[i]
					}
					dst[i] = normalize(cols[i].Type, v)
				}
				b.n++
			}
			select {
			case full <- b:
			case <-stop:
				return
			}
			if !more {
				return
			}
		}
	}()
	finish := func(n int64, err error) (int64, error) {
		close(stop)
		for range full { // drain, so the reader never blocks on a send
		}
		wg.Wait()
		return n, err
	}
	notify, _ := src.(interface{ firstRow() })
	var n int64
	for b := range full {
		if notify != nil && b.n > 0 {
			notify.firstRow() // on this goroutine: Serve commits the response here
			notify = nil
		}
		for r := 0; r < b.n; r++ {
			if err := fn(b.vals[r*ncol : (r+1)*ncol]); err != nil {
				return finish(n, err)
			}
			n++
		}
		if b.err != nil {
			return finish(n, fmt.Errorf("export: reading row %d: %w", n+1, b.err))
		}
		clear(b.vals[:b.n*ncol]) // drop references to strings already written
		free <- b
	}
	wg.Wait()
	return n, nil
}
