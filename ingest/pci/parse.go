package pci

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/province"
	"github.com/laocai-dpi/dpi/ingest/sheet"
)

// Parser turns PCI files into releases. It is cheap to build and safe to reuse.
type Parser struct {
	Registry  *province.Registry
	Catalogue Catalogue
}

// NewParser loads the embedded reference tables.
func NewParser() (*Parser, error) {
	reg, err := province.Load()
	if err != nil {
		return nil, err
	}
	cat, err := LoadCatalogue()
	if err != nil {
		return nil, err
	}
	return &Parser{Registry: reg, Catalogue: cat}, nil
}

var fileYearRe = regexp.MustCompile(`(?:^|[^0-9])(20[0-9]{2})(?:[^0-9]|$)`)

// Parse reads one file (xlsx, xls or the canonical long CSV). year 0 means
// "read it from the file"; a workbook whose sheets and name disagree on the
// year is refused rather than guessed.
func (p *Parser) Parse(fileName string, data []byte, year int) ([]Release, error) {
	name := filepath.Base(fileName)
	wb, err := sheet.Read(name, data)
	if err != nil {
		return nil, err
	}
	var rels []Release
	if wb.Format == "csv" {
		rels, err = p.parseLong(name, wb.Sheets[0], year)
	} else {
		var rel *Release
		rel, err = p.parseWorkbook(name, wb, year)
		if rel != nil {
			rels = []Release{*rel}
		}
	}
	if err != nil {
		return nil, err
	}
	sha := ingest.SHA256(data)
	for i := range rels {
		rels[i].FileName, rels[i].SHA256 = name, sha
	}
	return rels, nil
}

func (p *Parser) parseWorkbook(file string, wb *sheet.Workbook, year int) (*Release, error) {
	var found []*summary
	var why []string
	for _, s := range wb.Sheets {
		sm, reason := findSummary(s, p.Registry)
		if sm == nil {
			why = append(why, fmt.Sprintf("%q: %s", s.Name, reason))
			continue
		}
		found = append(found, sm)
	}
	if len(found) == 0 {
		return nil, ingest.Errorf(file, "", -1, -1,
			"không nhận ra bảng tổng hợp PCI nào / no sheet recognised as a PCI summary. Found: %s. Expected: a sheet with a column of province names and a column headed as the PCI composite (e.g. \"PCI 2016\", \"Chỉ số PCI có trọng số\")",
			strings.Join(why, "; "))
	}
	headerYr := 0
	for _, sm := range found {
		headerYr = max(headerYr, sm.year)
	}
	fileYr := 0
	if m := fileYearRe.FindStringSubmatch(file); m != nil {
		fileYr, _ = strconv.Atoi(m[1])
	}
	switch {
	case year != 0:
	case headerYr != 0 && fileYr != 0 && headerYr != fileYr:
		return nil, ingest.Errorf(file, "", -1, -1,
			"tên tệp ghi năm %d nhưng tiêu đề ghi PCI %d / the file name says %d but the sheet headers say PCI %d; pass --year to say which",
			fileYr, headerYr, fileYr, headerYr)
	case headerYr != 0:
		year = headerYr
	case fileYr != 0:
		year = fileYr
	default:
		return nil, ingest.Errorf(file, "", -1, -1,
			"không xác định được năm / cannot tell the edition year from the headers or the file name; pass --year")
	}
	rel := &Release{Year: year}
	merged := newFigures()
	for _, sm := range found {
		if sm.year != 0 && sm.year != year {
			rel.Notes = append(rel.Notes, fmt.Sprintf("sheet %q is headed PCI %d, not %d: a stale copy, ignored / trang tính cũ, bỏ qua", sm.sheet.Name, sm.year, year))
			continue
		}
		if err := p.checkColumns(file, sm, year); err != nil {
			return nil, err
		}
		ex, err := sm.extract(file, year, p.Registry)
		if err != nil {
			return nil, err
		}
		merged.add(ex)
		rel.Sheets = append(rel.Sheets, sm.sheet.Name)
		rel.RowsRead += ex.read
		rel.RowsSkip += ex.skip
	}
	if len(rel.Sheets) == 0 {
		return nil, ingest.Errorf(file, "", -1, -1, "không có bảng tổng hợp cho năm %d / no summary sheet for year %d", year, year)
	}
	if err := p.assemble(file, rel, merged); err != nil {
		return nil, err
	}
	summary := map[*sheet.Sheet]bool{}
	for _, sm := range found {
		summary[sm.sheet] = true
	}
	if err := p.parseIndicators(file, wb, rel, summary); err != nil {
		return nil, err
	}
	return rel, nil
}

// checkColumns refuses a sub-index that the year's methodology does not have:
// a header we read wrongly must stop the load, not land as data.
func (p *Parser) checkColumns(file string, sm *summary, year int) error {
	keys := p.Catalogue.Keys(year)
	for _, c := range sm.columns {
		if c.field.kind == fSubindex && !keys[c.field.key] {
			return ingest.Errorf(file, sm.sheet.Name, sm.firstRow-1, c.col,
				"cột %q trông như chỉ số thành phần %s, không có trong phương pháp năm %d / column looks like sub-index %s, which the %d methodology does not have",
				c.header, c.field.key, year, c.field.key, year)
		}
	}
	return nil
}

// figures collects values per province from one or more sources; the first
// source to give a value wins (sheets come in workbook order).
type figures struct {
	names  map[string]string
	values map[string]map[field]float64
	tiers  map[string]string
}

func newFigures() *figures {
	return &figures{names: map[string]string{}, values: map[string]map[field]float64{}, tiers: map[string]string{}}
}

func (f *figures) add(ex *extracted) {
	for code, vals := range ex.values {
		if f.values[code] == nil {
			f.values[code] = map[field]float64{}
		}
		for k, v := range vals {
			if _, ok := f.values[code][k]; !ok {
				f.values[code][k] = v
			}
		}
		if _, ok := f.names[code]; !ok {
			f.names[code] = ex.names[code]
		}
	}
	for code, t := range ex.tiers {
		if _, ok := f.tiers[code]; !ok {
			f.tiers[code] = t
		}
	}
}

// assemble checks completeness and builds the scores: every province has a
// composite and every sub-index of the year's methodology; ranks are all
// published or all computed.
func (p *Parser) assemble(file string, rel *Release, f *figures) error {
	want := p.Catalogue.Keys(rel.Year)
	if len(want) == 0 {
		return ingest.Errorf(file, "", -1, -1, "năm %d không thuộc phương pháp PCI nào đã biết / no PCI methodology known for year %d", rel.Year, rel.Year)
	}
	codes := make([]string, 0, len(f.values))
	for code := range f.values {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	ranked := 0
	for _, code := range codes {
		vals := f.values[code]
		prov, _ := p.Registry.ByCode(province.GenerationForYear(rel.Year), code)
		pci, ok := vals[field{kind: fComposite}]
		if !ok {
			return ingest.Errorf(file, strings.Join(rel.Sheets, ", "), -1, -1, "%s có số liệu nhưng thiếu điểm PCI tổng hợp / %s has figures but no PCI composite", prov.NameVI, prov.NameVI)
		}
		s := Score{ProvinceCode: code, NameInFile: f.names[code], PCI: pci, Tier: f.tiers[code], Subindices: map[string]float64{}}
		if v, ok := vals[field{kind: fUnweighted}]; ok {
			s.Unweighted = &v
		}
		if r, ok := vals[field{kind: fRank}]; ok {
			if !isInteger(r) || r < 1 {
				return ingest.Errorf(file, strings.Join(rel.Sheets, ", "), -1, -1, "thứ hạng của %s không phải số nguyên dương: %v / rank is not a positive whole number", prov.NameVI, r)
			}
			s.Rank, s.RankSource = int(r), "published"
			ranked++
		}
		var missing []string
		for k := range want {
			v, ok := vals[field{kind: fSubindex, key: k}]
			if !ok {
				missing = append(missing, k)
				continue
			}
			s.Subindices[k] = v
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			return ingest.Errorf(file, strings.Join(rel.Sheets, ", "), -1, -1,
				"%s thiếu chỉ số thành phần %s / missing sub-indices %s (the %d methodology has %s)",
				prov.NameVI, strings.Join(missing, ", "), strings.Join(missing, ", "), rel.Year, strings.Join(sortedKeys(want), ", "))
		}
		rel.Scores = append(rel.Scores, s)
	}
	if len(rel.Scores) == 0 {
		return ingest.Errorf(file, "", -1, -1, "không có tỉnh nào / no province rows found")
	}
	switch ranked {
	case len(rel.Scores):
	case 0:
		computeRanks(rel.Scores)
	default:
		return ingest.Errorf(file, strings.Join(rel.Sheets, ", "), -1, -1,
			"chỉ %d/%d tỉnh có thứ hạng / only %d of %d provinces have a rank", ranked, len(rel.Scores), ranked, len(rel.Scores))
	}
	return nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
