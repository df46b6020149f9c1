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
	out := apiScores{Year: r.Year, IsSample: r.IsSample,
		Subindices: make([]apiSubindex, 0, len(r.Subindices)), Rows: make([]apiScoreRow, 0, len(r.Rows))}
	for _, si := range r.Subindices {
		out.Subindices = append(out.Subindices, apiSubindex{Key: si.Key, NameVI: si.NameVI, NameEN: si.NameEN, Weight: si.Weight})
	}
	for _, row := range r.Rows {
		out.Rows = append(out.Rows, apiRow(row))
	}
	c.JSON(http.StatusOK, out)
}

func apiRow(r dashboards.RankingRow) apiScoreRow {
	return apiScoreRow{Rank: r.Rank, RankSource: r.RankSource, ProvinceCode: r.ProvinceCode,
		ProvinceName: r.ProvinceName, PCI: r.PCI, Subindices: r.Subindices}
}
