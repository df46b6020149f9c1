package portal_test

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// A table view's .parquet: the table shown, typed (codes as text, scores as
// doubles, ranks as integers), one row per row of the page's table; every
// view's download links offer it.
func TestRankingParquet(t *testing.T) {
	srv, _ := newServer(t)
	page := get(t, srv, "/pci/ranking?year=2016")
	if !strings.Contains(page.Body, `href="/pci/ranking.parquet?year=2016"`) {
		t.Fatal("the ranking page does not link its .parquet download")
	}
	csv := get(t, srv, "/pci/ranking.csv?year=2016")
	r := get(t, srv, "/pci/ranking.parquet?year=2016")
	if r.Status != 200 || r.Header.Get("Content-Type") != "application/vnd.apache.parquet" {
		t.Fatalf("parquet: %d %v", r.Status, r.Header)
	}
	tbl, types := readParquet(t, r.Body)
	// The csv has a header line and one line per row (no field spans lines).
	if want := int64(strings.Count(strings.TrimSpace(csv.Body), "\n")); tbl.NumRows() != want || want == 0 {
		t.Errorf("parquet %d rows, csv %d", tbl.NumRows(), want)
	}
	if types["province_code"] != arrow.STRING || types["pci"] != arrow.FLOAT64 || types["rank"] != arrow.INT64 {
		t.Errorf("parquet types %v", types)
	}
	codes := tbl.Column(tbl.Schema().FieldIndices("province_code")[0]).Data().Chunk(0).(*array.String)
	found := false
	for i := 0; i < codes.Len(); i++ {
		found = found || codes.Value(i) == "01" // Hà Nội: the leading zero kept
	}
	if !found {
		t.Error("no province code 01 in the parquet")
	}
}
