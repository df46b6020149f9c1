package portal_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/portal"
	"github.com/laocai-dpi/dpi/portal/content"
)

func sessionCookie(t *testing.T, r response) *http.Cookie {
	t.Helper()
	for _, line := range r.Header.Values("Set-Cookie") {
		if c, err := http.ParseSetCookie(line); err == nil && strings.HasSuffix(c.Name, "dpi_session") && c.Value != "" {
			return c
		}
	}
	t.Fatalf("no session cookie in %v", r.Header.Values("Set-Cookie"))
	return nil
}

// The session cookie is HttpOnly and SameSite=Lax; over HTTPS it is the
// __Host- cookie with Secure.
func TestSessionCookieFlags(t *testing.T) {
	e := newContentEnv(t, nil)
	r := e.client().post("/dang-nhap", url.Values{"email": {e.writer.Email}, "password": {e.passwords[e.writer.ID]}})
	c := sessionCookie(t, r)
	if c.Name != "dpi_session" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure || c.Path != "/" || c.Domain != "" {
		t.Errorf("plain HTTP cookie: %+v", c)
	}
	if got := r.Header.Get("Location"); got != "/quan-tri/" {
		t.Errorf("after sign-in: Location %q", got)
	}

	s := newContentEnv(t, nil, func(o *portal.Options) { o.HTTPS = true })
	r = s.client().post("/dang-nhap", url.Values{"email": {s.writer.Email}, "password": {s.passwords[s.writer.ID]}})
	c = sessionCookie(t, r)
	if c.Name != "__Host-dpi_session" || !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Domain != "" {
		t.Errorf("HTTPS cookie: %+v", c)
	}
}

// Signing in again ends the browser's old session (rotation); signing out
// ends the session on the server, not just in the browser.
func TestSessionRotationAndLogout(t *testing.T) {
	e := newContentEnv(t, nil)
	w := e.signIn(e.writer)
	u, _ := url.Parse(e.srv.URL)
	old := w.http.Jar.Cookies(u)[0].Value

	r := w.post("/dang-nhap", url.Values{"email": {e.writer.Email}, "password": {e.passwords[e.writer.ID]}})
	if c := sessionCookie(t, r); c.Value == old {
		t.Fatal("the session token did not change at sign-in")
	}
	replay := e.client()
	replay.http.Jar.SetCookies(u, []*http.Cookie{{Name: "dpi_session", Value: old}})
	if r := replay.get("/quan-tri/"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/dang-nhap") {
		t.Errorf("old session after a new sign-in: %d %s", r.Status, r.Header.Get("Location"))
	}

	w.refreshToken()
	current := w.http.Jar.Cookies(u)[0].Value
	if r := w.post("/dang-xuat", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("sign out: %d", r.Status)
	}
	replay = e.client()
	replay.http.Jar.SetCookies(u, []*http.Cookie{{Name: "dpi_session", Value: current}})
	if r := replay.get("/quan-tri/"); r.Status != http.StatusSeeOther {
		t.Errorf("session replayed after sign-out: %d", r.Status)
	}
}

// Signed-in pages and the sign-in page are never cached.
func TestNoStoreOnSignedInPages(t *testing.T) {
	e := newContentEnv(t, nil)
	w := e.signIn(e.admin)
	for _, p := range []string{"/quan-tri/", "/quan-tri/nhat-ky", "/quan-tri/tai-khoan", "/quan-tri/bai-viet/moi", "/dang-nhap"} {
		r := w.get(p)
		if got := r.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: %d Cache-Control %q", p, r.Status, got)
		}
	}
	if r := e.client().get("/dang-nhap"); r.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("sign-in page: Cache-Control %q", r.Header.Get("Cache-Control"))
	}
}

// A state-changing request from another site is refused, whatever it
// carries; a signed-in form without the session's token is refused too.
func TestCrossSitePostRefused(t *testing.T) {
	e := newContentEnv(t, nil)
	it := e.item(e.writer, e.news, "Bài chờ duyệt", "Nội dung", content.StateInReview)
	rev := e.signIn(e.reviewer)
	path := e.srv.URL + "/quan-tri/bai-viet/" + itoa(it.ID) + "/approve"
	form := url.Values{"csrf": {rev.csrf}, "revision": {"1"}}.Encode()
	for name, hdr := range map[string]map[string]string{
		"Sec-Fetch-Site cross-site": {"Sec-Fetch-Site": "cross-site"},
		"Sec-Fetch-Site same-site":  {"Sec-Fetch-Site": "same-site"},
		"foreign Origin":            {"Origin": "http://evil.example"},
	} {
		req, _ := http.NewRequest(http.MethodPost, path, strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		if r := rev.do(req); r.Status != http.StatusForbidden || !strings.Contains(r.Body, "trang khác") {
			t.Errorf("%s: %d %.200s", name, r.Status, r.Body)
		}
	}
	// Same origin but no form token (or another session's).
	if r := rev.post("/quan-tri/bai-viet/"+itoa(it.ID)+"/approve", url.Values{"csrf": {"x"}, "revision": {"1"}}); r.Status != http.StatusForbidden {
		t.Errorf("wrong form token: %d", r.Status)
	}
	if got, _ := e.svc.ViewItem(e.ctx, content.System("test"), it.ID); got.State != content.StateInReview {
		t.Fatalf("refused requests changed the item: %s", got.State)
	}
	// The same request from the site itself works.
	if r := rev.post("/quan-tri/bai-viet/"+itoa(it.ID)+"/approve", url.Values{"revision": {"1"}}); r.Status != http.StatusSeeOther {
		t.Errorf("same-origin approve: %d %.300s", r.Status, r.Body)
	}
	// Signing in from another site is refused as well (login CSRF).
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/dang-nhap", strings.NewReader(url.Values{"email": {e.writer.Email}, "password": {e.passwords[e.writer.ID]}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://evil.example")
	if r := e.client().do(req); r.Status != http.StatusForbidden {
		t.Errorf("cross-site sign-in: %d", r.Status)
	}
}

// X-Forwarded-For is ignored unless the request came from a listed proxy.
func TestTrustedProxies(t *testing.T) {
	for _, tc := range []struct {
		proxies []string
		want    string
	}{{nil, "127.0.0.1"}, {[]string{"127.0.0.1/32"}, "203.0.113.9"}} {
		e := newContentEnv(t, nil, func(o *portal.Options) { o.TrustedProxies = tc.proxies })
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/dang-nhap", strings.NewReader("email=nobody%40laocai.gov.vn&password=wrong"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", "203.0.113.9")
		if r := e.client().do(req); r.Status != http.StatusUnauthorized {
			t.Fatalf("wrong password: %d", r.Status)
		}
		log, err := e.svc.AuditLog(e.ctx, content.System("test"), content.AuditFilter{Action: "login.failure"})
		if err != nil || len(log) != 1 {
			t.Fatalf("audit: %v %d", err, len(log))
		}
		if log[0].IP != tc.want {
			t.Errorf("proxies %v: audited address %q, want %q", tc.proxies, log[0].IP, tc.want)
		}
	}
}
