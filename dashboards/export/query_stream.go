//go:build duckdb_arrow

package export

// A streaming DuckDB result, read as Arrow record batches.
//
// duckdb-go (v2.10506) executes every query with duckdb_pending_prepared,
// which materialises the whole result before the first row: for the
// export benchmark's 1M rows × 12 columns, ~230 MiB outside DuckDB's
// memory_limit and ~0.3 s before the first batch. DuckDB's C API also has
// streaming results (duckdb_pending_prepared_streaming, then
// duckdb_fetch_chunk): execution runs a small buffer ahead of the reader,
// so memory stays flat and the first batch comes in milliseconds.
// duckdb-go does not expose them; its bindings module (a dependency of
// duckdb-go, no cgo of ours) does, but needs the connection's and the
// prepared statement's C handles, which duckdb-go keeps in unexported
// fields. They are read by reflection, by name and type; the connection
// handle is checked against duckdb.ConnId before use. When either check
// fails (another duckdb-go layout), withQuery falls back to duckdb-go's
// own (materialising) Arrow reader, with the same rows.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	bindings "github.com/duckdb/duckdb-go-bindings"
	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/duckdb/duckdb-go/v2/arrowmapping"
	"github.com/duckdb/duckdb-go/v2/mapping"
)

// errNoStreaming: the driver's handles could not be reached.
var errNoStreaming = errors.New("export: duckdb-go's handles are out of reach; no streaming result")

// unexportedField returns the field name of *p when it has type T.
func unexportedField[T any](p any, name string) (T, bool) {
	var zero T
	v := reflect.ValueOf(p)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return zero, false
	}
	f := v.Elem().FieldByName(name)
	if !f.IsValid() || f.Type() != reflect.TypeFor[T]() {
		return zero, false
	}
	return *(*T)(f.Addr().UnsafePointer()), true
}

// stmtLayout: duckdb.Stmt keeps its prepared statement where
// streamQuery looks (checked before a statement runs: preparing a query
// of several statements executes all but the last).
var stmtLayout = func() bool {
	f, ok := reflect.TypeFor[duckdb.Stmt]().FieldByName("preparedStmt")
	return ok && f.Type == reflect.TypeFor[*mapping.PreparedStatement]()
}()

// connHandle is the C connection behind dc, when it is the connection
// with DuckDB id id.
func connHandle(dc *duckdb.Conn, id uint64) (mapping.Connection, bool) {
	h, ok := unexportedField[mapping.Connection](dc, "conn")
	if !ok || h.Ptr == nil {
		return h, false
	}
	var cc mapping.ClientContext
	mapping.ConnectionGetClientContext(h, &cc)
	got := uint64(mapping.ClientContextGetConnectionId(cc))
	mapping.DestroyClientContext(&cc)
	return h, got == id
}

// StreamingResults reports whether queries on db are read as DuckDB
// streaming results (see above), not materialised first.
func StreamingResults(ctx context.Context, db *sql.DB) (bool, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	id, err := duckdb.ConnId(conn)
	if err != nil {
		return false, err
	}
	ok := false
	err = conn.Raw(func(dc any) error {
		d, isDuck := dc.(*duckdb.Conn)
		if !isDuck {
			return nil
		}
		rr, err := streamQuery(ctx, d, id, "SELECT 1", nil)
		if errors.Is(err, errNoStreaming) {
			return nil
		}
		if err != nil {
			return err
		}
		rr.Release()
		ok = true
		return nil
	})
	return ok, err
}

// streamQuery prepares query on dc (the connection with DuckDB id id),
// binds args as duckdb-go's Arrow reader does, and executes it as a
// streaming result. errNoStreaming (before anything ran but the
// statements before the last) means: use duckdb-go's reader.
func streamQuery(ctx context.Context, dc *duckdb.Conn, id uint64, query string, args []any) (array.RecordReader, error) {
	h, ok := connHandle(dc, id)
	if !ok || !stmtLayout {
		return nil, errNoStreaming
	}
	ds, err := dc.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st, ok := ds.(*duckdb.Stmt)
	var ps *mapping.PreparedStatement
	if ok {
		ps, ok = unexportedField[*mapping.PreparedStatement](st, "preparedStmt")
	}
	if !ok || ps == nil {
		ds.Close()
		return nil, errNoStreaming
	}
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
		if na, isNamed := a.(sql.NamedArg); isNamed {
			named[i].Name, named[i].Value = na.Name, na.Value
		}
	}
	if err := st.BindWithCtx(ctx, named); err != nil {
		st.Close()
		return nil, err
	}

	r := &streamReader{ctx: ctx, conn: h, stmt: st, refs: 1, stop: make(chan struct{}), stopped: make(chan struct{})}
	// Cancelling ctx interrupts DuckDB, as duckdb-go does for its own
	// queries: execution (an ORDER BY sorts before its first row) and
	// every fetch. The interrupter ends before the handles are freed.
	go r.interrupter()
	fail := func(err error) (array.RecordReader, error) {
		r.Release()
		return nil, err
	}
	if bindings.PendingPreparedStreaming(*ps, &r.pending) == bindings.StateError {
		return fail(errors.Join(ctx.Err(), &duckdb.Error{Msg: bindings.PendingError(r.pending)}))
	}
	if bindings.ExecutePending(r.pending, &r.res) == bindings.StateError {
		r.hasRes = true
		return fail(errors.Join(ctx.Err(), resultError(&r.res)))
	}
	r.hasRes = true
	r.opts = arrowmapping.ResultGetArrowOptions(&r.res)
	r.hasOpts = true
	n := mapping.ColumnCount(&r.res)
	names := make([]string, n)
	types := make([]mapping.LogicalType, n)
	for i := range n {
		names[i] = mapping.ColumnName(&r.res, i)
		types[i] = mapping.ColumnLogicalType(&r.res, i)
	}
	schema, ed := arrowmapping.NewArrowSchema(r.opts, types, names)
	for i := range types {
		mapping.DestroyLogicalType(&types[i])
	}
	if err := errorData(ed); err != nil {
		return fail(fmt.Errorf("export: arrow schema: %w", err))
	}
	r.schema = schema
	return r, nil
}

func resultError(res *mapping.Result) error {
	return &duckdb.Error{Type: duckdb.ErrorType(mapping.ResultErrorType(res)), Msg: mapping.ResultError(res)}
}

func errorData(ed mapping.ErrorData) error {
	defer mapping.DestroyErrorData(&ed)
	if !mapping.ErrorDataHasError(ed) {
		return nil
	}
	return &duckdb.Error{Type: duckdb.ErrorType(mapping.ErrorDataErrorType(ed)), Msg: mapping.ErrorDataMessage(ed)}
}

// streamReader is an array.RecordReader over a streaming result. Next is
// called from one goroutine at a time; Release frees the result, the
// pending result and the statement once the last reference goes.
type streamReader struct {
	ctx     context.Context
	conn    mapping.Connection
	stmt    *duckdb.Stmt
	pending bindings.PendingResult
	res     mapping.Result
	hasRes  bool
	opts    arrowmapping.ArrowOptions
	hasOpts bool
	schema  *arrow.Schema

	stop, stopped chan struct{}

	mu   sync.Mutex
	refs int64
	cur  arrow.RecordBatch
	err  error
	done bool
}

var _ array.RecordReader = (*streamReader)(nil)

func (r *streamReader) interrupter() {
	defer close(r.stopped)
	select {
	case <-r.ctx.Done():
		mapping.Interrupt(r.conn)
	case <-r.stop:
	}
}

func (r *streamReader) Schema() *arrow.Schema { return r.schema }

func (r *streamReader) Next() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	if r.done || r.err != nil || r.refs <= 0 {
		return false
	}
	if err := r.ctx.Err(); err != nil {
		r.err = err
		return false
	}
	chunk := mapping.FetchChunk(r.res)
	if chunk.Ptr == nil {
		// The end, or an error met while executing (a failed cast on the
		// millionth row, an interrupt). DuckDB sometimes reports a failure
		// in one of its threads as "Interrupted!" (the others cancelled):
		// a failure all the same.
		if msg := mapping.ResultError(&r.res); msg != "" {
			r.err = errors.Join(r.ctx.Err(), resultError(&r.res))
		}
		r.done = true
		return false
	}
	rec, ed := arrowmapping.DataChunkToArrowArray(r.opts, r.schema, chunk)
	mapping.DestroyDataChunk(&chunk)
	if err := errorData(ed); err != nil {
		r.err = fmt.Errorf("export: arrow batch: %w", err)
		return false
	}
	r.cur = rec
	return true
}

func (r *streamReader) RecordBatch() arrow.RecordBatch {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cur
}

func (r *streamReader) Record() arrow.RecordBatch { return r.RecordBatch() }

func (r *streamReader) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

func (r *streamReader) Retain() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.refs > 0 {
		r.refs++
	}
}

func (r *streamReader) Release() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.refs <= 0 {
		return
	}
	if r.refs--; r.refs > 0 {
		return
	}
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	close(r.stop)
	<-r.stopped // no interrupt may reach the connection's next query
	if r.hasOpts {
		arrowmapping.DestroyArrowOptions(&r.opts)
	}
	if r.hasRes {
		mapping.DestroyResult(&r.res)
	}
	bindings.DestroyPending(&r.pending)
	r.stmt.Close()
}
