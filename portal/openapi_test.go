package portal

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// Every /api/v1 route is in the OpenAPI document, and every documented path is a route.
func TestOpenAPICoversRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	param := regexp.MustCompile(`:([a-z]+)`)
	routes := map[string]bool{}
	for _, r := range New(nil, Options{}).(*gin.Engine).Routes() {
		if strings.HasPrefix(r.Path, "/api/v1/") {
			p := param.ReplaceAllString(r.Path, "{$1}")
			routes[p] = true
			if _, ok := doc.Paths[p][strings.ToLower(r.Method)]; !ok {
				t.Errorf("%s %s is not documented", r.Method, p)
			}
		}
	}
	for p := range doc.Paths {
		if !routes[p] {
			t.Errorf("documented path %s is not a route", p)
		}
	}
}
