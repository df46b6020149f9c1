package portal_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/laocai-dpi/dpi/dashboards/businesstest"
)

// The search in a real Chromium: the form works as a plain GET form, the
// pager walks the pages, an enterprise named like markup shows as text and
// runs nothing; no console error, no request outside the server.
func TestBrowserBusinessSearch(t *testing.T) {
	srv := newBusinessServer(t)
	ctx := browser(t)
	w := watchPage(t, ctx, srv)
	rows := `Array.from(document.querySelectorAll('table.enterprises tbody tr')).map(tr => tr.dataset.taxCode)`

	// Type a name without diacritics and submit the form.
	do(t, ctx, chromedp.Navigate(srv.URL+"/doanh-nghiep/tra-cuu"), chromedp.WaitVisible(chromedp.CSS("form.search")))
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`input[name="name"]`), "hoa binh"))
	clickThenWait(t, ctx, `form.search button[type="submit"]`, "table.enterprises")
	if loc := run(t, ctx, chromedp.Location()); loc != srv.URL+"/doanh-nghiep/tra-cuu?name=hoa+binh" {
		t.Errorf("after the form: %s", loc)
	}
	if got := run(t, ctx, chromedp.Evaluate[[]string](rows)); strings.Join(got, " ") != "5300000002 5300000001" {
		t.Errorf("hoa binh: %v", got)
	}

	// The pager: 45 look-alikes, 20 a page.
	do(t, ctx, chromedp.Navigate(srv.URL+"/doanh-nghiep/tra-cuu?name=so&per_page=20"), chromedp.WaitVisible(chromedp.CSS("table.enterprises")))
	clickThenWait(t, ctx, `nav.pager a[rel="last"]`, "table.enterprises")
	if got := run(t, ctx, chromedp.Evaluate[[]string](rows)); len(got) != 5 || got[0] != "5200000041" {
		t.Errorf("last page: %v", got)
	}
	clickThenWait(t, ctx, `nav.pager a[rel="prev"]`, "table.enterprises")
	if got := run(t, ctx, chromedp.Evaluate[[]string](rows)); len(got) != 20 || got[0] != "5200000021" {
		t.Errorf("page 2: %v", got)
	}
	if text := run(t, ctx, chromedp.Text(chromedp.CSS("#result-count"))); !strings.Contains(text, "45") || !strings.Contains(text, "2/3") {
		t.Errorf("count %q", text)
	}

	// Markup in a name and a short name is text: no script, no element, no dialog.
	do(t, ctx, chromedp.Navigate(srv.URL+"/doanh-nghiep/tra-cuu?tax_code=5300000006"), chromedp.WaitVisible(chromedp.CSS("table.enterprises")))
	name := run(t, ctx, chromedp.Evaluate[string](`document.querySelector('table.enterprises tbody .name').textContent`))
	if name != businesstest.Script {
		t.Errorf("name shown as %q", name)
	}
	if n := run(t, ctx, chromedp.Evaluate[int](`document.scripts.length + document.querySelectorAll('table b, table img').length`)); n != 0 {
		t.Errorf("%d script or markup elements from data", n)
	}
	if short := run(t, ctx, chromedp.Evaluate[string](`document.querySelector('table.enterprises tbody small').textContent`)); short != "<b>bold</b>" {
		t.Errorf("short name %q", short)
	}

	// Bad input: the message, the form kept with what was typed.
	bad := srv.URL + "/doanh-nghiep/tra-cuu?tax_code=53x&lang=en"
	w.expectError(bad)
	do(t, ctx, chromedp.Navigate(bad), chromedp.WaitVisible(chromedp.CSS("#search-error")))
	if msg := run(t, ctx, chromedp.Text(chromedp.CSS("#search-error"))); !strings.Contains(msg, "Invalid tax code") {
		t.Errorf("message %q", msg)
	}
	if v := run(t, ctx, chromedp.Evaluate[string](`document.querySelector('input[name="tax_code"]').value`)); v != "53x" {
		t.Errorf("form lost the input: %q", v)
	}
}
