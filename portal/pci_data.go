package portal

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/laocai-dpi/dpi/dashboards"
)

// pciRankingData reads ?year= and the ranking, shared by the page and the
// API so that both show exactly the same rows. No year means the latest.
func (s *server) pciRankingData(c *gin.Context) (*dashboards.Ranking, error) {
	year, err := parseYear(c.Query("year"))
	if err != nil {
		return nil, err
	}
	r, err := dashboards.PCIRanking(c.Request.Context(), s.db, year)
	switch {
	case errors.Is(err, dashboards.ErrNotFound) && year == 0:
		return nil, notFound("Chưa có số liệu PCI nào được nạp", "No PCI data has been loaded yet")
	case errors.Is(err, dashboards.ErrNotFound):
		return nil, notFound(fmt.Sprintf("Chưa có số liệu PCI năm %d", year), fmt.Sprintf("No PCI data for %d", year))
	}
	return r, err
}

// parseYear accepts "" (latest) or a year 1–9999. The rejected value is
// quoted back, cut short: html/template and encoding/json escape it.
func parseYear(v string) (int, error) {
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 1 || y > 9999 {
		if len(v) > 20 {
			v = v[:20] + "…"
		}
		return 0, invalid(fmt.Sprintf("Năm không hợp lệ: %q", v), fmt.Sprintf("Invalid year: %q", v))
	}
	return y, nil
}
