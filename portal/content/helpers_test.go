package content_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
	"github.com/laocai-dpi/dpi/portal/sqlite"
)

// cheap argon2 parameters: the tests exercise the flow, not the cost.
var testParams = auth.Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

type clock struct{ t time.Time }

func (c *clock) Now() time.Time      { return c.t }
func (c *clock) Add(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock               { return &clock{time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)} }
func ictDate(y, m, d, h int) time.Time {
	return time.Date(y, time.Month(m), d, h, 0, 0, 0, content.ICT)
}
func actorOf(a *content.Account) content.Actor {
	return content.Actor{AccountID: a.ID, Label: a.Email, IP: "192.0.2.10"}
}

type env struct {
	t     *testing.T
	ctx   context.Context
	dir   string
	db    *sqlite.DB
	svc   *content.Service
	auth  *auth.Service
	clock *clock

	// Channels of the department portal.
	news, sector int64
	portal       int64
	// Accounts.
	admin, director, writer, writer2, reviewer, otherReviewer, writerReviewer *content.Account
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := newClock()
	e := &env{t: t, ctx: ctx, dir: dir, db: db, clock: c}
	e.svc = content.NewService(db, content.NewFiles(dir))
	e.svc.Now = c.Now
	e.auth = auth.New(db)
	e.auth.Params, e.auth.Now = testParams, c.Now

	var ports []*content.Portal
	ports, err = e.svc.Portals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e.portal = ports[0].ID
	chans, err := e.svc.Channels(ctx, e.portal)
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range chans {
		switch ch.Slug {
		case "tin-tuc-su-kien":
			e.news = ch.ID
		case "phat-trien-nganh":
			e.sector = ch.ID
		}
	}
	sys := content.System("test")
	e.admin = e.mustAccount(sys, "Nguyễn Văn Quản", "quantri@laocai.gov.vn", "Văn phòng Sở", nil, content.RoleAdministrator)
	e.director = e.mustAccount(sys, "Trần Thị Giám", "giamdoc@laocai.gov.vn", "Ban Giám đốc", nil, content.RoleDirector)
	if _, err := e.auth.ApproveAccount(ctx, sys, e.director.ID); err != nil {
		t.Fatal("first director:", err)
	}
	e.writer = e.approved("Đặng Xuân Phong", "Phòng Đăng ký kinh doanh", nil, content.RoleContributor)
	e.writer2 = e.approved("Lê Thị Hoa", "Phòng Tổng hợp", nil, content.RoleContributor)
	e.reviewer = e.approved("Phạm Văn Duyệt", "Ban Biên tập", []int64{e.news, e.sector}, content.RoleReviewer)
	e.otherReviewer = e.approved("Hoàng Văn Khác", "Ban Biên tập", []int64{e.sector}, content.RoleReviewer)
	e.writerReviewer = e.approved("Vũ Thị Cả Hai", "Ban Biên tập", []int64{e.news}, content.RoleContributor, content.RoleReviewer)
	return e
}

func (e *env) mustAccount(actor content.Actor, name, email, dept string, chans []int64, roles ...content.Role) *content.Account {
	e.t.Helper()
	a, err := e.auth.CreateAccount(e.ctx, actor, auth.NewAccount{Name: name, Email: email, Department: dept, Roles: roles,
		Channels: chans, Password: "mật khẩu đủ dài của " + name})
	if err != nil {
		e.t.Fatalf("create %s: %v", name, err)
	}
	return a
}

func (e *env) approved(name, dept string, chans []int64, roles ...content.Role) *content.Account {
	e.t.Helper()
	a := e.mustAccount(actorOf(e.admin), name, "", dept, chans, roles...)
	a, err := e.auth.ApproveAccount(e.ctx, actorOf(e.director), a.ID)
	if err != nil {
		e.t.Fatalf("approve %s: %v", name, err)
	}
	return a
}

func (e *env) draft(a *content.Account, title string) *content.Item {
	e.t.Helper()
	it, err := e.svc.CreateItem(e.ctx, actorOf(a), content.ItemInput{ChannelID: e.news, Title: title,
		Summary: "Tóm tắt", Body: "Dòng một\nDòng hai\n", Tags: []string{"đầu tư"}})
	if err != nil {
		e.t.Fatal(err)
	}
	return it
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := content.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// auditActions lists the audit actions on an object, oldest first.
func (e *env) auditActions(objType string, id int64) []string {
	e.t.Helper()
	evs, err := e.svc.AuditLog(e.ctx, content.System("test"), content.AuditFilter{ObjectType: objType, ObjectID: id})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for i := len(evs) - 1; i >= 0; i-- {
		out = append(out, evs[i].Action)
	}
	return out
}

func (e *env) auditFor(objType string, id int64) []*content.AuditEvent {
	evs, err := e.svc.AuditLog(e.ctx, content.System("test"), content.AuditFilter{ObjectType: objType, ObjectID: id})
	if err != nil {
		e.t.Fatal(err)
	}
	slices.Reverse(evs)
	return evs
}

func joined(s []string) string { return strings.Join(s, " ") }
