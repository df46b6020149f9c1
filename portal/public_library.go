package portal

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

// ---- the document library

type libraryView struct {
	Query string
	Docs  []docRow
}

type docRow struct {
	*content.Document
	Issued, Effective, Status string
	File                      *fileLink // the document's file, a download
}

var docStatusVI = map[string]string{
	content.DocInForce: "Còn hiệu lực", content.DocNotYet: "Chưa có hiệu lực", content.DocAmended: "Được sửa đổi, bổ sung",
	content.DocExpired: "Hết hiệu lực", content.DocReplaced: "Bị thay thế",
}

var docStatusEN = map[string]string{
	content.DocInForce: "In force", content.DocNotYet: "Not yet in force", content.DocAmended: "Amended",
	content.DocExpired: "Expired", content.DocReplaced: "Replaced",
}

const libraryLimit = 200

// libraryView lists the portal's library, searched with ?q= (every word,
// diacritics folded: "quyet dinh" finds "Quyết định").
func (s *server) libraryView(c *gin.Context, st *site) (*libraryView, error) {
	q := strings.TrimSpace(c.Query("q"))
	docs, err := s.ed.content.Documents(c.Request.Context(), content.DocumentFilter{PortalID: st.Portal.ID, Query: q, Limit: libraryLimit})
	if err != nil {
		return nil, err
	}
	v := &libraryView{Query: q}
	var ids []int64
	for _, d := range docs {
		ids = append(ids, d.FileID)
	}
	files, err := s.ed.content.Attachments(c.Request.Context(), ids...)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*content.Attachment{}
	for _, f := range files {
		byID[f.ID] = f
	}
	names := docStatusVI
	if st.Lang == "en" {
		names = docStatusEN
	}
	for _, d := range docs {
		r := docRow{Document: d, Issued: d.IssueDate.Format("02/01/2006"), Status: names[d.Status]}
		if !d.EffectiveDate.IsZero() {
			r.Effective = d.EffectiveDate.Format("02/01/2006")
		}
		if f := byID[d.FileID]; f != nil {
			r.File = &fileLink{Href: fileHref(f.ID), Name: f.Name, Format: f.Format, Size: fileSize(f.Size)}
		}
		v.Docs = append(v.Docs, r)
	}
	return v, nil
}

// ---- the staff directory

type directoryUnit struct {
	*content.StaffUnit
	Staff []*content.Staff
}

func (s *server) directoryView(ctx context.Context) ([]directoryUnit, error) {
	units, staff, err := s.ed.content.Directory(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]directoryUnit, 0, len(units))
	idx := map[int64]int{}
	for _, u := range units {
		idx[u.ID] = len(out)
		out = append(out, directoryUnit{StaffUnit: u})
	}
	for _, p := range staff {
		if i, ok := idx[p.UnitID]; ok {
			out[i].Staff = append(out[i].Staff, p)
		}
	}
	return out, nil
}

// ---- public feedback

type feedbackView struct {
	Published []*content.Feedback
	Form      content.FeedbackInput
	Message   string // what was wrong with the form
	Sent      bool
	Action    string
}

func (s *server) feedbackView(ctx context.Context, st *site, sent bool) (*feedbackView, error) {
	fbs, err := s.ed.content.PublishedFeedback(ctx, st.Portal.ID, 50)
	return &feedbackView{Published: fbs, Sent: sent}, err
}

// feedbackLimiter throttles the public form per client address: at most
// feedbackPerWindow messages in feedbackWindow. In memory: one server
// process (several web nodes would need it in the store).
type feedbackLimiter struct {
	mu   sync.Mutex
	seen map[string][]time.Time
}

const (
	feedbackPerWindow = 10
	feedbackWindow    = 15 * time.Minute
)

func (l *feedbackLimiter) allow(ip string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil {
		l.seen = map[string][]time.Time{}
	}
	keep := l.seen[ip][:0]
	for _, t := range l.seen[ip] {
		if now.Sub(t) < feedbackWindow {
			keep = append(keep, t)
		}
	}
	if len(keep) >= feedbackPerWindow {
		l.seen[ip] = keep
		return false
	}
	l.seen[ip] = append(keep, now)
	if len(l.seen) > 10000 { // forget the quiet addresses now and then
		for k, ts := range l.seen {
			if len(ts) == 0 || now.Sub(ts[len(ts)-1]) >= feedbackWindow {
				delete(l.seen, k)
			}
		}
	}
	return true
}

// siteFeedback receives the public feedback form of a feedback channel. A
// filled honeypot field (hidden from people, filled by bots) is thanked and
// dropped; too many messages from one address are refused (429).
func (s *server) siteFeedback(id int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		st, ch, err := s.resolveChannel(c, id)
		if err == nil && ch.Kind != content.ChannelFeedback {
			err = content.Errorf(content.ENOTFOUND, "Không tìm thấy trang", "Page not found")
		}
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		done := st.link(st.Base+"/chuyen-muc/"+ch.Slug, map[string][]string{"ok": {"1"}})
		if c.PostForm("website") != "" {
			s.log.Info("feedback honeypot", "ip", c.ClientIP())
			seeOther(c, done)
			return
		}
		if !s.ed.feedback.allow(c.ClientIP(), time.Now()) {
			s.siteFail(c, st, content.Errorf(content.ETHROTTLED, "Bạn đã gửi nhiều góp ý; xin thử lại sau ít phút",
				"You have sent many messages; please try again in a few minutes"))
			return
		}
		in := content.FeedbackInput{PortalID: st.Portal.ID, Name: c.PostForm("name"), Email: c.PostForm("email"),
			Phone: c.PostForm("phone"), Subject: c.PostForm("subject"), Body: c.PostForm("body")}
		_, err = s.ed.content.SubmitFeedback(c.Request.Context(), c.ClientIP(), in)
		if content.ErrorCode(err) == content.EINVALID {
			page, perr := s.channelPageOf(c, st, ch)
			if perr != nil {
				s.siteFail(c, st, perr)
				return
			}
			page.Feedback.Form, page.Feedback.Message = in, content.ErrorMessage(err, st.Lang)
			s.renderSite(c, http.StatusUnprocessableEntity, "channel", page)
			return
		}
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		seeOther(c, done)
	}
}
