//go:build duckdb_arrow

package warehouse

// The fast way in for a million enterprises: the scan goroutine builds
// Arrow record batches in plain Go memory (text columns are offsets and
// bytes, copied once from the parsed cells), and DuckDB pulls them through
// a view over an Arrow stream inside the load's transaction:
//
//	INSERT INTO business_rows (...) SELECT * FROM <view over the stream>
//
// One pass and one statement, no cgo call per value (duckdb-go's appender
// makes one per text value), the parser on one core while DuckDB converts,
// compresses and writes on another, and a few batches in memory, their
// buffers reused. Built with the duckdb_arrow tag (the Makefile sets it);
// business_load_appender.go is the fallback without it.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/laocai-dpi/dpi/ingest/business"
)

// Rows per Arrow record batch (four of DuckDB's vectors), and the batches
// that may wait for DuckDB while the scan builds the next: about a row
// group's worth, since DuckDB takes its rows in bursts, stopping to
// compress and write each row group of 122,880 rows as it fills.
const (
	arrowBatchRows    = 8 << 10
	arrowBatchesAhead = 16
)

// Text columns of business_rows, in the arrowRows.text array.
const (
	tTaxCode = iota
	tName
	tForeignName
	tShortName
	tLegalForm
	tAddress
	tCommuneText
	tDistrictText
	tProvinceText
	tProvincePre2025
	tDistrict
	tCommunePre2025
	tProvince2025
	tCommune2025
	tVSICCode
	tVSICSection
	tStatus
	tRepresentative
	tPhone
	tEmail
	tSortKey
	tSearchKey
	nText
)

// businessArrowColumn is one column of the stream, in business_rows order.
type businessArrowColumn struct {
	name string
	typ  arrow.DataType
	text int // index in arrowRows.text, or -1
}

var businessArrowColumns = []businessArrowColumn{
	{"load_id", arrow.PrimitiveTypes.Int64, -1},
	{"row_no", arrow.PrimitiveTypes.Int32, -1},
	{"tax_code", arrow.BinaryTypes.String, tTaxCode},
	{"name", arrow.BinaryTypes.String, tName},
	{"foreign_name", arrow.BinaryTypes.String, tForeignName},
	{"short_name", arrow.BinaryTypes.String, tShortName},
	{"legal_form", arrow.BinaryTypes.String, tLegalForm},
	{"registered_on", arrow.FixedWidthTypes.Date32, -1},
	{"changed_on", arrow.FixedWidthTypes.Date32, -1},
	{"address", arrow.BinaryTypes.String, tAddress},
	{"commune_text", arrow.BinaryTypes.String, tCommuneText},
	{"district_text", arrow.BinaryTypes.String, tDistrictText},
	{"province_text", arrow.BinaryTypes.String, tProvinceText},
	{"province_code_pre2025", arrow.BinaryTypes.String, tProvincePre2025},
	{"district_code", arrow.BinaryTypes.String, tDistrict},
	{"commune_code_pre2025", arrow.BinaryTypes.String, tCommunePre2025},
	{"province_code_2025", arrow.BinaryTypes.String, tProvince2025},
	{"commune_code_2025", arrow.BinaryTypes.String, tCommune2025},
	{"charter_capital_vnd", arrow.PrimitiveTypes.Int64, -1},
	{"vsic_code", arrow.BinaryTypes.String, tVSICCode},
	{"vsic_section", arrow.BinaryTypes.String, tVSICSection},
	{"status", arrow.BinaryTypes.String, tStatus},
	{"representative", arrow.BinaryTypes.String, tRepresentative},
	{"phone", arrow.BinaryTypes.String, tPhone},
	{"email", arrow.BinaryTypes.String, tEmail},
	{"sort_key", arrow.BinaryTypes.String, tSortKey},
	{"search_key", arrow.BinaryTypes.String, tSearchKey},
}

var businessArrowSchema = func() *arrow.Schema {
	fields := make([]arrow.Field, len(businessArrowColumns))
	for i, c := range businessArrowColumns {
		fields[i] = arrow.Field{Name: c.name, Type: c.typ, Nullable: c.name != "load_id" && c.name != "row_no" && c.name != "tax_code"}
	}
	return arrow.NewSchema(fields, nil)
}()

// insertBusinessRows runs scan on its own goroutine, which validates the
// rows and builds them into Arrow batches, while DuckDB inserts them into
// business_rows on conn (whose transaction is open) from a view over the
// stream. It returns the scan's summary and the number of rows inserted.
// A scan error, a panic in scan, an insert error or a cancelled ctx ends
// both sides; the caller rolls the transaction back.
func insertBusinessRows(ctx context.Context, conn *sql.Conn, loadID int64, scan func(func(*business.Enterprise) error) (BusinessScan, error)) (summary BusinessScan, n int, err error) {
	stream := &batchStream{ctx: ctx, batches: make(chan arrow.RecordBatch, arrowBatchesAhead)}
	stream.refs.Store(1)
	defer stream.Release()
	view := fmt.Sprintf("business_rows_stream_%d", loadID)
	var release func()
	if err := conn.Raw(func(dc any) error {
		a, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return err
		}
		release, err = a.RegisterView(stream, view)
		return err
	}); err != nil {
		return summary, 0, fmt.Errorf("arrow view: %w", err)
	}
	defer func() {
		// The view reads a stream that is about to go: drop it first (in
		// the transaction: a rollback drops it anyway).
		conn.ExecContext(context.Background(), `DROP VIEW IF EXISTS "`+view+`"`)
		release()
	}()

	stop := make(chan struct{}) // closed once DuckDB has stopped reading
	done := make(chan struct{})
	var scanErr error
	emitted := 0
	go func() {
		defer close(done)
		defer func() {
			if p := recover(); p != nil {
				scanErr = fmt.Errorf("lỗi khi đọc tệp / panic while reading the file: %v", p)
			}
			if scanErr != nil {
				stream.srcErr = scanErr // DuckDB's insert fails with it
			}
			close(stream.batches)
		}()
		send := func(b *arrowRows) error {
			rec := b.record()
			select {
			case stream.batches <- rec:
				return nil
			case <-stop:
				rec.Release()
				return errLoadStopped
			}
		}
		pool := new(bufferPool)
		b := newArrowRows(pool, loadID, arrowBatchRows, nil)
		summary, scanErr = scan(func(e *business.Enterprise) error {
			if err := checkEmitted(e); err != nil {
				return err
			}
			b.add(e)
			emitted++
			if b.n < arrowBatchRows {
				return nil
			}
			if err := send(b); err != nil {
				return err
			}
			b = newArrowRows(pool, loadID, arrowBatchRows, b)
			return nil
		})
		if scanErr == nil && b.n > 0 {
			scanErr = send(b)
		}
	}()

	cols := make([]string, len(businessArrowColumns))
	for i, c := range businessArrowColumns {
		cols[i] = c.name
	}
	list := strings.Join(cols, ", ")
	// load_id is a column of the stream like the others: a plain SELECT *.
	res, insErr := conn.ExecContext(ctx, fmt.Sprintf(`INSERT INTO business_rows (%s) SELECT * FROM "%s"`, list, view))
	close(stop)
	<-done
	switch {
	case scanErr != nil && !errors.Is(scanErr, errLoadStopped):
		return summary, 0, scanErr
	case ctx.Err() != nil:
		return summary, 0, ctx.Err()
	case insErr != nil:
		return summary, 0, insErr
	case scanErr != nil:
		return summary, 0, scanErr
	}
	inserted, err := res.RowsAffected()
	if err != nil {
		return summary, 0, err
	}
	if inserted != int64(emitted) {
		return summary, 0, fmt.Errorf("business rows: %d inserted of %d read", inserted, emitted)
	}
	return summary, emitted, nil
}

// batchStream is the array.RecordReader DuckDB reads: the batches the scan
// sends, until it closes the channel (with srcErr set if it failed) or ctx
// is done. DuckDB calls Next from one of its threads at a time.
type batchStream struct {
	refs    atomic.Int64
	ctx     context.Context
	batches chan arrow.RecordBatch
	srcErr  error // set by the scan before it closes batches
	cur     arrow.RecordBatch
	err     error
}

func (s *batchStream) Retain() { s.refs.Add(1) }

func (s *batchStream) Release() {
	if s.refs.Add(-1) == 0 && s.cur != nil {
		s.cur.Release()
		s.cur = nil
	}
}

func (s *batchStream) Schema() *arrow.Schema { return businessArrowSchema }

func (s *batchStream) Next() bool {
	if s.cur != nil {
		s.cur.Release()
		s.cur = nil
	}
	if s.err != nil {
		return false
	}
	select {
	case rec, ok := <-s.batches:
		if !ok {
			s.err = s.srcErr
			return false
		}
		s.cur = rec
		return true
	case <-s.ctx.Done():
		s.err = s.ctx.Err()
		return false
	}
}

func (s *batchStream) RecordBatch() arrow.RecordBatch { return s.cur }

// Record is RecordBatch, for the interface's older name.
func (s *batchStream) Record() arrow.RecordBatch { return s.cur }

func (s *batchStream) Err() error { return s.err }

// arrowRows is one batch being built: plain slices from a bufferPool,
// wrapped as Arrow buffers without a copy when the batch is done.
type arrowRows struct {
	pool     *bufferPool
	rows     int // capacity
	n        int
	id       int64   // the load
	loadID   []int64 // id in every row
	rowNo    []int32
	text     [nText]textColumn
	reg, chg fixedColumn[int32] // date32: days since 1970-01-01
	capital  fixedColumn[int64]
}

// newArrowRows starts a batch of up to rows rows of load loadID, its text
// buffers sized from the previous batch (prev may be nil) so that they
// rarely grow.
func newArrowRows(pool *bufferPool, loadID int64, rows int, prev *arrowRows) *arrowRows {
	b := &arrowRows{pool: pool, rows: rows, id: loadID,
		loadID: typed[int64](pool.get(8 * rows)), rowNo: typed[int32](pool.get(4 * rows))}
	for i := range b.text {
		size := 16 * rows
		if prev != nil {
			size = len(prev.text[i].data) + len(prev.text[i].data)/8 + 64
		}
		b.text[i] = textColumn{offs: append(typed[int32](pool.get(4*rows+4)), 0), data: pool.get(size), valid: pool.bitmap(rows)}
	}
	b.reg = fixedColumn[int32]{vals: typed[int32](pool.get(4 * rows)), valid: pool.bitmap(rows)}
	b.chg = fixedColumn[int32]{vals: typed[int32](pool.get(4 * rows)), valid: pool.bitmap(rows)}
	b.capital = fixedColumn[int64]{vals: typed[int64](pool.get(8 * rows)), valid: pool.bitmap(rows)}
	return b
}

// add appends e; empty text and zero dates are NULL, as in the appender.
func (b *arrowRows) add(e *business.Enterprise) {
	i := b.n
	b.n++
	b.loadID = append(b.loadID, b.id)
	b.rowNo = append(b.rowNo, int32(e.Row+1))
	t := &b.text
	t[tTaxCode].add(i, e.TaxCode)
	t[tName].add(i, e.Name)
	t[tForeignName].add(i, e.ForeignName)
	t[tShortName].add(i, e.ShortName)
	t[tLegalForm].add(i, e.LegalForm)
	t[tAddress].add(i, e.Address)
	t[tCommuneText].add(i, e.CommuneText)
	t[tDistrictText].add(i, e.DistrictText)
	t[tProvinceText].add(i, e.ProvinceText)
	t[tProvincePre2025].add(i, e.Location.ProvinceCodePre2025)
	t[tDistrict].add(i, e.Location.DistrictCode)
	t[tCommunePre2025].add(i, e.Location.CommuneCodePre2025)
	t[tProvince2025].add(i, e.Location.ProvinceCode2025)
	t[tCommune2025].add(i, e.Location.CommuneCode2025)
	t[tVSICCode].add(i, e.VSICCode)
	t[tVSICSection].add(i, e.VSICSection)
	t[tStatus].add(i, e.Status)
	t[tRepresentative].add(i, e.Representative)
	t[tPhone].add(i, e.Phone)
	t[tEmail].add(i, e.Email)
	sortKey, searchKey, _ := searchKeys(e.Name, e.ShortName, e.ForeignName) // NULL when not folded here
	t[tSortKey].add(i, sortKey)
	t[tSearchKey].add(i, searchKey)
	b.reg.add(i, !e.RegisteredOn.IsZero(), days(e.RegisteredOn))
	b.chg.add(i, !e.ChangedOn.IsZero(), days(e.ChangedOn))
	b.capital.add(i, e.HasCapital, e.CapitalVND)
}

// days is t's date as days since 1970-01-01 (Arrow's date32).
func days(t time.Time) int32 {
	d := t.Unix() / 86400
	if t.Unix()%86400 < 0 {
		d-- // before 1970: the day it falls in
	}
	return int32(d)
}

// record wraps the batch's slices as an Arrow record batch (no copy); the
// batch must not be added to afterwards. The slices go back to the pool
// when DuckDB has released the record.
func (b *arrowRows) record() arrow.RecordBatch {
	cols := make([]arrow.Array, len(businessArrowColumns))
	for i, c := range businessArrowColumns {
		var bufs []*memory.Buffer
		nulls := 0
		switch {
		case c.text >= 0:
			t := &b.text[c.text]
			bufs, nulls = []*memory.Buffer{b.validity(t.valid, t.nulls), b.buffer(bytesOf(t.offs)), b.buffer(t.data)}, t.nulls
		case c.name == "load_id":
			bufs = []*memory.Buffer{nil, b.buffer(bytesOf(b.loadID))}
		case c.name == "row_no":
			bufs = []*memory.Buffer{nil, b.buffer(bytesOf(b.rowNo))}
		case c.name == "registered_on":
			bufs, nulls = []*memory.Buffer{b.validity(b.reg.valid, b.reg.nulls), b.buffer(bytesOf(b.reg.vals))}, b.reg.nulls
		case c.name == "changed_on":
			bufs, nulls = []*memory.Buffer{b.validity(b.chg.valid, b.chg.nulls), b.buffer(bytesOf(b.chg.vals))}, b.chg.nulls
		case c.name == "charter_capital_vnd":
			bufs, nulls = []*memory.Buffer{b.validity(b.capital.valid, b.capital.nulls), b.buffer(bytesOf(b.capital.vals))}, b.capital.nulls
		default:
			panic("business_rows column without a builder: " + c.name)
		}
		data := array.NewData(c.typ, b.n, bufs, nil, nulls, 0)
		for _, buf := range bufs {
			if buf != nil {
				buf.Release() // the data holds them now
			}
		}
		cols[i] = array.MakeFromData(data)
		data.Release()
	}
	rec := array.NewRecordBatch(businessArrowSchema, cols, int64(b.n))
	for _, c := range cols {
		c.Release()
	}
	return rec
}

// buffer wraps a slice from the pool as an Arrow buffer that gives it back
// when released.
func (b *arrowRows) buffer(s []byte) *memory.Buffer {
	return memory.NewBufferWithAllocator(s, b.pool)
}

// validity is a bitmap's buffer, nil when nothing is NULL.
func (b *arrowRows) validity(bits []byte, nulls int) *memory.Buffer {
	if nulls == 0 {
		b.pool.Free(bits)
		return nil
	}
	return b.buffer(bits[:(b.n+7)/8])
}

// bytesOf is a typed slice's bytes, with its whole capacity (for the pool).
func bytesOf[T int32 | int64](s []T) []byte {
	size := int(unsafe.Sizeof(s[:1][0]))
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), cap(s)*size)[:len(s)*size]
}

// typed views an empty slice from the pool as a slice of T.
func typed[T int32 | int64](b []byte) []T {
	var zero T
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), cap(b)/int(unsafe.Sizeof(zero)))[:0]
}

// textColumn is an Arrow utf8 column being built: offsets, bytes, and a
// validity bitmap (bit set = not NULL).
type textColumn struct {
	offs  []int32
	data  []byte
	valid []byte
	nulls int
}

// add appends s as row i (the next row); "" is NULL.
func (c *textColumn) add(i int, s string) {
	if s == "" {
		c.nulls++
	} else {
		c.valid[i>>3] |= 1 << (i & 7)
		c.data = append(c.data, s...)
	}
	c.offs = append(c.offs, int32(len(c.data)))
}

// fixedColumn is an Arrow column of fixed-width values with a bitmap.
type fixedColumn[T int32 | int64] struct {
	vals  []T
	valid []byte
	nulls int
}

// add appends v as row i (the next row), NULL unless ok.
func (c *fixedColumn[T]) add(i int, ok bool, v T) {
	if !ok {
		c.nulls++
		c.vals = append(c.vals, 0)
		return
	}
	c.valid[i>>3] |= 1 << (i & 7)
	c.vals = append(c.vals, v)
}

// bufferPool recycles the memory of Arrow batches: a batch's slices come
// back (through the memory.Allocator interface) once DuckDB has released
// it, and the next batches reuse them, so that a million rows cost a few
// batches of memory, neither fresh pages nor garbage. Slices come in size
// classes an eighth apart, so that little of what is lent goes unused.
type bufferPool struct {
	mu   sync.Mutex
	free [8 * 48][][]byte // by size class
}

var _ memory.Allocator = (*bufferPool)(nil)

// sizeClass is the smallest class of slices of at least n bytes; class c
// holds (8 + c%8) << (c/8) bytes.
func sizeClass(n int) int {
	k := max(bits.Len(uint(n-1))-4, 0)
	j := (n + 1<<k - 1) >> k // ceil(n / 2^k), 8..16 (or less for tiny n)
	if j > 15 {
		k, j = k+1, 8
	}
	return 8*k + max(j-8, 0)
}

func classSize(c int) int { return (8 + c%8) << (c / 8) }

// get returns an empty slice of capacity at least n (n > 0).
func (p *bufferPool) get(n int) []byte {
	c := sizeClass(n)
	p.mu.Lock()
	if l := len(p.free[c]); l > 0 {
		b := p.free[c][l-1]
		p.free[c] = p.free[c][:l-1]
		p.mu.Unlock()
		return b[:0]
	}
	p.mu.Unlock()
	return make([]byte, 0, classSize(c))
}

// bitmap returns a zeroed validity bitmap for rows rows.
func (p *bufferPool) bitmap(rows int) []byte {
	b := p.get((rows + 7) / 8)[:(rows+7)/8]
	clear(b)
	return b
}

// Allocate, Reallocate and Free make the pool the allocator of the buffers
// it lends: Arrow calls Free when a buffer's last reference goes.
func (p *bufferPool) Allocate(n int) []byte { return p.get(max(n, 1))[:n] }

func (p *bufferPool) Reallocate(n int, b []byte) []byte {
	if n <= cap(b) {
		return b[:n]
	}
	nb := p.Allocate(n)
	copy(nb, b)
	p.Free(b)
	return nb
}

func (p *bufferPool) Free(b []byte) {
	if cap(b) == 0 {
		return
	}
	c := sizeClass(cap(b))
	if classSize(c) > cap(b) {
		c-- // grown by append to a size between classes: the class below
	}
	p.mu.Lock()
	if c >= 0 && c < len(p.free) && len(p.free[c]) < 256 {
		p.free[c] = append(p.free[c], b[:0])
	}
	p.mu.Unlock()
}
