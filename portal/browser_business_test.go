package portal_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The business dashboard in a real Chromium: every chart draws its canvas,
// with no console error and no request outside the server; the form is a
// plain GET whose URL reproduces the view.
func TestBrowserBusinessDashboard(t *testing.T) {
	srv, f := newBizServer(t, nil)
	ctx := browser(t)
	w := watchPage(t, ctx, srv)
	const drawn = `Array.from(document.querySelectorAll('[data-chart]')).map(el => {
		const c = echarts.getInstanceByDom(el);
		const canvas = el.querySelector('canvas');
		return el.id + ':' + (!!c && !!canvas && canvas.width > 0 && canvas.height > 0);
	}).join(',')`
	for _, view := range []string{"", "?by=section&lang=en", "?from=" + f.Q(0) + "&to=" + f.Q(3) + "&q=" + f.Q(1) + "&by=district&form=llc_single"} {
		do(t, ctx, chromedp.Navigate(srv.URL+"/doanh-nghiep/thong-ke"+view),
			chromedp.WaitVisible(chromedp.CSS("#biz-breakdown.drawn canvas")))
		got := run(t, ctx, chromedp.Evaluate[string](drawn))
		if got != "biz-counts:true,biz-active:true,biz-capital:true,biz-breakdown:true" {
			t.Errorf("%s: charts drawn %s", view, got)
		}
	}
	// The form, without script help: choose a breakdown and submit.
	do(t, ctx, chromedp.Navigate(srv.URL+"/doanh-nghiep/thong-ke"), chromedp.WaitVisible(chromedp.CSS("#biz-counts.drawn canvas")),
		chromedp.SetValue(chromedp.CSS("#by"), "form"), chromedp.SetValue(chromedp.CSS("#q"), f.Q(4)))
	run(t, ctx, chromedp.Evaluate[bool](`document.body.dataset.old = "1"; true`))
	do(t, ctx, chromedp.Submit(chromedp.CSS("form.biz")), chromedp.WaitVisible(chromedp.CSS("body:not([data-old]) #biz-breakdown.drawn canvas")))
	loc := run(t, ctx, chromedp.Location())
	if !strings.Contains(loc, "by=form") || !strings.Contains(loc, "q="+f.Q(4)) {
		t.Errorf("after the form: %s", loc)
	}
	if h := run(t, ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('table.data caption')).pop().textContent`)); !strings.Contains(h, f.Q(4)) {
		t.Errorf("breakdown caption %q", h)
	}
	// A bad choice: the message, the form kept, no chart.
	bad := srv.URL + "/doanh-nghiep/thong-ke?section=ZZ"
	w.expectError(bad)
	do(t, ctx, chromedp.Navigate(bad), chromedp.WaitVisible(chromedp.CSS("#biz-error")))
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart]').length`)); n != 0 {
		t.Errorf("%d charts on an error page", n)
	}
}
