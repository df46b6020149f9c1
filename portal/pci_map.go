package portal

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/laocai-dpi/dpi/dashboards"
)

const tileW, tileH, tileGap = 84, 40, 4

// The 34-province tiles are larger: before 2025 they hold a part per
// predecessor (up to three) under the name.
const tile34W, tile34H = 132, 58

type mapPage struct {
	layout
	Width, Height int
	Tiles         []mapTile
	Legend        []legendItem
	Split         bool // tiles split between predecessors (34 provinces, a year before 2025)
	Gens          []option
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
	Parts        []mapTile // a split tile's predecessors
}

type legendItem struct{ Fill, Label string }

// mapData reads ?year=&subindex=&measure=&gen= for the page, its downloads and the API.
func (s *server) mapData(c *gin.Context) (*dashboards.MapView, error) {
	year, err := parseYear(c.Query("year"))
	if err != nil {
		return nil, err
	}
	ref, err := s.ref(c)
	if err != nil {
		return nil, err
	}
	m, err := dashboards.PCIMap(c.Request.Context(), s.db, ref, c.Query("gen"), year, c.Query("subindex"), c.Query("measure"))
	return m, dashErr(err)
}

func mapQuery(q dashboards.CompareQuery) string {
	return fmt.Sprintf("year=%d&subindex=%s&measure=%s&gen=%s", q.Year, url.QueryEscape(q.Subindex), url.QueryEscape(q.Measure), url.QueryEscape(q.Gen))
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
	w, h := tileW, tileH
	if q.Gen == dashboards.Gen2025 {
		w, h = tile34W, tile34H
	}
	p := mapPage{layout: newLayout(c, lang, m.Title(lang), "/pci/ranking"),
		Width: m.Cols*(w+tileGap) + tileGap, Height: m.Rows*(h+tileGap) + tileGap, Sample: len(m.Compare.SampleYears) > 0, Split: m.Split()}
	p.AltLangHref = withLangQuery("/pci/map", mapQuery(q), p.AltLang)
	decimals := 2
	if q.Measure == dashboards.MeasureRank {
		decimals = 0
	}
	colour := func(t *mapTile, v *float64, class int) {
		t.Fill, t.Color, t.Value = "#f6f8fa", "#57606a", "—"
		if v != nil {
			t.Value = formatNumber(*v, decimals, lang)
			cl := m.Classes[class]
			t.Fill, t.Color = cl.Fill, cl.Text
		}
	}
	for _, cell := range m.Cells {
		t := mapTile{X: tileGap + cell.Col*(w+tileGap), Y: tileGap + cell.Row*(h+tileGap), W: w, H: h,
			Name: cell.Province.NameVI, Short: shortName(cell.Province.NameVI)}
		t.TX, t.TY, t.TY2 = t.X+w/2, t.Y+h/2-4, t.Y+h/2+12
		colour(&t, cell.Value, cell.Class)
		t.Title = cell.Province.NameVI + ": " + t.Value
		if q.Gen == dashboards.GenPre2025 { // the profile pages are of the 63
			t.Href = withLang("/pci/province/"+cell.Province.Code, url.Values{}, lang)
		}
		if m.Split() {
			// the name on a neutral band, the parts side by side under it
			t.Fill, t.Color, t.TY = "#ffffff", "#1b1f24", t.Y+14
			n := max(len(cell.Parts), 1)
			pw := (w - 4) / n
			for i, part := range cell.Parts {
				pt := mapTile{X: t.X + 2 + i*pw, Y: t.Y + 20, W: pw - 1, H: h - 22, Name: part.Province.NameVI}
				colour(&pt, part.Value, part.Class)
				pt.TX, pt.TY = pt.X+pt.W/2, pt.Y+pt.H/2+4
				pt.Title = fmt.Sprintf("%s — %s: %s", cell.Province.NameVI, part.Province.NameVI+tr(lang, " (tỉnh cũ, mã ", " (former province, code ")+part.Province.Code+")", pt.Value)
				pt.Href = withLang("/pci/province/"+part.Province.Code, url.Values{}, lang)
				t.Parts = append(t.Parts, pt)
			}
			var names []string
			for _, pt := range t.Parts {
				names = append(names, pt.Name+": "+pt.Value)
			}
			t.Title = cell.Province.NameVI + " — " + strings.Join(names, "; ")
		}
		p.Tiles = append(p.Tiles, t)
	}
	for _, cl := range m.Classes {
		p.Legend = append(p.Legend, legendItem{Fill: cl.Fill, Label: formatNumber(cl.From, decimals, lang) + " – " + formatNumber(cl.To, decimals, lang)})
	}
	for _, g := range []struct{ gen, vi, en string }{
		{dashboards.GenPre2025, "63 tỉnh, thành phố (đến 30/6/2025)", "63 provinces (to 30 June 2025)"},
		{dashboards.Gen2025, "34 tỉnh, thành phố (từ 1/7/2025)", "34 provinces (from 1 July 2025)"},
	} {
		p.Gens = append(p.Gens, option{Value: g.gen, Label: tr(lang, g.vi, g.en), Selected: g.gen == q.Gen})
	}
	for i := len(m.Compare.Years) - 1; i >= 0; i-- {
		y := m.Compare.Years[i]
		if y < 2025 || q.Gen == dashboards.Gen2025 {
			p.Years = append(p.Years, option{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == q.Year})
		}
	}
	ref, _ := s.ref(c)
	var fake comparePage
	fake.Query = q
	s.compareForm(c, &fake, ref, m.Compare, lang)
	p.Measures, p.Subindices = fake.Measures, fake.Subindices
	p.Table = newTableView(m.Table(lang), lang, s.provinceLink(q.Gen, lang))
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
			Sample: len(m.Compare.SampleYears) > 0, Filters: [][2]string{{"year", strconv.Itoa(q.Year)}, {"subindex", q.Subindex}, {"measure", q.Measure}, {"gen", q.Gen}}})
	}
}

type apiMap struct {
	Gen       string       `json:"gen"`
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
	// Parts: on the map of the 34 before 2025, each predecessor's own figure
	// (value is then null: there is no combined figure).
	Parts []apiMapPart `json:"parts,omitempty"`
}

type apiMapPart struct {
	apiProvince
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
	out := apiMap{Gen: q.Gen, Year: q.Year, Subindex: q.Subindex, Measure: q.Measure, ViewURL: "/pci/map?" + mapQuery(q),
		IsSample: len(m.Compare.SampleYears) > 0, Provinces: []apiMapCell{}}
	for _, cell := range m.Cells {
		ac := apiMapCell{apiProvince: apiProv(cell.Province), Col: cell.Col, Row: cell.Row, Value: cell.Value}
		for _, part := range cell.Parts {
			ac.Parts = append(ac.Parts, apiMapPart{apiProvince: apiProv(part.Province), Value: part.Value})
		}
		out.Provinces = append(out.Provinces, ac)
	}
	c.JSON(http.StatusOK, out)
}
