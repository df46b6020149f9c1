package portal

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// httpError is an error the client can act on, with its status and a
// message in both languages. Anything else is an internal error: logged,
// and never shown (it may name files or queries).
type httpError struct {
	Status int
	Code   string // stable, for API clients: "invalid", "not_found", "internal"
	VI, EN string
}

func (e *httpError) Error() string { return e.VI + " / " + e.EN }

func invalid(vi, en string) error {
	return &httpError{Status: http.StatusBadRequest, Code: "invalid", VI: vi, EN: en}
}

func notFound(vi, en string) error {
	return &httpError{Status: http.StatusNotFound, Code: "not_found", VI: vi, EN: en}
}

var errInternal = &httpError{Status: http.StatusInternalServerError, Code: "internal",
	VI: "Lỗi máy chủ, xin thử lại sau", EN: "Server error, please try again later"}

// fail answers with JSON under /api/ and with an HTML page elsewhere.
func (s *server) fail(c *gin.Context, err error) {
	var he *httpError
	if !errors.As(err, &he) {
		s.log.Error("request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
		he = errInternal
	}
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		c.AbortWithStatusJSON(he.Status, gin.H{"error": gin.H{"code": he.Code, "message": he.Error()}})
		return
	}
	lang := pageLang(c)
	if p := c.Request.URL.Path; strings.HasPrefix(p, "/quan-tri/") || p == "/dang-nhap" || p == "/dang-xuat" {
		lang = adminLang(c) // an editorial page's refusal speaks the editorial UI's language
	}
	msg := he.VI
	if lang == "en" {
		msg = he.EN
	}
	s.render(c, he.Status, "error", errorPage{
		layout:  newLayout(c, lang, fmt.Sprintf("%s %d", messages[lang]["error_title"], he.Status), "/pci/ranking"),
		Status:  he.Status,
		Message: msg,
	})
	c.Abort()
}

type errorPage struct {
	layout
	Status  int
	Message string
}

func (s *server) notFound(c *gin.Context) {
	s.fail(c, notFound("Không tìm thấy trang", "Page not found"))
}
