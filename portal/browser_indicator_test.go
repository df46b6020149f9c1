package portal_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A reader picks an indicator in the compare form: the address bar then
// holds it, a reload gives the same view, and picking another sub-index
// goes back to that sub-index's score.
func TestBrowserCompareIndicator(t *testing.T) {
	srv, _ := newOfficialServer(t, 2010, 2011, 2012, 2016)
	ctx := browser(t)
	watchPage(t, ctx, srv)
	const c1 = "Thời gian đăng ký kinh doanh - số ngày (Giá trị trung vị)"

	do(t, ctx, chromedp.Navigate(srv.URL+"/pci/compare?p=01,10&chart=bar&measure=score&subindex=entry_costs&year=2011&gen=pre2025"),
		chromedp.WaitVisible(chromedp.CSS(".chart.drawn canvas")))
	run(t, ctx, chromedp.Evaluate[bool](`document.body.dataset.old = "1"; true`))
	do(t, ctx, chromedp.SetValue(chromedp.ID("indicator"), "c1"), chromedp.Submit(chromedp.CSS("form.compare")),
		chromedp.WaitVisible(chromedp.CSS("body:not([data-old]) .chart.drawn canvas")))
	url := run(t, ctx, chromedp.Location())
	if !strings.HasSuffix(url, "/pci/compare?p=01,10&chart=bar&measure=score&subindex=entry_costs&gen=pre2025&year=2011&indicator=c1") {
		t.Errorf("after choosing c1: %s", url)
	}
	first := run(t, ctx, chromedp.Evaluate[string](chartState))
	if !strings.Contains(first, c1+" (c1), 2011") || !strings.Contains(first, `"drawn":true`) {
		t.Errorf("chart of c1: %.400s", first)
	}
	do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".chart.drawn canvas")))
	if again := run(t, ctx, chromedp.Evaluate[string](chartState)); again != first {
		t.Errorf("a reload changed the view:\n%.400s\n%.400s", first, again)
	}
	if v := run(t, ctx, chromedp.Evaluate[string](`document.getElementById('indicator').value`)); v != "c1" {
		t.Errorf("the form shows indicator %q", v)
	}

	// Another sub-index: its score, not an indicator it does not have.
	run(t, ctx, chromedp.Evaluate[bool](`document.body.dataset.old = "1"; true`))
	do(t, ctx, chromedp.SetValue(chromedp.ID("subindex"), "land_access"), chromedp.Submit(chromedp.CSS("form.compare")),
		chromedp.WaitVisible(chromedp.CSS("body:not([data-old]) .chart.drawn canvas")))
	if url := run(t, ctx, chromedp.Location()); strings.Contains(url, "indicator") || !strings.Contains(url, "subindex=land_access") {
		t.Errorf("after changing the sub-index: %s", url)
	}
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('#compare-error').length`)); n != 0 {
		t.Error("an error after changing the sub-index")
	}
}
