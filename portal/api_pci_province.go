package portal

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/laocai-dpi/dpi/dashboards"
)

type apiProfile struct {
	Province    apiProvinceRef `json:"province"`
	Successor   *apiProvince   `json:"successor_2025"`
	MergedFrom  []apiProvince  `json:"merged_from"`
	Years       []int          `json:"years"`
	SampleYears []int          `json:"sample_years"`
	NotCovered  []int          `json:"not_covered"`
	Scores      []apiYearScore `json:"scores"`
	Subindices  []apiSubScore  `json:"subindex_scores"`
	Year        int            `json:"year"`
	Radar       apiRadar       `json:"radar"`
	Indicators  []apiIndicator `json:"indicators"`
	Breaks      []string       `json:"notes"`
}

type apiProvinceRef struct {
	apiProvince
	Region string `json:"region"`
}

type apiYearScore struct {
	ProvinceCode string  `json:"province_code"`
	Year         int     `json:"year"`
	PCI          float64 `json:"pci"`
	Rank         int     `json:"rank"`
	RankSource   string  `json:"rank_source"`
	Tier         *string `json:"tier"`
	Provinces    int     `json:"provinces"`
}

type apiSubScore struct {
	Year     int      `json:"year"`
	Subindex string   `json:"subindex"`
	Score    float64  `json:"score"`
	Median   *float64 `json:"national_median"`
}

type apiRadar struct {
	Subindices []string   `json:"subindices"`
	Province   []*float64 `json:"province"`
	Median     []*float64 `json:"national_median"`
	Region     []*float64 `json:"region_average"`
	Top        []*float64 `json:"top_province"`
	TopCode    string     `json:"top_province_code"`
}

type apiIndicator struct {
	Subindex string   `json:"subindex"`
	Code     string   `json:"indicator_code"`
	Name     string   `json:"indicator_name"`
	Value    *float64 `json:"value"`
	Median   *float64 `json:"national_median"`
}

// apiPCIProvince serves GET /api/v1/pci/province/{code}?year=.
func (s *server) apiPCIProvince(c *gin.Context) {
	p, _, _, err := s.provinceData(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := apiProfile{
		Province: apiProvinceRef{apiProvince: apiProv(p.Province), Region: p.Province.RegionEN},
		Years:    p.Years, SampleYears: nonNil(p.SampleYears), NotCovered: nonNil(p.NotCovered), Year: p.Year,
		MergedFrom: []apiProvince{}, Scores: []apiYearScore{}, Subindices: []apiSubScore{}, Indicators: []apiIndicator{},
		Breaks: p.Breaks("en"),
	}
	if p.Successor != nil {
		sp := apiProv(*p.Successor)
		out.Successor = &sp
	}
	codes := []string{p.Province.Code}
	for _, m := range p.MergedFrom {
		out.MergedFrom = append(out.MergedFrom, apiProv(m))
		codes = append(codes, m.Code)
	}
	for _, code := range codes {
		for _, y := range p.Years {
			if sc, ok := p.Scores[code][y]; ok {
				row := apiYearScore{ProvinceCode: code, Year: y, PCI: sc.PCI, Rank: sc.Rank, RankSource: sc.RankSource, Provinces: sc.N}
				if sc.Tier != "" {
					tier := sc.Tier
					row.Tier = &tier
				}
				out.Scores = append(out.Scores, row)
			}
		}
	}
	for _, y := range p.Years {
		for _, k := range p.Keys {
			if v, ok := p.Subs[dashboards.PointKey{Year: y, Subindex: k.Key}]; ok {
				row := apiSubScore{Year: y, Subindex: k.Key, Score: v}
				if m, ok := p.SubMedians[dashboards.PointKey{Year: y, Subindex: k.Key}]; ok {
					row.Median = &m
				}
				out.Subindices = append(out.Subindices, row)
			}
		}
	}
	r := p.Radar
	out.Radar = apiRadar{Province: r.Province, Median: r.Median, Region: r.Region, Top: r.Top, TopCode: r.TopCode, Subindices: []string{}}
	for _, si := range r.Subindices {
		out.Radar.Subindices = append(out.Radar.Subindices, si.Key)
	}
	for _, in := range p.Indicators {
		out.Indicators = append(out.Indicators, apiIndicator{Subindex: in.Subindex, Code: in.Code, Name: in.Name, Value: in.Value, Median: in.Median})
	}
	c.JSON(http.StatusOK, out)
}

func nonNil(v []int) []int {
	if v == nil {
		return []int{}
	}
	return v
}
