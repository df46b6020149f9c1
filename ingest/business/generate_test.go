package business

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// genFiles generates into a temporary folder and returns the counts and
// the files by quarter.
func genFiles(t *testing.T, opt GenOptions, format string) (GenCounts, map[string]string) {
	t.Helper()
	opt.Ref = mustRef(t)
	out := filepath.Join(t.TempDir(), "dn."+format)
	counts, err := GenerateFiles(opt, format, out)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, q := range counts.Quarters {
		files[q.Quarter] = filepath.Join(filepath.Dir(out), q.File)
	}
	// The counts file next to the output says the same.
	b, err := os.ReadFile(out + ".counts.json")
	if err != nil {
		t.Fatal(err)
	}
	var fromFile GenCounts
	if err := json.Unmarshal(b, &fromFile); err != nil {
		t.Fatal(err)
	}
	if len(fromFile.Quarters) != len(counts.Quarters) || fromFile.Quarters[0].RowsWritten != counts.Quarters[0].RowsWritten {
		t.Errorf("counts file differs from the counts returned")
	}
	return counts, files
}

func readGenCSV(t *testing.T, path string) (raw []byte, recs [][]string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\ufeff")) {
		t.Errorf("%s: no UTF-8 BOM", path)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff"))))
	cr.FieldsPerRecord = -1
	recs, err = cr.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return raw, recs
}

// dataRows drops title, header and total rows.
func dataRows(t *testing.T, recs [][]string) [][]string {
	t.Helper()
	for i, r := range recs {
		if len(r) == len(GenHeaders) && r[0] == "STT" {
			var out [][]string
			for _, d := range recs[i+1:] {
				if len(d) == len(GenHeaders) {
					out = append(out, d)
				}
			}
			return out
		}
	}
	t.Fatal("no header row")
	return nil
}

var sixteen = GenOptions{Seed: 7, Rows: 3000, Last: Quarter{2025, 4}, Quarters: 4, Kind: Snapshot}

func TestGenerateDeterministic(t *testing.T) {
	opt := sixteen
	opt.Untidy, _ = ParseUntidy("all")
	read := func(opt GenOptions) []byte {
		_, files := genFiles(t, opt, "csv")
		var all []byte
		for _, q := range []string{"2025Q1", "2025Q2", "2025Q3", "2025Q4"} {
			b, err := os.ReadFile(files[q])
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		return all
	}
	a, b := read(opt), read(opt)
	if !bytes.Equal(a, b) {
		t.Error("same seed, different bytes")
	}
	opt.Seed++
	if bytes.Equal(a, read(opt)) {
		t.Error("different seeds, same bytes")
	}
}

// TestGenerateCountsMatchRecount parses the written files back and
// recounts them with the reference lookups (legal form, status, VSIC,
// ResolveLocation): every row resolves, and the counts match.
func TestGenerateCountsMatchRecount(t *testing.T) {
	r := mustRef(t)
	for _, untidy := range []string{"", "all"} {
		opt := sixteen
		opt.Untidy, _ = ParseUntidy(untidy)
		counts, files := genFiles(t, opt, "csv")
		for _, qc := range counts.Quarters {
			q, _ := ParseQuarter(qc.Quarter)
			_, recs := readGenCSV(t, files[qc.Quarter])
			rows := dataRows(t, recs)
			got := GenQuarterCounts{ByStatus: map[string]int{}, ByLegalForm: map[string]int{}, ByCommune2025: map[string]int{}, ByVSICSection: map[string]int{}}
			seen := map[string]bool{}
			for _, row := range rows {
				got.RowsWritten++
				tax := row[1]
				if seen[tax] {
					t.Errorf("%s: tax code %s twice", qc.Quarter, tax)
				}
				seen[tax] = true
				if s, ok := r.Status(row[17]); ok {
					got.ByStatus[s]++
				} else {
					t.Errorf("%s: status %q", qc.Quarter, row[17])
				}
				if f, ok := r.LegalForm(row[5]); ok {
					got.ByLegalForm[f]++
				} else {
					t.Errorf("%s: legal form %q", qc.Quarter, row[5])
				}
				code, _, _ := strings.Cut(row[13], " - ")
				if sec, known, _ := r.VSIC(code); known {
					got.ByVSICSection[sec]++
				} else {
					t.Errorf("%s: VSIC %q", qc.Quarter, row[13])
				}
				loc, _, err := r.ResolveLocation(row[11], row[10], row[9], q.End())
				if err != nil {
					t.Errorf("%s: address %q: %v", qc.Quarter, row[8:12], err)
				}
				got.ByCommune2025[loc.CommuneCode2025]++
			}
			if got.RowsWritten != qc.RowsWritten || !maps.Equal(got.ByStatus, qc.ByStatus) || !maps.Equal(got.ByLegalForm, qc.ByLegalForm) ||
				!maps.Equal(got.ByVSICSection, qc.ByVSICSection) || !maps.Equal(got.ByCommune2025, qc.ByCommune2025) {
				t.Errorf("untidy=%q %s: recount %+v\ncounts %+v", untidy, qc.Quarter, got, qc)
			}
		}
	}
}

func TestGenerateShape(t *testing.T) {
	counts, files := genFiles(t, sixteen, "csv")
	last := counts.Quarters[3]
	if d := float64(last.RowsWritten)/3000 - 1; d < -0.05 || d > 0.05 {
		t.Errorf("last snapshot has %d rows, want about 3000", last.RowsWritten)
	}
	for _, qc := range counts.Quarters {
		if qc.NewRegistration == 0 || qc.Dissolved == 0 || qc.Suspended == 0 || qc.Resumed == 0 || qc.NewCapitalVND <= 0 {
			t.Errorf("%s: a quarter without events: %+v", qc.Quarter, qc)
		}
	}
	// Legal forms: most are single-member LLCs; VSIC: trade, then construction.
	if f := last.ByLegalForm; f["llc_single"] < f["jsc"] || f["llc_single"] < f["llc_multi"] || f["private_enterprise"] > f["jsc"] {
		t.Errorf("legal forms %v", f)
	}
	if s := last.ByVSICSection; s["G"] < s["F"] || s["F"] < s["C"] {
		t.Errorf("sections %v", s)
	}
	// Pre-2025 files write province, district and commune; 2025 files
	// the 2025 commune and no district.
	taxRe := regexp.MustCompile(`^\d{10}(-\d{3})?$`)
	for q, wantDistrict := range map[string]bool{"2025Q2": true, "2025Q3": false} {
		_, recs := readGenCSV(t, files[q])
		yenBai := 0
		for _, row := range dataRows(t, recs) {
			if (row[10] != "") != wantDistrict {
				t.Fatalf("%s: district %q", q, row[10])
			}
			if !taxRe.MatchString(row[1]) {
				t.Fatalf("%s: tax code %q", q, row[1])
			}
			if strings.HasPrefix(row[1], "52") {
				yenBai++
			}
			if d, err := time.Parse("2006-01-02", row[6]); err != nil || d.After(Quarter{2025, 4}.End()) {
				t.Fatalf("%s: registration date %q", q, row[6])
			}
			if _, err := strconv.ParseInt(row[12], 10, 64); row[12] != "" && err != nil {
				t.Fatalf("%s: capital %q", q, row[12])
			}
		}
		if yenBai == 0 {
			t.Errorf("%s: no enterprise with Yên Bái's prefix 52", q)
		}
		if wantDistrict && !strings.Contains(string(recs[1][11]), "Tỉnh") {
			t.Errorf("%s: province column %q", q, recs[1][11])
		}
	}
}

func TestGenerateNewKind(t *testing.T) {
	opt := sixteen
	opt.Kind = New
	counts, files := genFiles(t, opt, "csv")
	for _, qc := range counts.Quarters {
		q, _ := ParseQuarter(qc.Quarter)
		_, recs := readGenCSV(t, files[qc.Quarter])
		rows := dataRows(t, recs)
		if len(rows) != qc.NewRegistration || qc.RowsWritten != qc.NewRegistration {
			t.Errorf("%s: %d rows, %d new registrations", qc.Quarter, len(rows), qc.NewRegistration)
		}
		for _, row := range rows {
			d, err := time.Parse("2006-01-02", row[6])
			if err != nil || d.Before(q.Start()) || d.After(q.End()) {
				t.Fatalf("%s: registration date %q outside the quarter", qc.Quarter, row[6])
			}
		}
	}
}

func TestGenerateUntidy(t *testing.T) {
	opt := sixteen
	opt.Untidy, _ = ParseUntidy("title,textdates,dotted,zeros,total,blank,vsicnames")
	counts, files := genFiles(t, opt, "csv")
	qc := counts.Quarters[3]
	raw, recs := readGenCSV(t, files[qc.Quarter])
	if !strings.HasPrefix(recs[0][0], "DANH SÁCH DOANH NGHIỆP") || !strings.Contains(recs[0][0], "QUÝ 4/2025") {
		t.Errorf("title row %q", recs[0])
	}
	if last := recs[len(recs)-1]; last[0] != "Tổng cộng: "+strconv.Itoa(qc.RowsWritten)+" doanh nghiệp" {
		t.Errorf("total row %q", last)
	}
	if !bytes.Contains(raw, []byte("\r\n\r\n")) {
		t.Error("no blank row")
	}
	dateRe := regexp.MustCompile(`^\d\d/\d\d/\d{4}$`)
	dottedRe := regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`)
	short, named := 0, 0
	for _, row := range dataRows(t, recs) {
		if !dateRe.MatchString(row[6]) {
			t.Fatalf("date %q", row[6])
		}
		if row[12] != "" && !dottedRe.MatchString(row[12]) {
			t.Fatalf("capital %q", row[12])
		}
		if len(row[1]) == 9 {
			short++
		}
		if strings.Contains(row[13], " - ") {
			named++
		}
	}
	if short == 0 {
		t.Error("no tax code lost its leading zero")
	}
	if named != qc.RowsWritten {
		t.Errorf("%d of %d activities with a name", named, qc.RowsWritten)
	}
	if _, err := ParseUntidy("title,neat"); err == nil {
		t.Error("ParseUntidy accepted a bad word")
	}
}

// TestGenerateXLSXMatchesCSV: the same seed and options give the same rows
// in xlsx (typed cells) as in csv.
func TestGenerateXLSXMatchesCSV(t *testing.T) {
	opt := sixteen
	opt.Quarters = 2
	opt.Untidy, _ = ParseUntidy("title,zeros,total,blank")
	_, csvFiles := genFiles(t, opt, "csv")
	_, xlsxFiles := genFiles(t, opt, "xlsx")
	for q, path := range xlsxFiles {
		_, want := readGenCSV(t, csvFiles[q])
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(genSheet, excelize.Options{RawCellValue: true})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var got [][]string
		for _, r := range rows {
			if len(r) > 0 {
				got = append(got, r)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows in xlsx, %d in csv", q, len(got), len(want))
		}
		header := -1
		for i := range want {
			w := slicesTrimEmpty(want[i])
			g := slicesTrimEmpty(got[i])
			if header >= 0 && len(w) == len(GenHeaders) || len(g) > 7 && header >= 0 {
				for _, c := range []int{6, 7} { // Excel dates as serials
					if c < len(g) && g[c] != "" {
						n, err := strconv.ParseFloat(g[c], 64)
						if err != nil {
							t.Fatalf("%s row %d: date cell %q", q, i, g[c])
						}
						g[c] = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n)).Format("2006-01-02")
					}
				}
			}
			if len(w) > 0 && w[0] == "STT" {
				header = i
			}
			if strings.Join(g, "\x1f") != strings.Join(w, "\x1f") {
				t.Fatalf("%s row %d:\nxlsx %q\ncsv  %q", q, i, g, w)
			}
		}
	}
}

func slicesTrimEmpty(r []string) []string {
	out := append([]string(nil), r...)
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}
