package auth_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
	"github.com/laocai-dpi/dpi/portal/sqlite"
)

var cheap = auth.Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := content.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

func TestArgon2VietnamesePassphrase(t *testing.T) {
	// Long, multi-byte: 200+ bytes, far past bcrypt's 72-byte limit, and the
	// difference is at the very end.
	pass := "Trăm năm trong cõi người ta, chữ tài chữ mệnh khéo là ghét nhau. Trải qua một cuộc bể dâu, những điều trông thấy mà đau đớn lòng — Lào Cai 2026!"
	if len(pass) <= 72*2 {
		t.Fatalf("passphrase only %d bytes", len(pass))
	}
	phc, err := auth.HashPassword(pass, auth.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(phc, "$argon2id$v=19$m=65536,t=3,p=2$") || strings.Count(phc, "$") != 5 {
		t.Fatalf("not a PHC argon2id string: %s", phc)
	}
	for _, c := range []struct {
		pw   string
		want bool
	}{
		{pass, true},
		{norm.NFD.String(pass), true}, // decomposed by another keyboard
		{strings.TrimSuffix(pass, "!") + "?", false},
		{pass[:72], false},
		{"", false},
	} {
		ok, rehash, err := auth.VerifyPassword(phc, c.pw, auth.DefaultParams)
		if err != nil || ok != c.want || rehash {
			t.Errorf("verify %q…: ok %v rehash %v err %v; want %v", c.pw[:min(len(c.pw), 20)], ok, rehash, err, c.want)
		}
	}
	// Two hashes of one password differ (salt); other parameters ask for a rehash.
	phc2, _ := auth.HashPassword(pass, cheap)
	if phc2 == phc {
		t.Fatal("same hash twice")
	}
	if ok, rehash, _ := auth.VerifyPassword(phc2, pass, auth.DefaultParams); !ok || !rehash {
		t.Fatal("cheap hash: want ok and rehash")
	}
	for _, bad := range []string{"", "$2a$10$abc", "$argon2i$v=19$m=1,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=99999999,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"} {
		if _, _, err := auth.VerifyPassword(bad, "x", cheap); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
	wantCode(t, auth.CheckPasswordPolicy("ngắn"), content.EINVALID)
	wantCode(t, auth.CheckPasswordPolicy(strings.Repeat("á", 600)), content.EINVALID)
}

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

type fixture struct {
	ctx   context.Context
	db    *sqlite.DB
	svc   *auth.Service
	clock *clock
	admin *content.Account
	dir   *content.Account
}

const pw = "một câu mật khẩu đủ dài"

func setup(t *testing.T) *fixture {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := &clock{time.Date(2026, 3, 10, 1, 0, 0, 0, time.UTC)}
	s := auth.New(db)
	s.Params, s.Now = cheap, c.Now
	f := &fixture{ctx: ctx, db: db, svc: s, clock: c}
	sys := content.System("cli:test")
	// The first account must be an administrator and is active at once.
	_, err = s.CreateAccount(ctx, sys, auth.NewAccount{Name: "Người Đầu", Email: "dau@laocai.gov.vn", Roles: []content.Role{content.RoleContributor}})
	wantCode(t, err, content.EINVALID)
	f.admin, err = s.CreateAccount(ctx, sys, auth.NewAccount{Name: "Quản Trị", Email: "admin@laocai.gov.vn", Roles: []content.Role{content.RoleAdministrator}, Password: pw})
	if err != nil || f.admin.Status != content.AccountActive {
		t.Fatalf("bootstrap: %+v %v", f.admin, err)
	}
	f.dir, err = s.CreateAccount(ctx, sys, auth.NewAccount{Name: "Giám Đốc", Email: "gd@laocai.gov.vn", Roles: []content.Role{content.RoleDirector}, Password: pw})
	if err != nil || f.dir.Status != content.AccountPending {
		t.Fatalf("director: %+v %v", f.dir, err)
	}
	// No director yet: an administrator approves the first one.
	if f.dir, err = s.ApproveAccount(ctx, auth.Actor(f.admin, "10.0.0.1"), f.dir.ID); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) login(email, pass, ip, old string) (string, error) {
	tok, _, err := f.svc.Login(f.ctx, auth.LoginInput{Email: email, Password: pass, IP: ip, UserAgent: "test", OldToken: old})
	return tok, err
}

func (f *fixture) actions(t *testing.T) string {
	var out []string
	err := f.db.View(f.ctx, func(tx content.Tx) error {
		evs, err := tx.Audit(content.AuditFilter{})
		for i := len(evs) - 1; i >= 0; i-- {
			out = append(out, evs[i].Action)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, " ")
}

func TestPendingAccountCannotSignIn(t *testing.T) {
	f := setup(t)
	w, err := f.svc.CreateAccount(f.ctx, auth.Actor(f.admin, "10.0.0.1"), auth.NewAccount{Name: "Đặng Xuân Phong",
		Roles: []content.Role{content.RoleContributor}, Password: pw, Department: "Phòng ĐKKD"})
	if err != nil {
		t.Fatal(err)
	}
	if w.Email != "dxphong-skhdt@laocai.gov.vn" || w.Status != content.AccountPending {
		t.Fatalf("new account: %s %s", w.Email, w.Status)
	}
	_, err = f.login(w.Email, pw, "10.0.0.2", "")
	wantCode(t, err, content.EFORBIDDEN)
	_, err = f.login(w.Email, "sai mật khẩu rồi nhé", "10.0.0.2", "")
	wantCode(t, err, content.EUNAUTHORIZED) // a wrong password learns nothing about the status
	// Only the director approves (not the administrator, not the account itself).
	_, err = f.svc.ApproveAccount(f.ctx, auth.Actor(f.admin, "10.0.0.1"), w.ID)
	wantCode(t, err, content.EFORBIDDEN)
	_, err = f.svc.ApproveAccount(f.ctx, content.System("cli"), w.ID)
	wantCode(t, err, content.EFORBIDDEN)
	if _, err = f.svc.ApproveAccount(f.ctx, auth.Actor(f.dir, "10.0.0.3"), w.ID); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.ApproveAccount(f.ctx, auth.Actor(f.dir, "10.0.0.3"), w.ID)
	wantCode(t, err, content.ECONFLICT)
	tok, err := f.login(w.Email, pw, "10.0.0.2", "")
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := f.svc.Authenticate(f.ctx, tok)
	if err != nil || a.ID != w.ID {
		t.Fatal(a, err)
	}
	want := "account.bootstrap account.create account.approve account.create login.failure login.failure account.approve login.success"
	if got := f.actions(t); got != want {
		t.Fatalf("audit:\n got %s\nwant %s", got, want)
	}
	// Duplicate addresses are refused.
	_, err = f.svc.CreateAccount(f.ctx, auth.Actor(f.admin, ""), auth.NewAccount{Name: "X", Email: "DXPHONG-skhdt@laocai.gov.vn", Roles: []content.Role{content.RoleContributor}})
	wantCode(t, err, content.ECONFLICT)
	// A contributor cannot create accounts.
	_, err = f.svc.CreateAccount(f.ctx, auth.Actor(w, ""), auth.NewAccount{Name: "Y", Roles: []content.Role{content.RoleAdministrator}})
	wantCode(t, err, content.EFORBIDDEN)
}

func TestSessions(t *testing.T) {
	f := setup(t)
	ip := "192.0.2.1"
	t1, err := f.login("ADMIN@laocai.gov.vn ", pw, ip, "")
	if err != nil {
		t.Fatal(err)
	}
	// Rotation: signing in again from the same browser ends its old session.
	t2, err := f.login("admin@laocai.gov.vn", pw, ip, t1)
	if err != nil || t2 == t1 {
		t.Fatal("no new token", err)
	}
	_, _, err = f.svc.Authenticate(f.ctx, t1)
	wantCode(t, err, content.EUNAUTHORIZED)
	// Only the hash of a token is stored.
	f.db.View(f.ctx, func(tx content.Tx) error {
		if _, err := tx.Session(t2); err == nil {
			t.Error("token stored in clear")
		}
		if _, err := tx.Session(auth.TokenHash(t2)); err != nil {
			t.Error("hash not stored:", err)
		}
		return nil
	})
	// Logout ends it.
	if err := f.svc.Logout(f.ctx, t2, ip); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.svc.Authenticate(f.ctx, t2)
	wantCode(t, err, content.EUNAUTHORIZED)

	// Idle and absolute expiry.
	t3, _ := f.login("admin@laocai.gov.vn", pw, ip, "")
	f.clock.t = f.clock.t.Add(90 * time.Minute)
	if _, _, err := f.svc.Authenticate(f.ctx, t3); err != nil {
		t.Fatal("active session ended:", err)
	}
	f.clock.t = f.clock.t.Add(2*time.Hour + time.Minute)
	_, _, err = f.svc.Authenticate(f.ctx, t3)
	wantCode(t, err, content.EUNAUTHORIZED)

	// A password change ends every session and hands back a new one.
	other, _ := f.login("admin@laocai.gov.vn", pw, "192.0.2.50", "")
	mine, _ := f.login("admin@laocai.gov.vn", pw, ip, "")
	_, err = f.svc.ChangePassword(f.ctx, auth.Actor(f.admin, ip), "không phải mật khẩu", "mật khẩu mới dài hơn nữa", "ua")
	wantCode(t, err, content.EUNAUTHORIZED)
	fresh, err := f.svc.ChangePassword(f.ctx, auth.Actor(f.admin, ip), pw, "mật khẩu mới dài hơn nữa", "ua")
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{other, mine} {
		_, _, err = f.svc.Authenticate(f.ctx, tok)
		wantCode(t, err, content.EUNAUTHORIZED)
	}
	if _, _, err := f.svc.Authenticate(f.ctx, fresh); err != nil {
		t.Fatal("new session:", err)
	}
	_, err = f.login("admin@laocai.gov.vn", pw, ip, "")
	wantCode(t, err, content.EUNAUTHORIZED)

	// Disabling ends the sessions; the last administrator cannot be disabled.
	_, err = f.svc.DisableAccount(f.ctx, content.System("cli"), f.admin.ID)
	wantCode(t, err, content.ECONFLICT)
	a2, err := f.svc.CreateAccount(f.ctx, auth.Actor(f.admin, ip), auth.NewAccount{Name: "Quản Trị Hai", Email: "admin2@laocai.gov.vn",
		Roles: []content.Role{content.RoleAdministrator}, Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ApproveAccount(f.ctx, auth.Actor(f.dir, ip), a2.ID); err != nil {
		t.Fatal(err)
	}
	t4, err := f.login("admin2@laocai.gov.vn", pw, ip, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.DisableAccount(f.ctx, auth.Actor(f.admin, ip), a2.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.svc.Authenticate(f.ctx, t4)
	wantCode(t, err, content.EUNAUTHORIZED)
	_, err = f.login("admin2@laocai.gov.vn", pw, ip, "")
	wantCode(t, err, content.EFORBIDDEN)

	// The operator sets a password from the command line; the web cannot.
	wantCode(t, f.svc.SetPassword(f.ctx, auth.Actor(f.admin, ip), f.dir.ID, "đặt hộ mật khẩu dài"), content.EFORBIDDEN)
	if err := f.svc.SetPassword(f.ctx, content.System("cli"), f.dir.ID, "đặt bởi người vận hành"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.login("gd@laocai.gov.vn", "đặt bởi người vận hành", ip, ""); err != nil {
		t.Fatal(err)
	}
	log := f.actions(t)
	for _, a := range []string{"login.success", "logout", "account.password_failure", "account.password", "account.disable", "login.failure"} {
		if !strings.Contains(log, a) {
			t.Errorf("no %s in the audit log: %s", a, log)
		}
	}
}

func TestThrottling(t *testing.T) {
	f := setup(t)
	// Per account: the 6th attempt within 15 minutes is refused even with the right password.
	for i := 0; i < 5; i++ {
		_, err := f.login("admin@laocai.gov.vn", "đoán sai lần thứ "+fmt.Sprint(i), fmt.Sprintf("198.51.100.%d", i), "")
		wantCode(t, err, content.EUNAUTHORIZED)
	}
	_, err := f.login("admin@laocai.gov.vn", pw, "198.51.100.99", "")
	wantCode(t, err, content.ETHROTTLED)
	// Another account is not affected.
	if _, err := f.login("gd@laocai.gov.vn", pw, "198.51.100.99", ""); err != nil {
		t.Fatal(err)
	}
	// After the window the right password works, and success clears the count.
	f.clock.t = f.clock.t.Add(16 * time.Minute)
	if _, err := f.login("admin@laocai.gov.vn", pw, "198.51.100.99", ""); err != nil {
		t.Fatal(err)
	}
	// Per address: 20 failures over many addresses' guesses from one client.
	for i := 0; i < 20; i++ {
		_, err := f.login(fmt.Sprintf("khong-co-%d@laocai.gov.vn", i), "đoán mò mà thôi", "203.0.113.9", "")
		wantCode(t, err, content.EUNAUTHORIZED)
	}
	_, err = f.login("gd@laocai.gov.vn", pw, "203.0.113.9", "")
	wantCode(t, err, content.ETHROTTLED)
	if _, err := f.login("gd@laocai.gov.vn", pw, "203.0.113.10", ""); err != nil {
		t.Fatal("another address is throttled:", err)
	}
	if !strings.Contains(f.actions(t), "login.throttled") {
		t.Fatal("throttling not audited")
	}
}
