package portal_test

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// The chart's own PNG download, as a reader gets it by clicking the toolbox
// icon: a real PNG named after the view, twice the drawn size, with the
// notes of the view printed under the chart; the option it is drawn from
// carries the title, the source line and those notes.
func TestBrowserChartPNG(t *testing.T) {
	srv, _ := newServer(t)
	ctx := browser(t)
	watchPage(t, ctx, srv)
	dir := t.TempDir()
	type download struct{ name, path string }
	var mu sync.Mutex
	names := map[string]string{}
	done := make(chan download, 4)
	if err := chromedp.ListenBrowser(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *cdpbrowser.EventDownloadWillBegin:
			names[e.GUID] = e.SuggestedFilename
		case *cdpbrowser.EventDownloadProgress:
			if e.State == cdpbrowser.DownloadProgressStateCompleted {
				done <- download{names[e.GUID], e.FilePath}
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	enabled := true
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &enabled}); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct{ view, chart, notes, title string }{
		// rank: the computed-rank note
		{"/pci/compare?p=10,01,79&chart=line&measure=rank&subindex=pci&year=2016&gen=pre2025", "compare-chart", "ul.notes li", "h1"},
		{"/pci/compare?p=15,01&chart=bar&measure=score&subindex=pci&year=2008&gen=2025&lang=en", "compare-chart", "ul.notes li", "h1"},
		// the same mechanism on another page: the profile's notes are its breaks
		{"/pci/province/10?year=2016", "profile-composite", "ul.notes.breaks li", ""},
	} {
		view := tc.view
		do(t, ctx, chromedp.Navigate(srv.URL+view), chromedp.WaitVisible(chromedp.CSS("#"+tc.chart+".drawn canvas")))
		var opt struct {
			Title   struct{ Text, Subtext string }
			Toolbox struct {
				Feature struct {
					SaveAsImage struct{ Name string }
				}
			}
			Graphic []struct {
				ID        string
				Invisible bool
				Style     struct{ Text string }
			}
		}
		raw := run(t, ctx, chromedp.Evaluate[string](`document.getElementById('`+tc.chart+`-options').textContent`))
		if err := json.Unmarshal([]byte(raw), &opt); err != nil {
			t.Fatal(err)
		}
		notes := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('`+tc.notes+`')).map(li => li.textContent)`))
		if opt.Title.Text == "" || !strings.Contains(opt.Title.Subtext, "VCCI/USAID PCI") {
			t.Errorf("%s: title %q, source line %q", view, opt.Title.Text, opt.Title.Subtext)
		}
		if tc.title != "" {
			if h := run(t, ctx, chromedp.Text(chromedp.CSS(tc.title))); h != opt.Title.Text {
				t.Errorf("%s: chart title %q, page %q", view, opt.Title.Text, h)
			}
		}
		if len(opt.Graphic) != 1 || opt.Graphic[0].ID != "export-footer" || !opt.Graphic[0].Invisible ||
			len(notes) == 0 || opt.Graphic[0].Style.Text != strings.Join(notes, "\n") {
			t.Errorf("%s: footer %+v, want the page's notes %q, hidden on screen", view, opt.Graphic, notes)
		}
		name := opt.Toolbox.Feature.SaveAsImage.Name
		if name == "" || strings.Contains(name, "echarts") || strings.ContainsAny(name, " /ĐđàảãáạăâêôơưÀ") {
			t.Errorf("%s: image name %q", view, name)
		}

		// Click the toolbox's download icon: 15 px square, 8 px from the
		// right edge plus the toolbox's 5 px padding, at the top.
		rect := run(t, ctx, chromedp.Evaluate[[]float64](`(() => { const el = document.getElementById('`+tc.chart+`');
			el.scrollIntoView(); const r = el.getBoundingClientRect(); return [r.right, r.top, r.width, r.height]; })()`))
		do(t, ctx, chromedp.MouseClickXY(rect[0]-8-5-7.5, rect[1]+5+7.5))
		var got download
		select {
		case got = <-done:
		case <-time.After(15 * time.Second):
			t.Fatalf("%s: no download after clicking the PNG icon", view)
		}
		if got.name != name+".png" {
			t.Errorf("%s: downloaded as %q, want %q", view, got.name, name+".png")
		}
		path := got.path
		if path == "" {
			path = filepath.Join(dir, got.name)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
			t.Fatalf("%s: not a PNG: % x", view, b[:min(len(b), 8)])
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		chartW, chartH := int(rect[2]+0.5)*2, int(rect[3]+0.5)*2
		if w != chartW || h <= chartH+2*16*(len(notes)+1) {
			t.Errorf("%s: image %dx%d, want the chart at twice its %vx%v and a footer of at least %d lines", view, w, h, rect[2], rect[3], len(notes)+1)
		}
		// The footer is text: dark pixels under the chart.
		dark := 0
		for y := chartH; y < h; y++ {
			for x := 0; x < w; x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r < 0x9000 {
					dark++
				}
			}
		}
		if dark < 500 {
			t.Errorf("%s: %d dark pixels under the chart: no notes printed", view, dark)
		}
	}
}
