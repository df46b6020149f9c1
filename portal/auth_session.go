package portal

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
)

// Session cookies. Over TLS the __Host- prefix makes the browser refuse the
// cookie unless it is Secure, host-only and Path=/, so no sibling subdomain
// can plant or shadow it.
const (
	sessionCookie       = "dpi_session"
	secureSessionCookie = "__Host-dpi_session"
)

// viewer is who is signed in on this request.
type viewer struct {
	Account *content.Account
	Token   string // the session token (the cookie's value)
	Actor   content.Actor
	CSRF    string // the form token of this session
}

func (e *editorial) tls(c *gin.Context) bool { return e.https || c.Request.TLS != nil }

func (e *editorial) cookieName(c *gin.Context) string {
	if e.tls(c) {
		return secureSessionCookie
	}
	return sessionCookie
}

// setSession hands the browser a session token: HttpOnly (no script reads
// it), SameSite=Lax (not sent on cross-site POSTs), Secure over TLS. No
// Max-Age: the browser drops it when closed; the server ends it anyway
// (auth.Service's idle and maximum age).
func (e *editorial) setSession(c *gin.Context, token string) {
	http.SetCookie(c.Writer, &http.Cookie{Name: e.cookieName(c), Value: token, Path: "/",
		HttpOnly: true, Secure: e.tls(c), SameSite: http.SameSiteLaxMode})
}

func (e *editorial) clearSession(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: e.cookieName(c), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: e.tls(c), SameSite: http.SameSiteLaxMode})
}

func (e *editorial) sessionToken(c *gin.Context) string {
	v, err := c.Cookie(e.cookieName(c))
	if err != nil {
		return ""
	}
	return v
}

const viewerKey = "dpi.viewer"

// withViewer authenticates the session cookie (if any) and marks the
// response no-store: these are the sign-in and editorial pages, never to be
// kept by a browser or a proxy cache.
func (s *server) withViewer(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	if tok := s.ed.sessionToken(c); tok != "" {
		a, _, err := s.ed.auth.Authenticate(c.Request.Context(), tok)
		switch content.ErrorCode(err) {
		case "":
			c.Set(viewerKey, &viewer{Account: a, Token: tok, Actor: auth.Actor(a, c.ClientIP()), CSRF: csrfToken(tok)})
		case content.EUNAUTHORIZED:
			s.ed.clearSession(c) // expired or ended: forget it
		default:
			s.editorialFail(c, err)
			return
		}
	}
	c.Next()
}

func currentViewer(c *gin.Context) *viewer {
	if v, ok := c.Get(viewerKey); ok {
		return v.(*viewer)
	}
	return nil
}

// requireViewer sends anonymous visitors to the sign-in page (GET) or
// answers 401 (anything else), and checks the form token of every
// state-changing request.
func (s *server) requireViewer(c *gin.Context) {
	v := currentViewer(c)
	if v == nil {
		if c.Request.Method == http.MethodGet {
			c.Redirect(http.StatusSeeOther, "/dang-nhap?next="+url.QueryEscape(c.Request.URL.RequestURI()))
			c.Abort()
			return
		}
		s.editorialFail(c, content.Errorf(content.EUNAUTHORIZED, "Cần đăng nhập", "Please sign in"))
		return
	}
	if c.Request.Method != http.MethodGet && !validCSRF(v.Token, c.PostForm("csrf")) {
		s.fail(c, errBadToken)
		return
	}
	c.Next()
}

// limitBody caps the request bodies of the editorial forms (an item's body
// is at most content.MaxBody; the rest of a form is small).
func limitBody(c *gin.Context) {
	if c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, content.MaxBody+64<<10)
	}
	c.Next()
}

// safeNext accepts only a path on this site as the place to go after
// signing in: "/quan-tri/...", never "//evil.example" or "/\evil".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n") {
		return "/quan-tri/"
	}
	return next
}
