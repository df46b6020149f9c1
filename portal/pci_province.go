package portal

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/laocai-dpi/dpi/dashboards"
)

type provincePage struct {
	layout
	Province     dashboards.Province
	Years        []option
	Composite    *chartView
	Radar        *chartView
	SubCharts    []*chartView
	Table        tableView
	RadarTable   tableView
	Indicators   tableView
	Breaks       []string
	Downloads    []download
	APIHref      string
	CompareHref  string
	MergedHref   string
	Sample       bool
	YearSelected int
}

// provinceData reads /pci/province/:code (a download suffix split off) and ?year=.
func (s *server) provinceData(c *gin.Context) (*dashboards.Profile, *dashboards.Reference, string, error) {
	code, format := splitSuffix(c.Param("code"))
	year, err := parseYear(c.Query("year"))
	if err != nil {
		return nil, nil, format, err
	}
	ref, err := s.ref(c)
	if err != nil {
		return nil, nil, format, err
	}
	p, err := dashboards.PCIProvinceProfile(c.Request.Context(), s.db, ref, code, year)
	if errors.Is(err, dashboards.ErrNotFound) {
		return nil, ref, format, notFound("Không tìm thấy tỉnh hoặc chưa có số liệu PCI của tỉnh", "Province not found, or no PCI figures for it")
	}
	return p, ref, format, dashErr(err)
}

// pciProvince serves GET /pci/province/:code (and its downloads).
func (s *server) pciProvince(c *gin.Context) {
	p, ref, format, err := s.provinceData(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	lang := pageLang(c)
	if format != "" {
		t := p.Table(lang)
		s.serveTable(c, format, "pci_"+p.Province.Code, t, tableMeta{Source: pciSource, Title: t.Title,
			ViewURL: "/pci/province/" + p.Province.Code, Sample: len(p.SampleYears) > 0})
		return
	}
	page := provincePage{
		layout:       newLayout(c, lang, fmt.Sprintf(messages[lang]["profile_title"], p.Province.NameVI), "/pci/ranking"),
		Province:     p.Province,
		Breaks:       p.Breaks(lang),
		Sample:       len(p.SampleYears) > 0,
		YearSelected: p.Year,
	}
	page.ChartScripts = true
	q := url.Values{}
	if c.Query("year") != "" {
		q.Set("year", strconv.Itoa(p.Year))
	}
	page.AltLangHref = withLang("/pci/province/"+p.Province.Code, q, page.AltLang)
	for i := len(p.Years) - 1; i >= 0; i-- {
		y := p.Years[i]
		if _, ok := p.Scores[p.Province.Code][y]; ok {
			page.Years = append(page.Years, option{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == p.Year})
		}
	}
	for _, ch := range append([]*dashboards.Chart{p.CompositeChart(lang), p.RadarChart(lang)}, p.SubindexCharts(lang)...) {
		cv, err := newChartView(ch)
		if err != nil {
			s.fail(c, err)
			return
		}
		switch ch.ID {
		case "profile-composite":
			page.Composite = cv
		case "profile-radar":
			page.Radar = cv
		default:
			page.SubCharts = append(page.SubCharts, cv)
		}
	}
	page.Table = newTableView(p.Table(lang), lang, nil)
	page.Table.Notes = nil // the breaks are listed above the charts
	page.RadarTable = newTableView(p.RadarTable(lang), lang, nil)
	page.Indicators = newTableView(p.IndicatorTable(lang, ref), lang, nil)
	page.Downloads = downloads("/pci/province/"+p.Province.Code, "")
	page.APIHref = "/api/v1/pci/province/" + p.Province.Code + "?year=" + strconv.Itoa(p.Year)
	page.CompareHref = withLangQuery("/pci/compare", dashboards.CompareQuery{Codes: []string{p.Province.Code}, Chart: dashboards.ChartLine,
		Measure: dashboards.MeasureScore, Subindex: dashboards.Composite, Year: p.Year, Gen: dashboards.GenPre2025}.Encode(), lang)
	if p.Successor != nil {
		page.MergedHref = withLangQuery("/pci/compare", dashboards.CompareQuery{Codes: []string{p.Successor.Code}, Chart: dashboards.ChartLine,
			Measure: dashboards.MeasureScore, Subindex: dashboards.Composite, Year: p.Year, Gen: dashboards.Gen2025}.Encode(), lang)
	}
	s.render(c, http.StatusOK, "pci_province", page)
}
