package portal

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

type accountRolesPage struct {
	adminPage
	Account    *content.Account
	Action     string
	Department string
	Roles      []formOption
	Portals    []channelGroup
	Message    string
}

func (s *server) accountOf(c *gin.Context) (*content.Account, bool) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return nil, false
	}
	list, err := s.ed.auth.Accounts(c.Request.Context(), currentViewer(c).Actor, content.AccountFilter{})
	if err != nil {
		s.editorialFail(c, err)
		return nil, false
	}
	for _, a := range list {
		if a.ID == id {
			return a, true
		}
	}
	s.editorialNotFound(c)
	return nil, false
}

func (s *server) renderAccountRoles(c *gin.Context, err error, a *content.Account, dept string, roles []content.Role, chans []int64) {
	s.renderForm(c, err, "account_roles", func(msg string) (any, error) {
		n, err := s.loadNames(c.Request.Context())
		if err != nil {
			return nil, err
		}
		p := accountRolesPage{adminPage: newAdminPage(c, "title_roles", a.Name), Account: a, Department: dept, Message: msg,
			Action: fmt.Sprintf("/quan-tri/tai-khoan/%d", a.ID)}
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
		return p, nil
	})
}

// accountEdit is the office's form for an account's roles, the channels a
// reviewer (an editorial-board leader) approves, and the department.
func (s *server) accountEdit(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	if a, ok := s.accountOf(c); ok {
		s.renderAccountRoles(c, nil, a, a.Department, a.Roles, a.Channels)
	}
}

func (s *server) accountSaveRoles(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	a, ok := s.accountOf(c)
	if !ok {
		return
	}
	var roles []content.Role
	var chans []int64
	var err error
	for _, r := range c.PostFormArray("role") {
		var role content.Role
		if role, err = content.ParseRole(r); err != nil {
			break
		}
		roles = append(roles, role)
	}
	for _, ch := range c.PostFormArray("channel") {
		id, perr := strconv.ParseInt(ch, 10, 64)
		if perr != nil {
			err = content.Errorf(content.EINVALID, "Chuyên mục không hợp lệ", "Not a channel")
			break
		}
		chans = append(chans, id)
	}
	dept := c.PostForm("department")
	if err == nil {
		_, err = s.ed.auth.SetRoles(c.Request.Context(), currentViewer(c).Actor, a.ID, roles, chans, dept)
	}
	if err != nil {
		s.renderAccountRoles(c, err, a, dept, roles, chans)
		return
	}
	seeOther(c, "/quan-tri/tai-khoan?ok=roles")
}
