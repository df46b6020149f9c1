// Package portal is the gin web application: server-rendered pages in
// Vietnamese and English, and the JSON API behind them.
package portal

import (
	"database/sql"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/dashboards/export"
	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
)

// Options configure the portal; the zero value is usable.
type Options struct {
	Logger *slog.Logger // default slog.Default()

	// Content and Auth serve the three portals' news, sign-in and the
	// editorial pages (/quan-tri/); nil: the public PCI pages only.
	Content *content.Service
	Auth    *auth.Service
	// TrustedProxies are the addresses (IPs or CIDRs) of reverse proxies
	// whose X-Forwarded-For gives the client address; none by default.
	TrustedProxies []string
	// TrustedOrigins may send state-changing requests besides the site's
	// own origin ("https://cms.example.vn").
	TrustedOrigins []string
	// BaseURL is the public address of the site ("https://skhdt.laocai.gov.vn")
	// for feeds and the sitemap; default: from the request.
	BaseURL string
	// Now is the clock the business dashboard judges freshness by
	// (tests set it); default time.Now.
	Now func() time.Time
	// HTTPS says the site is served over TLS by a proxy in front: cookies get
	// the __Host- name and the Secure flag (they do anyway for TLS requests).
	HTTPS bool
	// MaxUploadBody caps a whole form that carries files (default
	// DefaultMaxUploadBody); content.Files caps each file.
	MaxUploadBody int64
}

type server struct {
	db    *sql.DB
	log   *slog.Logger
	pages map[string]*template.Template
	ed    *editorial // nil without Options.Content
	now   func() time.Time
	// routes as registered at start (a portal's new prefix is checked against them).
	routes gin.RoutesInfo
}

// New returns the portal's handler, reading the warehouse through db.
func New(db *sql.DB, opts Options) http.Handler {
	// Release mode before gin.New: no debug route dump or warnings on stderr.
	gin.SetMode(gin.ReleaseMode)
	s := &server{db: db, log: opts.Logger, pages: parsePages(), now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	r := gin.New()
	// ClientIP is the socket's address unless the request came through a
	// listed proxy; never gin's default of trusting every X-Forwarded-For.
	if err := r.SetTrustedProxies(opts.TrustedProxies); err != nil {
		s.log.Error("trusted proxies", "err", err)
		r.SetTrustedProxies(nil)
	}
	r.Use(securityHeaders, s.recovery(), s.crossOrigin(opts.TrustedOrigins))
	r.NoRoute(s.notFound)

	if s.ed = newEditorial(s, opts); s.ed != nil {
		s.editorialRoutes(r) // the portals' home pages, news, feeds, sign-in, /quan-tri/
	} else {
		r.GET("/", func(c *gin.Context) { c.Redirect(http.StatusFound, "/pci/ranking") })
	}
	r.GET("/healthz", healthz)
	r.GET("/static/*file", serveStatic)
	r.GET("/pci/ranking", s.pciRanking)
	r.GET("/pci/compare", s.pciCompare)
	for _, f := range export.Formats {
		r.GET("/pci/compare."+f, s.pciCompareDownload(f))
	}
	r.GET("/api/v1/pci/scores", s.apiPCIScores)
	r.GET("/api/v1/pci/compare", s.apiPCICompare)
	r.GET("/pci/province/:code", s.pciProvince)
	r.GET("/pci/map", s.pciMap)
	for _, f := range export.Formats {
		r.GET("/pci/map."+f, s.pciMapDownload(f))
		r.GET("/pci/ranking."+f, s.pciRankingDownload(f))
	}
	r.GET("/api/v1/pci/map", s.apiPCIMap)
	r.GET("/api/openapi.json", serveOpenAPI)
	r.GET("/api/v1/pci/province/:code", s.apiPCIProvince)
	// The quarterly business-registration dashboard (the business portal's data).
	r.GET(bizPath, s.bizDashboard)
	for _, f := range export.Formats {
		r.GET(bizPath+"."+f, s.bizDownload(f))
	}
	r.GET("/api/v1/business/quarterly", s.apiBusinessQuarterly)
	// The business register: enterprise search, its downloads (the whole
	// filtered list, streamed from DuckDB) and its API.
	r.GET("/doanh-nghiep/tra-cuu", s.businessSearch)
	for _, f := range export.Formats {
		r.GET("/doanh-nghiep/tra-cuu."+f, s.businessSearchDownload(f))
	}
	r.GET("/api/v1/business/enterprises", s.apiBusinessEnterprises)
	s.routes = r.Routes()
	return r
}

// healthz says the process serves requests; it does not touch the warehouse,
// so a slow query never makes an orchestrator restart a healthy process.
func healthz(c *gin.Context) { c.String(http.StatusOK, "ok") }
