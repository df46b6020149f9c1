package portal_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/dashboards/pcitest"
	"github.com/laocai-dpi/dpi/ingest/pci"
	"github.com/laocai-dpi/dpi/portal"
)

// newServer starts the real portal over a real warehouse holding the
// pcitest fixture (2016 published, 2008 computed and sample).
func newServer(t *testing.T) (*httptest.Server, *pcitest.Fixture) {
	t.Helper()
	f := pcitest.Open(t)
	srv := httptest.NewServer(portal.New(f.DB, portal.Options{Logger: testLogger(t)}))
	t.Cleanup(srv.Close)
	return srv, f
}

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), nil))
}

type response struct {
	Status int
	Header http.Header
	Body   string
}

// get does not follow redirects, so tests see exactly what the portal sent.
func get(t *testing.T, srv *httptest.Server, path string) response {
	t.Helper()
	client := *srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := client.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, string(b)}
}

func TestHealthzAndRedirect(t *testing.T) {
	srv, _ := newServer(t)
	if r := get(t, srv, "/healthz"); r.Status != 200 || r.Body != "ok" {
		t.Errorf("/healthz: %d %q", r.Status, r.Body)
	}
	r := get(t, srv, "/")
	if r.Status != http.StatusFound || r.Header.Get("Location") != "/pci/ranking" {
		t.Errorf("/: %d Location %q, want 302 /pci/ranking", r.Status, r.Header.Get("Location"))
	}
}

func TestSecurityHeadersEverywhere(t *testing.T) {
	srv, _ := newServer(t)
	for _, path := range []string{"/", "/healthz", "/pci/ranking", "/pci/ranking?year=x", "/pci/ranking?year=1999",
		"/api/v1/pci/scores", "/api/v1/pci/scores?year=x", "/static/style.css", "/no/such/page"} {
		r := get(t, srv, path)
		if csp := r.Header.Get("Content-Security-Policy"); !cspRE.MatchString(csp) {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		for h, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "same-origin",
		} {
			if got := r.Header.Get(h); got != want {
				t.Errorf("%s: %s = %q, want %q", path, h, got, want)
			}
		}
	}
}

func TestStatic(t *testing.T) {
	srv, _ := newServer(t)
	r := get(t, srv, "/static/style.css")
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") || !strings.Contains(r.Body, "table.ranking") {
		t.Errorf("style.css: %d %q", r.Status, r.Header.Get("Content-Type"))
	}
	for _, path := range []string{"/static/", "/static/nope.css", "/static/../portal.go"} {
		if r := get(t, srv, path); r.Status != 404 {
			t.Errorf("%s: %d, want 404", path, r.Status)
		}
	}
}

// apiResponse mirrors the documented JSON shape.
type apiResponse struct {
	Year       int  `json:"year"`
	IsSample   bool `json:"is_sample"`
	Subindices []struct {
		Key    string   `json:"key"`
		NameVI string   `json:"name_vi"`
		NameEN string   `json:"name_en"`
		Weight *float64 `json:"weight"`
	} `json:"subindices"`
	Rows []struct {
		Rank         int                 `json:"rank"`
		RankSource   string              `json:"rank_source"`
		ProvinceCode string              `json:"province_code"`
		ProvinceName string              `json:"province_name"`
		PCI          float64             `json:"pci"`
		Subindices   map[string]*float64 `json:"subindices"`
	} `json:"rows"`
}

func TestAPIScores(t *testing.T) {
	srv, f := newServer(t)
	cat, err := pci.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query  string
		rel    pci.Release
		order  []string
		sample bool
	}{
		{"", f.Release2016, []string{"10", "79", "01"}, false}, // latest
		{"?year=2016", f.Release2016, []string{"10", "79", "01"}, false},
		{"?year=2008", f.Release2008, []string{"10", "01", "79"}, true}, // tie at 2: by code
	} {
		r := get(t, srv, "/api/v1/pci/scores"+tc.query)
		if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("%s: %d %s", tc.query, r.Status, r.Header.Get("Content-Type"))
		}
		var got apiResponse
		if err := json.Unmarshal([]byte(r.Body), &got); err != nil {
			t.Fatal(err)
		}
		if got.Year != tc.rel.Year || got.IsSample != tc.sample {
			t.Errorf("%s: year %d sample %v", tc.query, got.Year, got.IsSample)
		}
		want := cat.ForYear(tc.rel.Year)
		if len(got.Subindices) != len(want) {
			t.Fatalf("%s: %d sub-indices, want %d", tc.query, len(got.Subindices), len(want))
		}
		for i, s := range got.Subindices {
			if s.Key != want[i].Key || s.NameVI != want[i].NameVI || s.NameEN != want[i].NameEN || s.Weight == nil || *s.Weight != want[i].Weight {
				t.Errorf("%s: sub-index %d = %+v, want %+v", tc.query, i, s, want[i])
			}
		}
		var order []string
		for _, row := range got.Rows {
			order = append(order, row.ProvinceCode)
		}
		if !slices.Equal(order, tc.order) {
			t.Fatalf("%s: order %v, want %v", tc.query, order, tc.order)
		}
		for _, s := range tc.rel.Scores {
			row := got.Rows[slices.Index(order, s.ProvinceCode)]
			// Exact equality: the API must not round (66.4512 stays 66.4512).
			if row.PCI != s.PCI || row.Rank != s.Rank || row.RankSource != s.RankSource || row.ProvinceName != pcitest.Names[s.ProvinceCode] {
				t.Errorf("%s %s: %+v, want %+v", tc.query, s.ProvinceCode, row, s)
			}
			if len(row.Subindices) != len(s.Subindices) {
				t.Errorf("%s %s: %d sub-indices, want %d", tc.query, s.ProvinceCode, len(row.Subindices), len(s.Subindices))
			}
			for k, v := range s.Subindices {
				if p := row.Subindices[k]; p == nil || *p != v {
					t.Errorf("%s %s %s: %v, want %v", tc.query, s.ProvinceCode, k, p, v)
				}
			}
		}
	}
}

func TestAPIErrors(t *testing.T) {
	srv, _ := newServer(t)
	for _, tc := range []struct {
		query  string
		status int
		code   string
	}{
		{"?year=%3Cscript%3E", 400, "invalid"},
		{"?year=2016.5", 400, "invalid"},
		{"?year=0", 400, "invalid"},
		{"?year=2020", 404, "not_found"},
	} {
		r := get(t, srv, "/api/v1/pci/scores"+tc.query)
		var body struct {
			Error struct{ Code, Message string }
		}
		if err := json.Unmarshal([]byte(r.Body), &body); err != nil {
			t.Fatalf("%s: %v in %q", tc.query, err, r.Body)
		}
		if r.Status != tc.status || body.Error.Code != tc.code || body.Error.Message == "" {
			t.Errorf("%s: %d %+v, want %d %s", tc.query, r.Status, body, tc.status, tc.code)
		}
		if strings.Contains(r.Body, "<script") {
			t.Errorf("%s: raw <script> in %q", tc.query, r.Body)
		}
	}
	if r := get(t, srv, "/api/v1/nope"); r.Status != 404 || !strings.Contains(r.Body, `"not_found"`) {
		t.Errorf("unknown API path: %d %q", r.Status, r.Body)
	}
}

func TestAPIEmptyWarehouse(t *testing.T) {
	w := pcitest.OpenEmpty(t)
	srv := httptest.NewServer(portal.New(w.DB(), portal.Options{Logger: testLogger(t)}))
	defer srv.Close()
	if r := get(t, srv, "/api/v1/pci/scores"); r.Status != 404 {
		t.Errorf("empty warehouse: %d %q", r.Status, r.Body)
	}
	if r := get(t, srv, "/pci/ranking"); r.Status != 404 || !strings.Contains(r.Body, "Chưa có số liệu PCI") {
		t.Errorf("empty warehouse page: %d %q", r.Status, r.Body)
	}
}

var rowName = regexp.MustCompile(`<th scope="row">(?:<a [^>]*>)?([^<]*)(?:</a>)?</th>`)

// rowNames are the province names of the table body, top to bottom.
func rowNames(body string) []string {
	var names []string
	for _, m := range rowName.FindAllStringSubmatch(body, -1) {
		names = append(names, m[1])
	}
	return names
}
