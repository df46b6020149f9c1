package pci

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// looksLikeSurveyCode matches what must never be an indicator name: survey
// question codes (B2/8, C4, B4.1.2+B4.1.3, D/1) and survey-reference text.
var looksLikeSurveyCode = regexp.MustCompile(`(?i)^[a-z]{1,2}\s*[/._]?\s*[0-9]|cau hoi dieu tra|câu hỏi điều tra|tham chiếu|phiếu điều tra`)

// indicatorColumns groups a release's indicator values: sub-index → code → province → value.
func indicatorColumns(rel Release) map[string]map[string]map[string]*float64 {
	out := map[string]map[string]map[string]*float64{}
	for _, v := range rel.Indicators {
		if out[v.Subindex] == nil {
			out[v.Subindex] = map[string]map[string]*float64{}
		}
		if out[v.Subindex][v.Code] == nil {
			out[v.Subindex][v.Code] = map[string]*float64{}
		}
		out[v.Subindex][v.Code][v.ProvinceCode] = v.Value
	}
	return out
}

func TestOfficialWorkbooksIndicators(t *testing.T) {
	p, err := NewParser()
	if err != nil {
		t.Fatal(err)
	}
	code := func(name string, year int) string {
		prov, err := p.Registry.Resolve(name, year)
		if err != nil {
			t.Fatal(err)
		}
		return prov.Code
	}
	rels := map[int]Release{}
	for _, f := range officialFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.Parse(f, data, 0)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(f), err)
		}
		rel := got[0]
		rels[rel.Year] = rel
		cols := indicatorColumns(rel)
		names := map[[2]string]string{}
		pk := map[[3]string]bool{}
		for _, v := range rel.Indicators {
			k := [3]string{v.ProvinceCode, v.Subindex, v.Code}
			if pk[k] {
				t.Errorf("%d: %v listed twice", rel.Year, k)
			}
			pk[k] = true
			nk := [2]string{v.Subindex, v.Code}
			if old, ok := names[nk]; ok && old != v.Name {
				t.Errorf("%d %s %s: two names %q, %q", rel.Year, v.Subindex, v.Code, old, v.Name)
			}
			names[nk] = v.Name
			if v.Value != nil && (math.IsNaN(*v.Value) || math.IsInf(*v.Value, 0)) {
				t.Errorf("%d %v: value %v", rel.Year, k, *v.Value)
			}
		}
		for nk, name := range names {
			if name == "" || name == nk[1] || !strings.Contains(name, " ") || looksLikeSurveyCode.MatchString(name) {
				t.Errorf("%d %s %s: name %q is not a description", rel.Year, nk[0], nk[1], name)
			}
		}
		var counts []string
		for _, key := range sortedKeys(p.Catalogue.Keys(rel.Year)) {
			n := len(cols[key])
			counts = append(counts, fmt.Sprintf("%s=%d", key, n))
			if n < 3 {
				t.Errorf("%d %s: %d indicator columns, want at least 3", rel.Year, key, n)
			}
			// Every province of the summary has values on every sub-index sheet,
			// but Quảng Nam, which PCI_2008's entry sheet never lists.
			for _, s := range rel.Scores {
				has := false
				for _, byProv := range cols[key] {
					_, ok := byProv[s.ProvinceCode]
					has = has || ok
				}
				if !has && !(rel.Year == 2008 && key == "entry_costs" && s.ProvinceCode == code("Quảng Nam", 2008)) {
					t.Errorf("%d %s: no indicator values for %s", rel.Year, key, s.ProvinceCode)
				}
			}
			// The sub-index score itself is not an indicator.
			for c, byProv := range cols[key] {
				n, same := 0, 0
				for prov, v := range byProv {
					s, ok := rel.Scores[sort.Search(len(rel.Scores), func(i int) bool { return rel.Scores[i].ProvinceCode >= prov })].Subindices[key]
					if v != nil && ok {
						n++
						if math.Abs(*v-s) < 1e-4 {
							same++
						}
					}
				}
				if n > 0 && same*10 >= n*9 {
					t.Errorf("%d %s %s: equals the sub-index score", rel.Year, key, c)
				}
			}
		}
		for sub := range cols {
			if !p.Catalogue.Keys(rel.Year)[sub] {
				t.Errorf("%d: indicators of %s, not a sub-index that year", rel.Year, sub)
			}
		}
		t.Logf("%d: %d indicator columns, %d values: %s", rel.Year, len(names), len(rel.Indicators), strings.Join(counts, " "))
	}

	value := func(year int, key, code, prov string) *float64 {
		t.Helper()
		byProv, ok := indicatorColumns(rels[year])[key][code]
		if !ok {
			t.Fatalf("%d %s: no indicator %s", year, key, code)
		}
		return byProv[prov]
	}
	for _, c := range []struct {
		year           int
		key, ind, prov string
		want           float64
	}{
		{2005, "entry_costs", "entry_costs_01", "An Giang", 33.333333333333336},
		{2005, "entry_costs", "entry_costs_01", "Bắc Ninh", 52.631578947368425},
		{2005, "entry_costs", "entry_costs_01", "Hải Dương", 48.148148148148145}, // "Haải Dương" in the file
		{2005, "entry_costs", "entry_costs_11", "An Giang", 2.2140301426442965},  // "Điểm dữ liệu cứng", an intermediate score
		{2006, "entry_costs", "entry_costs_01", "Đà Nẵng", 13.570175438596484},
		{2007, "entry_costs", "entry_costs_01", "Hà Nội", 0.4193548},
		{2008, "entry_costs", "entry_costs_01", "Tiền Giang", 0.0666667}, // column C, paired with B
		{2008, "entry_costs", "entry_costs_01", "Hậu Giang", 0.0882353},
		{2008, "entry_costs", "entry_costs_11", "Nghệ An", 4.692104}, // column W, paired with V: a group score
		{2009, "entry_costs", "entry_costs_01", "Hà Nội", 15},
		{2011, "entry_costs", "c1", "Hà Nội", 10},
		{2011, "entry_costs", "c4_1month", "Hà Nội", 0.1326531},
		{2012, "entry_costs", "c1_2005", "Gia Lai", 9.25}, // the profile row under the table says 0: not read
		{2016, "entry_costs", "oss", "Hà Nội", 0.9942857027053833},
	} {
		v := value(c.year, c.key, c.ind, code(c.prov, c.year))
		if v == nil || *v != c.want {
			t.Errorf("%d %s %s %s = %s, want %v", c.year, c.key, c.ind, c.prov, show(v), c.want)
		}
	}
	// Names come from the descriptive header, never the survey reference.
	nameOf := func(year int, key, ind string) string {
		for _, v := range rels[year].Indicators {
			if v.Subindex == key && v.Code == ind {
				return v.Name
			}
		}
		return ""
	}
	for _, c := range []struct {
		year      int
		key, ind  string
		wantStart string
	}{
		{2005, "entry_costs", "entry_costs_01", "% DN phải chờ hơn một tháng"},
		{2008, "entry_costs", "entry_costs_01", "% DN phải mất hơn một tháng để khởi sự kinh doanh"},
		{2008, "entry_costs", "entry_costs_04", "Nhóm chỉ tiêu thành phần 1.1"},
		{2011, "entry_costs", "c1", "Thời gian đăng ký kinh doanh - số ngày (Giá trị trung vị)"},
		{2016, "entry_costs", "oss", "% DN đăng ký hoặc sửa đổi đăng ký kinh doanh thông qua bộ phận Một cửa"},
	} {
		if got := nameOf(c.year, c.key, c.ind); !strings.HasPrefix(got, c.wantStart) {
			t.Errorf("%d %s %s: name %q, want %q…", c.year, c.key, c.ind, got, c.wantStart)
		}
	}
	// PCI_2008's entry sheet lists Gia Lai twice and Quảng Nam never: the
	// conflicting values are left out, with a note.
	if v := value(2008, "entry_costs", "entry_costs_01", code("Gia Lai", 2008)); v != nil {
		t.Errorf("2008 Gia Lai entry_costs_01 = %v, want none (two different values in the file)", *v)
	}
	wantNotes := map[int][]string{
		2005: {`"Haải Dương" read as Hải Dương`},
		2008: {`lists Gia Lai twice`, `never list Quảng Nam`, `"Cơ sở hạ tầng"`, `"Công nghệ thông tin"`},
		2009: {`"Co so ha tang"`},
	}
	for year, wants := range wantNotes {
		notes := strings.Join(rels[year].Notes, "\n")
		for _, w := range wants {
			if !strings.Contains(notes, w) {
				t.Errorf("%d: no note with %q in:\n%s", year, w, notes)
			}
		}
	}
}

func show(v *float64) string {
	if v == nil {
		return "none"
	}
	return fmt.Sprint(*v)
}

// indicatorCounts2017 reads how many indicator columns each sub-index sheet
// of the 2017-2019 workbooks has.
func indicatorCounts2017(t *testing.T) map[string]int {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedData, "pci_methodology/derived_pci_indicator_counts_2017_2019.csv"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, rec := range recs[1:] {
		if rec[1] == "TOTAL" {
			continue
		}
		var n int
		fmt.Sscan(rec[2], &n)
		out[rec[1]] = n
	}
	return out
}

// TestIndicatorsEnglish2018Layout builds a workbook shaped like the 2017-2019
// releases: an English summary and one English-named sheet per sub-index
// with a row of names and a row of short codes.
func TestIndicatorsEnglish2018Layout(t *testing.T) {
	p, err := NewParser()
	if err != nil {
		t.Fatal(err)
	}
	counts := indicatorCounts2017(t)
	sheets := []string{"Entry Costs", "Land Access", "Transparency", "Time Costs", "Informal Charges", "Bias",
		"Proactivity", "BSS", "Labor Training", "Law & Order"}
	total := 0
	for _, s := range sheets {
		if counts[s] == 0 {
			t.Fatalf("no count for %q in the derived table", s)
		}
		total += counts[s]
	}
	if total != 128 {
		t.Fatalf("derived counts add up to %d, want 128", total)
	}
	codes, _, subs, pci := fakeScores(p, 2018)
	var ascii []string
	for _, c := range codes {
		prov, _ := p.Registry.ByCode("pre2025", c)
		ascii = append(ascii, prov.NameASCII)
	}
	val := func(i, sheet, j int) float64 { return float64((i*31+sheet*7+j*17)%97)/97 + 1e-9*float64(i+1) }
	data := xlsxBytes(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "Summary")
		head := []any{"Province"}
		for _, s := range sheets {
			head = append(head, s)
		}
		head = append(head, "Weighted PCI", "Rank")
		f.SetSheetRow("Summary", "A1", &head)
		order := make([]int, len(codes))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(a, b int) bool { return pci[order[a]] > pci[order[b]] })
		rank := map[int]int{}
		for r, i := range order {
			rank[i] = r + 1
		}
		for i := range codes {
			row := []any{ascii[i]}
			for _, v := range subs[i] {
				row = append(row, v)
			}
			row = append(row, pci[i], rank[i])
			f.SetSheetRow("Summary", fmt.Sprintf("A%d", i+2), &row)
		}
		for si, s := range sheets {
			f.NewSheet(s)
			n := counts[s]
			names := []any{"PCI ID", "Province", s + " Sub-Index"}
			short := []any{"pci_id", "province", fmt.Sprintf("sub%d_%s", si+1, strings.ToLower(strings.Fields(s)[0]))}
			score := func(i int) any { return subs[i][si] }
			label := "%s indicator %d (%% of firms agreeing)"
			switch s {
			case "Law & Order":
				// Nothing in the header says "sub-index": the column equal
				// to the published scores is the sub-index.
				names[2], short[2] = "Overall (weighted average of the indicators)", "lo_total"
			case "Proactivity":
				// Headed with the sheet's own name, figures not those of the
				// summary (rounded, say): still the sub-index.
				names[2], short[2] = "Proactivity score", "proactivity"
				score = func(i int) any { return subs[i][si] + 0.5 }
			case "Time Costs":
				// No sub-index column at all; indicator names that carry
				// the sub-index's words are indicators all the same.
				names, short, score = names[:2], short[:2], nil
				label = "Time costs: indicator %[2]d"
			}
			for j := 1; j <= n; j++ {
				names = append(names, fmt.Sprintf(label, s, j))
				code := fmt.Sprintf("%s_q%d", strings.ToLower(strings.Fields(s)[0]), j)
				if s == "BSS" && j == 2 {
					code = "bss_q1" // repeated in the file: read as bss_q1_2
				}
				short = append(short, code)
			}
			f.SetSheetRow(s, "A1", &names)
			f.SetSheetRow(s, "A2", &short)
			for i := range codes {
				row := []any{i + 1, ascii[i]}
				if score != nil {
					row = append(row, score(i))
				}
				first := len(row)
				for j := 1; j <= n; j++ {
					row = append(row, val(i, si, j))
				}
				if s == "Entry Costs" && i == 0 {
					row[first] = "n/a" // a value not published
					row[first+1] = nil // a blank
				}
				f.SetSheetRow(s, fmt.Sprintf("A%d", i+3), &row)
			}
			// A blank row, then a one-province profile and statistics.
			end := len(codes) + 3
			f.SetSheetRow(s, fmt.Sprintf("B%d", end+1), &[]any{ascii[5], 9.99, 123.0, 456.0})
			f.SetSheetRow(s, fmt.Sprintf("B%d", end+2), &[]any{"Median", 5.0, 0.5, 0.5})
		}
	})
	rels, err := p.Parse("PCI_2018.xlsx", data, 0)
	if err != nil {
		t.Fatal(err)
	}
	rel := rels[0]
	if rel.Year != 2018 || len(rel.Scores) != len(codes) {
		t.Fatalf("year %d, %d provinces", rel.Year, len(rel.Scores))
	}
	cols := indicatorColumns(rel)
	got := 0
	for si, s := range sheets {
		key := classify(s).key
		if len(cols[key]) != counts[s] {
			var list []string
			for c := range cols[key] {
				list = append(list, c)
			}
			sort.Strings(list)
			t.Errorf("%q (%s): %d indicator columns, want %d: %v", s, key, len(cols[key]), counts[s], list)
		}
		got += len(cols[key])
		prefix := strings.ToLower(strings.Fields(s)[0])
		j := counts[s]
		byProv := cols[key][fmt.Sprintf("%s_q%d", prefix, j)]
		for i, c := range codes {
			if v := byProv[c]; v == nil || !near(*v, val(i, si, j)) {
				t.Errorf("%q %s_q%d %s = %s, want %v", s, prefix, j, c, show(v), val(i, si, j))
			}
		}
	}
	if got != 128 {
		t.Errorf("%d indicator columns in all, want 128", got)
	}
	if _, ok := cols["business_support"]["bss_q1_2"]; !ok {
		t.Errorf("repeated code bss_q1 not read as bss_q1_2")
	}
	entry := cols["entry_costs"]
	if v, ok := entry["entry_q1"][codes[0]]; !ok || v != nil {
		t.Errorf(`"n/a" read as %s (listed %v), want a row with no value`, show(v), ok)
	}
	if _, ok := entry["entry_q2"][codes[0]]; ok {
		t.Errorf("a blank cell gave a row")
	}
	for _, v := range rel.Indicators {
		if v.Subindex == "entry_costs" && v.Code == "entry_q1" && v.ProvinceCode == codes[0] {
			if v.Name != "Entry Costs indicator 1 (% of firms agreeing)" {
				t.Errorf("name %q", v.Name)
			}
		}
	}
}

// summaryVI writes a Vietnamese one-row-per-province summary with all ten
// 2013-era sub-indices.
func summaryVI(f *excelize.File, sheet string, names []string, subs [][]float64, pci []float64, year int) {
	head := []any{"Tỉnh", "Gia nhập thị trường", "Tiếp cận đất đai", "Tính minh bạch", "Chi phí thời gian",
		"Chi phí không chính thức", "Cạnh tranh bình đẳng", "Tính năng động", "Dịch vụ hỗ trợ doanh nghiệp",
		"Đào tạo lao động", "Thiết chế pháp lý", fmt.Sprintf("PCI %d", year)}
	f.SetSheetRow(sheet, "A1", &head)
	for i, n := range names {
		row := []any{n}
		for _, v := range subs[i] {
			row = append(row, v)
		}
		row = append(row, pci[i])
		f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &row)
	}
}

// entrySheet writes a plain entry-costs sheet: province, sub-index, three indicators.
func entrySheet(f *excelize.File, sheet string, names []string, subs [][]float64) {
	f.NewSheet(sheet)
	f.SetSheetRow(sheet, "A1", &[]any{"Tỉnh", "Chỉ số thành phần 1", "Số ngày đăng ký", "Số ngày thay đổi đăng ký", "% DN chờ hơn một tháng"})
	for i, n := range names {
		f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &[]any{n, subs[i][0], float64(i), float64(i) / 2, float64(i) / 100})
	}
}

func TestIndicatorSheetUnreadableKeepsSummary(t *testing.T) {
	p, err := NewParser()
	if err != nil {
		t.Fatal(err)
	}
	_, names, subs, pci := fakeScores(p, 2018)
	data := xlsxBytes(t, func(f *excelize.File) {
		summaryVI(f, "Sheet1", names, subs, pci, 2018)
		entrySheet(f, "Gia nhập thị trường", names, subs)
		// No province column at all.
		f.NewSheet("Tính minh bạch")
		f.SetSheetRow("Tính minh bạch", "A1", &[]any{"Xem báo cáo PCI 2018, trang 45", "###", 12.5})
		f.SetSheetRow("Tính minh bạch", "A3", &[]any{"ghi chú", "lorem ipsum"})
		// Provinces, but nothing numeric beside them.
		f.NewSheet("Đào tạo lao động")
		f.SetSheetRow("Đào tạo lao động", "A1", &[]any{"Tỉnh", "Nhận xét"})
		for i, n := range names {
			f.SetSheetRow("Đào tạo lao động", fmt.Sprintf("A%d", i+2), &[]any{n, "đang cập nhật"})
		}
		// Provinces and numbers under no header: nothing says what they are.
		f.NewSheet("Chi phí thời gian")
		for i, n := range names {
			f.SetSheetRow("Chi phí thời gian", fmt.Sprintf("A%d", i+1), &[]any{n, float64(i), 2.5})
		}
	})
	rels, err := p.Parse("PCI_2018.xlsx", data, 0)
	if err != nil {
		t.Fatal(err)
	}
	rel := rels[0]
	if len(rel.Scores) != len(names) {
		t.Fatalf("%d provinces", len(rel.Scores))
	}
	notes := strings.Join(rel.Notes, "\n")
	for _, w := range []string{`"Tính minh bạch"`, "no column of province names", `"Đào tạo lao động"`, "no column of indicator values",
		`"Chi phí thời gian" (sub-index time_costs)`, "no indicator column"} {
		if !strings.Contains(notes, w) {
			t.Errorf("no note with %q in:\n%s", w, notes)
		}
	}
	cols := indicatorColumns(rel)
	if len(cols) != 1 || len(cols["entry_costs"]) != 3 {
		t.Errorf("indicators %v", cols)
	}
	if v := cols["entry_costs"]["entry_costs_03"][rel.Scores[0].ProvinceCode]; v == nil {
		t.Errorf("entry_costs_03 missing")
	}
}

func TestIndicatorSheetRefusals(t *testing.T) {
	p, err := NewParser()
	if err != nil {
		t.Fatal(err)
	}
	_, names, subs, pci := fakeScores(p, 2018)
	parse := func(build func(f *excelize.File)) error {
		_, err := p.Parse("PCI_2018.xlsx", xlsxBytes(t, build), 0)
		return err
	}
	wantErr := func(err error, parts ...string) {
		t.Helper()
		if err == nil {
			t.Fatalf("no error, want one with %q", parts)
		}
		for _, w := range parts {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q lacks %q", err, w)
			}
		}
	}
	lc := -1
	for i, n := range names {
		if n == "Lào Cai" {
			lc = i
		}
	}
	// An unknown province.
	err = parse(func(f *excelize.File) {
		summaryVI(f, "Sheet1", names, subs, pci, 2018)
		entrySheet(f, "Gia nhập thị trường", names, subs)
		f.SetCellStr("Gia nhập thị trường", fmt.Sprintf("A%d", lc+2), "Lào Caii")
	})
	wantErr(err, `sheet "Gia nhập thị trường"`, fmt.Sprintf("row %d", lc+2), "column A", `"Lào Caii"`, "Lào Cai?")
	// A province twice with different values.
	err = parse(func(f *excelize.File) {
		summaryVI(f, "Sheet1", names, subs, pci, 2018)
		entrySheet(f, "Gia nhập thị trường", names, subs)
		f.SetSheetRow("Gia nhập thị trường", fmt.Sprintf("A%d", len(names)+2), &[]any{"Lào Cai", subs[lc][0], 99.0, float64(lc) / 2, float64(lc) / 100})
	})
	wantErr(err, `sheet "Gia nhập thị trường"`, fmt.Sprintf("row %d", len(names)+2), "column C", "listed twice")
	// The same row twice is no conflict.
	err = parse(func(f *excelize.File) {
		summaryVI(f, "Sheet1", names, subs, pci, 2018)
		entrySheet(f, "Gia nhập thị trường", names, subs)
		f.SetSheetRow("Gia nhập thị trường", fmt.Sprintf("A%d", len(names)+2), &[]any{"Lào Cai", subs[lc][0], float64(lc), float64(lc) / 2, float64(lc) / 100})
	})
	if err != nil {
		t.Errorf("repeated identical row: %v", err)
	}
	// A province the summary does not have.
	err = parse(func(f *excelize.File) {
		var n2 []string
		var s2 [][]float64
		var p2 []float64
		for i := range names {
			if i != lc {
				n2, s2, p2 = append(n2, names[i]), append(s2, subs[i]), append(p2, pci[i])
			}
		}
		summaryVI(f, "Sheet1", n2, s2, p2, 2018)
		entrySheet(f, "Gia nhập thị trường", names, subs)
	})
	wantErr(err, `sheet "Gia nhập thị trường"`, fmt.Sprintf("row %d", lc+2), "column A", "Lào Cai", "no scores")
	// A mislabelled row (a province named twice, another never) is refused
	// too, saying so; only the mislabels known in VCCI's files are noted.
	qn := -1
	for i, n := range names {
		if n == "Quảng Nam" {
			qn = i
		}
	}
	err = parse(func(f *excelize.File) {
		summaryVI(f, "Sheet1", names, subs, pci, 2018)
		entrySheet(f, "Gia nhập thị trường", names, subs)
		f.SetCellStr("Gia nhập thị trường", fmt.Sprintf("A%d", qn+2), "Lào Cai")
	})
	wantErr(err, `sheet "Gia nhập thị trường"`, "listed twice", "never lists Quảng Nam", "mislabelled row?")
}
