package portal

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/laocai-dpi/dpi/dashboards"
)

// rankingView is everything the URL of the ranking page encodes; href()
// gives the URL that reproduces it.
type rankingView struct {
	Year      int
	Sort      string
	Desc      bool
	Lang      string
	Region    string // region key; "" = all provinces
	Highlight string // province code
}

func (v rankingView) query() url.Values {
	q := url.Values{"year": {strconv.Itoa(v.Year)}}
	if v.Sort != "rank" || v.Desc {
		q.Set("sort", v.Sort)
		q.Set("dir", dirName(v.Desc))
	}
	if v.Region != "" {
		q.Set("region", v.Region)
	}
	if v.Highlight != "" {
		q.Set("hl", v.Highlight)
	}
	return q
}

func (v rankingView) href() string { return withLang("/pci/ranking", v.query(), v.Lang) }

func dirName(desc bool) string {
	if desc {
		return "desc"
	}
	return "asc"
}

type rankingPage struct {
	layout
	View        rankingView
	Years       []yearOption
	Hidden      []hiddenInput // the view's other parameters, kept by the year form
	JSONHref    string
	IsSample    bool
	AnyComputed bool
	Columns     []column
	Rows        []rankingRow
	HasTier     bool
	Regions     []option
	Highlights  []option
	Downloads   []download
}

type yearOption struct {
	Year     int
	Selected bool
}

type hiddenInput struct{ Name, Value string }

type column struct {
	Label    string
	Weight   string // "5%", empty when unpublished
	Href     string // sort by this column
	AriaSort string // "ascending" / "descending" on the sorted column
	Arrow    string
	Num      bool
}

type rankingRow struct {
	Rank      string
	Computed  bool
	Home      bool // the department's own province, highlighted
	Highlight bool // the province the URL asks to highlight (?hl=)
	Code      string
	Name      string
	Href      string // the province's profile
	PCI       string
	Tier      string
	Cells     []cell
}

type cell struct {
	Text    string
	Missing bool
}

// pciRanking serves GET /pci/ranking: all provinces of one year, sorted on
// the server so that the page works without JavaScript.
func (s *server) pciRanking(c *gin.Context) {
	r, err := s.pciRankingData(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	lang := pageLang(c)
	ref, err := s.ref(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	v := rankingView{Year: r.Year, Lang: lang}
	v.Sort, v.Desc = parseSort(c.Query("sort"), c.Query("dir"), r.Subindices)
	if v.Region, err = parseRegion(c, ref, r.Year); err != nil {
		s.fail(c, err)
		return
	}
	rows := filterRegion(r.Rows, ref, r.Year, v.Region)
	if hl := c.Query("hl"); slices.ContainsFunc(r.Rows, func(row dashboards.RankingRow) bool { return row.ProvinceCode == hl }) {
		v.Highlight = hl
	}

	p := rankingPage{
		layout:      newLayout(c, lang, fmt.Sprintf(messages[lang]["title"], r.Year), "/pci/ranking"),
		View:        v,
		JSONHref:    "/api/v1/pci/scores?year=" + strconv.Itoa(r.Year),
		IsSample:    r.IsSample,
		AnyComputed: r.AnyComputed(),
	}
	alt := v
	alt.Lang = p.AltLang
	p.AltLangHref = alt.href()
	for _, y := range r.Years {
		p.Years = append(p.Years, yearOption{Year: y, Selected: y == r.Year})
	}
	q := v.query()
	for _, name := range []string{"sort", "dir", "hl"} {
		if q.Has(name) {
			p.Hidden = append(p.Hidden, hiddenInput{name, q.Get(name)})
		}
	}
	if lang != "vi" {
		p.Hidden = append(p.Hidden, hiddenInput{"lang", lang})
	}
	p.HasTier = r.HasTier()
	p.Columns = rankingColumns(v, r.Subindices, p.T, p.HasTier)
	for _, row := range sortRows(rows, v.Sort, v.Desc) {
		pr := pageRow(row, r, lang)
		pr.Highlight = row.ProvinceCode == v.Highlight
		p.Rows = append(p.Rows, pr)
	}
	p.Regions = append(p.Regions, option{Value: "", Label: p.T["all_regions"], Selected: v.Region == ""})
	if dashboards.GenerationOf(r.Year) == dashboards.GenPre2025 {
		for _, g := range ref.Regions() {
			p.Regions = append(p.Regions, option{Value: g.Key, Label: tr(lang, g.NameVI, g.NameEN), Selected: g.Key == v.Region})
		}
	}
	p.Highlights = append(p.Highlights, option{Value: "", Label: p.T["none"], Selected: v.Highlight == ""})
	for _, row := range sortRows(r.Rows, "name", false) {
		p.Highlights = append(p.Highlights, option{Value: row.ProvinceCode, Label: row.ProvinceName, Selected: row.ProvinceCode == v.Highlight})
	}
	dq := v.query()
	dq.Del("hl")
	p.Downloads = downloads("/pci/ranking", dq.Encode())
	s.render(c, http.StatusOK, "pci_ranking", p)
}

func rankingColumns(v rankingView, subs []dashboards.SubindexInfo, t map[string]string, tier bool) []column {
	cols := []column{
		{Label: t["rank"], Num: true},
		{Label: t["province"]},
		{Label: t["pci"], Num: true},
	}
	keys := []string{"rank", "name", "pci"}
	if tier {
		cols = append(cols, column{Label: t["tier"]})
		keys = append(keys, "tier")
	}
	for _, si := range subs {
		col := column{Label: si.NameVI, Num: true}
		if v.Lang == "en" {
			col.Label = si.NameEN
		}
		if si.Weight != nil {
			col.Weight = formatNumber(*si.Weight, -1, v.Lang) + "%"
		}
		cols = append(cols, col)
		keys = append(keys, si.Key)
	}
	for i, key := range keys {
		if key == "tier" {
			cols[i].Href = "" // tiers follow the rank: sort by rank instead
			continue
		}
		next := rankingView{Year: v.Year, Lang: v.Lang, Sort: key, Desc: defaultDesc(key), Region: v.Region, Highlight: v.Highlight}
		if key == v.Sort {
			next.Desc = !v.Desc
			cols[i].AriaSort, cols[i].Arrow = "ascending", "▲"
			if v.Desc {
				cols[i].AriaSort, cols[i].Arrow = "descending", "▼"
			}
		}
		cols[i].Href = next.href()
	}
	return cols
}

func pageRow(row dashboards.RankingRow, r *dashboards.Ranking, lang string) rankingRow {
	out := rankingRow{
		Rank:     strconv.Itoa(row.Rank),
		Computed: row.RankSource == "computed",
		Home:     row.ProvinceCode == homeProvince(r.Year),
		Code:     row.ProvinceCode,
		Name:     row.ProvinceName,
		PCI:      formatNumber(row.PCI, 2, lang),
		Tier:     dashboards.TierName(row.Tier, lang),
	}
	if dashboards.GenerationOf(r.Year) == dashboards.GenPre2025 {
		out.Href = withLang("/pci/province/"+row.ProvinceCode, url.Values{}, lang)
	}
	for _, si := range r.Subindices {
		if v := row.Subindices[si.Key]; v != nil {
			out.Cells = append(out.Cells, cell{Text: formatNumber(*v, 2, lang)})
		} else {
			out.Cells = append(out.Cells, cell{Text: "—", Missing: true})
		}
	}
	return out
}

// homeProvince is Lào Cai's GSO code in the generation a PCI year uses:
// 10 before the 2025 merger, 15 (Lào Cai + Yên Bái) from 2025.
func homeProvince(year int) string {
	if year >= 2025 {
		return "15"
	}
	return "10"
}

// parseRegion validates ?region= against the six regions.
func parseRegion(c *gin.Context, ref *dashboards.Reference, year int) (string, error) {
	key := c.Query("region")
	if key == "" {
		return "", nil
	}
	if _, ok := ref.Region(key); !ok || dashboards.GenerationOf(year) != dashboards.GenPre2025 {
		return "", invalid(fmt.Sprintf("Vùng không hợp lệ: %q", cutValue(key)), fmt.Sprintf("Invalid region: %q", cutValue(key)))
	}
	return key, nil
}

func cutValue(v string) string {
	if len(v) > 40 {
		return v[:40] + "…"
	}
	return v
}

// filterRegion keeps the rows of one region (all rows for "").
func filterRegion(rows []dashboards.RankingRow, ref *dashboards.Reference, year int, region string) []dashboards.RankingRow {
	if region == "" {
		return rows
	}
	var out []dashboards.RankingRow
	for _, row := range rows {
		if p, ok := ref.Province(dashboards.GenerationOf(year), row.ProvinceCode); ok && p.Region == region {
			out = append(out, row)
		}
	}
	return out
}

// pciRankingDownload serves /pci/ranking.{csv,xlsx,ods,json}: the rows of
// the page (year, region, sort) at full precision.
func (s *server) pciRankingDownload(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
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
		lang := pageLang(c)
		key, desc := parseSort(c.Query("sort"), c.Query("dir"), r.Subindices)
		rows := sortRows(filterRegion(r.Rows, ref, r.Year, region), key, desc)
		t := dashboards.RankingTable(r, rows, lang)
		v := rankingView{Year: r.Year, Sort: key, Desc: desc, Region: region}
		s.serveTable(c, format, "pci_xep_hang_"+strconv.Itoa(r.Year), t, tableMeta{Source: pciSource, Title: t.Title,
			ViewURL: v.href(), Sample: r.IsSample, Filters: [][2]string{{"year", strconv.Itoa(r.Year)}, {"region", region}}})
	}
}
