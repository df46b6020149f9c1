package pci

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/province"
	"github.com/laocai-dpi/dpi/ingest/sheet"
)

// The canonical long CSV, for figures typed by hand:
//
//	year,province,subindex,value
//	2024,Lào Cai,pci,68.12
//	2024,Lào Cai,rank,16
//	2024,Lào Cai,entry_costs,7.10
//
// province is a name (any common spelling) or the 2-digit GSO code valid in
// that year; subindex is a sub-index key of that year's methodology, or one
// of pci, pci_unweighted, rank. One release per year in the file.
var longColumns = []string{"year", "province", "subindex", "value"}

var longSpecial = map[string]field{
	"pci":            {kind: fComposite},
	"pci_unweighted": {kind: fUnweighted},
	"rank":           {kind: fRank},
}

func (p *Parser) parseLong(file string, s *sheet.Sheet, onlyYear int) ([]Release, error) {
	if len(s.Rows) == 0 {
		return nil, ingest.Errorf(file, "", -1, -1, "tệp rỗng / empty file")
	}
	for i, want := range longColumns {
		got := strings.ToLower(strings.TrimSpace(s.Cell(0, i).String()))
		if got != want {
			return nil, ingest.Errorf(file, "", 0, i,
				"tiêu đề cột là %q, cần %q / header is %q, expected %q (columns: %s)",
				got, want, got, want, strings.Join(longColumns, ","))
		}
	}
	byYear := map[int]*figures{}
	rows := map[int]int{}
	where := map[string]int{} // year|code|field → row, to name duplicates
	for r := 1; r < len(s.Rows); r++ {
		if rowBlank(s, r) {
			continue
		}
		yv, ok, err := number(s.Cell(r, 0))
		if err != nil || !ok || !isInteger(yv) || yv < 2005 || yv > 2100 {
			return nil, ingest.Errorf(file, "", r, 0, "năm không hợp lệ %q / invalid year %q", s.Cell(r, 0).String(), s.Cell(r, 0).String())
		}
		year := int(yv)
		if onlyYear != 0 && year != onlyYear {
			return nil, ingest.Errorf(file, "", r, 0, "năm %d khác năm đã chỉ định %d / year %d differs from --year %d", year, onlyYear, year, onlyYear)
		}
		prov, err := p.resolveLong(s.Cell(r, 1), year)
		if err != nil {
			return nil, ingest.Errorf(file, "", r, 1, "%v", err)
		}
		key := strings.ToLower(strings.TrimSpace(s.Cell(r, 2).String()))
		f, special := longSpecial[key]
		if !special {
			if !p.Catalogue.Keys(year)[key] {
				return nil, ingest.Errorf(file, "", r, 2,
					"%q không phải chỉ số thành phần năm %d / %q is not a sub-index of the %d methodology (expected one of pci, pci_unweighted, rank, %s)",
					key, year, key, year, strings.Join(sortedKeys(p.Catalogue.Keys(year)), ", "))
			}
			f = field{kind: fSubindex, key: key}
		}
		v, ok, err := number(s.Cell(r, 3))
		if err != nil || !ok {
			return nil, ingest.Errorf(file, "", r, 3, "giá trị không phải số %q / value is not a number", s.Cell(r, 3).String())
		}
		if f.kind == fSubindex && (v < 0 || v > 10) || f.kind == fComposite && (v < 0 || v > 100) {
			return nil, ingest.Errorf(file, "", r, 3, "giá trị %v ngoài thang điểm / value %v is outside the scale (sub-index 0-10, PCI 0-100)", v, v)
		}
		fig := byYear[year]
		if fig == nil {
			fig = newFigures()
			byYear[year] = fig
		}
		id := fmt.Sprintf("%d|%s|%s|%d", year, prov.Code, f.key, f.kind)
		if first, dup := where[id]; dup {
			return nil, ingest.Errorf(file, "", r, 2, "trùng với dòng %d / duplicate of row %d", first+1, first+1)
		}
		where[id] = r
		if fig.values[prov.Code] == nil {
			fig.values[prov.Code] = map[field]float64{}
			fig.names[prov.Code] = strings.TrimSpace(s.Cell(r, 1).String())
		}
		fig.values[prov.Code][f] = v
		rows[year]++
	}
	years := make([]int, 0, len(byYear))
	for y := range byYear {
		years = append(years, y)
	}
	sort.Ints(years)
	var out []Release
	for _, y := range years {
		rel := Release{Year: y, Sheets: []string{"csv"}, RowsRead: rows[y]}
		if err := p.assemble(file, &rel, byYear[y]); err != nil {
			return nil, err
		}
		out = append(out, rel)
	}
	if len(out) == 0 {
		return nil, ingest.Errorf(file, "", -1, -1, "không có dòng số liệu / no data rows")
	}
	return out, nil
}

// resolveLong accepts a name or a GSO code valid in that year.
func (p *Parser) resolveLong(c sheet.Cell, year int) (province.Province, error) {
	t := strings.TrimSpace(c.String())
	if c.Kind == sheet.Number && isInteger(c.Num) {
		t = fmt.Sprintf("%02d", int(c.Num))
	}
	if len(t) <= 2 && t != "" && strings.Trim(t, "0123456789") == "" {
		if len(t) == 1 {
			t = "0" + t
		}
		if prov, ok := p.Registry.ByCode(province.GenerationForYear(year), t); ok && prov.ValidIn(year) {
			return prov, nil
		}
		return province.Province{}, fmt.Errorf("không có tỉnh mã %s năm %d / no province with GSO code %s in %d", t, year, t, year)
	}
	if _, err := strconv.Atoi(t); err == nil {
		return province.Province{}, fmt.Errorf("mã tỉnh %q không hợp lệ / invalid province code %q", t, t)
	}
	return p.Registry.Resolve(t, year)
}
