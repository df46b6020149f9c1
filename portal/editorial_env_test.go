package portal_test

import (
	"context"
	"database/sql"
	"io"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal"
	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
	"github.com/laocai-dpi/dpi/portal/sqlite"
)

// cheapParams: the tests exercise the flow, not argon2's cost.
var cheapParams = auth.Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// contentEnv is the portal over a real SQLite content store in a temporary
// folder, with one account per role, created through the auth API as the
// office and the director would.
type contentEnv struct {
	t      *testing.T
	ctx    context.Context
	db     *sqlite.DB
	svc    *content.Service
	auth   *auth.Service
	srv    *httptest.Server
	engine *gin.Engine

	portals map[string]*content.Portal // by key
	// Channels: the department's news and sector channels, the PCI news.
	news, sector, pciNews, bizNews int64

	admin, director, writer, writer2, reviewer, writerReviewer *content.Account
	passwords                                                  map[int64]string
}

func newContentEnv(t *testing.T, warehouse *sql.DB, configure ...func(*portal.Options)) *contentEnv {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &contentEnv{t: t, ctx: ctx, db: db, svc: content.NewService(db, content.NewFiles(dir)), auth: auth.New(db),
		portals: map[string]*content.Portal{}, passwords: map[int64]string{}}
	e.auth.Params = cheapParams
	ps, err := e.svc.Portals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		e.portals[p.Key] = p
	}
	e.news = e.channel(content.PortalDepartment, "tin-tuc-su-kien")
	e.sector = e.channel(content.PortalDepartment, "phat-trien-nganh")
	e.pciNews = e.channel(content.PortalPCI, "tin-tuc")
	e.bizNews = e.channel(content.PortalBusiness, "tin-tuc")

	sys := content.System("test")
	e.admin = e.account(sys, "Nguyễn Văn Quản", "quantri@laocai.gov.vn", nil, content.RoleAdministrator)
	e.director = e.account(sys, "Trần Thị Giám", "giamdoc@laocai.gov.vn", nil, content.RoleDirector)
	if _, err := e.auth.ApproveAccount(ctx, e.actor(e.admin), e.director.ID); err != nil {
		t.Fatal("first director:", err)
	}
	e.writer = e.approved("Đặng Xuân Phong", nil, content.RoleContributor)
	e.writer2 = e.approved("Lê Thị Hoa", nil, content.RoleContributor)
	e.reviewer = e.approved("Phạm Văn Duyệt", []int64{e.news, e.sector, e.pciNews, e.bizNews}, content.RoleReviewer)
	e.writerReviewer = e.approved("Vũ Thị Cả Hai", []int64{e.news}, content.RoleContributor, content.RoleReviewer)

	opts := portal.Options{Logger: testLogger(t), Content: e.svc, Auth: e.auth}
	for _, f := range configure {
		f(&opts)
	}
	e.engine = portal.New(warehouse, opts).(*gin.Engine)
	e.srv = httptest.NewServer(e.engine)
	t.Cleanup(e.srv.Close)
	return e
}

func (e *contentEnv) channel(portalKey, slug string) int64 {
	e.t.Helper()
	chans, err := e.svc.Channels(e.ctx, e.portals[portalKey].ID)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, ch := range chans {
		if ch.Slug == slug {
			return ch.ID
		}
	}
	e.t.Fatalf("no channel %s/%s", portalKey, slug)
	return 0
}

// staff adds a person to the directory as the office, the address by the convention.
func (e *contentEnv) staff(name string) *content.Staff {
	e.t.Helper()
	st, err := e.svc.CreateStaff(e.ctx, e.actor(e.admin), content.StaffInput{FullName: name})
	if err != nil {
		e.t.Fatal(err)
	}
	return st
}

func (e *contentEnv) actor(a *content.Account) content.Actor { return auth.Actor(a, "192.0.2.1") }

func (e *contentEnv) account(by content.Actor, name, email string, chans []int64, roles ...content.Role) *content.Account {
	e.t.Helper()
	pw := "mật khẩu đủ dài của " + name
	a, err := e.auth.CreateAccount(e.ctx, by, auth.NewAccount{Name: name, Email: email, Roles: roles, Channels: chans, Password: pw})
	if err != nil {
		e.t.Fatalf("create %s: %v", name, err)
	}
	e.passwords[a.ID] = pw
	return a
}

// approved is an account the office created and the director approved.
func (e *contentEnv) approved(name string, chans []int64, roles ...content.Role) *content.Account {
	e.t.Helper()
	a := e.account(e.actor(e.admin), name, "", chans, roles...)
	a, err := e.auth.ApproveAccount(e.ctx, e.actor(e.director), a.ID)
	if err != nil {
		e.t.Fatalf("approve %s: %v", name, err)
	}
	return a
}

// item creates an item by author in channel ch and takes it to state.
func (e *contentEnv) item(author *content.Account, ch int64, title, body string, state content.State) *content.Item {
	e.t.Helper()
	it, err := e.svc.CreateItem(e.ctx, e.actor(author), content.ItemInput{ChannelID: ch, Title: title, Summary: "Tóm tắt: " + title, Body: body})
	if err != nil {
		e.t.Fatal(err)
	}
	at := func(states ...content.State) bool { return slices.Contains(states, state) }
	step := func(f func() (*content.Item, error)) {
		e.t.Helper()
		if it, err = f(); err != nil {
			e.t.Fatalf("%s to %s: %v", title, state, err)
		}
	}
	rev := e.actor(e.reviewer)
	if state != content.StateDraft {
		step(func() (*content.Item, error) { return e.svc.Submit(e.ctx, e.actor(author), it.ID) })
	}
	if at(content.StateApproved, content.StatePublished, content.StateArchived) {
		step(func() (*content.Item, error) { return e.svc.Approve(e.ctx, rev, it.ID, it.CurrentRevision) })
	}
	if at(content.StateScheduled) {
		step(func() (*content.Item, error) {
			return e.svc.Schedule(e.ctx, rev, it.ID, it.CurrentRevision, time.Now().AddDate(0, 1, 0))
		})
	}
	if at(content.StatePublished, content.StateArchived) {
		step(func() (*content.Item, error) { return e.svc.Publish(e.ctx, rev, it.ID) })
	}
	if at(content.StateArchived) {
		step(func() (*content.Item, error) { return e.svc.Archive(e.ctx, rev, it.ID) })
	}
	return it
}

// client is a browser-like HTTP client: a cookie jar, no redirects
// followed, Sec-Fetch-Site: same-origin on its requests (as a browser sends
// for the site's own forms).
type client struct {
	t    *testing.T
	e    *contentEnv
	http *http.Client
	csrf string
}

func (e *contentEnv) client() *client {
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &client{t: e.t, e: e, http: hc}
}

// signIn signs a in through the form and keeps the page's form token.
func (e *contentEnv) signIn(a *content.Account) *client {
	e.t.Helper()
	c := e.client()
	r := c.post("/dang-nhap", url.Values{"email": {a.Email}, "password": {e.passwords[a.ID]}})
	if r.Status != http.StatusSeeOther {
		e.t.Fatalf("sign in %s: %d %.300s", a.Email, r.Status, r.Body)
	}
	c.refreshToken()
	return c
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) refreshToken() {
	c.t.Helper()
	r := c.get("/quan-tri/")
	m := csrfField.FindStringSubmatch(r.Body)
	if r.Status != 200 || m == nil {
		c.t.Fatalf("worklist: %d, no form token", r.Status)
	}
	c.csrf = m[1]
}

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, string(b)}
}

func (c *client) get(path string) response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.e.srv.URL+path, nil)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// post sends a form with the session's token (when signed in).
func (c *client) post(path string, form url.Values) response {
	c.t.Helper()
	form = maps.Clone(form)
	if form == nil {
		form = url.Values{}
	}
	if c.csrf != "" && !form.Has("csrf") {
		form.Set("csrf", c.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// textOf is the error message of a page, for failure output.
func textOf(body string) string {
	if i := strings.Index(body, `class="error"`); i >= 0 {
		return body[i:]
	}
	return body
}
