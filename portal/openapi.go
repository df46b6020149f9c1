package portal

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPI documents every /api/v1 route (a test checks that none is missing).
//
//go:embed openapi.json
var openAPI []byte

func serveOpenAPI(c *gin.Context) {
	c.Header("Cache-Control", "public, max-age=3600")
	c.Data(http.StatusOK, "application/json; charset=utf-8", openAPI)
}
