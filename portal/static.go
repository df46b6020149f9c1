package portal

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// staticFS is served by the binary itself: pages need no CDN or internet.
// The vendor files come from the npm registry at build time (`make assets`,
// gitignored); naming them here makes a build without them fail at compile
// time instead of shipping pages whose charts silently never draw.
//
//go:embed static static/vendor/echarts.min.js static/vendor/echarts-langVI.js static/vendor/echarts-LICENSE.txt
var staticFS embed.FS

var staticFiles, _ = fs.Sub(staticFS, "static")

// serveStatic serves files under /static/, never directory listings.
func serveStatic(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("file"), "/")
	if st, err := fs.Stat(staticFiles, name); err != nil || st.IsDir() || !fs.ValidPath(name) || strings.HasSuffix(name, ".tmp") {
		c.Status(http.StatusNotFound)
		return
	}
	c.Header("Cache-Control", "public, max-age=3600")
	http.ServeFileFS(c.Writer, c.Request, staticFiles, name)
}
