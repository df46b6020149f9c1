package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
	"github.com/laocai-dpi/dpi/portal/sqlite"
)

// dpiIn runs the binary with stdin.
func dpiIn(t *testing.T, data, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(dpiBin, append([]string{"--data", data}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{so.String(), se.String(), code}
}

func login(t *testing.T, data, email, pw string) error {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, _, err = auth.New(db).Login(ctx, auth.LoginInput{Email: email, Password: pw, IP: "127.0.0.1"})
	return err
}

func TestUsersCommands(t *testing.T) {
	data := t.TempDir()
	ok := func(r result) result {
		t.Helper()
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		return r
	}
	// The first account must be an administrator, and is active at once.
	if r := dpi(t, data, "users", "add", "--name", "Ai Đó", "--role", "contributor"); r.code != 1 {
		t.Fatalf("first non-admin: exit %d %s", r.code, r.stderr)
	}
	r := ok(dpi(t, data, "users", "add", "--name", "Nguyễn Văn Quản", "--email", "quantri@laocai.gov.vn", "--role", "administrator"))
	if !strings.Contains(r.stdout, "quantri@laocai.gov.vn\tactive") {
		t.Fatalf("bootstrap: %q", r.stdout)
	}
	const pw = "Mật khẩu quản trị của Sở KH&ĐT Lào Cai 2026"
	r = ok(dpiIn(t, data, pw+"\n", "users", "passwd", "quantri@laocai.gov.vn"))
	if strings.Contains(r.stdout+r.stderr, pw) {
		t.Fatal("the password was printed")
	}
	if err := login(t, data, "quantri@laocai.gov.vn", pw); err != nil {
		t.Fatal(err)
	}
	// Later accounts wait for the director; the first director is approved without one.
	r = ok(dpi(t, data, "users", "add", "--name", "Trần Thị Giám", "--email", "giamdoc@laocai.gov.vn", "--role", "director"))
	if !strings.Contains(r.stdout, "pending") {
		t.Fatalf("director: %q", r.stdout)
	}
	ok(dpi(t, data, "users", "approve", "giamdoc@laocai.gov.vn"))
	r = ok(dpi(t, data, "users", "add", "--name", "Đặng Xuân Phong", "--role", "contributor,reviewer",
		"--channels", "department/tin-tuc-su-kien,pci/thong-cao-bao-chi", "--department", "Phòng ĐKKD"))
	if !strings.Contains(r.stdout, "dxphong-skhdt@laocai.gov.vn\tpending") {
		t.Fatalf("generated address: %q", r.stdout)
	}
	ok(dpiIn(t, data, "phong có mật khẩu riêng\n", "users", "passwd", "dxphong-skhdt@laocai.gov.vn"))
	if err := login(t, data, "dxphong-skhdt@laocai.gov.vn", "phong có mật khẩu riêng"); content.ErrorCode(err) != content.EFORBIDDEN {
		t.Fatalf("pending account signed in: %v", err)
	}
	// Approval without the director, or by someone else, is refused.
	if r := dpi(t, data, "users", "approve", "dxphong-skhdt@laocai.gov.vn"); r.code != 1 {
		t.Fatalf("approve without --by: exit %d", r.code)
	}
	if r := dpi(t, data, "users", "approve", "dxphong-skhdt@laocai.gov.vn", "--by", "quantri@laocai.gov.vn"); r.code != 1 {
		t.Fatalf("approve by the administrator: exit %d", r.code)
	}
	ok(dpi(t, data, "users", "approve", "dxphong-skhdt@laocai.gov.vn", "--by", "giamdoc@laocai.gov.vn"))
	if err := login(t, data, "dxphong-skhdt@laocai.gov.vn", "phong có mật khẩu riêng"); err != nil {
		t.Fatal(err)
	}
	r = ok(dpi(t, data, "users", "list"))
	if !strings.Contains(r.stdout, "contributor,reviewer") || strings.Count(r.stdout, "active") != 3 {
		t.Fatalf("list:\n%s", r.stdout)
	}
	ok(dpi(t, data, "users", "disable", "dxphong-skhdt@laocai.gov.vn"))
	if err := login(t, data, "dxphong-skhdt@laocai.gov.vn", "phong có mật khẩu riêng"); content.ErrorCode(err) != content.EFORBIDDEN {
		t.Fatalf("disabled account signed in: %v", err)
	}
	// Usage errors exit 2; a short password or an unknown channel are refused.
	for _, args := range [][]string{
		{"users", "add", "--name", "X"},
		{"users", "add", "--name", "X", "--role", "king"},
		{"users", "add", "--name", "X", "--role", "reviewer", "--channels", "department/khong-co"},
		{"users", "passwd"},
	} {
		if r := dpi(t, data, args...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, r.code, r.stderr)
		}
	}
	if r := dpiIn(t, data, "ngắn\n", "users", "passwd", "giamdoc@laocai.gov.vn"); r.code != 1 {
		t.Errorf("short password: exit %d", r.code)
	}
	if r := dpiIn(t, data, "", "users", "passwd", "giamdoc@laocai.gov.vn"); r.code != 1 {
		t.Errorf("no password: exit %d", r.code)
	}
	// Every account change is in the audit log, from the command line.
	ctx := context.Background()
	db, err := sqlite.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var acts []string
	db.View(ctx, func(tx content.Tx) error {
		evs, err := tx.Audit(content.AuditFilter{ObjectType: "account"})
		for i := len(evs) - 1; i >= 0; i-- {
			acts = append(acts, evs[i].Action+"@"+evs[i].IP)
		}
		return err
	})
	got := strings.Join(acts, " ")
	for _, want := range []string{"account.bootstrap@", "account.password@cli", "account.approve@cli", "account.disable@cli", "login.success@127.0.0.1", "login.failure@127.0.0.1"} {
		if !strings.Contains(got, want) {
			t.Errorf("audit lacks %s: %s", want, got)
		}
	}
}
