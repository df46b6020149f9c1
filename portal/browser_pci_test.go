package portal_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// watch records what the page does beyond what the browser helper checks:
// console log entries of level error (a CSP refusal lands there), requests
// to anything but the test server, and JavaScript dialogs (alert).
// Chromium's own data: icons (the datetime-local picker's) are not requests.
type watch struct {
	mu       sync.Mutex
	errors   []string
	foreign  []string
	dialogs  []string
	requests int
	expected map[string]bool // URLs whose error status the test asked for
}

// expectError lets a response with an error status (a 400 page) pass.
func (w *watch) expectError(url string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.expected[url] = true
}

func watchPage(t *testing.T, ctx context.Context, srv *httptest.Server) *watch {
	t.Helper()
	w := &watch{expected: map[string]bool{}}
	if err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch e := ev.(type) {
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError && !(e.Entry.Source == cdplog.EntrySourceNetwork && w.expected[e.Entry.URL]) {
				w.errors = append(w.errors, string(e.Entry.Source)+": "+e.Entry.Text+" "+e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			w.requests++
			if u := e.Request.URL; !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, "data:") {
				w.foreign = append(w.foreign, u)
			}
		case *page.EventJavascriptDialogOpening:
			w.dialogs = append(w.dialogs, e.Message)
		}
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		for _, e := range w.errors {
			t.Errorf("console error: %s", e)
		}
		for _, u := range w.foreign {
			t.Errorf("request outside the server: %s", u)
		}
		for _, d := range w.dialogs {
			t.Errorf("dialog opened: %q", d)
		}
		if w.requests == 0 {
			t.Error("no request seen: the network listener is not working")
		}
	})
	return w
}

// chartState is what a reload must reproduce: ECharts' own view of the
// options (functions dropped by JSON.stringify) and the table.
const chartState = `(() => {
	const el = document.querySelector('.chart');
	const c = el && echarts.getInstanceByDom(el);
	const canvas = el && el.querySelector('canvas');
	return JSON.stringify({
		drawn: !!c && !!canvas && canvas.width > 0 && canvas.height > 0,
		option: c ? c.getOption() : null,
		table: document.querySelector('table.data').outerHTML,
	});
})()`

func TestBrowserCompare(t *testing.T) {
	srv, _ := newServer(t)
	ctx := browser(t)
	w := watchPage(t, ctx, srv)
	for _, view := range []string{
		"p=10,01,79&chart=line&measure=score&subindex=pci&year=2016&gen=pre2025",
		"p=10,01,79&chart=radar&measure=diff_median&subindex=pci&year=2016&gen=pre2025",
		"p=10,01&chart=bar&measure=rank&subindex=entry_costs&year=2008&gen=pre2025&lang=en",
		"p=15,01&chart=line&measure=score&subindex=pci&year=2016&gen=2025",
	} {
		url := srv.URL + "/pci/compare?" + view
		do(t, ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(".chart.drawn canvas")))
		first := run(t, ctx, chromedp.Evaluate[string](chartState))
		if !strings.Contains(first, `"drawn":true`) {
			t.Fatalf("%s: chart not drawn: %.300s", view, first)
		}
		do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".chart.drawn canvas")))
		if again := run(t, ctx, chromedp.Evaluate[string](chartState)); again != first {
			t.Errorf("%s: a reload changed the chart or table:\n%.500s\n%.500s", view, first, again)
		}
		if loc := run(t, ctx, chromedp.Location()); loc != url {
			t.Errorf("location %s, want %s", loc, url)
		}
	}

	// The form submits p repeated; the server answers with the canonical URL.
	do(t, ctx, chromedp.Navigate(srv.URL+"/pci/compare?p=10&p=79&chart=bar&measure=score&subindex=pci&year=2016&gen=pre2025"),
		chromedp.WaitVisible(chromedp.CSS(".chart.drawn canvas")))
	if loc := run(t, ctx, chromedp.Location()); !strings.HasSuffix(loc, "/pci/compare?p=10,79&chart=bar&measure=score&subindex=pci&gen=pre2025&year=2016") {
		t.Errorf("after the form: %s", loc)
	}

	// Seven provinces: a clear message, the form kept, no chart.
	seven := srv.URL + "/pci/compare?p=01,02,04,06,08,10,11&lang=en"
	w.expectError(seven)
	do(t, ctx, chromedp.Navigate(seven), chromedp.WaitVisible(chromedp.CSS("#compare-error")))
	if msg := run(t, ctx, chromedp.Text(chromedp.CSS("#compare-error"))); !strings.Contains(msg, "at most 6 provinces to compare (7 chosen)") {
		t.Errorf("message %q", msg)
	}
}
