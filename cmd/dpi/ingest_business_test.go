package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

type genQuarter struct {
	Quarter         string         `json:"quarter"`
	File            string         `json:"file"`
	RowsWritten     int            `json:"rows_written"`
	ByStatus        map[string]int `json:"by_status"`
	ByLegalForm     map[string]int `json:"by_legal_form"`
	ByCommune2025   map[string]int `json:"by_commune_2025"`
	ByVSICSection   map[string]int `json:"by_vsic_section"`
	NewRegistration int            `json:"new_registrations"`
	Dissolved       int            `json:"dissolved"`
	Suspended       int            `json:"suspended"`
	Resumed         int            `json:"resumed"`
}

func readCounts(t *testing.T, path string) []genQuarter {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Quarters []genQuarter `json:"quarters"`
	}
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c.Quarters
}

// sqlMap runs a two-column query (key, count) through `dpi sql`.
func sqlMap(t *testing.T, data, q string) map[string]int {
	t.Helper()
	r := dpi(t, data, "sql", q)
	if r.code != 0 {
		t.Fatalf("%s: %s", q, r.stderr)
	}
	m := map[string]int{}
	for _, rec := range readCSV(t, r.stdout)[1:] {
		n, _ := strconv.Atoi(rec[1])
		m[rec[0]] = n
	}
	return m
}

func businessDump(t *testing.T, data string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT * FROM enterprise_snapshots ORDER BY quarter, tax_code",
		"SELECT * FROM enterprises ORDER BY tax_code",
		"SELECT * FROM business_events ORDER BY quarter, tax_code, event",
		"SELECT * FROM business_quarterly ORDER BY ALL",
		"SELECT * FROM ingest_log ORDER BY ingest_id",
	} {
		r := dpi(t, data, "sql", q)
		if r.code != 0 {
			t.Fatalf("%s: %s", q, r.stderr)
		}
		b.WriteString(r.stdout)
	}
	return b.String()
}

// The generator's files, untidy as the office's, load through the binary;
// the warehouse's counts equal the generator's own; events follow from
// consecutive snapshots; reloading changes nothing; bad files change nothing.
func TestIngestGeneratedRegister(t *testing.T) {
	data := t.TempDir()
	dir := t.TempDir()
	out := filepath.Join(dir, "so_dang_ky.xlsx")
	if r := dpi(t, data, "generate", "businesses", "--rows", "3000", "--quarter", "2025Q3", "--quarters", "3",
		"--untidy", "all", "--format", "xlsx", "--seed", "7", out); r.code != 0 {
		t.Fatalf("generate: %s", r.stderr)
	}
	counts := readCounts(t, out+".counts.json")
	var files []string
	for _, q := range counts {
		files = append(files, filepath.Join(dir, q.File))
	}
	r := dpi(t, data, append([]string{"ingest", "businesses"}, files...)...)
	if r.code != 0 {
		t.Fatalf("ingest exit %d:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, q := range counts {
		if !strings.Contains(r.stdout, q.File+"\tloaded\tquarter="+q.Quarter) {
			t.Errorf("quarter not read from the title for %s:\n%s", q.File, r.stdout)
		}
	}
	for i, q := range counts {
		where := " FROM enterprise_snapshots WHERE quarter = '" + q.Quarter + "' GROUP BY 1"
		checks := []struct {
			what string
			want map[string]int
			got  map[string]int
		}{
			{"status", q.ByStatus, sqlMap(t, data, "SELECT status, count(*)"+where)},
			{"legal form", q.ByLegalForm, sqlMap(t, data, "SELECT legal_form, count(*)"+where)},
			{"2025 commune", q.ByCommune2025, sqlMap(t, data, "SELECT commune_code_2025, count(*)"+where)},
			{"VSIC section", q.ByVSICSection, sqlMap(t, data, "SELECT vsic_section, count(*)"+where)},
		}
		total := 0
		for _, n := range checks[0].got {
			total += n
		}
		if total != q.RowsWritten {
			t.Errorf("%s: %d rows in the warehouse, generator wrote %d", q.Quarter, total, q.RowsWritten)
		}
		for _, c := range checks {
			if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
				t.Errorf("%s by %s: warehouse %v, generator %v", q.Quarter, c.what, c.got, c.want)
			}
		}
		// Events between consecutive snapshots, and registrations by date.
		ev := sqlMap(t, data, "SELECT event, count(*) FROM business_events WHERE quarter = '"+q.Quarter+"' GROUP BY 1")
		if ev["registered"] != q.NewRegistration {
			t.Errorf("%s registered: %d, generator %d", q.Quarter, ev["registered"], q.NewRegistration)
		}
		if i > 0 { // the first snapshot has no predecessor to compare with
			for name, want := range map[string]int{"dissolved": q.Dissolved, "suspended": q.Suspended, "resumed": q.Resumed} {
				if ev[name] != want {
					t.Errorf("%s %s: %d events, generator %d", q.Quarter, name, ev[name], want)
				}
			}
		}
		bq := sqlMap(t, data, "SELECT quarter, sum(new_count) FROM business_quarterly WHERE quarter = '"+q.Quarter+"' GROUP BY 1")
		if bq[q.Quarter] != q.NewRegistration {
			t.Errorf("%s business_quarterly new_count %d, generator %d", q.Quarter, bq[q.Quarter], q.NewRegistration)
		}
	}
	// Personal data stays out of every public view.
	cols := dpi(t, data, "sql", "SELECT table_name, column_name FROM information_schema.columns WHERE column_name IN ('representative','phone','email') AND table_name IN (SELECT view_name FROM duckdb_views() WHERE NOT internal)")
	if cols.code != 0 || len(readCSV(t, cols.stdout)) != 1 {
		t.Errorf("personal columns in public views: %s %s", cols.stdout, cols.stderr)
	}

	before := businessDump(t, data)
	// The same files again: exit 0, nothing changes.
	r = dpi(t, data, append([]string{"ingest", "businesses"}, files...)...)
	if r.code != 0 || strings.Count(r.stdout, "\tunchanged\t") != len(files) {
		t.Fatalf("reload: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if businessDump(t, data) != before {
		t.Error("reloading the same files changed the views")
	}

	// Bad files: exit 1, message names row and column, views unchanged.
	header := "STT,Mã số doanh nghiệp,Tên doanh nghiệp,Loại hình doanh nghiệp,Ngày thành lập,Phường/Xã,Tỉnh/Thành phố,Ngành nghề kinh doanh chính,Tình trạng hoạt động\n"
	good := "1,5300000001,Công ty TNHH A,Công ty TNHH một thành viên,01/02/2020,Phường Cốc Lếu,Lào Cai,4933,Đang hoạt động\n"
	for name, c := range map[string]struct{ body, want string }{
		"dup_2025Q3.csv":   {good + "2,5300000001,Công ty TNHH B,Công ty cổ phần,01/02/2021,Phường Cốc Lếu,Lào Cai,4933,Đang hoạt động\n", "row 3, column B"},
		"date_2025Q3.csv":  {good + "2,5300000002,Công ty TNHH B,Công ty cổ phần,30/02/2021,Phường Cốc Lếu,Lào Cai,4933,Đang hoạt động\n", "row 3, column E"},
		"vsic_2025Q3.csv":  {good + "2,5300000003,Công ty TNHH B,Công ty cổ phần,01/02/2021,Phường Cốc Lếu,Lào Cai,0400,Đang hoạt động\n", "row 3, column H"},
		"empty_2025Q3.csv": {"", "no enterprise-list header"},
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(header[:0]+strings.Repeat(header, min(1, len(c.body)))+c.body), 0o644); err != nil {
			t.Fatal(err)
		}
		r := dpi(t, data, "ingest", "businesses", "--quarter", "2025Q2", path)
		if r.code != 1 || !strings.Contains(r.stderr, name) || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, stderr:\n%s", name, r.code, r.stderr)
		}
	}
	if businessDump(t, data) != before {
		t.Error("rejected files changed the views")
	}
	// Usage: a bad quarter is exit 2.
	if r := dpi(t, data, "ingest", "businesses", "--quarter", "2025Q5", files[0]); r.code != 2 {
		t.Errorf("bad --quarter: exit %d", r.code)
	}
}
