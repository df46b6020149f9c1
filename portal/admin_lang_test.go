package portal_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/laocai-dpi/dpi/portal/content"
)

// toEnglish switches a signed-in client's editorial pages to English with
// the header's form.
func (c *client) toEnglish() {
	c.t.Helper()
	if r := c.post("/quan-tri/ngon-ngu", url.Values{"lang": {"en"}, "next": {"/quan-tri/"}}); r.Status != http.StatusSeeOther {
		c.t.Fatalf("switch to English: %d %s", r.Status, textOf(r.Body))
	}
}

var (
	valueAttr  = regexp.MustCompile(`value="[^"]*"`)
	viDate     = regexp.MustCompile(`\b\d{2}/\d{2}/\d{4} \d{2}:\d{2}`)
	enDateTime = regexp.MustCompile(`\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2} ICT\b`)
)

// dataValues are the texts of the store that a page shows as they were
// entered (people's names, sources, royalty categories, channels' own
// names): Vietnamese in an English page is allowed there and only there.
func (e *contentEnv) dataValues() []string {
	e.t.Helper()
	out := []string{"Tóm tắt: "} // e.item's summaries
	for _, a := range []*content.Account{e.admin, e.director, e.writer, e.writer2, e.reviewer, e.writerReviewer} {
		out = append(out, a.Name)
	}
	srcs, err := e.svc.TrustedSources(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, s := range srcs {
		out = append(out, s.Name)
	}
	cats, err := e.svc.RoyaltyCategories(e.ctx, e.actor(e.admin))
	if err != nil {
		e.t.Fatal(err)
	}
	for _, c := range cats {
		out = append(out, c.Name)
	}
	for _, p := range e.portals {
		chans, err := e.svc.Channels(e.ctx, p.ID)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, ch := range chans {
			out = append(out, ch.NameVI)
		}
	}
	return out
}

// assertEnglish fails when an English page has Vietnamese outside the
// data values and form values, or a Vietnamese date.
func assertEnglish(t *testing.T, path string, r response, data []string) {
	t.Helper()
	if !strings.Contains(r.Body, `<html lang="en">`) {
		t.Errorf("%s: not an English page", path)
	}
	s := valueAttr.ReplaceAllString(r.Body, "")
	// Proper names and the other language's own name stay as written.
	data = append([]string{"Lào Cai", "95/QĐ-SKH", "Tiếng Việt"}, data...)
	// The longest first, so that a short name ("Tin") does not cut a longer
	// one ("Tin tức - Sự kiện").
	slices.SortFunc(data, func(a, b string) int { return len(b) - len(a) })
	for _, d := range data {
		s = strings.ReplaceAll(s, html.EscapeString(d), "")
		s = strings.ReplaceAll(s, d, "")
	}
	for i, ch := range s {
		if ch > unicode.MaxASCII && unicode.IsLetter(ch) {
			from, to := max(i-80, 0), min(i+80, len(s))
			t.Errorf("%s: Vietnamese in the English page (%c): …%s…", path, ch, s[from:to])
			break
		}
	}
	if m := viDate.FindString(r.Body); m != "" {
		t.Errorf("%s: a dd/mm/yyyy time in English: %q", path, m)
	}
}

// Every main editorial page in English: the frame, titles, labels, states,
// actions, flashes and dates are English; names stay as entered, channels
// and portals by their English names.
func TestAdminPagesInEnglish(t *testing.T) {
	e := newContentEnv(t, warehouseWithQuarter(t, "2026Q1", time.Date(2026, 4, 10, 3, 0, 0, 0, time.UTC)))
	draft := e.item(e.writer, e.news, "Budget note", "A *draft*.", content.StateDraft)
	inReview := e.item(e.writer, e.news, "Road plan", "For review.", content.StateInReview)
	published := e.item(e.writer, e.news, "Investment forum", "Published.", content.StatePublished)
	rejected := e.item(e.writer, e.news, "Water supply", "To fix.", content.StateInReview)
	if _, err := e.svc.Reject(e.ctx, e.actor(e.reviewer), rejected.ID, "Add the figures"); err != nil {
		t.Fatal(err)
	}
	doc, err := e.svc.CreateDocument(e.ctx, e.actor(e.admin), content.DocumentInput{PortalID: e.portals[content.PortalBusiness].ID,
		Number: "12/2026", Type: "Decision", IssuingBody: "Provincial committee", IssueDate: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC),
		Summary: "Support for small firms"})
	if err != nil {
		t.Fatal(err)
	}
	cats, err := e.svc.RoyaltyCategories(e.ctx, e.actor(e.admin))
	if err != nil {
		t.Fatal(err)
	}
	cats[0].BaseAmount = 150000
	if err := e.svc.SaveRoyaltyCategory(e.ctx, e.actor(e.admin), cats[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.AddRoyalty(e.ctx, e.actor(e.admin), content.RoyaltyInput{ItemID: published.ID, CategoryID: cats[0].ID, Coefficient: 1.5}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.SubmitFeedback(e.ctx, "192.0.2.9", content.FeedbackInput{PortalID: e.portals[content.PortalBusiness].ID,
		Name: "Tran Binh", Subject: "Opening hours", Body: "When is the office open?"}); err != nil {
		t.Fatal(err)
	}
	st := e.staff("Hoang Minh")
	month := time.Now().In(content.ICT).Format("2006-01")
	data := e.dataValues()

	writer, reviewer, admin := e.signIn(e.writer), e.signIn(e.reviewer), e.signIn(e.admin)
	for _, c := range []*client{writer, reviewer, admin} {
		c.toEnglish()
	}
	id := func(it *content.Item) string { return itoa(it.ID) }
	pages := []struct {
		c    *client
		path string
		want []string // English the page must say
	}{
		{writer, "/quan-tri/", []string{"My unpublished items", "Rejected: Add the figures", "Awaiting review", "News and events"}},
		{writer, "/quan-tri/bai-viet/moi", []string{"New item", "News and events", "Press release", "Cover image and attachments"}},
		{writer, "/quan-tri/bai-viet/" + id(draft), []string{"Draft", "Submit for review", "Edit (saved as a new revision)"}},
		{writer, "/quan-tri/bai-viet/" + id(draft) + "?ok=save", []string{"New revision saved."}},
		{writer, "/quan-tri/bai-viet/" + id(draft) + "/sua", []string{"Edit: Budget note", "Note for this revision"}},
		{writer, "/quan-tri/bai-viet/" + id(draft) + "/phien-ban", []string{"Revisions: Budget note", "All revisions"}},
		{writer, "/quan-tri/mat-khau", []string{"Change password", "New password again"}},
		{reviewer, "/quan-tri/", []string{"Awaiting my review (my channels)", "Road plan"}},
		{reviewer, "/quan-tri/bai-viet/" + id(inReview), []string{"Awaiting review", "Approve", "Reject", "Reason (the author will see it)"}},
		{reviewer, "/quan-tri/bao-cao-tuan", []string{"Weekly report: items posted directly from trusted sources", "Previous week"}},
		{reviewer, "/quan-tri/bao-cao-thang?thang=" + month, []string{"Monthly report, ", "at least 2 news items a month", "Department of Planning and Investment portal",
			"News and events", "(unknown)"}},
		{reviewer, "/quan-tri/nhuan-but?thang=" + month, []string{"Royalties, ", "Totals by recipient and category", "225,000"}},
		{reviewer, "/quan-tri/gop-y?cong=business", []string{"Feedback from citizens and businesses", "Opening hours", "Business support portal"}},
		{admin, "/quan-tri/tai-khoan", []string{"Accounts", "Other accounts", "Contributor", "Active"}},
		{admin, "/quan-tri/tai-khoan/moi", []string{"New account", "Initial password"}},
		{admin, "/quan-tri/tai-khoan/" + itoa(e.writer.ID), []string{"Roles: ", "Channels reviewed"}},
		{admin, "/quan-tri/nhat-ky", []string{"Audit log", "Object type"}},
		{admin, "/quan-tri/nhat-ky?loai=item&ma=" + id(published), []string{"Audit log: Investment forum", "Back to the item"}},
		{admin, "/quan-tri/bai-viet/" + id(published), []string{"Published", "Royalties for this item", "View on the portal"}},
		{admin, "/quan-tri/bai-viet/" + id(published) + "/nhuan-but", []string{"Royalties: Investment forum", "Coefficient", "1.5", "225,000"}},
		{admin, "/quan-tri/nhuan-but/loai", []string{"Royalty categories", "150,000"}},
		{admin, "/quan-tri/van-ban", []string{"Document library", "Support for small firms", "In force", "5 Jan 2026"}},
		{admin, "/quan-tri/van-ban/moi", []string{"New document", "Issue date"}},
		{admin, "/quan-tri/van-ban/" + itoa(doc.ID) + "/sua", []string{"Edit document 12/2026"}},
		{admin, "/quan-tri/cong-thong-tin", []string{"Portals and channels", "PCI portal", "Save the portal"}},
		{admin, fmt.Sprintf("/quan-tri/cong-thong-tin/%d/chuyen-muc", e.portals[content.PortalDepartment].ID), []string{"Channels: Department of Planning and Investment portal", "Email directory"}},
		{admin, "/quan-tri/chuyen-muc/" + itoa(e.news), []string{"Edit channel: ", "Save the channel"}},
		{admin, "/quan-tri/nguon-tin", []string{"Trusted sources", "Provincial newspaper"}},
		{admin, "/quan-tri/nguon-tin/1", []string{"Edit a trusted source"}},
		{admin, "/quan-tri/danh-ba", []string{"Email directory", "Add a staff member", "(by the convention)"}},
		{admin, "/quan-tri/danh-ba/can-bo/" + itoa(st.ID), []string{"Hoang Minh", "Back to the directory"}},
	}
	for _, p := range pages {
		r := p.c.get(p.path)
		if r.Status != http.StatusOK {
			t.Errorf("%s: %d %s", p.path, r.Status, textOf(r.Body))
			continue
		}
		assertEnglish(t, p.path, r, data)
		for _, w := range p.want {
			if !strings.Contains(r.Body, html.EscapeString(w)) {
				t.Errorf("%s: no %q", p.path, w)
			}
		}
	}
	// Times read in ICT, unambiguously.
	if r := writer.get("/quan-tri/"); !enDateTime.MatchString(r.Body) {
		t.Errorf("worklist: no English ICT time")
	}
	// Channel options by their English names, not the Vietnamese ones.
	if r := writer.get("/quan-tri/bai-viet/moi"); strings.Contains(r.Body, "Tin tức - Sự kiện") {
		t.Error("item form: a channel by its Vietnamese name")
	}
	// Errors: a missing item and a refused action, in English.
	r := admin.get("/quan-tri/bai-viet/999999")
	if r.Status != http.StatusNotFound || !strings.Contains(r.Body, "Could not be done") || !strings.Contains(r.Body, "not found") {
		t.Errorf("404: %d %s", r.Status, textOf(r.Body))
	}
	assertEnglish(t, "404", r, data)
	r = writer.post("/quan-tri/bai-viet/"+id(inReview)+"/approve", url.Values{"revision": {"1"}})
	if r.Status != http.StatusForbidden {
		t.Errorf("writer approves: %d", r.Status)
	}
	assertEnglish(t, "refused approve", r, data)
	r = writer.post("/quan-tri/bai-viet", url.Values{"title": {""}, "body": {"x"}, "channel": {itoa(e.news)}})
	if r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusBadRequest {
		t.Errorf("empty title: %d", r.Status)
	}
	assertEnglish(t, "item form error", r, data)
	// A form without its token is refused in English too.
	r = writer.post("/quan-tri/mat-khau", url.Values{"csrf": {"forged"}, "current": {"x"}, "new": {"y"}, "confirm": {"y"}})
	if r.Status != http.StatusForbidden || !strings.Contains(r.Body, "The form has expired") || strings.Contains(r.Body, "Biểu mẫu") {
		t.Errorf("bad token: %d %s", r.Status, textOf(r.Body))
	}

	// Vietnamese stays the default, with the same pages in Vietnamese.
	vi := e.signIn(e.writer2)
	if r := vi.get("/quan-tri/"); !strings.Contains(r.Body, `<html lang="vi">`) || !strings.Contains(r.Body, "Việc cần làm") ||
		!viDate.MatchString(vi.get("/quan-tri/bai-viet/"+id(published)).Body) {
		t.Errorf("the default is not Vietnamese: %.300s", r.Body)
	}
}

// The switch is a POST with the form token; it sets a cookie and goes back
// to the editorial page it came from, and nowhere else.
func TestAdminLanguageSwitch(t *testing.T) {
	e := newContentEnv(t, nil)
	w := e.signIn(e.writer)
	if r := w.get("/quan-tri/"); !strings.Contains(r.Body, `<html lang="vi">`) || !strings.Contains(r.Body, `id="lang-switch"`) ||
		!strings.Contains(r.Body, ">English</button>") {
		t.Fatalf("no switch to English in the header: %.500s", r.Body)
	}
	r := w.post("/quan-tri/ngon-ngu", url.Values{"lang": {"en"}, "next": {"/quan-tri/bai-viet/moi?x=1"}})
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/quan-tri/bai-viet/moi?x=1" {
		t.Fatalf("switch: %d %q", r.Status, r.Header.Get("Location"))
	}
	ck := r.Header.Get("Set-Cookie")
	if !strings.HasPrefix(ck, "lang=en;") || !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "SameSite=Lax") || !strings.Contains(ck, "Path=/") {
		t.Errorf("cookie: %q", ck)
	}
	if r := w.get("/quan-tri/bai-viet/moi"); !strings.Contains(r.Body, `<html lang="en">`) || !strings.Contains(r.Body, ">Tiếng Việt</button>") {
		t.Errorf("not English after the switch")
	}
	// The switch comes back to the page without its flash.
	if r := w.get("/quan-tri/mat-khau?ok=password"); !strings.Contains(r.Body, `name="next" value="/quan-tri/mat-khau"`) {
		t.Errorf("the switch's next: %s", between(r.Body, `id="lang-switch"`, "</form>"))
	}
	// Never an open redirect.
	for _, next := range []string{"https://evil.example/", "//evil.example/quan-tri/", "/\\evil.example", "/pci/ranking", ""} {
		r := w.post("/quan-tri/ngon-ngu", url.Values{"lang": {"vi"}, "next": {next}})
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/quan-tri/" {
			t.Errorf("next %q: %d %q", next, r.Status, r.Header.Get("Location"))
		}
	}
	if r := w.get("/quan-tri/"); !strings.Contains(r.Body, `<html lang="vi">`) {
		t.Error("not back in Vietnamese")
	}
	// Not a language: refused, the cookie unchanged.
	if r := w.post("/quan-tri/ngon-ngu", url.Values{"lang": {"fr"}, "next": {"/quan-tri/"}}); r.Status != http.StatusBadRequest || r.Header.Get("Set-Cookie") != "" {
		t.Errorf("lang=fr: %d %q", r.Status, r.Header.Get("Set-Cookie"))
	}
	// Without the form token (another site's form): refused, no cookie.
	if r := w.post("/quan-tri/ngon-ngu", url.Values{"csrf": {"forged"}, "lang": {"en"}}); r.Status != http.StatusForbidden || r.Header.Get("Set-Cookie") != "" {
		t.Errorf("forged token: %d %q", r.Status, r.Header.Get("Set-Cookie"))
	}
	// Signed out: 401, no cookie.
	if r := e.client().post("/quan-tri/ngon-ngu", url.Values{"lang": {"en"}}); r.Status != http.StatusUnauthorized || r.Header.Get("Set-Cookie") != "" {
		t.Errorf("anonymous: %d %q", r.Status, r.Header.Get("Set-Cookie"))
	}
}

// The sign-in page follows ?lang=en (its link), then the cookie; signing in
// from the English page keeps English.
func TestAdminSignInLanguage(t *testing.T) {
	e := newContentEnv(t, nil)
	c := e.client()
	r := c.get("/dang-nhap")
	if !strings.Contains(r.Body, `<html lang="vi">`) || !strings.Contains(r.Body, `href="/dang-nhap?lang=en"`) {
		t.Fatalf("sign-in: %.400s", r.Body)
	}
	r = c.get("/dang-nhap?lang=en&next=%2Fquan-tri%2Fmat-khau")
	if !strings.Contains(r.Body, `<html lang="en">`) || !strings.Contains(r.Body, "<h1>Sign in</h1>") || !strings.Contains(r.Body, `name="lang" value="en"`) ||
		!strings.Contains(r.Body, `href="/dang-nhap?lang=vi&amp;next=%2fquan-tri%2fmat-khau"`) {
		t.Fatalf("sign-in in English: %.1500s", r.Body)
	}
	assertEnglish(t, "/dang-nhap?lang=en", r, nil)
	// The English public pages link to the English sign-in page.
	if r := e.client().get("/?lang=en"); !strings.Contains(r.Body, `href="/dang-nhap?lang=en"`) {
		t.Error("the English portal home does not link to the English sign-in page")
	}
	if r := e.client().get("/"); !strings.Contains(r.Body, `href="/dang-nhap"`) {
		t.Error("the Vietnamese portal home does not link to the sign-in page")
	}
	// A wrong password, answered in English.
	r = c.post("/dang-nhap", url.Values{"email": {e.writer.Email}, "password": {"wrong"}, "lang": {"en"}})
	if r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, `<html lang="en">`) || !strings.Contains(r.Body, `id="login-error"`) {
		t.Errorf("wrong password: %d %s", r.Status, textOf(r.Body))
	}
	assertEnglish(t, "wrong password", r, nil)
	r = c.post("/dang-nhap", url.Values{"email": {e.writer.Email}, "password": {e.passwords[e.writer.ID]}, "lang": {"en"}, "next": {"/quan-tri/"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", r.Status)
	}
	if !strings.Contains(strings.Join(r.Header.Values("Set-Cookie"), "\n"), "lang=en;") {
		t.Errorf("signing in from the English page sets no lang cookie: %q", r.Header.Values("Set-Cookie"))
	}
	c.refreshToken()
	if r := c.get("/quan-tri/"); !strings.Contains(r.Body, `<html lang="en">`) {
		t.Error("the editorial pages are not English after signing in in English")
	}
	// Signed out, the cookie keeps the sign-in page in English.
	if r := c.post("/dang-xuat", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("sign out: %d", r.Status)
	}
	if r := c.get("/dang-nhap"); !strings.Contains(r.Body, `<html lang="en">`) {
		t.Error("the sign-in page does not follow the cookie")
	}
	// ?lang=vi wins over the cookie there.
	if r := c.get("/dang-nhap?lang=vi"); !strings.Contains(r.Body, `<html lang="vi">`) {
		t.Error("?lang=vi is not followed")
	}
}
