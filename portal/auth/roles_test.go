package auth_test

import (
	"slices"
	"testing"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
)

// The office changes roles and reviewers' channels; only administrators;
// the last active administrator keeps the role; every change is audited
// with what it was before.
func TestSetRoles(t *testing.T) {
	f := setup(t)
	adm := auth.Actor(f.admin, "10.0.0.1")
	w, err := f.svc.CreateAccount(f.ctx, adm, auth.NewAccount{Name: "Lê Văn Biên", Roles: []content.Role{content.RoleContributor}})
	if err != nil {
		t.Fatal(err)
	}
	// Channels without the reviewer role, no role at all, a channel that does not exist.
	_, err = f.svc.SetRoles(f.ctx, adm, w.ID, []content.Role{content.RoleContributor}, []int64{3}, "")
	wantCode(t, err, content.EINVALID)
	_, err = f.svc.SetRoles(f.ctx, adm, w.ID, nil, nil, "")
	wantCode(t, err, content.EINVALID)
	_, err = f.svc.SetRoles(f.ctx, adm, w.ID, []content.Role{content.RoleReviewer}, []int64{9999}, "")
	wantCode(t, err, content.ENOTFOUND)
	// The director is not the office.
	_, err = f.svc.SetRoles(f.ctx, auth.Actor(f.dir, ""), w.ID, []content.Role{content.RoleReviewer}, []int64{3}, "")
	wantCode(t, err, content.EFORBIDDEN)
	a, err := f.svc.SetRoles(f.ctx, adm, w.ID, []content.Role{content.RoleContributor, content.RoleReviewer}, []int64{3, 4}, " Văn phòng ")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Reviews(3) || !a.Reviews(4) || a.Department != "Văn phòng" {
		t.Fatalf("after SetRoles: %+v", a)
	}
	// Nobody changes their own roles; the director role comes only with a
	// new account the director approves.
	_, err = f.svc.SetRoles(f.ctx, adm, f.admin.ID, []content.Role{content.RoleAdministrator, content.RoleDirector}, nil, "")
	wantCode(t, err, content.EFORBIDDEN)
	_, err = f.svc.SetRoles(f.ctx, adm, w.ID, []content.Role{content.RoleContributor, content.RoleDirector}, nil, "")
	wantCode(t, err, content.EFORBIDDEN)
	// The only active administrator cannot lose the role, even by the operator.
	cli := content.System("cli:test")
	_, err = f.svc.SetRoles(f.ctx, cli, f.admin.ID, []content.Role{content.RoleContributor}, nil, "")
	wantCode(t, err, content.ECONFLICT)
	// A pending administrator does not count as a second one.
	if _, err := f.svc.SetRoles(f.ctx, adm, w.ID, []content.Role{content.RoleAdministrator}, nil, ""); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.SetRoles(f.ctx, cli, f.admin.ID, []content.Role{content.RoleContributor}, nil, "")
	wantCode(t, err, content.ECONFLICT)
	if _, err := f.svc.ApproveAccount(f.ctx, auth.Actor(f.dir, ""), w.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SetRoles(f.ctx, cli, f.admin.ID, []content.Role{content.RoleContributor}, nil, ""); err != nil {
		t.Fatal(err)
	}
	evs, err := f.svc.Accounts(f.ctx, auth.Actor(f.dir, ""), content.AccountFilter{Role: content.RoleAdministrator})
	if err != nil || len(evs) != 1 || evs[0].ID != w.ID {
		t.Fatalf("administrators now: %v %v", evs, err)
	}
	var n int
	if err := f.db.View(f.ctx, func(tx content.Tx) error {
		got, err := tx.Audit(content.AuditFilter{Action: "account.roles"})
		for _, e := range got {
			if e.ObjectID == w.ID && slices.Contains([]string{"10.0.0.1"}, e.IP) {
				n++
			}
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("account.roles events for %s: %d, want 2", w.Email, n)
	}
}
