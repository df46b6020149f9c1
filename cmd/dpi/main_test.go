package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

const sharedData = "../../../shared/data"

var dpiBin string

// TestMain builds the real binary once: these tests check the contracts
// scripts rely on (exit codes, stdout, stderr), so they run the process.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dpi-bin-")
	if err != nil {
		panic(err)
	}
	dpiBin = filepath.Join(dir, "dpi")
	out, err := exec.Command("go", "build", "-o", dpiBin, ".").CombinedOutput()
	if err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

func dpi(t *testing.T, data string, args ...string) result {
	t.Helper()
	cmd := exec.Command(dpiBin, append([]string{"--data", data}, args...)...)
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{so.String(), se.String(), code}
}

func officialFiles(t *testing.T) []string {
	files, _ := filepath.Glob(filepath.Join(sharedData, "pci/vcci_raw_2005_2016/PCI_*.xls*"))
	if len(files) != 12 {
		t.Skipf("official workbooks not found under %s", sharedData)
	}
	sort.Strings(files)
	return files
}

// viewsDump is the content of every public view, to prove "unchanged".
func viewsDump(t *testing.T, data string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT * FROM pci_scores ORDER BY year, province_code",
		"SELECT * FROM pci_subindex_scores ORDER BY year, province_code, subindex",
		"SELECT * FROM pci_scores_history ORDER BY release_id, province_code",
		"SELECT * FROM ingest_log ORDER BY ingest_id",
		"SELECT count(*) FROM pci_indicator_values",
		"SELECT * FROM provinces ORDER BY generation, code",
	} {
		r := dpi(t, data, "sql", q)
		if r.code != 0 {
			t.Fatalf("%s: %s", q, r.stderr)
		}
		b.WriteString(r.stdout)
	}
	return b.String()
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func close6(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 5e-6*math.Max(math.Abs(a), math.Abs(b))
}

func TestIngestOfficialAndQueryViews(t *testing.T) {
	files := officialFiles(t)
	data := t.TempDir()
	r := dpi(t, data, append([]string{"ingest", "pci"}, files...)...)
	if r.code != 0 {
		t.Fatalf("ingest exit %d: %s", r.code, r.stderr)
	}
	// Every derived row reproduced through the public views, via `dpi sql`.
	r = dpi(t, data, "sql", "SELECT year, province_code, pci, rank, rank_source FROM pci_scores ORDER BY year, province_code")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	got := map[string][]string{}
	for _, rec := range readCSV(t, r.stdout)[1:] {
		got[rec[0]+"/"+rec[1]] = rec
	}
	r = dpi(t, data, "sql", "SELECT year, province_code, subindex, score FROM pci_subindex_scores")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	gotSubs := map[string]map[string]float64{}
	for _, rec := range readCSV(t, r.stdout)[1:] {
		key := rec[0] + "/" + rec[1]
		if gotSubs[key] == nil {
			gotSubs[key] = map[string]float64{}
		}
		gotSubs[key][rec[2]], _ = strconv.ParseFloat(rec[3], 64)
	}
	f, err := os.Open(filepath.Join(sharedData, "pci/derived_pci_province_year_2005_2016.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, _ := csv.NewReader(f).ReadAll()
	head := want[0]
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	if len(want)-1 != 738 || len(got) != 738 {
		t.Fatalf("rows: derived %d, pci_scores %d; want 738", len(want)-1, len(got))
	}
	for _, w := range want[1:] {
		key := w[col["year"]] + "/" + w[col["gso_code"]]
		g, ok := got[key]
		if !ok {
			t.Errorf("%s missing from pci_scores", key)
			continue
		}
		gp, _ := strconv.ParseFloat(g[2], 64)
		wp, _ := strconv.ParseFloat(w[col["pci_weighted"]], 64)
		if !close6(gp, wp) || g[3] != w[col["rank"]] {
			t.Errorf("%s: pci %s rank %s, want %s rank %s", key, g[2], g[3], w[col["pci_weighted"]], w[col["rank"]])
		}
		wantSrc := map[string]string{"file": "published", "computed_from_weighted_desc": "computed"}[w[col["rank_source"]]]
		if g[4] != wantSrc {
			t.Errorf("%s: rank_source %s, want %s", key, g[4], wantSrc)
		}
		subs := gotSubs[key]
		n := 0
		for _, k := range []string{"entry_costs", "land_access", "transparency", "time_costs", "informal_charges",
			"policy_implementation_2005", "soe_bias", "policy_bias", "proactivity", "business_support",
			"labor_training", "legal_institutions"} {
			if w[col[k]] == "" {
				continue
			}
			n++
			wv, _ := strconv.ParseFloat(w[col[k]], 64)
			if gv, ok := subs[k]; !ok || !close6(gv, wv) {
				t.Errorf("%s %s: %v, want %v", key, k, subs[k], wv)
			}
		}
		if n != len(subs) {
			t.Errorf("%s: %d sub-indices in view, %d in derived", key, len(subs), n)
		}
	}

	// The same file again: exit 0, nothing changes.
	before := viewsDump(t, data)
	r = dpi(t, data, "ingest", "pci", files[8])
	if r.code != 0 || !strings.Contains(r.stdout, "unchanged") {
		t.Fatalf("reload: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	if after := viewsDump(t, data); after != before {
		t.Fatal("loading the same file twice changed the views")
	}

	// Bad files: exit 1, a message naming file/sheet/row/reason, views unchanged.
	dir := t.TempDir()
	trunc := filepath.Join(dir, "PCI_2013_truncated.xlsx")
	full, _ := os.ReadFile(files[8])
	os.WriteFile(trunc, full[:len(full)/2], 0o644)
	renamed := filepath.Join(dir, "notes.xlsx")
	os.WriteFile(renamed, []byte("year,province\n2013,Lào Cai\n"), 0o644)
	unknown := filepath.Join(dir, "PCI_2013_unknown.xlsx")
	x, err := excelize.OpenFile(files[8])
	if err != nil {
		t.Fatal(err)
	}
	x.SetCellStr("Summary_VN", "B5", "Lao Kay")
	if err := x.SaveAs(unknown); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ file, want string }{
		{trunc, "PCI_2013_truncated.xlsx"},
		{renamed, "not a zip"},
		{unknown, `sheet "Summary_VN", row 5, column B`},
	} {
		r := dpi(t, data, "ingest", "pci", c.file)
		if r.code != 1 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 mentioning %q", filepath.Base(c.file), r.code, r.stderr, c.want)
		}
	}
	if r := dpi(t, data, "ingest", "pci", unknown); !strings.Contains(r.stderr, "Lào Cai") {
		t.Errorf("unknown province message should suggest Lào Cai: %s", r.stderr)
	}
	if after := viewsDump(t, data); after != before {
		t.Fatal("a rejected file changed the views")
	}

	// A corrected release replaces the year and keeps the old figures as history.
	corrected := filepath.Join(dir, "PCI_2013_corrected.xlsx")
	x, _ = excelize.OpenFile(files[8])
	x.SetCellFloat("Summary_VN", "W2", 66.5, -1, 64) // Đà Nẵng's composite, was 66.45338
	if err := x.SaveAs(corrected); err != nil {
		t.Fatal(err)
	}
	r = dpi(t, data, "ingest", "pci", corrected)
	if r.code != 0 || !strings.Contains(r.stdout, "replaced") {
		t.Fatalf("corrected: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = dpi(t, data, "sql", "SELECT pci FROM pci_scores WHERE year = 2013 AND province_code = '48'")
	if strings.TrimSpace(r.stdout) != "pci\n66.5" {
		t.Errorf("corrected value: %q", r.stdout)
	}
	r = dpi(t, data, "sql", "SELECT is_current, round(pci, 5) FROM pci_scores_history WHERE year = 2013 AND province_code = '48' ORDER BY release_id")
	if strings.TrimSpace(r.stdout) != "is_current,\"round(pci, 5)\"\nfalse,66.45338\ntrue,66.5" {
		t.Errorf("history: %q", r.stdout)
	}
	if _, err := os.Stat(filepath.Join(data, "logs", "ingest.jsonl")); err != nil {
		t.Error("no audit log:", err)
	}
	originals, _ := filepath.Glob(filepath.Join(data, "originals", "*"))
	if len(originals) != 13 {
		t.Errorf("%d originals kept, want 13 (12 official + 1 corrected)", len(originals))
	}
}

func TestSQLIsSandboxed(t *testing.T) {
	data := t.TempDir()
	if r := dpi(t, data, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	secret := filepath.Join(t.TempDir(), "secret.csv")
	os.WriteFile(secret, []byte("a\n1\n"), 0o644)
	for _, q := range []string{
		"SELECT * FROM read_csv('/etc/passwd')",
		"SELECT * FROM read_csv('" + secret + "')",
		"COPY (SELECT 1) TO '" + filepath.Join(data, "out.csv") + "'",
		"CREATE TABLE t (i INTEGER)",
		"INSERT INTO ingest_log SELECT * FROM ingest_log",
		"DELETE FROM pci_release_scores",
		"ATTACH '" + filepath.Join(data, "other.duckdb") + "' AS o",
		"INSTALL httpfs",
		"LOAD httpfs",
		"SET enable_external_access = true",
	} {
		r := dpi(t, data, "sql", q)
		if r.code == 0 {
			t.Errorf("%s: succeeded, want refusal (%q)", q, r.stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "out.csv")); err == nil {
		t.Error("COPY wrote a file")
	}
	r := dpi(t, data, "sql", "--format", "json", "SELECT count(*) AS n FROM pci_scores")
	if r.code != 0 || !strings.Contains(r.stdout, `"n":189`) {
		t.Errorf("json: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

func TestDemoIsIdempotentAndUsageExits2(t *testing.T) {
	data := t.TempDir()
	if r := dpi(t, data, "demo"); r.code != 0 || !strings.Contains(r.stdout, "loaded") {
		t.Fatal(r)
	}
	before := viewsDump(t, data)
	if r := dpi(t, data, "demo"); r.code != 0 || !strings.Contains(r.stdout, "unchanged") {
		t.Fatal(r)
	}
	if viewsDump(t, data) != before {
		t.Fatal("second demo changed the views")
	}
	r := dpi(t, data, "sql", "SELECT count(*) FROM pci_scores WHERE is_sample")
	if strings.TrimSpace(r.stdout) != "count_star()\n189" {
		t.Errorf("sample rows: %q", r.stdout)
	}
	for _, args := range [][]string{{"ingest", "pci"}, {"sql"}, {"sql", "--format", "xml", "SELECT 1"}, {"ingest", "pci", "--nope", "x"}} {
		if r := dpi(t, data, args...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2", args, r.code)
		}
	}
}

// TestServeShowsSampleAndHoldsTheFile runs `dpi serve` as `make run` does and
// checks that a second process is told plainly that the warehouse is busy.
func TestServeShowsSampleAndHoldsTheFile(t *testing.T) {
	data := t.TempDir()
	if r := dpi(t, data, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	srv := exec.Command(dpiBin, "--data", data, "serve", "--addr", addr)
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Process.Signal(os.Interrupt); srv.Wait() }()
	var body string
	for i := 0; i < 100; i++ {
		resp, err := http.Get("http://" + addr + "/pci/ranking?year=2018")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body = string(b)
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(body, "Dữ liệu mẫu") || !strings.Contains(body, "Lào Cai") {
		t.Errorf("ranking page lacks the sample banner or provinces: %.300s", body)
	}
	r := dpi(t, data, "sql", "SELECT 1")
	if r.code != 1 || !strings.Contains(r.stderr, "another process") {
		t.Errorf("sql while serving: exit %d, %q", r.code, r.stderr)
	}
}
