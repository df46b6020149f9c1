package portal

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/laocai-dpi/dpi/dashboards"
)

const tileW, tileH, tileGap = 84, 40, 4

type mapPage struct {
	layout
	Width, Height int
	Tiles         []mapTile
	Legend        []legendItem
	Years         []option
	Measures      []option
	Subindices    []option
	Table         tableView
	Downloads     []download
	APIHref       string
	Sample        bool
}

type mapTile struct {
	X, Y, W, H   int
	TX, TY, TY2  int
	Fill, Color  string
	Name, Short  string
	Value, Title string
	Href         string
}

type legendItem struct{ Fill, Label string }

// mapData reads ?year=&subindex=&measure= for the page, its downloads and the API.
func (s *server) mapData(c *gin.Context) (*dashboards.MapView, error) {
	year, err := parseYear(c.Query("year"))
	if err != nil {
		return nil, err
	}
	ref, err := s.ref(c)
	if err != nil {
		return nil, err
	}
	m, err := dashboards.PCIMap(c.Request.Context(), s.db, ref, year, c.Query("subindex"), c.Query("measure"))
	return m, dashErr(err)
}

func mapQuery(q dashboards.CompareQuery) string {
	return fmt.Sprintf("year=%d&subindex=%s&measure=%s", q.Year, url.QueryEscape(q.Subindex), url.QueryEscape(q.Measure))
}

// pciMap serves GET /pci/map: a tile-grid map (server-drawn SVG, no script
// needed) of every province coloured by the chosen measure, and its table.
func (s *server) pciMap(c *gin.Context) {
	m, err := s.mapData(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	lang := pageLang(c)
	q := m.Compare.Query
	p := mapPage{layout: newLayout(c, lang, m.Title(lang), "/pci/ranking"),
		Width: m.Cols*(tileW+tileGap) + tileGap, Height: m.Rows*(tileH+tileGap) + tileGap, Sample: len(m.Compare.SampleYears) > 0}
	p.AltLangHref = withLangQuery("/pci/map", mapQuery(q), p.AltLang)
	decimals := 2
	if q.Measure == dashboards.MeasureRank {
		decimals = 0
	}
	for _, cell := range m.Cells {
		t := mapTile{X: tileGap + cell.Col*(tileW+tileGap), Y: tileGap + cell.Row*(tileH+tileGap), W: tileW, H: tileH,
			Fill: "#f6f8fa", Color: "#57606a", Name: cell.Province.NameVI, Short: shortName(cell.Province.NameVI), Value: "—"}
		t.TX, t.TY, t.TY2 = t.X+tileW/2, t.Y+16, t.Y+32
		if cell.Value != nil {
			t.Value = formatNumber(*cell.Value, decimals, lang)
			cl := m.Classes[cell.Class]
			t.Fill, t.Color = cl.Fill, cl.Text
		}
		t.Title = cell.Province.NameVI + ": " + t.Value
		t.Href = withLang("/pci/province/"+cell.Province.Code, url.Values{}, lang)
		p.Tiles = append(p.Tiles, t)
	}
	for _, cl := range m.Classes {
		p.Legend = append(p.Legend, legendItem{Fill: cl.Fill, Label: formatNumber(cl.From, decimals, lang) + " – " + formatNumber(cl.To, decimals, lang)})
	}
	for i := len(m.Compare.Years) - 1; i >= 0; i-- {
		y := m.Compare.Years[i]
		if y < 2025 {
			p.Years = append(p.Years, option{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == q.Year})
		}
	}
	ref, _ := s.ref(c)
	var fake comparePage
	fake.Query = q
	s.compareForm(c, &fake, ref, m.Compare, lang)
	p.Measures, p.Subindices = fake.Measures, fake.Subindices
	p.Table = newTableView(m.Table(lang), lang, s.provinceLink(dashboards.GenPre2025, lang))
	p.Downloads = downloads("/pci/map", mapQuery(q))
	p.APIHref = "/api/v1/pci/map?" + mapQuery(q)
	s.render(c, http.StatusOK, "pci_map", p)
}

// shortName fits a name on a tile: at most 11 letters, then an ellipsis.
func shortName(s string) string {
	r := []rune(s)
	if len(r) <= 11 {
		return s
	}
	return string(r[:10]) + "…"
}

func (s *server) pciMapDownload(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		m, err := s.mapData(c)
		if err != nil {
			s.fail(c, err)
			return
		}
		t := m.Table(pageLang(c))
		q := m.Compare.Query
		s.serveTable(c, format, "pci_ban_do_"+strconv.Itoa(q.Year), t, tableMeta{Source: pciSource, Title: t.Title, ViewURL: "/pci/map?" + mapQuery(q),
			Sample: len(m.Compare.SampleYears) > 0, Filters: [][2]string{{"year", strconv.Itoa(q.Year)}, {"subindex", q.Subindex}, {"measure", q.Measure}}})
	}
}

type apiMap struct {
	Year      int          `json:"year"`
	Subindex  string       `json:"subindex"`
	Measure   string       `json:"measure"`
	ViewURL   string       `json:"view_url"`
	IsSample  bool         `json:"is_sample"`
	Provinces []apiMapCell `json:"provinces"`
}

type apiMapCell struct {
	apiProvince
	Col   int      `json:"col"`
	Row   int      `json:"row"`
	Value *float64 `json:"value"`
}

// apiPCIMap serves GET /api/v1/pci/map: every province's value and tile.
func (s *server) apiPCIMap(c *gin.Context) {
	m, err := s.mapData(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	q := m.Compare.Query
	out := apiMap{Year: q.Year, Subindex: q.Subindex, Measure: q.Measure, ViewURL: "/pci/map?" + mapQuery(q),
		IsSample: len(m.Compare.SampleYears) > 0, Provinces: []apiMapCell{}}
	for _, cell := range m.Cells {
		out.Provinces = append(out.Provinces, apiMapCell{apiProvince: apiProv(cell.Province), Col: cell.Col, Row: cell.Row, Value: cell.Value})
	}
	c.JSON(http.StatusOK, out)
}
