package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestGenerateBusinessesCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "dn.csv")
	r := dpi(t, dir, "generate", "businesses", "--rows", "2000", "--quarter", "2025Q3", "--quarters", "2", "--untidy", "all", out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, f := range []string{"dn_2025Q2.csv", "dn_2025Q3.csv", "dn.csv.counts.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
		if f != "dn.csv.counts.json" && !strings.Contains(r.stdout, f) {
			t.Errorf("stdout does not name %s: %s", f, r.stdout)
		}
	}
	var counts struct {
		Seed     uint64 `json:"seed"`
		Untidy   string `json:"untidy"`
		Quarters []struct {
			Quarter     string `json:"quarter"`
			File        string `json:"file"`
			RowsWritten int    `json:"rows_written"`
		} `json:"quarters"`
	}
	b, err := os.ReadFile(out + ".counts.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &counts); err != nil {
		t.Fatal(err)
	}
	if counts.Seed != 1 || len(counts.Quarters) != 2 || counts.Quarters[1].File != "dn_2025Q3.csv" || counts.Quarters[1].RowsWritten < 1900 {
		t.Errorf("counts: %+v", counts)
	}
	if !strings.Contains(counts.Untidy, "title") || !strings.Contains(counts.Untidy, "zeros") {
		t.Errorf("untidy %q", counts.Untidy)
	}
	// Same seed: same bytes.
	again := filepath.Join(dir, "again.csv")
	if r := dpi(t, dir, "generate", "businesses", "--rows", "2000", "--quarter", "2025Q3", "--quarters", "2", "--untidy", "all", again); r.code != 0 {
		t.Fatal(r.stderr)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "dn_2025Q3.csv"))
	c, _ := os.ReadFile(filepath.Join(dir, "again_2025Q3.csv"))
	if !bytes.Equal(a, c) || len(a) == 0 {
		t.Error("same seed gave different files")
	}
	// xlsx, the new registrations of one quarter.
	x := filepath.Join(dir, "moi.xlsx")
	if r := dpi(t, dir, "generate", "businesses", "--rows", "2000", "--quarter", "2025Q4", "--kind", "new", "--seed", "3", "--format", "xlsx", x); r.code != 0 {
		t.Fatal(r.stderr)
	}
	f, err := excelize.OpenFile(x)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Danh sách")
	if err != nil || len(rows) < 20 || rows[0][0] != "STT" {
		t.Errorf("xlsx: %d rows, %v", len(rows), err)
	}
}

func TestGenerateBusinessesUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"generate", "businesses", "--quarter", "2025Q3", "x.csv"},                 // no --rows
		{"generate", "businesses", "--rows", "10", "x.csv"},                        // no --quarter
		{"generate", "businesses", "--rows", "10", "--quarter", "2025Q5", "x.csv"}, // bad quarter
		{"generate", "businesses", "--rows", "10", "--quarter", "2025Q3", "x.ods"}, // bad format
		{"generate", "businesses", "--rows", "10", "--quarter", "2025Q3", "--kind", "all", "x.csv"},
		{"generate", "businesses", "--rows", "10", "--quarter", "2025Q3", "--untidy", "messy", "x.csv"},
		{"generate", "businesses", "--rows", "10", "--quarter", "2025Q3", "--format", "xlsx", "x.csv"},
		{"generate", "businesses", "--rows", "10", "--quarter", "2025Q3"}, // no OUT
		{"generate"},
	} {
		r := dpi(t, dir, args...)
		if r.code != 2 || !strings.Contains(r.stderr, " / ") && !strings.Contains(r.stderr, "Usage") {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 with a reason", args, r.code, r.stderr)
		}
	}
}
