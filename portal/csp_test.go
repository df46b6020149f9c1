package portal_test

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/dashboards/pcitest"
	"github.com/laocai-dpi/dpi/portal/content"
)

// cspRE is the whole policy: nothing from elsewhere, scripts from our own
// files or with the response's nonce, never 'unsafe-inline'.
var cspRE = regexp.MustCompile(`^default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'nonce-([A-Za-z0-9_-]{22})'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'$`)

var scriptTag = regexp.MustCompile(`(?i)<script\b[^>]*>`)

// Every response carries a fresh nonce, and every script element of the
// main pages — our script files and the JSON data elements of the charts —
// carries that response's nonce.
func TestCSPNonce(t *testing.T) {
	f := pcitest.Open(t)
	e := newContentEnv(t, f.DB)
	it := e.item(e.writer, e.news, "Bài có nonce", "Nội dung.", content.StatePublished)
	anon, adm := e.client(), e.signIn(e.admin)
	pages := []struct {
		c       *client
		path    string
		scripts int // at least
	}{
		{anon, "/pci/ranking", 0},
		{anon, "/pci/compare?p=10,79", 4},
		{anon, "/pci/province/10", 6},
		{anon, "/pci/map", 0},
		{anon, "/pci/ranking?year=1999", 0}, // an error page
		{anon, "/", 0},
		{anon, "/doanh-nghiep", 0},
		{anon, "/bai-viet/" + itoa(it.ID), 0},
		{anon, "/dang-nhap", 0},
		{adm, "/quan-tri/", 0},
		{adm, "/quan-tri/danh-ba", 0},
		{adm, "/quan-tri/cong-thong-tin", 0},
	}
	seen := map[string]string{}
	for _, p := range pages {
		for range 2 {
			r := p.c.get(p.path)
			if r.Status >= 500 || r.Status == 0 {
				t.Fatalf("%s: %d", p.path, r.Status)
			}
			m := cspRE.FindStringSubmatch(r.Header.Get("Content-Security-Policy"))
			if m == nil {
				t.Fatalf("%s: policy %q", p.path, r.Header.Get("Content-Security-Policy"))
			}
			nonce := m[1]
			if other, dup := seen[nonce]; dup {
				t.Fatalf("%s: nonce %s already sent for %s", p.path, nonce, other)
			}
			seen[nonce] = p.path
			tags := scriptTag.FindAllString(r.Body, -1)
			if len(tags) < p.scripts {
				t.Errorf("%s: %d script elements, want at least %d", p.path, len(tags), p.scripts)
			}
			for _, tag := range tags {
				if !strings.Contains(tag, `nonce="`+nonce+`"`) {
					t.Errorf("%s: %s lacks this response's nonce %s", p.path, tag, nonce)
				}
			}
		}
	}
	if r := anon.get("/static/style.css"); !cspRE.MatchString(r.Header.Get("Content-Security-Policy")) {
		t.Errorf("static file: %q", r.Header.Get("Content-Security-Policy"))
	}
}

// Every script element any template writes — today's and those added
// later — takes the nonce from the page's data.
func TestTemplatesScriptsCarryNonce(t *testing.T) {
	n := 0
	err := fs.WalkDir(os.DirFS("templates"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile("templates/" + p)
		if err != nil {
			return err
		}
		for _, tag := range scriptTag.FindAllString(string(b), -1) {
			n++
			if !strings.Contains(tag, `nonce="{{.Nonce}}"`) && !strings.Contains(tag, `nonce="{{$.Nonce}}"`) {
				t.Errorf("%s: %s has no nonce attribute", p, tag)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no script element found in the templates")
	}
}
