package portal

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"
	"github.com/laocai-dpi/dpi/dashboards"
)

type apiCompare struct {
	Query       apiCompareQuery      `json:"query"`
	ViewURL     string               `json:"view_url"`
	Years       []int                `json:"years"`
	SampleYears []int                `json:"sample_years"`
	Subindices  []apiSubindex        `json:"subindices"`
	Indicator   *apiCompareIndicator `json:"indicator"`
	ViewYears   []int                `json:"view_years"`
	Omitted     []apiOmitted         `json:"omitted_years"`
	Units       []apiUnit            `json:"provinces"`
	Medians     []apiMedian          `json:"national_medians"`
}

type apiCompareQuery struct {
	Provinces []string `json:"p"`
	Chart     string   `json:"chart"`
	Measure   string   `json:"measure"`
	Subindex  string   `json:"subindex"`
	Indicator string   `json:"indicator"`
	Year      int      `json:"year"`
	Gen       string   `json:"gen"`
}

// apiCompareIndicator is the chosen indicator, named as the query's year names it.
type apiCompareIndicator struct {
	Subindex   string `json:"subindex"`
	Code       string `json:"code"`
	Name       string `json:"name"`
	Positional bool   `json:"positional_code"`
}

type apiOmitted struct {
	Reason string `json:"reason"`
	Years  []int  `json:"years"`
}

type apiProvince struct {
	Generation string `json:"generation"`
	Code       string `json:"code"`
	Name       string `json:"name"`
}

type apiUnit struct {
	apiProvince
	Series []apiSeries `json:"series"`
}

type apiSeries struct {
	apiProvince
	Points []apiPoint `json:"points"`
}

type apiPoint struct {
	Year       int     `json:"year"`
	Subindex   string  `json:"subindex"`
	Score      float64 `json:"score"`
	Rank       int     `json:"rank"`
	RankSource string  `json:"rank_source"`
	Median     float64 `json:"national_median"`
	Provinces  int     `json:"provinces"`
	Value      float64 `json:"value"` // the query's measure
}

type apiMedian struct {
	Year     int     `json:"year"`
	Subindex string  `json:"subindex"`
	Median   float64 `json:"national_median"`
}

func apiProv(p dashboards.Province) apiProvince {
	return apiProvince{Generation: p.Generation, Code: p.Code, Name: p.NameVI}
}

// apiPCICompare serves GET /api/v1/pci/compare: the figures behind the
// compare page for the same query, at full precision.
func (s *server) apiPCICompare(c *gin.Context) {
	cmp, _, _, err := s.compareData(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	q := cmp.Query
	out := apiCompare{
		Query:   apiCompareQuery{Provinces: q.Codes, Chart: q.Chart, Measure: q.Measure, Subindex: q.Subindex, Indicator: q.Indicator, Year: q.Year, Gen: q.Gen},
		ViewURL: "/pci/compare?" + q.Encode(), Years: cmp.Years, SampleYears: cmp.SampleYears,
		Subindices: []apiSubindex{}, Units: []apiUnit{}, Medians: []apiMedian{}, ViewYears: cmp.ViewYears, Omitted: []apiOmitted{},
	}
	if i := cmp.Indicator; i != nil {
		out.Indicator = &apiCompareIndicator{Subindex: i.Subindex, Code: i.Code, Name: i.Name, Positional: i.Positional()}
		out.Subindices = append(out.Subindices, apiSubindex{Key: i.Code, NameVI: i.Name, NameEN: i.Name})
	}
	for _, o := range cmp.Omitted {
		out.Omitted = append(out.Omitted, apiOmitted{Reason: o.Reason, Years: o.Years})
	}
	if out.SampleYears == nil {
		out.SampleYears = []int{}
	}
	for _, si := range cmp.Subindices {
		if cmp.Indicator != nil {
			break
		}
		out.Subindices = append(out.Subindices, apiSubindex{Key: si.Key, NameVI: si.NameVI, NameEN: si.NameEN, Weight: si.Weight})
	}
	for _, u := range cmp.Units {
		au := apiUnit{apiProvince: apiProv(u.Province), Series: []apiSeries{}}
		for _, sr := range u.Series {
			as := apiSeries{apiProvince: apiProv(sr.Province), Points: []apiPoint{}}
			for k, p := range sr.Points {
				as.Points = append(as.Points, apiPoint{Year: k.Year, Subindex: k.Subindex, Score: p.Score, Rank: p.Rank,
					RankSource: p.RankSource, Median: p.Median, Provinces: p.N, Value: p.Value(q.Measure)})
			}
			slices.SortFunc(as.Points, func(a, b apiPoint) int {
				if a.Year != b.Year {
					return a.Year - b.Year
				}
				return cmpString(a.Subindex, b.Subindex)
			})
			au.Series = append(au.Series, as)
		}
		out.Units = append(out.Units, au)
	}
	for k, m := range cmp.Medians {
		out.Medians = append(out.Medians, apiMedian{Year: k.Year, Subindex: k.Subindex, Median: m})
	}
	slices.SortFunc(out.Medians, func(a, b apiMedian) int {
		if a.Year != b.Year {
			return a.Year - b.Year
		}
		return cmpString(a.Subindex, b.Subindex)
	})
	c.JSON(http.StatusOK, out)
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
