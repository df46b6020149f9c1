package portal_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/laocai-dpi/dpi/dashboards/pcitest"
	"github.com/laocai-dpi/dpi/portal"
)

const xssName = `</script><script>alert(1)</script><img src=x onerror=alert(2)>`

// A province whose name (from the reference table, as a data administrator
// could load it) is markup shows as text on every PCI page, in tables and in
// charts (tooltips included), and runs nothing.
func TestBrowserXSSProvinceName(t *testing.T) {
	f := pcitest.Open(t)
	if _, err := f.DB.ExecContext(context.Background(),
		`UPDATE ref_provinces SET name_vi = ? WHERE generation = 'pre2025' AND code = '79'`, xssName); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(portal.New(f.DB, portal.Options{Logger: testLogger(t)}))
	t.Cleanup(srv.Close)

	// The raw HTML carries the name escaped, in the table and in the JSON.
	r := get(t, srv, "/pci/compare?p=10,79&chart=line&measure=score&subindex=pci&year=2016&gen=pre2025")
	mustContain(t, r.Body, `&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;`, `\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`)
	mustNotContain(t, r.Body, xssName, "<img")

	ctx := browser(t)
	watchPage(t, ctx, srv)
	for _, page := range []struct{ path, wait, text string }{
		{"/pci/compare?p=10,79&chart=line&measure=score&subindex=pci&year=2016&gen=pre2025", ".chart.drawn canvas", "table.data tbody"},
		{"/pci/compare?p=10,79&chart=radar&measure=score&subindex=pci&year=2016&gen=pre2025", ".chart.drawn canvas", "table.data tbody"},
		{"/pci/ranking?year=2016", "table.ranking", "table.ranking tbody"},
		{"/pci/province/79", ".chart.drawn canvas", "h1"},
		{"/pci/map?year=2016", "svg.tilemap", "table.data tbody"},
		{"/pci/map?year=2016&gen=2025", "svg.tilemap g.split", "table.data tbody"},
	} {
		do(t, ctx, chromedp.Navigate(srv.URL+page.path), chromedp.WaitVisible(chromedp.CSS(page.wait)))
		text := run(t, ctx, chromedp.Evaluate[string](`document.querySelector(`+quoteJS(page.text)+`).textContent`))
		if !strings.Contains(text, xssName) {
			t.Errorf("%s: the name is not shown as text: %.200q", page.path, text)
		}
		if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('img').length`)); n != 0 {
			t.Errorf("%s: %d img elements: markup from data was parsed", page.path, n)
		}
		// Move over the chart so that a tooltip with the name is drawn.
		if strings.Contains(page.wait, "chart") {
			do(t, ctx, chromedp.MouseClickXY(400, 520), chromedp.Sleep(300))
		}
	}
}

func quoteJS(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }
