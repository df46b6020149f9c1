package portal_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/laocai-dpi/dpi/portal/content"
)

// realPNG is a 3×2 image a browser decodes.
func realPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{200, 30, 30, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// signInBrowser signs a in through the sign-in form.
func (e *contentEnv) signInBrowser(t *testing.T, ctx context.Context, a *content.Account) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/dang-nhap"), chromedp.WaitVisible(chromedp.CSS("#login")),
		chromedp.SetValue(chromedp.ID("email"), a.Email), chromedp.SetValue(chromedp.ID("password"), e.passwords[a.ID]))
	clickThenWait(t, ctx, "#login button", "header .who")
	if name := run(t, ctx, chromedp.Text(chromedp.CSS("header .who .name"))); name != a.Name {
		t.Fatalf("signed in as %q, want %q", name, a.Name)
	}
}

func signOutBrowser(t *testing.T, ctx context.Context) {
	t.Helper()
	clickThenWait(t, ctx, "#sign-out", "#login")
}

func stateIs(s content.State) string { return fmt.Sprintf(`#item-state[data-state="%s"]`, s) }

func actionButton(a content.Action) string { return fmt.Sprintf(`button[data-action="%s"]`, a) }

// The must-show workflow, in a real browser: a contributor drafts and
// submits; they cannot approve their own item (no button, and a forged POST
// is refused); a reviewer of the channel rejects with a reason; the author
// sees the reason, revises and resubmits; the reviewer reads the diff,
// approves and publishes; the item is on the public channel page and in
// the Atom feeds; the audit log shows every step, the refusal included.
func TestBrowserEditorialWorkflow(t *testing.T) {
	e := newContentEnv(t, nil)
	ctx := browser(t)
	w := watchPage(t, ctx, e.srv)
	const (
		title   = "Lào Cai có 120 doanh nghiệp thành lập mới trong quý III"
		draft   = "Quý III có **120** doanh nghiệp thành lập mới.\n\nVốn đăng ký tăng so với cùng kỳ.\n"
		revised = "Quý III có **120** doanh nghiệp thành lập mới.\n\nVốn đăng ký tăng 12% so với cùng kỳ (số liệu của Phòng Đăng ký kinh doanh đến 30/9).\n"
		reason  = "Thiếu nguồn số liệu: ghi rõ số liệu của ai, tính đến ngày nào."
	)

	// 1. The contributor drafts, with a cover image and an ODF attachment
	// chosen in the form's file inputs, and submits.
	dir := t.TempDir()
	odt := odfFile(t, "application/vnd.oasis.opendocument.text")
	odtPath, pngPath := filepath.Join(dir, "Số liệu quý III.odt"), filepath.Join(dir, "hội nghị.png")
	if err := os.WriteFile(odtPath, odt, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pngPath, realPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	e.signInBrowser(t, ctx, e.writer)
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/quan-tri/bai-viet/moi"), chromedp.WaitVisible(chromedp.CSS("#item-form")),
		chromedp.SetValue(chromedp.ID("title"), title),
		chromedp.SetValue(chromedp.ID("summary"), "Số doanh nghiệp thành lập mới tăng."),
		chromedp.SetValue(chromedp.ID("body"), draft),
		chromedp.SetValue(chromedp.ID("channel"), itoa(e.news)),
		chromedp.SetValue(chromedp.ID("tags"), "doanh nghiệp, đăng ký kinh doanh"),
		chromedp.SetUploadFiles(chromedp.ID("cover_file"), []string{pngPath}),
		chromedp.SetValue(chromedp.ID("cover_alt"), "Lãnh đạo tỉnh trao giấy chứng nhận cho doanh nghiệp"),
		chromedp.SetUploadFiles(chromedp.ID("attachment_file"), []string{odtPath}))
	clickThenWait(t, ctx, "#save", stateIs(content.StateDraft))
	if txt := run(t, ctx, chromedp.Text(chromedp.CSS("#attachments"))); !strings.Contains(txt, "Số liệu quý III.odt") || strings.Contains(txt, "Cần xem xét") {
		t.Errorf("attachments on the item page: %q", txt)
	}
	loc, _, _ := strings.Cut(run(t, ctx, chromedp.Location()), "?")
	itemPath := strings.TrimPrefix(loc, e.srv.URL)
	id := strings.TrimPrefix(itemPath, "/quan-tri/bai-viet/")
	clickThenWait(t, ctx, actionButton(content.ActionSubmit), stateIs(content.StateInReview))

	// 2. The author cannot approve: no button, and a forged POST (with the
	// page's own form token) is refused by the server.
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('button[data-action="approve"], button[data-action="schedule"], button[data-action="publish"]').length`)); n != 0 {
		t.Errorf("the author sees %d approve/schedule/publish buttons", n)
	}
	w.expectError(e.srv.URL + itemPath + "/approve")
	status := run(t, ctx, chromedp.Evaluate[int](`fetch(location.pathname + "/approve", {method: "POST",
		body: new URLSearchParams({csrf: document.querySelector("input[name=csrf]").value, revision: "1"})}).then(r => r.status)`,
		chromedp.EvalAwaitPromise))
	if status != http.StatusForbidden {
		t.Errorf("forged approve by the author: %d, want 403", status)
	}
	signOutBrowser(t, ctx)

	// 3. A reviewer of the channel rejects it with a reason.
	e.signInBrowser(t, ctx, e.reviewer)
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/quan-tri/"), chromedp.WaitVisible(chromedp.CSS(".worklist.review")))
	if txt := run(t, ctx, chromedp.Text(chromedp.CSS(".worklist.review"))); !strings.Contains(txt, title) {
		t.Errorf("the reviewer's worklist lacks the item: %q", txt)
	}
	do(t, ctx, chromedp.Navigate(e.srv.URL+itemPath), chromedp.WaitVisible(chromedp.CSS(`form[data-action="reject"]`)),
		chromedp.SetValue(chromedp.CSS(`form[data-action="reject"] textarea`), reason))
	clickThenWait(t, ctx, actionButton(content.ActionReject), stateIs(content.StateDraft))
	signOutBrowser(t, ctx)

	// 4. The author sees the reason (worklist and item), revises, resubmits.
	e.signInBrowser(t, ctx, e.writer)
	if txt := run(t, ctx, chromedp.Text(chromedp.CSS(".worklist.mine .reject-reason"))); !strings.Contains(txt, reason) {
		t.Errorf("worklist reason: %q", txt)
	}
	if txt := run(t, ctx, chromedp.Text(chromedp.CSS(".notifications"))); !strings.Contains(txt, reason) {
		t.Errorf("notification: %q", txt)
	}
	do(t, ctx, chromedp.Navigate(e.srv.URL+itemPath), chromedp.WaitVisible(chromedp.CSS("#reject-reason")))
	if txt := run(t, ctx, chromedp.Text(chromedp.CSS("#reject-reason"))); !strings.Contains(txt, reason) {
		t.Errorf("item page reason: %q", txt)
	}
	clickThenWait(t, ctx, "#edit", "#item-form")
	do(t, ctx, chromedp.SetValue(chromedp.ID("body"), revised), chromedp.SetValue(chromedp.ID("note"), "Thêm nguồn số liệu"))
	clickThenWait(t, ctx, "#save", stateIs(content.StateDraft))
	clickThenWait(t, ctx, actionButton(content.ActionSubmit), stateIs(content.StateInReview))
	signOutBrowser(t, ctx)

	// 5. The reviewer reads what changed, approves and publishes.
	e.signInBrowser(t, ctx, e.reviewer)
	do(t, ctx, chromedp.Navigate(e.srv.URL+itemPath+"/phien-ban"), chromedp.WaitVisible(chromedp.CSS("#diff")))
	ins := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#diff tr.ins code")).map(c => c.textContent)`))
	del := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#diff tr.del code")).map(c => c.textContent)`))
	if !slices.Contains(ins, "Vốn đăng ký tăng 12% so với cùng kỳ (số liệu của Phòng Đăng ký kinh doanh đến 30/9).") ||
		!slices.Contains(del, "Vốn đăng ký tăng so với cùng kỳ.") || len(ins) != 1 || len(del) != 1 {
		t.Errorf("diff: inserted %q, deleted %q", ins, del)
	}
	do(t, ctx, chromedp.Navigate(e.srv.URL+itemPath), chromedp.WaitVisible(chromedp.CSS(actionButton(content.ActionApprove))))
	clickThenWait(t, ctx, actionButton(content.ActionApprove), stateIs(content.StateApproved))
	clickThenWait(t, ctx, actionButton(content.ActionPublish), stateIs(content.StatePublished))
	publicHref := run(t, ctx, chromedp.AttributeValue(chromedp.ID("public-link"), "href")).Value
	signOutBrowser(t, ctx)

	// 6. On the public channel page, its article page, and the feeds.
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/chuyen-muc/tin-tuc-su-kien"), chromedp.WaitVisible(chromedp.CSS("ul.articles")))
	if txt := run(t, ctx, chromedp.Text(chromedp.CSS("ul.articles"))); !strings.Contains(txt, title) {
		t.Errorf("channel page: %q", txt)
	}
	clickThenWait(t, ctx, "ul.articles li.article a", "#article-body")
	if loc := run(t, ctx, chromedp.Location()); loc != e.srv.URL+publicHref {
		t.Errorf("article at %s, the editorial page links %s", loc, publicHref)
	}
	if body := run(t, ctx, chromedp.Text(chromedp.CSS("#article-body"))); !strings.Contains(body, "tăng 12%") {
		t.Errorf("article body: %q", body)
	}
	if strong := run(t, ctx, chromedp.Text(chromedp.CSS("#article-body strong"))); strong != "120" {
		t.Errorf("Markdown not rendered: <strong> %q", strong)
	}
	// The cover shows with its text alternative; the attachment downloads
	// from the public page, with its name and type.
	cover := run(t, ctx, chromedp.Evaluate[[]any](`(async () => { const img = document.querySelector("#cover");
		await img.decode(); return [img.alt, img.naturalWidth]; })()`, chromedp.EvalAwaitPromise))
	if cover[0] != "Lãnh đạo tỉnh trao giấy chứng nhận cho doanh nghiệp" || cover[1] != float64(3) {
		t.Errorf("cover on the public page: %v", cover)
	}
	got := run(t, ctx, chromedp.Evaluate[[]any](`(async () => { const a = document.querySelector("#attachments a");
		const r = await fetch(a.href); const b = await r.arrayBuffer();
		return [a.textContent, r.status, r.headers.get("content-type"), r.headers.get("content-disposition"), b.byteLength]; })()`,
		chromedp.EvalAwaitPromise))
	if got[0] != "Số liệu quý III.odt" || got[1] != float64(200) || got[2] != "application/vnd.oasis.opendocument.text" ||
		!strings.HasPrefix(got[3].(string), "attachment;") || got[4] != float64(len(odt)) {
		t.Errorf("public download: %v", got)
	}
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("ul.articles")))
	if txt := run(t, ctx, chromedp.Text(chromedp.CSS("ul.articles"))); !strings.Contains(txt, title) {
		t.Errorf("home page: %q", txt)
	}
	for _, feed := range []string{"/feed.atom", "/chuyen-muc/tin-tuc-su-kien/feed.atom"} {
		r := e.client().get(feed)
		if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/atom+xml") ||
			!strings.Contains(r.Body, "<title>"+title+"</title>") || !strings.Contains(r.Body, e.srv.URL+publicHref) {
			t.Errorf("%s: %d %s %.600s", feed, r.Status, r.Header.Get("Content-Type"), r.Body)
		}
	}
	if r := e.client().get("/chuyen-muc/phat-trien-nganh/feed.atom"); strings.Contains(r.Body, title) {
		t.Error("the item is in another channel's feed")
	}

	// 7. The audit log shows each step, oldest first: who did what.
	e.signInBrowser(t, ctx, e.admin)
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/quan-tri/nhat-ky?loai=item&ma="+id), chromedp.WaitVisible(chromedp.CSS("#audit")))
	rows := run(t, ctx, chromedp.Evaluate[[][]string](`Array.from(document.querySelectorAll("#audit tbody tr")).reverse()
		.map(tr => [tr.dataset.action, tr.cells[1].textContent, tr.cells[5].textContent])`))
	want := [][2]string{
		{"item.create", e.writer.Email}, {"item.submit", e.writer.Email}, {"item.denied", e.writer.Email},
		{"item.reject", e.reviewer.Email}, {"item.edit", e.writer.Email}, {"item.submit", e.writer.Email},
		{"item.approve", e.reviewer.Email}, {"item.publish", e.reviewer.Email},
	}
	if len(rows) != len(want) {
		t.Fatalf("audit rows %q, want %v", rows, want)
	}
	for i, r := range rows {
		if r[0] != want[i][0] || r[1] != want[i][1] {
			t.Errorf("audit row %d: %s by %s, want %s by %s", i, r[0], r[1], want[i][0], want[i][1])
		}
	}
	if !strings.Contains(rows[3][2], reason) || !strings.Contains(rows[2][2], "approve") || !strings.Contains(rows[6][2], "revision 2") {
		t.Errorf("audit details: %q", rows)
	}
}

// A new account cannot sign in before the director approves it.
func TestBrowserAccountNeedsDirectorApproval(t *testing.T) {
	e := newContentEnv(t, nil)
	ctx := browser(t)
	w := watchPage(t, ctx, e.srv)
	w.expectError(e.srv.URL + "/dang-nhap") // 403: the account is pending
	const email, pw = "ntmoi-skhdt@laocai.gov.vn", "một câu mật khẩu đủ dài cho người mới"

	// The office creates the account.
	e.signInBrowser(t, ctx, e.admin)
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/quan-tri/tai-khoan/moi"), chromedp.WaitVisible(chromedp.CSS("#account-form")),
		chromedp.SetValue(chromedp.ID("name"), "Ngô Thị Mới"), chromedp.SetValue(chromedp.ID("email"), email),
		chromedp.SetValue(chromedp.ID("department"), "Phòng Tổng hợp"),
		chromedp.SetValue(chromedp.ID("password"), pw), chromedp.SetValue(chromedp.ID("confirm"), pw))
	clickThenWait(t, ctx, "#create-account", ".flash")
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('tr[data-email="`+email+`"][data-status="pending"]').length`)); n != 1 {
		t.Fatalf("the new account is not listed as pending (%d)", n)
	}
	// The administrator has no approve button: only the director approves.
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('tr[data-email="`+email+`"] button[data-action="approve"]').length`)); n != 0 {
		t.Error("an administrator is offered to approve an account")
	}
	signOutBrowser(t, ctx)

	// The new person cannot sign in yet, and is told why.
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/dang-nhap"), chromedp.WaitVisible(chromedp.CSS("#login")),
		chromedp.SetValue(chromedp.ID("email"), email), chromedp.SetValue(chromedp.ID("password"), pw))
	clickThenWait(t, ctx, "#login button", "#login-error")
	if msg := run(t, ctx, chromedp.Text(chromedp.CSS("#login-error"))); !strings.Contains(msg, "chờ Giám đốc phê duyệt") {
		t.Errorf("pending sign-in: %q", msg)
	}
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("header .who").length`)); n != 0 {
		t.Error("a pending account is signed in")
	}

	// The director approves it.
	e.signInBrowser(t, ctx, e.director)
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/quan-tri/tai-khoan"), chromedp.WaitVisible(chromedp.CSS(`tr[data-email="`+email+`"] button[data-action="approve"]`)))
	clickThenWait(t, ctx, `tr[data-email="`+email+`"] button[data-action="approve"]`, `tr[data-email="`+email+`"][data-status="active"]`)
	signOutBrowser(t, ctx)

	// Now the sign-in works.
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/dang-nhap"), chromedp.WaitVisible(chromedp.CSS("#login")),
		chromedp.SetValue(chromedp.ID("email"), email), chromedp.SetValue(chromedp.ID("password"), pw))
	clickThenWait(t, ctx, "#login button", "header .who")
	if name := run(t, ctx, chromedp.Text(chromedp.CSS("header .who .name"))); name != "Ngô Thị Mới" {
		t.Errorf("signed in as %q", name)
	}
}

// An administrator posts an item from a trusted source directly, without
// the board; it is public at once and in the week's report to the board.
func TestBrowserTrustedSourceInWeeklyReport(t *testing.T) {
	e := newContentEnv(t, nil)
	ctx := browser(t)
	watchPage(t, ctx, e.srv)
	srcs, err := e.svc.TrustedSources(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	src := srcs[0]
	const title = "Chính phủ ban hành Nghị định về đăng ký doanh nghiệp"

	e.signInBrowser(t, ctx, e.admin)
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/quan-tri/bai-viet/moi"), chromedp.WaitVisible(chromedp.CSS("#item-form")),
		chromedp.SetValue(chromedp.ID("title"), title),
		chromedp.SetValue(chromedp.ID("body"), "Toàn văn tại Cổng Thông tin điện tử Chính phủ."),
		chromedp.SetValue(chromedp.ID("channel"), itoa(e.news)),
		chromedp.SetValue(chromedp.ID("source"), itoa(src.ID)),
		chromedp.SetValue(chromedp.ID("source_url"), "https://chinhphu.vn/nghi-dinh-168"))
	clickThenWait(t, ctx, "#save", stateIs(content.StateDraft))
	clickThenWait(t, ctx, actionButton(content.ActionPublishDirect), stateIs(content.StatePublished))
	signOutBrowser(t, ctx)

	// The board (a reviewer) reads the week's report.
	e.signInBrowser(t, ctx, e.reviewer)
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/quan-tri/bao-cao-tuan"), chromedp.WaitVisible(chromedp.CSS("#weekly")))
	row := run(t, ctx, chromedp.Text(chromedp.CSS("#weekly tbody tr")))
	for _, want := range []string{title, src.Name, "https://chinhphu.vn/nghi-dinh-168", e.admin.Name} {
		if !strings.Contains(row, want) {
			t.Errorf("weekly report row lacks %q: %q", want, row)
		}
	}
	// And the public page names the source.
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/chuyen-muc/tin-tuc-su-kien"), chromedp.WaitVisible(chromedp.CSS("ul.articles")))
	clickThenWait(t, ctx, "ul.articles li.article a", "#article-body")
	if txt := run(t, ctx, chromedp.Text(chromedp.CSS(".source"))); !strings.Contains(txt, src.Name) {
		t.Errorf("public page source: %q", txt)
	}
}

// A form on another site that posts to the portal — even carrying a leaked
// form token, in a browser signed in to the portal — is refused.
func TestBrowserCrossSitePostRefused(t *testing.T) {
	e := newContentEnv(t, nil)
	it := e.item(e.writer, e.news, "Bài chờ duyệt", "Nội dung.", content.StateInReview)
	ctx := browser(t)
	e.signInBrowser(t, ctx, e.reviewer)
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/quan-tri/bai-viet/"+itoa(it.ID)), chromedp.WaitVisible(chromedp.CSS(actionButton(content.ActionApprove))))
	token := run(t, ctx, chromedp.Value(chromedp.CSS(`form[data-action="approve"] input[name="csrf"]`)))

	target := e.srv.URL + "/quan-tri/bai-viet/" + itoa(it.ID) + "/approve"
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>Quà tặng</title><form id="evil" method="post" action="%s">
<input type="hidden" name="csrf" value="%s"><input type="hidden" name="revision" value="1">
<button type="submit" id="go">Nhận quà</button></form>`, target, token)
	}))
	defer evil.Close()
	// localhost is another site than 127.0.0.1.
	evilURL := strings.Replace(evil.URL, "127.0.0.1", "localhost", 1)
	do(t, ctx, chromedp.Navigate(evilURL), chromedp.WaitVisible(chromedp.ID("go")))
	clickThenWait(t, ctx, "#go", "p.error")
	if msg := run(t, ctx, chromedp.Text(chromedp.CSS("p.error"))); !strings.Contains(msg, "từ một trang khác") {
		t.Errorf("refusal page: %q", msg)
	}
	got, err := e.svc.ViewItem(e.ctx, content.System("test"), it.ID)
	if err != nil || got.State != content.StateInReview || got.ApprovedRevision != 0 {
		t.Fatalf("the cross-site POST changed the item: %v %s", err, got.State)
	}
}

// A script in an article's body renders inert: no script element, no event
// handler, no javascript: link reaches the page, and nothing runs.
func TestBrowserArticleScriptInert(t *testing.T) {
	e := newContentEnv(t, nil)
	body := "Đoạn an toàn.\n\n<script>window.pwned = 1; alert('xss')</script>\n\n" +
		"<img src=x onerror=\"window.pwned = 2; alert(2)\">\n\n" +
		"<p onclick=\"alert(3)\">Bấm vào đây</p>\n\n" +
		"[liên kết](javascript:alert(4)) <a href=\"javascript:alert(5)\">liên kết hai</a>\n\n" +
		"<iframe src=\"javascript:alert(6)\"></iframe><svg onload=\"alert(7)\"></svg>\n\n" +
		"| Cột | Số |\n|---|---|\n| A | 1 |\n"
	it := e.item(e.writer, e.news, "Bài có mã độc", body, content.StatePublished)
	path := "/bai-viet/" + itoa(it.ID) + "-bai-co-ma-doc"

	r := e.client().get(path)
	if r.Status != 200 {
		t.Fatalf("%s: %d", path, r.Status)
	}
	mustNotContain(t, r.Body, "<script>window.pwned", "onerror=", "onclick=", "javascript:", "<iframe", "onload=")
	mustContain(t, r.Body, "Đoạn an toàn.", "<table>")

	ctx := browser(t)
	w := watchPage(t, ctx, e.srv)
	w.expectError(e.srv.URL + "/bai-viet/x") // the img's relative src, a 404
	w.expectError(e.srv.URL + "/quan-tri/bai-viet/x")
	do(t, ctx, chromedp.Navigate(e.srv.URL+path), chromedp.WaitVisible(chromedp.ID("article-body")), chromedp.Sleep(200))
	inert := run(t, ctx, chromedp.Evaluate[string](`JSON.stringify({
		pwned: window.pwned || 0,
		scripts: document.querySelectorAll("#article-body script, #article-body iframe").length,
		handlers: Array.from(document.querySelectorAll("#article-body *")).filter(el => Array.from(el.attributes).some(a => a.name.startsWith("on"))).length,
		jsLinks: Array.from(document.querySelectorAll("#article-body a")).filter(a => a.href.startsWith("javascript:")).length,
	})`))
	if inert != `{"pwned":0,"scripts":0,"handlers":0,"jsLinks":0}` {
		t.Errorf("article body not inert: %s", inert)
	}

	// The editorial preview of the same body is sanitised the same way.
	e.signInBrowser(t, ctx, e.writer)
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/quan-tri/bai-viet/"+itoa(it.ID)), chromedp.WaitVisible(chromedp.CSS(".preview")), chromedp.Sleep(200))
	if n := run(t, ctx, chromedp.Evaluate[int](`(window.pwned || 0) + document.querySelectorAll(".preview script, .preview iframe, .preview [onerror], .preview [onclick]").length`)); n != 0 {
		t.Errorf("editorial preview not inert: %d", n)
	}
}
