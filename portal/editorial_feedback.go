package portal

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

type feedbackPage struct {
	adminPage
	Portals []feedbackTab
	Portal  *content.Portal
	Rows    []feedbackRow
}

type feedbackTab struct {
	Href, Name string
	Current    bool
}

type feedbackRow struct {
	*content.Feedback
	AnswerPath, StatePath string // form actions
	States                []formOption
}

// feedbackStates are in the form's order; labels are "fbst_"+state.
var feedbackStates = []string{content.FeedbackNew, content.FeedbackAnswered, content.FeedbackPublished, content.FeedbackHidden, content.FeedbackSpam}

// feedbackQueue is the moderators' page of a portal's public feedback
// (?cong=business): administrators and the reviewers of that portal's
// channels answer, publish, hide. Only the portals the viewer moderates
// are offered.
func (s *server) feedbackQueue(c *gin.Context) {
	ctx, v := c.Request.Context(), currentViewer(c)
	ps, err := s.ed.content.Portals(ctx)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	p := feedbackPage{adminPage: newAdminPage(c, "title_feedback")}
	want := c.Query("cong")
	var firstErr error
	for _, portal := range ps {
		rows, err := s.ed.content.FeedbackQueue(ctx, v.Actor, content.FeedbackFilter{PortalID: portal.ID, Limit: 200})
		if content.ErrorCode(err) == content.EFORBIDDEN {
			if firstErr == nil {
				firstErr = err
			}
			continue
		} else if err != nil {
			s.editorialFail(c, err)
			return
		}
		current := p.Portal == nil && (want == "" || want == portal.Key)
		p.Portals = append(p.Portals, feedbackTab{Href: "/quan-tri/gop-y?cong=" + url.QueryEscape(portal.Key), Name: portalNameIn(p.Lang, portal), Current: current})
		if !current {
			continue
		}
		p.Portal = portal
		for _, f := range rows {
			r := feedbackRow{Feedback: f, AnswerPath: fmt.Sprintf("/quan-tri/gop-y/%d/answer", f.ID), StatePath: fmt.Sprintf("/quan-tri/gop-y/%d/state", f.ID)}
			for _, st := range feedbackStates {
				r.States = append(r.States, formOption{Value: st, Label: labelIn(p.Lang, "fbst_", st), Selected: st == f.State})
			}
			p.Rows = append(p.Rows, r)
		}
	}
	if len(p.Portals) == 0 {
		s.editorialFail(c, firstErr)
		return
	}
	if p.Portal == nil {
		s.editorialNotFound(c)
		return
	}
	s.renderAdmin(c, http.StatusOK, "feedback", p)
}

func (s *server) feedbackAnswer(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	f, err := s.ed.content.AnswerFeedback(c.Request.Context(), currentViewer(c).Actor, id, c.PostForm("answer"), c.PostForm("publish") == "1")
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	s.feedbackDone(c, f)
}

func (s *server) feedbackState(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	f, err := s.ed.content.ModerateFeedback(c.Request.Context(), currentViewer(c).Actor, id, c.PostForm("state"))
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	s.feedbackDone(c, f)
}

func (s *server) feedbackDone(c *gin.Context, f *content.Feedback) {
	key := ""
	if ps, err := s.ed.content.Portals(c.Request.Context()); err == nil {
		for _, p := range ps {
			if p.ID == f.PortalID {
				key = p.Key
			}
		}
	}
	seeOther(c, "/quan-tri/gop-y?ok=feedback&cong="+url.QueryEscape(key))
}
