package portal

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// A panicking handler gives the usual error response (JSON under /api/),
// keeps the security headers, and is logged through our logger.
func TestRecovery(t *testing.T) {
	var logs bytes.Buffer
	h := New(nil, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	e := h.(*gin.Engine)
	e.GET("/api/v1/boom", func(*gin.Context) { panic("boom") })
	e.GET("/boom", func(*gin.Context) { panic("boom") })
	for path, ctype := range map[string]string{"/api/v1/boom": "application/json", "/boom": "text/html"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusInternalServerError || !strings.HasPrefix(rec.Header().Get("Content-Type"), ctype) {
			t.Errorf("%s: %d %s, want 500 %s", path, rec.Code, rec.Header().Get("Content-Type"), ctype)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no security headers", path)
		}
		if strings.Contains(rec.Body.String(), "panic") {
			t.Errorf("%s: panic value leaked to the client", path)
		}
	}
	if !strings.Contains(logs.String(), "panic: boom") {
		t.Errorf("panic not logged: %q", logs.String())
	}
}
