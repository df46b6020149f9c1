package portal_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/laocai-dpi/dpi/portal/content"
)

// In a real browser: sign in, switch the editorial pages to English with
// the header's button, open the worklist and the item form, save a draft;
// everything in English, no console error; and back to Vietnamese.
func TestBrowserAdminInEnglish(t *testing.T) {
	e := newContentEnv(t, nil)
	e.item(e.writer, e.news, "Road plan", "For review.", content.StateInReview)
	ctx := browser(t)
	watchPage(t, ctx, e.srv)

	e.signInBrowser(t, ctx, e.writer)
	if lang := run(t, ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang")).Value; lang != "vi" {
		t.Fatalf("signed in to a %q page", lang)
	}
	clickThenWait(t, ctx, "#lang-switch button", "header .who")
	if lang := run(t, ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang")).Value; lang != "en" {
		t.Fatalf("after the switch: a %q page", lang)
	}
	if loc := run(t, ctx, chromedp.Location()); loc != e.srv.URL+"/quan-tri/" {
		t.Errorf("the switch went to %s", loc)
	}
	h1 := run(t, ctx, chromedp.Text(chromedp.CSS("h1")))
	mine := run(t, ctx, chromedp.Text(chromedp.CSS("table.mine")))
	if h1 != "Worklist" || !strings.Contains(mine, "Awaiting review") || !strings.Contains(mine, "News and events") || !strings.Contains(mine, " ICT") {
		t.Errorf("worklist in English: %q / %q", h1, mine)
	}

	clickThenWait(t, ctx, `nav.main a[href="/quan-tri/bai-viet/moi"]`, "#item-form")
	form := run(t, ctx, chromedp.Text(chromedp.CSS("#item-form")))
	for _, want := range []string{"Title", "Content (Markdown)", "Cover image and attachments", "Note for this revision"} {
		if !strings.Contains(form, want) {
			t.Errorf("item form: no %q", want)
		}
	}
	if opt := run(t, ctx, chromedp.Evaluate[string](`document.querySelector('#channel option[value="`+itoa(e.news)+`"]').textContent`)); opt != "News and events" {
		t.Errorf("channel option: %q", opt)
	}
	do(t, ctx, chromedp.SetValue(chromedp.ID("title"), "Budget note"), chromedp.SetValue(chromedp.ID("body"), "A draft."),
		chromedp.SetValue(chromedp.ID("channel"), itoa(e.news)))
	clickThenWait(t, ctx, "#save", stateIs(content.StateDraft))
	if flash := run(t, ctx, chromedp.Text(chromedp.CSS(".flash"))); flash != "Draft saved." {
		t.Errorf("flash: %q", flash)
	}
	if st := run(t, ctx, chromedp.Text(chromedp.CSS("#item-state"))); st != "Draft" {
		t.Errorf("state: %q", st)
	}

	// Back to Vietnamese, on the same page.
	clickThenWait(t, ctx, "#lang-switch button", "#item-state")
	if st := run(t, ctx, chromedp.Text(chromedp.CSS("#item-state"))); st != "Bản nháp" {
		t.Errorf("state after switching back: %q", st)
	}
}
