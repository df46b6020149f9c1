// Package portal is the gin web application: server-rendered pages in
// Vietnamese and English, and the JSON API behind them.
package portal

import (
	"database/sql"
	"html/template"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
)

// Options configure the portal; the zero value is usable.
type Options struct {
	Logger *slog.Logger // default slog.Default()
}

type server struct {
	db    *sql.DB
	log   *slog.Logger
	pages map[string]*template.Template
}

// New returns the portal's handler, reading the warehouse through db.
func New(db *sql.DB, opts Options) http.Handler {
	// Release mode before gin.New: no debug route dump or warnings on stderr.
	gin.SetMode(gin.ReleaseMode)
	s := &server{db: db, log: opts.Logger, pages: parsePages()}
	if s.log == nil {
		s.log = slog.Default()
	}
	r := gin.New()
	r.SetTrustedProxies(nil) // ClientIP from the socket unless a proxy is configured later
	r.Use(securityHeaders, s.recovery())
	r.NoRoute(s.notFound)

	r.GET("/", func(c *gin.Context) { c.Redirect(http.StatusFound, "/pci/ranking") })
	r.GET("/healthz", healthz)
	r.GET("/static/*file", serveStatic)
	r.GET("/pci/ranking", s.pciRanking)
	r.GET("/pci/compare", s.pciCompare)
	for _, f := range []string{"csv", "xlsx", "ods", "json"} {
		r.GET("/pci/compare."+f, s.pciCompareDownload(f))
	}
	r.GET("/api/v1/pci/scores", s.apiPCIScores)
	r.GET("/api/v1/pci/compare", s.apiPCICompare)
	r.GET("/pci/province/:code", s.pciProvince)
	r.GET("/pci/map", s.pciMap)
	for _, f := range []string{"csv", "xlsx", "ods", "json"} {
		r.GET("/pci/map."+f, s.pciMapDownload(f))
		r.GET("/pci/ranking."+f, s.pciRankingDownload(f))
	}
	r.GET("/api/v1/pci/map", s.apiPCIMap)
	r.GET("/api/openapi.json", serveOpenAPI)
	r.GET("/api/v1/pci/province/:code", s.apiPCIProvince)
	return r
}

// healthz says the process serves requests; it does not touch the warehouse,
// so a slow query never makes an orchestrator restart a healthy process.
func healthz(c *gin.Context) { c.String(http.StatusOK, "ok") }
