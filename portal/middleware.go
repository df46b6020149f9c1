package portal

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"

	"github.com/gin-gonic/gin"
)

// securityHeaders go on every response, errors and static files included.
// The policy allows nothing from other origins: the portal must work
// offline. Scripts run from our own files ('self') or from script elements
// carrying this response's nonce — fresh for every response, so markup an
// attacker slips into a page cannot guess it; no 'unsafe-inline'. base-uri
// stops an injected <base> from moving our own relative scripts elsewhere.
func securityHeaders(c *gin.Context) {
	nonce := newNonce()
	c.Set(nonceKey, nonce)
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'nonce-"+nonce+
		"'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	c.Next()
}

const nonceKey = "dpi.csp_nonce"

// newNonce is 128 random bits from crypto/rand, base64url: nothing in it
// for html/template to escape.
func newNonce() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand: the process crashes first)
	return base64.RawURLEncoding.EncodeToString(b)
}

// cspNonce is the nonce of this response's policy; templates put it on
// every script element they write (nonce="{{.Nonce}}").
func cspNonce(c *gin.Context) string {
	return c.GetString(nonceKey)
}

// recovery logs a panic through our logger (not gin's stderr writer) and
// answers with the same error page or JSON as any other internal error.
func (s *server) recovery() gin.HandlerFunc {
	return gin.CustomRecoveryWithWriter(io.Discard, func(c *gin.Context, rec any) {
		s.fail(c, errors.New(fmt.Sprint("panic: ", rec)))
	})
}
