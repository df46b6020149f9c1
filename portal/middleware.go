package portal

import (
	"errors"
	"fmt"
	"io"

	"github.com/gin-gonic/gin"
)

// securityHeaders go on every response, errors and static files included.
// The policy allows nothing from other origins: the portal must work offline.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	c.Next()
}

// recovery logs a panic through our logger (not gin's stderr writer) and
// answers with the same error page or JSON as any other internal error.
func (s *server) recovery() gin.HandlerFunc {
	return gin.CustomRecoveryWithWriter(io.Discard, func(c *gin.Context, rec any) {
		s.fail(c, errors.New(fmt.Sprint("panic: ", rec)))
	})
}
