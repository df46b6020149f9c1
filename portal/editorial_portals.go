package portal

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

type portalsPage struct {
	adminPage
	Portals []portalRow
}

type portalRow struct {
	content.Portal
	Action, ChannelsHref string
	// Serving is the prefix the running server answers (read at start);
	// a saved prefix different from it waits for a restart.
	Serving string
	Restart bool
	Message string // the last save of this portal was refused
}

// portalsPage lists the three portals with their names, host names and
// path prefixes, each in a form of its own.
func (s *server) portalsPage(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	s.renderForm(c, nil, "portals", func(string) (any, error) { return s.portalsData(c, nil, "") })
}

// portalsData builds the page; edited (when not nil) replaces its portal's
// saved values with what was typed, and msg says why it was refused.
func (s *server) portalsData(c *gin.Context, edited *content.Portal, msg string) (*portalsPage, error) {
	ps, err := s.ed.content.Portals(c.Request.Context())
	if err != nil {
		return nil, err
	}
	serving := map[int64]string{}
	for _, p := range s.ed.portals {
		serving[p.ID] = p.PathPrefix
	}
	page := &portalsPage{adminPage: newAdminPage(c, "title_portals")}
	for _, p := range ps {
		r := portalRow{Portal: *p, Action: fmt.Sprintf("/quan-tri/cong-thong-tin/%d", p.ID),
			ChannelsHref: fmt.Sprintf("/quan-tri/cong-thong-tin/%d/chuyen-muc", p.ID)}
		r.Serving, r.Restart = serving[p.ID], serving[p.ID] != p.PathPrefix
		if edited != nil && edited.ID == p.ID {
			r.Portal, r.Message = *edited, msg
			r.Key = p.Key
		}
		page.Portals = append(page.Portals, r)
	}
	return page, nil
}

func (s *server) portalSave(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	if !s.officeOnly(c) {
		return
	}
	ctx := c.Request.Context()
	p := &content.Portal{ID: id, NameVI: c.PostForm("name_vi"), NameEN: c.PostForm("name_en"),
		Host: c.PostForm("host"), PathPrefix: c.PostForm("prefix")}
	typed := *p
	err := p.Check()
	if err == nil {
		err = s.checkPortalRoutes(c, p)
	}
	if err == nil {
		err = s.ed.content.SavePortal(ctx, currentViewer(c).Actor, p)
	}
	if err != nil {
		s.renderForm(c, err, "portals", func(msg string) (any, error) { return s.portalsData(c, &typed, msg) })
		return
	}
	seeOther(c, "/quan-tri/cong-thong-tin?ok=portal")
}

// checkPortalRoutes refuses a prefix that would clash with a path the site
// already has (/pci/ranking, another portal's pages): the routes are made
// at start, and a clash would stop the next start. It registers the site's
// routes as the next start would in a throwaway engine.
func (s *server) checkPortalRoutes(c *gin.Context, edited *content.Portal) (err error) {
	ps, err := s.ed.content.Portals(c.Request.Context())
	if err != nil {
		return err
	}
	prefix := edited.PathPrefix // checked: "" or /a-b/c
	for _, p := range ps {
		if p.ID != edited.ID && p.PathPrefix == prefix {
			return nil // another portal's: SavePortal says so in its own words
		}
	}
	own := gin.New()
	for _, p := range s.ed.portals {
		s.publicRoutes(own, p)
	}
	portalRoute := map[string]bool{}
	for _, r := range own.Routes() {
		portalRoute[r.Method+" "+r.Path] = true
	}
	trial := gin.New()
	defer func() {
		if r := recover(); r != nil {
			err = content.Errorf(content.EINVALID, "Tiền tố %q trùng với đường dẫn đã có của trang (%v)",
				"The prefix %q clashes with a path the site already has (%v)", prefix, r)
		}
	}()
	for _, r := range s.routes {
		if !portalRoute[r.Method+" "+r.Path] {
			trial.Handle(r.Method, r.Path, func(*gin.Context) {})
		}
	}
	for _, p := range ps {
		q := *p
		if q.ID == edited.ID {
			q.PathPrefix = prefix
		}
		s.publicRoutes(trial, &q)
	}
	return nil
}
