package portal

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"

	"github.com/gin-gonic/gin"
)

// crossOrigin refuses every state-changing request (POST, PUT, DELETE, ...)
// that a browser says came from another origin, with Go's
// http.CrossOriginProtection (Sec-Fetch-Site, else Origin against Host).
// It runs as gin middleware rather than around the engine so the refusal is
// the portal's own error page with its security headers; GET, HEAD and
// OPTIONS pass.
func (s *server) crossOrigin(trusted []string) gin.HandlerFunc {
	cop := http.NewCrossOriginProtection()
	for _, o := range trusted {
		if err := cop.AddTrustedOrigin(o); err != nil {
			s.log.Error("trusted origin", "origin", o, "err", err)
		}
	}
	return func(c *gin.Context) {
		if err := cop.Check(c.Request); err != nil {
			s.log.Warn("cross-origin request refused", "method", c.Request.Method, "path", c.Request.URL.Path,
				"origin", c.GetHeader("Origin"), "sec_fetch_site", c.GetHeader("Sec-Fetch-Site"), "ip", c.ClientIP())
			s.fail(c, errCrossOrigin)
			return
		}
		c.Next()
	}
}

var errCrossOrigin = &httpError{Status: http.StatusForbidden, Code: "forbidden",
	VI: "Yêu cầu gửi từ một trang khác đã bị từ chối", EN: "A request sent from another site was refused"}

var errBadToken = &httpError{Status: http.StatusForbidden, Code: "forbidden",
	VI: "Biểu mẫu đã hết hạn hoặc không hợp lệ; hãy tải lại trang và thử lại",
	EN: "The form has expired or is not valid; reload the page and try again"}

// csrfToken is the per-session form token: an HMAC of a fixed label keyed
// by the session token. It is never stored (the store keeps only the
// session token's SHA-256, from which it cannot be derived) and changes
// with every new session.
func csrfToken(session string) string {
	m := hmac.New(sha256.New, []byte(session))
	m.Write([]byte("dpi form token v1"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// validCSRF compares the form's token with the session's in constant time.
func validCSRF(session, got string) bool {
	return session != "" && got != "" && hmac.Equal([]byte(csrfToken(session)), []byte(got))
}
