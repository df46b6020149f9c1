package portal

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/laocai-dpi/dpi/dashboards"
)

// rankingView is everything the URL of the ranking page encodes; href()
// gives the URL that reproduces it.
type rankingView struct {
	Year int
	Sort string
	Desc bool
	Lang string
}

func (v rankingView) query() url.Values {
	q := url.Values{"year": {strconv.Itoa(v.Year)}}
	if v.Sort != "rank" || v.Desc {
		q.Set("sort", v.Sort)
		q.Set("dir", dirName(v.Desc))
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
	Rank     string
	Computed bool
	Home     bool // the department's own province, highlighted
	Name     string
	PCI      string
	Cells    []cell
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
	v := rankingView{Year: r.Year, Lang: lang}
	v.Sort, v.Desc = parseSort(c.Query("sort"), c.Query("dir"), r.Subindices)

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
	for _, name := range []string{"sort", "dir"} {
		if q.Has(name) {
			p.Hidden = append(p.Hidden, hiddenInput{name, q.Get(name)})
		}
	}
	if lang != "vi" {
		p.Hidden = append(p.Hidden, hiddenInput{"lang", lang})
	}
	p.Columns = rankingColumns(v, r.Subindices, p.T)
	for _, row := range sortRows(r.Rows, v.Sort, v.Desc) {
		p.Rows = append(p.Rows, pageRow(row, r, lang))
	}
	s.render(c, http.StatusOK, "pci_ranking", p)
}

func rankingColumns(v rankingView, subs []dashboards.SubindexInfo, t map[string]string) []column {
	cols := []column{
		{Label: t["rank"], Num: true},
		{Label: t["province"]},
		{Label: t["pci"], Num: true},
	}
	keys := []string{"rank", "name", "pci"}
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
		next := rankingView{Year: v.Year, Lang: v.Lang, Sort: key, Desc: defaultDesc(key)}
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
		Name:     row.ProvinceName,
		PCI:      formatNumber(row.PCI, 2, lang),
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
