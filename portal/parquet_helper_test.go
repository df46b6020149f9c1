package portal_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	pqfile "github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// readParquet reads a .parquet download whole, and the type of each column
// by name; the table is released when the test ends.
func readParquet(t *testing.T, body string) (arrow.Table, map[string]arrow.Type) {
	t.Helper()
	pr, err := pqfile.NewParquetReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatalf("parquet: %v", err)
	}
	t.Cleanup(func() { pr.Close() })
	fr, err := pqarrow.NewFileReader(pr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tbl.Release)
	types := map[string]arrow.Type{}
	for _, f := range tbl.Schema().Fields() {
		types[f.Name] = f.Type.ID()
	}
	return tbl, types
}
