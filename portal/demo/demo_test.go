package demo

import (
	"context"
	"testing"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
	"github.com/laocai-dpi/dpi/portal/sqlite"
)

// A store with people's accounts (an active administrator and director) but
// no content is seeded; the people's accounts are untouched, every sample
// account ends disabled, and the sample accounts cannot be given a password.
func TestSeedBesideRealAccounts(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	au := auth.New(db)
	op := content.System("cli:test")
	admin, err := au.CreateAccount(ctx, op, auth.NewAccount{Name: "Quản Trị Thật", Email: "admin@example.org", Roles: []content.Role{content.RoleAdministrator}})
	if err != nil || admin.Status != content.AccountActive {
		t.Fatalf("bootstrap: %v %v", admin, err)
	}
	dir, err := au.CreateAccount(ctx, op, auth.NewAccount{Name: "Giám Đốc Thật", Email: "gd@example.org", Roles: []content.Role{content.RoleDirector}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := au.ApproveAccount(ctx, op, dir.ID); err != nil {
		t.Fatal(err)
	}

	res, err := Seed(ctx, db, op)
	if err != nil || res.Outcome != Seeded || !res.RealAccounts || res.Items != 14 {
		t.Fatalf("seed: %+v %v", res, err)
	}
	accts, err := au.Accounts(ctx, op, content.AccountFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accts {
		switch {
		case a.Sample && a.Status != content.AccountDisabled:
			t.Errorf("sample account %s is %s", a.Email, a.Status)
		case !a.Sample && a.Status != content.AccountActive:
			t.Errorf("real account %s is %s", a.Email, a.Status)
		}
		if a.Sample {
			if err := au.SetPassword(ctx, op, a.ID, "a long enough password"); content.ErrorCode(err) != content.EFORBIDDEN {
				t.Errorf("password for sample account %s: %v", a.Email, err)
			}
		}
	}
	if _, err := au.CreateAccount(ctx, op, auth.NewAccount{Name: "Mẫu Có Mật Khẩu", Email: "x@example.invalid",
		Roles: []content.Role{content.RoleContributor}, Password: "a long enough password", Sample: true}); content.ErrorCode(err) != content.EFORBIDDEN {
		t.Errorf("sample account with a password: %v", err)
	}
	// The real administrator is still the last one and cannot be disabled.
	if _, err := au.DisableAccount(ctx, op, admin.ID); content.ErrorCode(err) != content.ECONFLICT {
		t.Errorf("disable the last real administrator: %v", err)
	}
	if res, err := Seed(ctx, db, op); err != nil || res.Outcome != Unchanged {
		t.Fatalf("second seed: %+v %v", res, err)
	}
}
