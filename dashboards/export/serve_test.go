package export

import (
	"bytes"
	"context"
	"crypto/tls"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/gin-gonic/gin"
)

func openDuckDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "?threads=2")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func TestFromRowsMapsDuckDBTypes(t *testing.T) {
	db := openDuckDB(t)
	rows, err := db.Query(`SELECT '01' AS province_code, 'Hà Nội' AS name, 2016::INTEGER AS year, 1234567890123::BIGINT AS capital_vnd,
		62.3456::DOUBLE AS score, 1.25::DECIMAL(10,3) AS amount, DATE '2024-03-31' AS registered_on,
		TIMESTAMP '2024-03-31 10:20:30' AS loaded_at, TIMESTAMPTZ '2024-03-31 03:00:00+00' AS changed_at,
		true AS active, (170141183460469231731687303715884105727::HUGEINT) AS huge, 7::HUGEINT AS small_huge,
		NULL::VARCHAR AS nothing, '2025Q3' AS quarter`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	src, err := FromRows(rows, []Column{{Key: "name", LabelVI: "Tên", LabelEN: "Name", Type: Text}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, src, Meta{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Rows [][]any `json:"rows"`
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	types := map[string]string{}
	for _, c := range src.Columns() {
		types[c.Key] = c.Type.String()
	}
	want := map[string]string{"province_code": "code", "name": "text", "year": "integer", "capital_vnd": "integer", "score": "number",
		"amount": "number", "registered_on": "date", "loaded_at": "datetime", "changed_at": "datetime", "active": "bool",
		"huge": "integer", "small_huge": "integer", "nothing": "text", "quarter": "code"}
	for k, v := range want {
		if types[k] != v {
			t.Errorf("%s: %s, want %s", k, types[k], v)
		}
	}
	if c := src.Columns()[5]; c.Decimals != 3 {
		t.Errorf("DECIMAL(10,3) shows %d decimals", c.Decimals)
	}
	if c := src.Columns()[2]; !c.NoGrouping {
		t.Errorf("year is grouped")
	}
	if c := src.Columns()[1]; c.LabelVI != "Tên" {
		t.Errorf("spec label ignored: %+v", c)
	}
	r := doc.Rows[0]
	got := []any{r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13]}
	wantVals := []any{"01", json.Number("2016"), json.Number("1234567890123"), json.Number("62.3456"), json.Number("1.25"),
		"2024-03-31", "2024-03-31T10:20:30", "2024-03-31T10:00:00+07:00", true,
		"170141183460469231731687303715884105727", json.Number("7"), nil, "2025Q3"}
	for i := range got {
		if got[i] != wantVals[i] {
			t.Errorf("value %d: %#v, want %#v", i, got[i], wantVals[i])
		}
	}
}

// A DuckDB query larger than the reader's batches, through every format.
func TestFromRowsStreamsEveryFormat(t *testing.T) {
	db := openDuckDB(t)
	for _, format := range Formats {
		rows, err := db.Query(`SELECT i AS id, lpad(i::VARCHAR, 10, '0') AS tax_code, 'Tên ' || i AS name, i / 3.0 AS score,
			DATE '2020-01-01' + (i % 1000)::INTEGER AS day FROM range(5000) t(i)`)
		if err != nil {
			t.Fatal(err)
		}
		src, err := FromRows(rows, []Column{{Key: "tax_code", Type: Code}})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		err = Write(&buf, format, src, Meta{TitleVI: "5000 dòng"})
		rows.Close()
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if format == "csv" {
			lines := strings.Split(buf.String(), "\r\n")
			if len(lines) != 5002 || lines[4999] != `4998,"0000004998",Tên 4998,1666.0,2022-09-25` && lines[4999] != `4998,"0000004998",Tên 4998,1666,2022-09-25` {
				t.Errorf("csv: %d lines, line 4999 %q", len(lines), lines[4999])
			}
		}
	}
}

// A writer whose destination fails stops reading the source and returns
// the error; the reading goroutine has stopped when it returns.
func TestWriterErrorStopsTheReader(t *testing.T) {
	for _, format := range Formats {
		// xlsx writes the file only at the end: a source it can finish.
		src := &failingSource{n: 1 << 30}
		if format == "xlsx" {
			src.n, src.clean = 20000, true
		}
		err := Write(&failAfter{n: 100 << 10}, format, src, Meta{})
		if err == nil || !strings.Contains(err.Error(), "client went away") {
			t.Errorf("%s: err = %v, want the destination's error", format, err)
		}
		reads := src.reads
		time.Sleep(20 * time.Millisecond)
		if src.reads != reads {
			t.Errorf("%s: the source was read after the writer returned", format)
		}
		if format != "xlsx" && reads > 200000 { // Parquet fills a row group (122,880 rows) first
			t.Errorf("%s: %d rows read after the destination failed", format, reads)
		}
	}
}

type failAfter struct{ n int }

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, errors.New("client went away")
	}
	return len(p), nil
}

// serveHandler serves the test table, or a source that fails after rows.
func serveHandler(format string, failAfterRows int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var src Source = testSource()
		if failAfterRows >= 0 {
			src = &failingSource{n: failAfterRows}
		}
		Serve(w, r, format, "pci_so_sánh", src, testMeta)
	}
}

func ginHandler(format string, failAfterRows int, recovery gin.HandlerFunc) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(recovery)
	h := serveHandler(format, failAfterRows)
	r.GET("/x", func(c *gin.Context) { h(c.Writer, c.Request) })
	return r
}

// portalStyleRecovery is a gin recovery like the portal's: gin's own
// wrapper with a handler that answers 500.
func portalStyleRecovery() gin.HandlerFunc {
	return gin.CustomRecoveryWithWriter(io.Discard, func(c *gin.Context, rec any) {
		c.AbortWithStatus(http.StatusInternalServerError)
	})
}

func TestServeSendsTheFile(t *testing.T) {
	srv := httptest.NewServer(serveHandler("csv", -1))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d, err %v", resp.StatusCode, err)
	}
	var want bytes.Buffer
	WriteCSV(&want, testSource(), CSVOptions{})
	if !bytes.Equal(body, want.Bytes()) {
		t.Errorf("body differs from WriteCSV")
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="pci_so_sanh.csv"; filename*=UTF-8''pci_so_s%C3%A1nh.csv` {
		t.Errorf("Content-Disposition %q", cd)
	}
}

func TestServeFailureBeforeAnyRowIs500(t *testing.T) {
	for _, format := range Formats {
		srv := httptest.NewServer(ginHandler(format, 0, gin.RecoveryWithWriter(io.Discard)))
		resp, err := http.Get(srv.URL + "/x")
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		srv.Close()
		if resp.StatusCode != 500 || err != nil || resp.Header.Get("Content-Disposition") != "" {
			t.Errorf("%s: status %d, err %v, disposition %q, body %q", format, resp.StatusCode, err, resp.Header.Get("Content-Disposition"), body)
		}
	}
}

// The point of Serve: a failure after the response began is a failed
// transfer for the client, never a 200 with a short file, whether the
// handler runs under plain net/http or gin (whose Recovery middleware
// recovers http.ErrAbortHandler).
func TestServeMidStreamFailureBreaksTheTransfer(t *testing.T) {
	handlers := map[string]func(format string) http.Handler{
		"net/http": func(format string) http.Handler { return serveHandler(format, 200000) },
		"gin.Recovery": func(format string) http.Handler {
			return ginHandler(format, 200000, gin.RecoveryWithWriter(io.Discard))
		},
		"gin custom recovery": func(format string) http.Handler {
			return ginHandler(format, 200000, portalStyleRecovery())
		},
	}
	for name, h := range handlers {
		for _, format := range Formats {
			srv := httptest.NewServer(h(format))
			resp, err := http.Get(srv.URL + "/x")
			if err != nil {
				srv.Close()
				t.Errorf("%s %s: %v (the request itself failed: acceptable only before headers)", name, format, err)
				continue
			}
			n, err := io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			srv.Close()
			if resp.StatusCode != 200 {
				t.Errorf("%s %s: status %d, want 200 then a broken body", name, format, resp.StatusCode)
			}
			if err == nil {
				t.Errorf("%s %s: the client read %d bytes and a clean end: a truncated file looks complete", name, format, n)
			}
		}
	}
}

// HTTP/2 has no hijacking: Serve's panic(http.ErrAbortHandler) makes
// net/http reset the stream.
func TestServeMidStreamFailureHTTP2(t *testing.T) {
	srv := httptest.NewUnstartedServer(serveHandler("csv", 200000))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	client := srv.Client()
	client.Transport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true, NextProtos: []string{"h2"}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.ProtoMajor != 2 {
		t.Fatalf("protocol %s, want HTTP/2", resp.Proto)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err == nil {
		t.Errorf("HTTP/2: the truncated file ended cleanly")
	}
}

func TestContentDisposition(t *testing.T) {
	for in, want := range map[string]string{
		"pci.xlsx":             `attachment; filename="pci.xlsx"`,
		"Đăng ký 2025Q3.ods":   `attachment; filename="Dang_ky_2025Q3.ods"; filename*=UTF-8''%C4%90%C4%83ng%20k%C3%BD%202025Q3.ods`,
		`a"b;c.csv`:            `attachment; filename="a_b_c.csv"; filename*=UTF-8''a%22b%3Bc.csv`,
		"Hòa Bình (2024).xlsx": `attachment; filename="Hoa_Binh_(2024).xlsx"; filename*=UTF-8''H%C3%B2a%20B%C3%ACnh%20%282024%29.xlsx`,
	} {
		if got := ContentDisposition("attachment", in); got != want {
			t.Errorf("%q:\n got %s\nwant %s", in, got, want)
		}
	}
}

// WriteQuery (Arrow record batches when built with duckdb_arrow) writes
// exactly what FromRows over database/sql writes, type for type.
func TestWriteQueryEqualsFromRows(t *testing.T) {
	db := openDuckDB(t)
	const q = `SELECT '01' AS province_code, i AS id, 'Tên "' || i || '", =x' AS name, i::INTEGER AS year, (i * 1000003)::BIGINT AS capital_vnd,
		i / 7.0 AS score, (i / 8)::DECIMAL(10,3) AS amount, DATE '2024-03-31' + i::INTEGER AS registered_on,
		TIMESTAMP '2024-03-31 10:20:30' + INTERVAL (i) SECOND AS loaded_at, TIMESTAMPTZ '2024-03-31 03:00:00+00' AS changed_at,
		i % 2 = 0 AS active, (i::HUGEINT * 1000000000000) AS huge, CASE WHEN i % 3 = 0 THEN NULL ELSE 'x' END AS maybe,
		CAST(CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END AS ENUM('a', 'b')) AS kind, (i % 200)::UTINYINT AS small, i::FLOAT / 4 AS f32
		FROM range(3000) t(i) WHERE ? < 1`
	spec := []Column{{Key: "name", LabelVI: "Tên", Type: Text}}
	for _, format := range []string{"csv", "json"} {
		var viaQuery, viaRows bytes.Buffer
		if err := WriteQuery(context.Background(), &viaQuery, db, format, spec, testMeta, q, 0); err != nil {
			t.Fatalf("WriteQuery (arrow %v): %v", ArrowEnabled, err)
		}
		rows, err := db.Query(q, 0)
		if err != nil {
			t.Fatal(err)
		}
		src, err := FromRows(rows, spec)
		if err != nil {
			t.Fatal(err)
		}
		if err := Write(&viaRows, format, src, testMeta); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if !bytes.Equal(viaQuery.Bytes(), viaRows.Bytes()) {
			a, b := strings.Split(viaQuery.String(), "\n"), strings.Split(viaRows.String(), "\n")
			for i := range min(len(a), len(b)) {
				if a[i] != b[i] {
					t.Fatalf("%s (arrow %v) line %d differs:\nquery %s\nrows  %s", format, ArrowEnabled, i, a[i], b[i])
				}
			}
			t.Fatalf("%s: %d lines against %d", format, len(a), len(b))
		}
	}
	// A destination that fails stops the export with its error.
	if err := WriteQuery(context.Background(), &failAfter{n: 64 << 10}, db, "csv", nil, Meta{}, `SELECT i, 'x' || i FROM range(300000) t(i)`); err == nil ||
		!strings.Contains(err.Error(), "client went away") {
		t.Errorf("failing destination: %v", err)
	}
	// A failing query is an error, before anything is written.
	var buf bytes.Buffer
	if err := WriteQuery(context.Background(), &buf, db, "csv", nil, Meta{}, `SELECT nope FROM range(3)`); err == nil || buf.Len() != 0 {
		t.Errorf("bad query: err %v, %d bytes written", err, buf.Len())
	}
	// ServeQuery: 200 and the file, or 500 for a bad query.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query := q
		if r.URL.Query().Get("bad") != "" {
			query = `SELECT nope FROM range(3)`
		}
		ServeQuery(w, r, db, "csv", "q", spec, testMeta, query, 0)
	}))
	defer srv.Close()
	for path, status := range map[string]int{"/": 200, "/?bad=1": 500} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != status || err != nil || status == 200 && bytes.Count(body, []byte("\r\n")) != 3001 {
			t.Errorf("%s: status %d, %d bytes, %v", path, resp.StatusCode, len(body), err)
		}
	}
}

// http2Get fetches url over HTTP/2 and reads the whole body.
func http2Get(t *testing.T, srv *httptest.Server) (int, error) {
	t.Helper()
	client := srv.Client()
	client.Transport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true, NextProtos: []string{"h2"}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/x", nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.ProtoMajor != 2 {
		t.Fatalf("protocol %s, want HTTP/2", resp.Proto)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

// Over HTTP/2 there is no connection to cut: only the panic resets the
// stream, and gin's Recovery swallows it. A recovery middleware that
// re-panics http.ErrAbortHandler (what the portal's should do) keeps the
// failure a failure.
func TestServeUnderGinOverHTTP2(t *testing.T) {
	abortAware := func(c *gin.Context) {
		defer func() {
			if rec := recover(); rec != nil {
				if rec == http.ErrAbortHandler {
					panic(rec) // net/http resets the stream
				}
				c.AbortWithStatus(http.StatusInternalServerError)
			}
		}()
		c.Next()
	}
	srv := httptest.NewUnstartedServer(ginHandler("csv", 200000, abortAware))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	if status, err := http2Get(t, srv); status != 200 || err == nil {
		t.Errorf("gin with a recovery that re-panics http.ErrAbortHandler, HTTP/2: status %d, body error %v; want a reset stream", status, err)
	}

	srv2 := httptest.NewUnstartedServer(ginHandler("csv", 200000, gin.RecoveryWithWriter(io.Discard)))
	srv2.EnableHTTP2 = true
	srv2.StartTLS()
	defer srv2.Close()
	_, err := http2Get(t, srv2)
	t.Logf("gin.Recovery over HTTP/2 (the documented hazard): body error %v", err)
}
