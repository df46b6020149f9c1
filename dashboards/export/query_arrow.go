//go:build duckdb_arrow

package export

// Arrow record batches from DuckDB (duckdb-go's Arrow interface, behind the
// duckdb_arrow build tag): a batch of 2048 rows crosses from C in one call,
// where database/sql makes one cgo call per value. Measured on the export
// benchmark (cmd/dpibench), it is what brings a csv export within reach of
// DuckDB's own COPY … TO.

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	duckdb "github.com/duckdb/duckdb-go/v2"
)

// ArrowEnabled reports whether WriteQuery and ServeQuery read Arrow record
// batches (built with the duckdb_arrow tag).
const ArrowEnabled = true

func withQuery(ctx context.Context, db *sql.DB, spec []Column, query string, args []any, fn func(Source) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	id, err := duckdb.ConnId(conn)
	if err != nil {
		return err
	}
	// The Arrow reader lives on the driver connection: everything happens
	// inside Raw, which holds the connection.
	return conn.Raw(func(dc any) error {
		dconn, ok := dc.(*duckdb.Conn)
		if !ok {
			return fmt.Errorf("export: %T is not a DuckDB connection", dc)
		}
		rr, err := streamQuery(ctx, dconn, id, query, args)
		if errors.Is(err, errNoStreaming) {
			rr, err = materialisedQuery(ctx, dconn, query, args)
		}
		if err != nil {
			return err
		}
		defer rr.Release()
		return fn(newArrowSource(rr, spec))
	})
}

// materialisedQuery is duckdb-go's own Arrow reader: the whole result is
// built before the first batch (see query_stream.go).
func materialisedQuery(ctx context.Context, dc *duckdb.Conn, query string, args []any) (array.RecordReader, error) {
	a, err := duckdb.NewArrowFromConn(dc)
	if err != nil {
		return nil, err
	}
	return a.QueryContext(ctx, query, args...)
}

// FromArrow is a Source over Arrow record batches (columns and types as
// FromRows derives them from the DuckDB types behind the Arrow ones).
func FromArrow(rr array.RecordReader, spec []Column) Source { return newArrowSource(rr, spec) }

type arrowSource struct {
	rr   array.RecordReader
	cols []Column
	tz   []bool
	rec  arrow.RecordBatch
	row  int // in rec
	n    int // rows in rec
	vals []any
}

func newArrowSource(rr array.RecordReader, spec []Column) *arrowSource {
	fields := rr.Schema().Fields()
	bySpec := make(map[string]Column, len(spec))
	for _, c := range spec {
		bySpec[c.Key] = c
	}
	s := &arrowSource{rr: rr, cols: make([]Column, len(fields)), tz: make([]bool, len(fields)), vals: make([]any, len(fields))}
	for i, f := range fields {
		col := derive(f.Name, duckTypeName(f.Type))
		if ts, ok := f.Type.(*arrow.TimestampType); ok && ts.TimeZone != "" {
			s.tz[i] = true
		}
		if sp, ok := bySpec[col.Key]; ok {
			if sp.LabelVI == "" && sp.LabelEN == "" {
				sp.LabelVI, sp.LabelEN = col.LabelVI, col.LabelEN
			}
			col = sp
		}
		s.cols[i] = col
	}
	return s
}

// duckTypeName names the DuckDB type behind an Arrow type, for derive.
func duckTypeName(t arrow.DataType) string {
	switch t := t.(type) {
	case *arrow.StringType, *arrow.LargeStringType, *arrow.StringViewType:
		return "VARCHAR"
	case *arrow.DictionaryType:
		return "ENUM"
	case *arrow.Int8Type, *arrow.Int16Type, *arrow.Int32Type, *arrow.Int64Type,
		*arrow.Uint8Type, *arrow.Uint16Type, *arrow.Uint32Type, *arrow.Uint64Type:
		return "BIGINT"
	case *arrow.Float16Type, *arrow.Float32Type, *arrow.Float64Type:
		return "DOUBLE"
	case *arrow.Decimal128Type:
		if t.Scale == 0 && t.Precision == 38 {
			return "HUGEINT"
		}
		return fmt.Sprintf("DECIMAL(%d,%d)", t.Precision, t.Scale)
	case *arrow.Date32Type, *arrow.Date64Type:
		return "DATE"
	case *arrow.TimestampType:
		if t.TimeZone != "" {
			return "TIMESTAMP WITH TIME ZONE"
		}
		return "TIMESTAMP"
	case *arrow.BooleanType:
		return "BOOLEAN"
	}
	return strings.ToUpper(t.Name())
}

func (s *arrowSource) Columns() []Column { return s.cols }

func (s *arrowSource) Next() bool {
	s.row++
	for s.row >= s.n {
		if !s.rr.Next() {
			s.rec = nil
			return false
		}
		s.rec = s.rr.RecordBatch()
		s.row, s.n = 0, int(s.rec.NumRows())
	}
	return true
}

// Row boxes the current row's values. Strings are copied: the batch's
// memory belongs to DuckDB and is freed at the next batch.
func (s *arrowSource) Row() []any {
	for c, arr := range s.rec.Columns() {
		s.vals[c] = s.value(c, arr, s.row)
	}
	return s.vals
}

func (s *arrowSource) value(c int, arr arrow.Array, i int) any {
	if arr.IsNull(i) {
		return nil
	}
	switch a := arr.(type) {
	case *array.String:
		return strings.Clone(a.Value(i))
	case *array.LargeString:
		return strings.Clone(a.Value(i))
	case *array.StringView:
		return strings.Clone(a.Value(i))
	case *array.Int64:
		return a.Value(i)
	case *array.Int32:
		return int64(a.Value(i))
	case *array.Int16:
		return int64(a.Value(i))
	case *array.Int8:
		return int64(a.Value(i))
	case *array.Uint8:
		return int64(a.Value(i))
	case *array.Uint16:
		return int64(a.Value(i))
	case *array.Uint32:
		return int64(a.Value(i))
	case *array.Uint64:
		return a.Value(i) // normalize: int64 when it fits, digits otherwise
	case *array.Float64:
		return a.Value(i)
	case *array.Float32:
		return float64(a.Value(i))
	case *array.Boolean:
		return a.Value(i)
	case *array.Date32:
		return a.Value(i).ToTime()
	case *array.Date64:
		return a.Value(i).ToTime()
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		t := a.Value(i).ToTime(unit)
		if s.tz[c] {
			return t.In(ICT)
		}
		return t
	case *array.Decimal128:
		typ := a.DataType().(*arrow.Decimal128Type)
		if typ.Scale == 0 {
			return a.Value(i).BigInt()
		}
		return a.Value(i).ToFloat64(typ.Scale)
	case *array.Dictionary:
		return s.value(c, a.Dictionary(), a.GetValueIndex(i))
	}
	return arr.ValueStr(i)
}

func (s *arrowSource) Err() error { return s.rr.Err() }

// writeCSV formats whole record batches on every core and writes them in
// order: the reader goroutine fetches batches from DuckDB, workers turn
// each into CSV text, and the caller's goroutine writes the texts as they
// come due. Values take the same path as the row writer's (appendCSVValue)
// except for the plain pairings of Arrow and column type, formatted
// straight from the Arrow buffers (no boxing, no copy of strings).
func (s *arrowSource) writeCSV(w *bufio.Writer, cols []Column, notify firstRower) error {
	type job struct {
		rec arrow.RecordBatch
		out chan []byte
	}
	workers := max(runtime.GOMAXPROCS(0), 1)
	jobs := make(chan job, workers)
	order := make(chan job, workers+2)
	stop := make(chan struct{})
	var readErr error
	var wg sync.WaitGroup
	bufs := sync.Pool{New: func() any { return make([]byte, 0, 256<<10) }}

	wg.Add(1)
	go func() { // reader: a record belongs to it until a worker has it
		defer wg.Done()
		defer close(jobs)
		defer close(order)
		for s.rr.Next() {
			rec := s.rr.RecordBatch()
			rec.Retain() // the record reader releases its own reference at the next batch
			j := job{rec: rec, out: make(chan []byte, 1)}
			select {
			case order <- j:
			case <-stop:
				rec.Release()
				return
			}
			select {
			case jobs <- j:
			case <-stop:
				rec.Release()
				return
			}
		}
		readErr = s.rr.Err()
	}()
	for range workers {
		wg.Add(1)
		go func() { // worker: formats, releases, hands the text over
			defer wg.Done()
			for j := range jobs {
				buf := s.csvRecord(bufs.Get().([]byte)[:0], j.rec, cols)
				rows := j.rec.NumRows()
				j.rec.Release()
				if rows == 0 {
					buf = buf[:0]
				}
				j.out <- buf // never blocks: room for one
			}
		}()
	}

	// writer: the texts in batch order.
	var werr error
	for j := range order {
		if werr != nil {
			continue // stopping: drain; the reader and workers release
		}
		buf := <-j.out
		if notify != nil && len(buf) > 0 {
			notify.firstRow()
			notify = nil
		}
		if _, err := w.Write(buf); err != nil {
			werr = err
			close(stop)
		}
		bufs.Put(buf[:0])
	}
	wg.Wait()
	if werr != nil {
		return werr
	}
	if readErr != nil {
		return fmt.Errorf("export: reading rows: %w", readErr)
	}
	return nil
}

// csvRecord appends the CSV lines of one record batch to buf.
func (s *arrowSource) csvRecord(buf []byte, rec arrow.RecordBatch, cols []Column) []byte {
	arrs := rec.Columns()
	n := int(rec.NumRows())
	for r := 0; r < n; r++ {
		for c, arr := range arrs {
			if c > 0 {
				buf = append(buf, ',')
			}
			if arr.IsNull(r) {
				continue
			}
			col := cols[c]
			switch a := arr.(type) {
			case *array.String:
				if col.Type == Text || col.Type == Code {
					buf = appendCSVText(buf, a.Value(r), col.Type == Code)
					continue
				}
			case *array.Int64:
				if col.Type == Integer {
					buf = strconv.AppendInt(buf, a.Value(r), 10)
					continue
				}
			case *array.Int32:
				if col.Type == Integer {
					buf = strconv.AppendInt(buf, int64(a.Value(r)), 10)
					continue
				}
			case *array.Float64:
				if col.Type == Number {
					buf = appendCSVFloat(buf, a.Value(r))
					continue
				}
			case *array.Boolean:
				if col.Type == Bool {
					buf = strconv.AppendBool(buf, a.Value(r))
					continue
				}
			case *array.Date32:
				if col.Type == Date {
					buf = a.Value(r).ToTime().AppendFormat(buf, "2006-01-02")
					continue
				}
			}
			buf = appendCSVValue(buf, normalize(col.Type, s.value(c, arr, r)), col)
		}
		buf = append(buf, '\r', '\n')
	}
	return buf
}
