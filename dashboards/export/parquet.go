package export

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// parquetBatchRows is the number of rows of one row group (DuckDB's own
// row-group size): memory holds one batch at a time.
const parquetBatchRows = 122880

// Parquet key-value metadata keys.
const (
	ParquetMetaKey     = "dpi.meta"      // Meta as JSON (the "meta" object of the JSON export)
	ParquetColumnsKey  = "dpi.columns"   // the columns as JSON (labels, types)
	ParquetRowCountKey = "dpi.row_count" // rows written, set when the file is complete
)

// WriteParquet writes src as Parquet (Snappy, one row group per 122,880
// rows): Text and Code → string, Integer → int64, Number → double, Date →
// date32, DateTime → timestamp[µs] (wall clock), Bool → boolean. Every
// field carries its labels and type in the Arrow field metadata; the
// file's key-value metadata carries dpi.meta, dpi.columns and
// dpi.row_count (plus title, source, licence, url, generated_at).
func WriteParquet(w io.Writer, src Source, meta Meta) error {
	cols := src.Columns()
	if err := checkColumns(cols); err != nil {
		return err
	}
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		var t arrow.DataType
		switch c.Type {
		case Integer:
			t = arrow.PrimitiveTypes.Int64
		case Number:
			t = arrow.PrimitiveTypes.Float64
		case Date:
			t = arrow.FixedWidthTypes.Date32
		case DateTime:
			t = &arrow.TimestampType{Unit: arrow.Microsecond}
		case Bool:
			t = arrow.FixedWidthTypes.Boolean
		default:
			t = arrow.BinaryTypes.String
		}
		fields[i] = arrow.Field{Name: c.Key, Type: t, Nullable: true, Metadata: arrow.NewMetadata(
			[]string{"label_vi", "label_en", "type"}, []string{c.LabelVI, c.LabelEN, c.Type.String()})}
	}
	metaJSON, err := json.Marshal(meta.json())
	if err != nil {
		return err
	}
	colsJSON, err := json.Marshal(jsonColumns(cols))
	if err != nil {
		return err
	}
	schema := arrow.NewSchema(fields, nil)
	props := parquet.NewWriterProperties(
		parquet.WithCompression(compress.Codecs.Snappy),
		parquet.WithMaxRowGroupLength(parquetBatchRows),
		parquet.WithCreatedBy("DPI Lào Cai export"),
	)
	sw := &stickyWriter{w: w}
	fw, err := pqarrow.NewFileWriter(schema, sw, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		return err
	}
	closed := false
	defer func() {
		if !closed {
			fw.Close()
		}
	}()
	for _, kv := range [][2]string{
		{ParquetMetaKey, string(metaJSON)}, {ParquetColumnsKey, string(colsJSON)},
		{"title", meta.Title()}, {"source", meta.Source}, {"licence", meta.Licence}, {"url", meta.URL},
		{"generated_at", meta.generatedAt().Format(time.RFC3339)},
	} {
		if err := fw.AppendKeyValueMetadata(kv[0], kv[1]); err != nil {
			return err
		}
	}
	rb := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer rb.Release()
	pending := 0
	flush := func() error {
		if pending == 0 {
			return nil
		}
		rec := rb.NewRecordBatch()
		defer rec.Release()
		pending = 0
		return fw.Write(rec)
	}
	n, err := pump(src, cols, func(row []any) error {
		for i, v := range row {
			if err := appendArrow(rb.Field(i), cols[i], v); err != nil {
				return fmt.Errorf("export: column %s: %w", cols[i].Key, err)
			}
		}
		pending++
		if pending == parquetBatchRows {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	if err := fw.AppendKeyValueMetadata(ParquetRowCountKey, strconv.FormatInt(n, 10)); err != nil {
		return err
	}
	closed = true
	if err := fw.Close(); err != nil {
		return err
	}
	return sw.err
}

func appendArrow(b array.Builder, c Column, v any) error {
	if v == nil {
		b.AppendNull()
		return nil
	}
	switch b := b.(type) {
	case *array.StringBuilder:
		s, ok := v.(string)
		if !ok {
			s = fmt.Sprint(v)
		}
		b.Append(s)
	case *array.Int64Builder:
		switch x := v.(type) {
		case int64:
			b.Append(x)
		case bool:
			b.Append(map[bool]int64{false: 0, true: 1}[x])
		default:
			return fmt.Errorf("%v (%T) is not an integer", v, v)
		}
	case *array.Float64Builder:
		switch x := v.(type) {
		case float64:
			b.Append(x)
		case int64:
			b.Append(float64(x))
		default:
			return fmt.Errorf("%v (%T) is not a number", v, v)
		}
	case *array.Date32Builder:
		t, ok := v.(time.Time)
		if !ok {
			return fmt.Errorf("%v (%T) is not a date", v, v)
		}
		b.Append(arrow.Date32FromTime(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)))
	case *array.TimestampBuilder:
		t, ok := v.(time.Time)
		if !ok {
			return fmt.Errorf("%v (%T) is not a timestamp", v, v)
		}
		wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		b.Append(arrow.Timestamp(wall.UnixMicro()))
	case *array.BooleanBuilder:
		x, ok := v.(bool)
		if !ok {
			return fmt.Errorf("%v (%T) is not true/false", v, v)
		}
		b.Append(x)
	default:
		return fmt.Errorf("no writer for %T", b)
	}
	return nil
}
