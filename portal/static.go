package portal

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// staticFS is served by the binary itself: pages need no CDN or internet.
//
//go:embed static
var staticFS embed.FS

var staticFiles, _ = fs.Sub(staticFS, "static")

// serveStatic serves files under /static/, never directory listings.
func serveStatic(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("file"), "/")
	if st, err := fs.Stat(staticFiles, name); err != nil || st.IsDir() || !fs.ValidPath(name) {
		c.Status(http.StatusNotFound)
		return
	}
	c.Header("Cache-Control", "public, max-age=3600")
	http.ServeFileFS(c.Writer, c.Request, staticFiles, name)
}
