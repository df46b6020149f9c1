package portal

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/laocai-dpi/dpi/dashboards"
)

// The API's JSON shapes live here, not as tags on the dashboards types, so
// the public contract changes only when this file does.
type apiScores struct {
	Year       int           `json:"year"`
	IsSample   bool          `json:"is_sample"`
	Subindices []apiSubindex `json:"subindices"`
	Rows       []apiScoreRow `json:"rows"`
}

type apiSubindex struct {
	Key    string   `json:"key"`
	NameVI string   `json:"name_vi"`
	NameEN string   `json:"name_en"`
	Weight *float64 `json:"weight"` // percent; null where never published
}

type apiScoreRow struct {
	Rank         int                 `json:"rank"`
	RankSource   string              `json:"rank_source"`
	ProvinceCode string              `json:"province_code"`
	ProvinceName string              `json:"province_name"`
	PCI          float64             `json:"pci"`
	Tier         *string             `json:"tier"`   // as published; null where the release has none
	Region       string              `json:"region"` // region key (region6), "" where unknown
	Subindices   map[string]*float64 `json:"subindices"`
}

// apiPCIScores serves GET /api/v1/pci/scores?year=YYYY: the ranking page's
// rows, in rank order, with full precision.
func (s *server) apiPCIScores(c *gin.Context) {
	r, err := s.pciRankingData(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ref, err := s.ref(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	region, err := parseRegion(c, ref, r.Year)
	if err != nil {
		s.fail(c, err)
		return
	}
	rows := filterRegion(r.Rows, ref, r.Year, region)
	out := apiScores{Year: r.Year, IsSample: r.IsSample,
		Subindices: make([]apiSubindex, 0, len(r.Subindices)), Rows: make([]apiScoreRow, 0, len(rows))}
	for _, si := range r.Subindices {
		out.Subindices = append(out.Subindices, apiSubindex{Key: si.Key, NameVI: si.NameVI, NameEN: si.NameEN, Weight: si.Weight})
	}
	for _, row := range rows {
		ar := apiRow(row)
		if row.Tier != "" {
			tier := row.Tier
			ar.Tier = &tier
		}
		if p, ok := ref.Province(dashboards.GenerationOf(r.Year), row.ProvinceCode); ok {
			ar.Region = p.Region
		}
		out.Rows = append(out.Rows, ar)
	}
	c.JSON(http.StatusOK, out)
}

func apiRow(r dashboards.RankingRow) apiScoreRow {
	return apiScoreRow{Rank: r.Rank, RankSource: r.RankSource, ProvinceCode: r.ProvinceCode,
		ProvinceName: r.ProvinceName, PCI: r.PCI, Subindices: r.Subindices}
}
