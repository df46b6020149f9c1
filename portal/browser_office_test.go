package portal_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The office adds a person to the directory in a real browser: the address
// the convention generates collides with an account's, so it gets a number
// and is flagged; the administrator confirms it; no console error.
func TestBrowserDirectoryCollision(t *testing.T) {
	e := newContentEnv(t, nil)
	ctx := browser(t)
	watchPage(t, ctx, e.srv)
	e.signInBrowser(t, ctx, e.admin)
	clickThenWait(t, ctx, `nav.main a[href="/quan-tri/danh-ba"]`, "#staff-form")

	// A unit first, then the person in it.
	do(t, ctx, chromedp.SetValue(chromedp.ID("unit-name"), "Phòng Đăng ký kinh doanh"))
	clickThenWait(t, ctx, "#save-unit", "table.units")
	do(t, ctx, chromedp.SetValue(chromedp.ID("full-name"), "Đặng Xuân Phong"), chromedp.SetValue(chromedp.ID("title"), "Chuyên viên"),
		chromedp.SetValue(chromedp.ID("unit"), "1"))
	clickThenWait(t, ctx, "#save-staff", "#email-review")
	if got := run(t, ctx, chromedp.Text(chromedp.ID("staff-email"))); !strings.Contains(got, "dxphong2-skhdt@laocai.gov.vn") {
		t.Fatalf("generated address shown: %q (the account holds dxphong-skhdt@)", got)
	}
	if got := run(t, ctx, chromedp.Value(chromedp.ID("unit"))); got != "1" {
		t.Errorf("unit %q", got)
	}
	// The directory lists it among the addresses to confirm.
	clickThenWait(t, ctx, `a[href="/quan-tri/danh-ba"]`, "#review")
	if got := run(t, ctx, chromedp.Text(chromedp.CSS("#review li"))); !strings.Contains(got, "Đặng Xuân Phong") || !strings.Contains(got, "dxphong2-skhdt@laocai.gov.vn") {
		t.Errorf("review list: %q", got)
	}
	clickThenWait(t, ctx, `#review button[data-action="confirm-email"]`, ".flash")
	if got := run(t, ctx, chromedp.Text(chromedp.CSS(".flash"))); !strings.Contains(got, "Đã xác nhận địa chỉ") {
		t.Errorf("after confirming: %q", got)
	}
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#email-review").length`)); n != 0 {
		t.Error("still flagged after confirming")
	}
	clickThenWait(t, ctx, `a[href="/quan-tri/danh-ba"]`, "table.staff")
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#review, [data-review]").length`)); n != 0 {
		t.Error("the directory still flags the address")
	}
	// The audit log has both steps.
	clickThenWait(t, ctx, `nav.main a[href="/quan-tri/nhat-ky"]`, "table")
	log := run(t, ctx, chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"staff_unit.create", "staff.create", "staff.confirm_email"} {
		if !strings.Contains(log, want) {
			t.Errorf("audit log lacks %s", want)
		}
	}
}
