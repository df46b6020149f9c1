package portal

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
)

type accountsPage struct {
	adminPage
	Pending, Others []accountRow
	CanCreate       bool
}

type accountRow struct {
	*content.Account
	Roles      []string
	Channels   []string
	ApprovedBy string
	CSRF       string
	Approve    string // the form's path, when the viewer may approve it
	Disable    string // the form's path, when the viewer may disable it
	Edit       string // the roles form, for administrators
}

// accounts lists the accounts for the office and the director: those
// waiting for the director's approval first. Buttons follow auth's rules
// (only the director approves, except the very first director; nobody
// approves themselves; administrators disable); the service checks again.
func (s *server) accounts(c *gin.Context) {
	ctx, v := c.Request.Context(), currentViewer(c)
	list, err := s.ed.auth.Accounts(ctx, v.Actor, content.AccountFilter{})
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	var ids []int64
	directorActive := false
	for _, a := range list {
		ids = append(ids, a.ApprovedBy)
		if a.Active() && a.Has(content.RoleDirector) {
			directorActive = true
		}
	}
	n, err := s.loadNames(ctx, ids...)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	me := v.Account
	p := accountsPage{adminPage: newAdminPage(c, "title_accounts"), CanCreate: me.Has(content.RoleAdministrator)}
	for _, a := range list {
		r := accountRow{Account: a, ApprovedBy: n.accounts[a.ApprovedBy], CSRF: v.CSRF}
		for _, role := range a.Roles {
			r.Roles = append(r.Roles, labelIn(p.Lang, "role_", string(role)))
		}
		for _, ch := range a.Channels {
			if cc := n.channels[ch]; cc != nil {
				r.Channels = append(r.Channels, n.portal(cc.PortalID)+" › "+n.channelName(cc))
			}
		}
		mayApprove := me.Has(content.RoleDirector) ||
			(!directorActive && a.Has(content.RoleDirector) && me.Has(content.RoleAdministrator))
		if a.Status == content.AccountPending && a.ID != me.ID && mayApprove {
			r.Approve = fmt.Sprintf("/quan-tri/tai-khoan/%d/approve", a.ID)
		}
		if a.Status != content.AccountDisabled && a.ID != me.ID && me.Has(content.RoleAdministrator) {
			r.Disable = fmt.Sprintf("/quan-tri/tai-khoan/%d/disable", a.ID)
		}
		if me.Has(content.RoleAdministrator) {
			r.Edit = fmt.Sprintf("/quan-tri/tai-khoan/%d", a.ID)
		}
		if a.Status == content.AccountPending {
			p.Pending = append(p.Pending, r)
		} else {
			p.Others = append(p.Others, r)
		}
	}
	s.renderAdmin(c, http.StatusOK, "accounts", p)
}

func (s *server) accountApprove(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	if _, err := s.ed.auth.ApproveAccount(c.Request.Context(), currentViewer(c).Actor, id); err != nil {
		s.editorialFail(c, err)
		return
	}
	seeOther(c, "/quan-tri/tai-khoan?ok=approve_account")
}

func (s *server) accountDisable(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	if _, err := s.ed.auth.DisableAccount(c.Request.Context(), currentViewer(c).Actor, id); err != nil {
		s.editorialFail(c, err)
		return
	}
	seeOther(c, "/quan-tri/tai-khoan?ok=disable_account")
}

type accountFormPage struct {
	adminPage
	Name, Email, Department string
	Roles                   []formOption
	Portals                 []channelGroup
	Message                 string
}

func (s *server) renderAccountForm(c *gin.Context, status int, name, email, dept string, roles []content.Role, chans []int64, msg string) {
	n, err := s.loadNames(c.Request.Context())
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	p := accountFormPage{adminPage: newAdminPage(c, "title_account_new"), Name: name, Email: email, Department: dept, Message: msg}
	for _, r := range content.Roles {
		p.Roles = append(p.Roles, formOption{Value: string(r), Label: labelIn(p.Lang, "role_", string(r)), Selected: slices.Contains(roles, r)})
	}
	for _, pid := range sortedPortalIDs(n) {
		g := channelGroup{Name: n.portalName(n.portals[pid])}
		for _, ch := range n.order {
			if ch.PortalID == pid && (ch.Kind == content.ChannelNews || ch.Kind == content.ChannelPage) {
				g.Channels = append(g.Channels, formOption{Value: strconv.FormatInt(ch.ID, 10), Label: n.channelName(ch), Selected: slices.Contains(chans, ch.ID)})
			}
		}
		p.Portals = append(p.Portals, g)
	}
	s.renderAdmin(c, status, "account_form", p)
}

// accountNew is the office's form for a new account (administrators only;
// the account waits for the director's approval).
func (s *server) accountNew(c *gin.Context) {
	if !currentViewer(c).Account.Has(content.RoleAdministrator) {
		s.editorialFail(c, content.Errorf(content.EFORBIDDEN, "Chỉ quản trị tạo tài khoản", "Only administrators create accounts"))
		return
	}
	s.renderAccountForm(c, http.StatusOK, "", "", "", []content.Role{content.RoleContributor}, nil, "")
}

func (s *server) accountCreate(c *gin.Context) {
	var roles []content.Role
	for _, r := range c.PostFormArray("role") {
		role, err := content.ParseRole(r)
		if err != nil {
			s.editorialFail(c, err)
			return
		}
		roles = append(roles, role)
	}
	var chans []int64
	for _, ch := range c.PostFormArray("channel") {
		id, err := strconv.ParseInt(ch, 10, 64)
		if err != nil {
			s.editorialFail(c, content.Errorf(content.EINVALID, "Chuyên mục không hợp lệ", "Not a channel"))
			return
		}
		chans = append(chans, id)
	}
	name, email, dept := c.PostForm("name"), c.PostForm("email"), c.PostForm("department")
	if c.PostForm("password") != c.PostForm("confirm") {
		s.renderAccountForm(c, http.StatusUnprocessableEntity, name, email, dept, roles, chans, at(adminLang(c), "password_mismatch2"))
		return
	}
	_, err := s.ed.auth.CreateAccount(c.Request.Context(), currentViewer(c).Actor, auth.NewAccount{Name: name, Email: email,
		Department: dept, Roles: roles, Channels: chans, Password: c.PostForm("password")})
	switch content.ErrorCode(err) {
	case "":
		seeOther(c, "/quan-tri/tai-khoan?ok=account")
	case content.EINVALID, content.ECONFLICT:
		s.renderAccountForm(c, http.StatusUnprocessableEntity, name, email, dept, roles, chans, content.ErrorMessage(err, adminLang(c)))
	default:
		s.editorialFail(c, err)
	}
}
