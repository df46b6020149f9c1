package portal

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

//go:embed templates
var templateFS embed.FS

// pageNames are the templates/NAME.html files, each rendered inside layout.html.
var pageNames = []string{"pci_ranking", "pci_compare", "pci_province", "pci_map", "business_dashboard", "business_search", "error"}

// parsePages parses every page at start-up, so a broken template stops the
// binary at once rather than on the first request. missingkey=error turns a
// misspelt message key ({{.T.x}}) into a failed render, which tests catch.
func parsePages() map[string]*template.Template {
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		pages[name] = template.Must(template.New(name).Option("missingkey=error").
			ParseFS(templateFS, "templates/layout.html", "templates/datatable.html", "templates/"+name+".html"))
	}
	return pages
}

// render executes into a buffer first: a failing template gives a clean 500,
// not half a page with a 200 status.
func (s *server) render(c *gin.Context, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render", "page", name, "err", err)
		c.String(http.StatusInternalServerError, errInternal.Error())
		return
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// layout is what layout.html needs; every page struct embeds it.
type layout struct {
	Lang        string // "vi" or "en"
	T           map[string]string
	Title       string
	HomeHref    string
	AltLang     string
	AltLangName string
	AltLangHref string // this page in the other language
	// ChartScripts loads ECharts and our charts.js (pages with charts only).
	ChartScripts bool
	Nav          navLinks
	Nonce        string // the CSP nonce of this response, on every script element
	// SiteSub replaces the PCI subtitle under the site's name; FooterSource
	// the PCI source line in the footer (pages of other data).
	SiteSub, FooterSource string
}

// navLinks are the dashboards' pages in the page's language.
type navLinks struct{ Ranking, Compare, Map, Province, Business, BusinessSearch string }

// newLayout links the other language to the current URL with lang switched;
// pages with a canonical URL replace AltLangHref with their own.
func newLayout(c *gin.Context, lang, title, home string) layout {
	alt := "en"
	if lang == "en" {
		alt = "vi"
	}
	l := layout{Lang: lang, T: messages[lang], Title: title, AltLang: alt, AltLangName: messages[alt]["lang_name"], Nonce: cspNonce(c)}
	l.HomeHref = withLang(home, url.Values{}, lang)
	l.Nav = navLinks{
		Ranking:  withLang("/pci/ranking", url.Values{}, lang),
		Compare:  withLang("/pci/compare", url.Values{}, lang),
		Map:      withLang("/pci/map", url.Values{}, lang),
		Province: withLang("/pci/province/10", url.Values{}, lang),
		Business: withLang(bizPath, url.Values{}, lang),
		// The business register's pages
		BusinessSearch: withLang("/doanh-nghiep/tra-cuu", url.Values{}, lang),
	}
	l.AltLangHref = withLang(c.Request.URL.Path, c.Request.URL.Query(), alt)
	return l
}

// withLang adds lang to a URL; Vietnamese is the default and is left out.
func withLang(path string, q url.Values, lang string) string {
	q.Del("lang")
	if lang != "vi" {
		q.Set("lang", lang)
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// pageLang is "en" only when asked for; anything else gets Vietnamese.
func pageLang(c *gin.Context) string {
	if c.Query("lang") == "en" {
		return "en"
	}
	return "vi"
}
