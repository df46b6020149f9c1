package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

func TestCSVForExcel(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, testSource(), CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFF") {
		t.Fatalf("no BOM: %q", out[:10])
	}
	lines := strings.SplitAfter(out, "\r\n")
	wantLines := []string{
		"\uFEFFMã tỉnh,Mã số thuế,Tên,Năm,Vốn điều lệ (đồng),Điểm,Tỷ lệ,Ngày đăng ký,Đang hoạt động,Thời điểm nạp\r\n",
		`"01","0100109106",Hà Nội,2016,1234567890123,62.3456,0.9942857027053833,2024-03-31,true,2024-03-31 10:20:30` + "\r\n",
		`"10","5300123456-001",'=cmd|' /C calc'!A0,2017,0,-1.5,0.0000001,1999-12-01,false,2025-01-02 03:04:05` + "\r\n",
		`"79","0312345678","Công ty ""Sao Mai"", chi nhánh` + "\nLào Cai\",2018,,,123456.789,,,\r\n",
		`"15","5300000000",  hai  khoảng trắng ,2019,-42,100,-0.5,2000-02-29,true,2026-11-27 23:59:59` + "\r\n",
		`"02","0000000001",'-5 và +3 @x,2020,5,7.125,2,2025-07-01,false,2025-07-01` + "\r\n",
		"",
	}
	if len(lines) != len(wantLines) {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	for i := range lines {
		if lines[i] != wantLines[i] {
			t.Errorf("line %d\n got %q\nwant %q", i, lines[i], wantLines[i])
		}
	}
	// RFC 4180: encoding/csv reads it back field for field.
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF")))
	recs, err := r.ReadAll()
	if err != nil || len(recs) != 6 || recs[3][2] != "Công ty \"Sao Mai\", chi nhánh\nLào Cai" {
		t.Errorf("encoding/csv read back %v, %v", recs, err)
	}

	// Plain UTF-8, English headers; every formula start is neutralised,
	// numbers never are.
	buf.Reset()
	cols := []Column{{Key: "s", LabelEN: "Text"}, {Key: "n", Type: Number, LabelEN: "Value"}}
	rows := [][]any{{"=1+1", -1.5}, {"+1", -0.25}, {"-x", int64(-3)}, {"@SUM(A1)", 0.0}, {"\tx", nil}, {"\rx", nil}, {"\nx", nil}, {"a=b", 1e21}}
	if err := WriteCSV(&buf, SliceSource(cols, rows), CSVOptions{NoBOM: true, Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	want := "Text,Value\r\n'=1+1,-1.5\r\n'+1,-0.25\r\n'-x,-3\r\n'@SUM(A1),0\r\n'\tx,\r\n\"'\rx\",\r\n\"'\nx\",\r\na=b,1000000000000000000000\r\n"
	if buf.String() != want {
		t.Errorf("got %q\nwant %q", buf.String(), want)
	}
}

func TestJSONReadBack(t *testing.T) {
	var buf bytes.Buffer
	meta := testMeta
	meta.Chart = &ChartSpec{Kind: "bar", Category: "name", Series: []string{"score"}}
	if err := WriteJSON(&buf, testSource(), meta); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Meta     map[string]any   `json:"meta"`
		Columns  []map[string]any `json:"columns"`
		Rows     [][]any          `json:"rows"`
		RowCount int              `json:"row_count"`
		Complete bool             `json:"complete"`
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, buf.String())
	}
	if !doc.Complete || doc.RowCount != 5 || len(doc.Rows) != 5 {
		t.Errorf("complete %v, row_count %d, %d rows", doc.Complete, doc.RowCount, len(doc.Rows))
	}
	if doc.Meta["generated_at"] != "2026-11-27T11:05:06+07:00" || doc.Meta["is_sample"] != true || doc.Meta["title_vi"] != testMeta.TitleVI {
		t.Errorf("meta %v", doc.Meta)
	}
	if doc.Columns[1]["type"] != "code" || doc.Columns[5]["decimals"] != json.Number("2") {
		t.Errorf("columns %v", doc.Columns)
	}
	r := doc.Rows[0]
	if r[0] != "01" || r[3] != json.Number("2016") || r[4] != json.Number("1234567890123") || r[6] != json.Number("0.9942857027053833") ||
		r[7] != "2024-03-31" || r[8] != true || r[9] != "2024-03-31T10:20:30" {
		t.Errorf("row 1 %v", r)
	}
	if doc.Rows[1][2] != "=cmd|' /C calc'!A0" || doc.Rows[2][4] != nil {
		t.Errorf("row 2/3 %v %v", doc.Rows[1], doc.Rows[2])
	}
	// HTML-significant characters are escaped like encoding/json does.
	buf.Reset()
	if err := WriteJSON(&buf, SliceSource([]Column{{Key: "s"}}, [][]any{{"</script><script>alert(1)</script>&\u2028"}}), Meta{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<") || !strings.Contains(buf.String(), `\u003c/script\u003e`) || !strings.Contains(buf.String(), `\u2028`) {
		t.Errorf("not escaped: %s", buf.String())
	}
}

func TestParquetReadBack(t *testing.T) {
	path := writeFile(t, t.TempDir(), "parquet", testSource(), testMeta)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pr, err := file.NewParquetReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	kv := pr.MetaData().KeyValueMetadata()
	var meta map[string]any
	if err := json.Unmarshal([]byte(*kv.FindValue(ParquetMetaKey)), &meta); err != nil || meta["source"] != testMeta.Source {
		t.Errorf("dpi.meta %v (%v)", meta, err)
	}
	if v := kv.FindValue(ParquetRowCountKey); v == nil || *v != "5" {
		t.Errorf("row count metadata %v", v)
	}
	fr, err := pqarrow.NewFileReader(pr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	if tbl.NumRows() != 5 {
		t.Fatalf("%d rows", tbl.NumRows())
	}
	wantTypes := []arrow.Type{arrow.STRING, arrow.STRING, arrow.STRING, arrow.INT64, arrow.INT64, arrow.FLOAT64, arrow.FLOAT64, arrow.DATE32, arrow.BOOL, arrow.TIMESTAMP}
	for i, ty := range wantTypes {
		fld := tbl.Schema().Field(i)
		if fld.Type.ID() != ty || fld.Name != testCols[i].Key {
			t.Errorf("field %d: %s %s, want %s %s", i, fld.Name, fld.Type, testCols[i].Key, ty)
		}
		if lbl, ok := fld.Metadata.GetValue("label_vi"); !ok || lbl != testCols[i].LabelVI {
			t.Errorf("field %s label %q", fld.Name, lbl)
		}
	}
	col := func(i int) arrow.Array { return tbl.Column(i).Data().Chunk(0) }
	if v := col(1).(*array.String).Value(4); v != "0000000001" {
		t.Errorf("tax code %q", v)
	}
	if v := col(4).(*array.Int64).Value(0); v != 1234567890123 {
		t.Errorf("capital %d", v)
	}
	if !col(4).IsNull(2) || !col(5).IsNull(2) {
		t.Errorf("NULLs lost")
	}
	if v := col(6).(*array.Float64).Value(0); v != 0.9942857027053833 {
		t.Errorf("ratio %v", v)
	}
	if v := col(7).(*array.Date32).Value(0).ToTime(); !v.Equal(day(2024, 3, 31)) {
		t.Errorf("date %v", v)
	}
	if v := col(9).(*array.Timestamp).Value(0).ToTime(arrow.Microsecond); !v.Equal(time.Date(2024, 3, 31, 10, 20, 30, 0, time.UTC)) {
		t.Errorf("timestamp %v", v)
	}
}
