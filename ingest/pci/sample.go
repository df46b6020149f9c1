package pci

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"

	"github.com/laocai-dpi/dpi/ingest/province"
)

// SampleFileName marks generated figures wherever they are shown or logged.
const SampleFileName = "SAMPLE-du-lieu-mau-pci-2017-2019.csv"

// SampleYears are the editions the demo generator fills: years for which the
// official files are not in our data, so sample and real figures never mix.
var SampleYears = []int{2017, 2018, 2019}

// SampleCSV generates clearly fake PCI figures for every pre-2025 province in
// the canonical long CSV format. Deterministic: the same bytes on every run,
// so loading it twice changes nothing.
func (p *Parser) SampleCSV() []byte {
	rng := rand.New(rand.NewPCG(2017, 2019))
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(longColumns)
	provs := p.Registry.PreMerger()
	sort.Slice(provs, func(i, j int) bool { return provs[i].Code < provs[j].Code })
	for _, year := range SampleYears {
		subs := p.Catalogue.ForYear(year)
		type row struct {
			code string
			pci  float64
			vals []float64
		}
		var rows []row
		for _, prov := range provs {
			if !prov.ValidIn(year) || prov.Generation != province.GenerationPre2025 {
				continue
			}
			r := row{code: prov.Code}
			for _, s := range subs {
				v := math.Round((3.5+rng.Float64()*5.5)*1e4) / 1e4
				r.vals = append(r.vals, v)
				r.pci += v * s.Weight / 10
			}
			r.pci = math.Round(r.pci*1e4) / 1e4
			rows = append(rows, r)
		}
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].pci > rows[j].pci })
		for rank, r := range rows {
			y := strconv.Itoa(year)
			w.Write([]string{y, r.code, "pci", fmt.Sprint(r.pci)})
			w.Write([]string{y, r.code, "rank", strconv.Itoa(rank + 1)})
			for i, s := range subs {
				w.Write([]string{y, r.code, s.Key, fmt.Sprint(r.vals[i])})
			}
		}
	}
	w.Flush()
	return buf.Bytes()
}
