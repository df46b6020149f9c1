package portal

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

type auditPage struct {
	adminPage
	Events             []auditRow
	ObjectType, Action string
	ObjectID           string
	Limit              int
	Item               *content.Item // when the log is one item's
}

type auditRow struct {
	*content.AuditEvent
	Href string // the object's editorial page, when it has one
}

const auditLimit = 500

// auditLog shows the audit log (administrators and the director): every
// transition, sign-in, account change, upload and export, newest first;
// filtered by object (?loai=item&ma=12) and action (?hanh-dong=item. for a
// prefix, or an exact action).
func (s *server) auditLog(c *gin.Context) {
	ctx, v := c.Request.Context(), currentViewer(c)
	f := content.AuditFilter{ObjectType: strings.TrimSpace(c.Query("loai")), Action: strings.TrimSpace(c.Query("hanh-dong")), Limit: auditLimit}
	if id := c.Query("ma"); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			s.fail(c, invalid("Mã đối tượng không hợp lệ", "Not an object id"))
			return
		}
		f.ObjectID = n
	}
	events, err := s.ed.content.AuditLog(ctx, v.Actor, f)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	p := auditPage{adminPage: newAdminPage(c, "title_audit"), ObjectType: f.ObjectType, Action: f.Action, Limit: auditLimit}
	if f.ObjectID != 0 {
		p.ObjectID = strconv.FormatInt(f.ObjectID, 10)
	}
	if f.ObjectType == "item" && f.ObjectID != 0 {
		if it, err := s.ed.content.ViewItem(ctx, v.Actor, f.ObjectID); err == nil {
			p.Item = it
			p.Title = at(p.Lang, "title_audit_item", it.Title)
		}
	}
	for _, e := range events {
		r := auditRow{AuditEvent: e}
		if e.ObjectType == "item" && e.ObjectID != 0 {
			r.Href = itemHref(e.ObjectID)
		}
		p.Events = append(p.Events, r)
	}
	s.renderAdmin(c, http.StatusOK, "audit", p)
}
