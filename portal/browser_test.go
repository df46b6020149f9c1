package portal_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/laocai-dpi/dpi/dashboards/pcitest"
)

// browser starts a real headless Chromium for page tests. Chromium is a test
// dependency (.ci/run installs it); without it the test fails rather than
// passing silently, unless DPI_SKIP_BROWSER=1 says so on purpose.
func browser(t *testing.T) context.Context {
	t.Helper()
	if os.Getenv("DPI_SKIP_BROWSER") == "1" {
		t.Skip("DPI_SKIP_BROWSER=1")
	}
	path := os.Getenv("CHROMIUM")
	if path == "" {
		for _, p := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if found, err := exec.LookPath(p); err == nil {
				path = found
				break
			}
		}
	}
	if path == "" {
		t.Fatal("headless Chromium not found: apt-get install --no-install-recommends chromium, or set CHROMIUM=/path (DPI_SKIP_BROWSER=1 skips)")
	}
	// The flags keep Chromium off the network: this machine has none, and
	// background connections would only fail and slow the start.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	// Any script error or console error on our pages fails the test.
	listen := chromedp.WithListener(func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			t.Errorf("page exception: %s", e.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				t.Errorf("console error: %v", e.Args)
			}
		}
	})
	ctx, cancel := chromedp.NewContext(actx, listen)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium %s: %v", path, err)
	}
	return ctx
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// pageRowNames reads the province names of the ranking table, in page order.
func pageRowNames(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('table.ranking tbody th')).map(th => th.textContent.trim())`))
}

// clickThenWait clicks a link and waits for the next page's element. The old
// page is marked first, so the wait cannot be satisfied by the page being left.
func clickThenWait(t *testing.T, ctx context.Context, link, want string) {
	t.Helper()
	run(t, ctx, chromedp.Evaluate[bool](`document.body.dataset.old = "1"; true`))
	do(t, ctx, chromedp.Click(chromedp.CSS(link)), chromedp.WaitVisible(chromedp.CSS("body:not([data-old]) "+want)))
}

func TestBrowserRankingPage(t *testing.T) {
	srv, f := newServer(t)
	ctx := browser(t)
	table := chromedp.CSS("table.ranking")

	// The page as a visitor gets it: 2016, ranked by published rank.
	do(t, ctx, chromedp.Navigate(srv.URL+"/pci/ranking?year=2016"), chromedp.WaitVisible(table))
	title := run(t, ctx, chromedp.Title())
	lang := run(t, ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang")).Value
	if lang != "vi" || !strings.Contains(title, "2016") {
		t.Errorf("lang=%q title=%q, want the Vietnamese page for 2016", lang, title)
	}
	byRank := map[int]string{}
	for _, s := range f.Release2016.Scores {
		byRank[s.Rank] = pcitest.Names[s.ProvinceCode]
	}
	want := []string{byRank[1], byRank[2], byRank[3]}
	if got := pageRowNames(t, ctx); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("rows by rank: got %v, want %v", got, want)
	}

	// Clicking the PCI header (third column) sorts by the composite; clicking
	// it again reverses.
	clickPCI := func() { clickThenWait(t, ctx, "table.ranking thead th:nth-child(3) a", "table.ranking") }
	clickPCI()
	first := pageRowNames(t, ctx)
	clickPCI()
	second := pageRowNames(t, ctx)
	if len(first) != 3 || len(second) != 3 || first[0] != second[2] || first[2] != second[0] {
		t.Errorf("sorting by PCI twice should reverse the order: %v then %v", first, second)
	}

	// The year form switches to 2008, which is sample data: the banner shows.
	do(t, ctx,
		chromedp.SetValue(chromedp.ID("year"), "2008"),
		chromedp.Submit(chromedp.CSS("form.year")),
		chromedp.WaitVisible(chromedp.CSS(".banner.sample")))
	if banner := run(t, ctx, chromedp.Text(chromedp.CSS(".banner.sample"))); !strings.Contains(banner, "Sample data") {
		t.Errorf("sample banner: %q", banner)
	}
	if !run(t, ctx, chromedp.Evaluate[bool](`!!document.querySelector('#computed-note')`)) {
		t.Error("2008 ranks are computed: the note should be on the page")
	}

	// The language link gives the English page for the same view.
	clickThenWait(t, ctx, `a[hreflang="en"]`, "table.ranking")
	lang = run(t, ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang")).Value
	url := run(t, ctx, chromedp.Location())
	if lang != "en" || !strings.Contains(url, "year=2008") {
		t.Errorf("after the language switch: lang=%q url=%q, want English 2008", lang, url)
	}
}
