package portal

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/export"
)

// The enterprise search: GET /doanh-nghiep/tra-cuu (a plain GET form, every
// choice in the URL), the whole filtered list as downloads
// (/doanh-nghiep/tra-cuu.csv …), and GET /api/v1/business/enterprises.

const businessSearchPath = "/doanh-nghiep/tra-cuu"

type businessSearchPage struct {
	layout
	Q         dashboards.EnterpriseQuery
	Error     string // the query could not be read: the message, the form kept, no rows
	Loaded    bool
	IsSample  bool
	Total     string
	Count     int64
	PageNo    int
	Pages     int
	Rows      []enterpriseRowView
	Columns   []column
	Pager     []pagerLink
	Downloads []download
	APIHref   string
	ClearHref string
	Hidden    []hiddenInput
	// The form's lists, each with the current choice selected.
	Districts, Communes, LegalForms, Statuses, Sorts, Dirs, PerPages []option
	Sections                                                         []option
}

type enterpriseRowView struct {
	TaxCode, Name, ShortName, ForeignName string
	LegalForm, Status, StatusKey          string
	VSICCode, VSICName                    string
	Capital, Registered                   string
	Commune, District                     string
}

type pagerLink struct {
	Label, Href, Rel string // Href "" for the current or an unavailable page
	Current          bool
}

// businessSearch serves the page. A form submission (empty fields, other
// spellings) is redirected to the canonical URL of the same search.
func (s *server) businessSearch(c *gin.Context) {
	lang := pageLang(c)
	ref, err := dashboards.LoadBusinessRef(c.Request.Context(), s.db)
	if err != nil {
		s.fail(c, err)
		return
	}
	p := businessSearchPage{layout: newLayout(c, lang, messages[lang]["bs_title"], businessSearchPath)}
	p.SiteSub, p.FooterSource = messages[lang]["site_sub_business"], dashboards.BizSource
	p.ClearHref = withLang(businessSearchPath, url.Values{}, lang)
	if lang != "vi" {
		p.Hidden = append(p.Hidden, hiddenInput{"lang", lang})
	}
	raw := c.Request.URL.Query()
	q, err := dashboards.ParseEnterpriseQuery(raw, ref)
	var inv *dashboards.InvalidError
	switch {
	case errors.As(err, &inv):
		// The form is shown again with what was typed, and the message.
		p.Q = dashboards.EnterpriseQuery{Name: raw.Get("name"), TaxCode: raw.Get("tax_code"), District: raw.Get("district"),
			Commune: raw.Get("commune"), VSIC: raw.Get("vsic"), LegalForm: raw.Get("legal_form"), Status: raw.Get("status"),
			From: raw.Get("from"), To: raw.Get("to"), Sort: raw.Get("sort"), PerPage: dashboards.DefaultPerPage}
		p.Error = inv.VI
		if lang == "en" {
			p.Error = inv.EN
		}
		p.fillForm(ref, lang)
		s.render(c, http.StatusBadRequest, "business_search", p)
		return
	case err != nil:
		s.fail(c, err)
		return
	}
	// Values compared, not bytes: a browser's own percent-encoding never
	// causes a redirect loop.
	want := q.Values()
	if lang != "vi" {
		want.Set("lang", lang)
	}
	if want.Encode() != raw.Encode() {
		c.Redirect(http.StatusFound, withLang(businessSearchPath, q.Values(), lang))
		return
	}
	res, err := dashboards.SearchEnterprises(c.Request.Context(), s.db, q, lang)
	if err != nil {
		s.fail(c, err)
		return
	}
	p.Q = q
	p.Loaded, p.IsSample = res.Loaded, res.IsSample
	p.Count, p.Total, p.PageNo, p.Pages = res.Total, formatCount(float64(res.Total), lang), q.Page, res.Pages
	p.fillForm(ref, lang)
	for _, r := range res.Rows {
		p.Rows = append(p.Rows, rowView(r, lang))
	}
	p.Columns = searchColumns(q, lang, p.T)
	p.Pager = pager(q, res.Pages, lang, p.T)
	p.Downloads = searchDownloads(q, lang)
	p.APIHref = withLang("/api/v1/business/enterprises", q.Values(), lang)
	alt := map[string]string{"vi": "en", "en": "vi"}[lang]
	p.AltLangHref = withLang(businessSearchPath, q.Values(), alt)
	s.render(c, http.StatusOK, "business_search", p)
}

func (p *businessSearchPage) fillForm(ref *dashboards.BusinessRef, lang string) {
	list := func(items []dashboards.RefItem, cur, all string) []option {
		out := []option{{Value: "", Label: all, Selected: cur == ""}}
		for _, it := range items {
			out = append(out, option{Value: it.Code, Label: it.Name(lang), Selected: it.Code == cur})
		}
		return out
	}
	t := p.T
	p.Districts = list(ref.Districts, p.Q.District, t["bs_all"])
	p.Communes = list(ref.Communes, p.Q.Commune, t["bs_all"])
	p.LegalForms = list(ref.LegalForms, p.Q.LegalForm, t["bs_all"])
	p.Statuses = list(ref.Statuses, p.Q.Status, t["bs_all"])
	for _, it := range ref.Sections {
		p.Sections = append(p.Sections, option{Value: it.Code, Label: it.Code + " — " + it.Name(lang)})
	}
	for _, k := range dashboards.EnterpriseSorts {
		p.Sorts = append(p.Sorts, option{Value: k, Label: t["bs_sort_"+k], Selected: k == p.Q.Sort})
	}
	p.Dirs = []option{{Value: "asc", Label: t["bs_asc"], Selected: !p.Q.Desc}, {Value: "desc", Label: t["bs_desc"], Selected: p.Q.Desc}}
	for _, n := range []int{20, dashboards.DefaultPerPage, 100, dashboards.MaxPerPage} {
		p.PerPages = append(p.PerPages, option{Value: strconv.Itoa(n), Label: strconv.Itoa(n), Selected: n == p.Q.PerPage})
	}
}

func rowView(r dashboards.EnterpriseRow, lang string) enterpriseRowView {
	v := enterpriseRowView{TaxCode: r.TaxCode, Name: r.Name, ShortName: r.ShortName, ForeignName: r.ForeignName,
		LegalForm: r.LegalFormName, Status: r.StatusName, StatusKey: r.Status, VSICCode: r.VSICCode, VSICName: r.VSICName,
		Commune: r.CommuneName, District: r.DistrictName, Capital: "—", Registered: "—"}
	if r.CapitalVND != nil {
		v.Capital = formatCount(float64(*r.CapitalVND), lang)
	}
	if r.RegisteredOn != nil {
		v.Registered = r.RegisteredOn.Format("02/01/2006")
	}
	return v
}

// searchColumns are the table's headers; the sortable ones link to the
// same search sorted by them (again: the other direction), from page 1.
func searchColumns(q dashboards.EnterpriseQuery, lang string, t map[string]string) []column {
	cols := []column{
		{Label: t["bs_col_tax_code"]}, {Label: t["bs_col_name"]}, {Label: t["bs_col_legal_form"]}, {Label: t["bs_col_vsic"]},
		{Label: t["bs_col_status"]}, {Label: t["bs_col_capital"], Num: true}, {Label: t["bs_col_registered"], Num: true},
		{Label: t["bs_col_place"]},
	}
	sortOf := map[int]string{0: dashboards.SortTaxCode, 1: dashboards.SortName, 5: dashboards.SortCapital, 6: dashboards.SortRegistered}
	for i, key := range sortOf {
		next := q
		next.Page, next.Sort, next.Desc = 1, key, false
		if key == q.Sort {
			next.Desc = !q.Desc
			cols[i].AriaSort, cols[i].Arrow = "ascending", "▲"
			if q.Desc {
				cols[i].AriaSort, cols[i].Arrow = "descending", "▼"
			}
		}
		cols[i].Href = withLang(businessSearchPath, next.Values(), lang)
	}
	return cols
}

// pager links the first, previous, next and last pages.
func pager(q dashboards.EnterpriseQuery, pages int, lang string, t map[string]string) []pagerLink {
	at := func(n int) string {
		next := q
		next.Page = n
		return withLang(businessSearchPath, next.Values(), lang)
	}
	link := func(label string, n int, rel string) pagerLink {
		if n < 1 || n > pages || n == q.Page {
			return pagerLink{Label: label}
		}
		return pagerLink{Label: label, Href: at(n), Rel: rel}
	}
	return []pagerLink{
		link(t["bs_first"], 1, "first"),
		link(t["bs_prev"], q.Page-1, "prev"),
		{Label: strconv.Itoa(q.Page) + " / " + strconv.Itoa(pages), Current: true},
		link(t["bs_next"], q.Page+1, "next"),
		link(t["bs_last"], pages, "last"),
	}
}

// searchDownloads link the whole filtered list (no page) in every format.
func searchDownloads(q dashboards.EnterpriseQuery, lang string) []download {
	var out []download
	for _, f := range []struct{ ext, label string }{{"csv", "CSV"}, {"xlsx", "Excel (.xlsx)"}, {"ods", "ODS"}, {"json", "JSON"}, {"parquet", "Parquet"}} {
		out = append(out, download{Format: f.ext, Label: f.label, Href: withLang(businessSearchPath+"."+f.ext, q.Filters(), lang)})
	}
	return out
}

// enterpriseQuery reads the search from the URL for the downloads and the
// API (the page keeps its form on a bad query instead).
func (s *server) enterpriseQuery(c *gin.Context) (*dashboards.BusinessRef, dashboards.EnterpriseQuery, error) {
	ref, err := dashboards.LoadBusinessRef(c.Request.Context(), s.db)
	if err != nil {
		return nil, dashboards.EnterpriseQuery{}, err
	}
	q, err := dashboards.ParseEnterpriseQuery(c.Request.URL.Query(), ref)
	return ref, q, dashErr(err)
}

// businessSearchDownload streams the whole filtered list, in the page's
// order, from DuckDB (export.ServeQuery): never only the page shown.
func (s *server) businessSearchDownload(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx := c.Request.Context()
		ref, q, err := s.enterpriseQuery(c)
		if err != nil {
			s.fail(c, err)
			return
		}
		state, err := dashboards.RegisterState(ctx, s.db)
		if err != nil {
			s.fail(c, err)
			return
		}
		lang := pageLang(c)
		note := "Chưa có danh sách doanh nghiệp nào được nạp / No enterprise list has been loaded yet"
		if state.Loaded {
			note = "Trạng thái mới nhất của mỗi doanh nghiệp trong các danh sách đã nạp, đến quý " + state.Latest +
				" / Each enterprise's latest state in the lists loaded, up to " + state.Latest
		}
		meta := export.Meta{
			TitleVI: "Danh sách doanh nghiệp — kết quả tra cứu", TitleEN: "Enterprises — search result",
			Source: dashboards.BizSource, URL: withLang(businessSearchPath, q.Filters(), lang),
			Filters: q.FilterList(ref), Lang: lang, IsSample: state.IsSample, Notes: []string{note},
		}
		query, args := q.ExportSQL(lang)
		name := "doanh_nghiep_tra_cuu_" + time.Now().In(ict).Format("20060102")
		export.ServeQuery(c.Writer, c.Request, s.db, format, name, dashboards.EnterpriseColumns(), meta, query, args...)
	}
}

// apiEnterprises is the JSON of GET /api/v1/business/enterprises.
type apiEnterprises struct {
	Query    map[string]string `json:"query"` // the canonical filters
	Total    int64             `json:"total"`
	Page     int               `json:"page"`
	PerPage  int               `json:"per_page"`
	Pages    int               `json:"pages"`
	IsSample bool              `json:"is_sample"`
	Source   string            `json:"source"`
	ViewURL  string            `json:"view_url"`
	Links    map[string]string `json:"links"` // first, prev, next, last (absent where none)
	Columns  []apiColumn       `json:"columns"`
	Rows     []map[string]any  `json:"rows"`
}

// apiBusinessEnterprises serves one page of the search as JSON.
func (s *server) apiBusinessEnterprises(c *gin.Context) {
	ctx := c.Request.Context()
	lang := pageLang(c)
	_, q, err := s.enterpriseQuery(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	res, err := dashboards.SearchEnterprises(ctx, s.db, q, lang)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := apiEnterprises{Query: map[string]string{}, Total: res.Total, Page: q.Page, PerPage: q.PerPage, Pages: res.Pages,
		IsSample: res.IsSample, Source: dashboards.BizSource, ViewURL: withLang(businessSearchPath, q.Values(), lang),
		Links: map[string]string{}, Rows: make([]map[string]any, 0, len(res.Rows))}
	for k, v := range q.Filters() {
		out.Query[k] = v[0]
	}
	for _, l := range pager(q, res.Pages, lang, messages[lang]) {
		if l.Href != "" {
			out.Links[l.Rel] = "/api/v1/business/enterprises" + strings.TrimPrefix(l.Href, businessSearchPath)
		}
	}
	for _, col := range dashboards.EnterpriseColumns() {
		out.Columns = append(out.Columns, apiColumn{Key: col.Key, Label: col.Label(lang), Kind: col.Type.String()})
	}
	for _, r := range res.Rows {
		out.Rows = append(out.Rows, r.Record())
	}
	c.JSON(http.StatusOK, out)
}
