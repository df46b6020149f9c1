package content

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/laocai-dpi/dpi/ingest/province"
)

// DocumentInput is what an administrator enters for a library document.
type DocumentInput struct {
	PortalID      int64
	Number        string
	Type          string
	IssuingBody   string
	IssueDate     time.Time
	EffectiveDate time.Time
	Status        string
	Summary       string
	FileID        int64
	Sample        bool // `dpi demo`'s sample content (CreateDocument only)
}

func (in *DocumentInput) normalize() error {
	in.Number = strings.Join(strings.Fields(in.Number), " ")
	in.Type = strings.Join(strings.Fields(in.Type), " ")
	in.IssuingBody = strings.Join(strings.Fields(in.IssuingBody), " ")
	in.Summary = strings.TrimSpace(in.Summary)
	if in.Status == "" {
		in.Status = DocInForce
	}
	switch {
	case in.Number == "":
		return invalid("Cần số, ký hiệu văn bản (ví dụ 95/QĐ-SKH)", "The document number is required (e.g. 95/QĐ-SKH)")
	case in.Type == "":
		return invalid("Cần loại văn bản", "The document type is required")
	case in.IssuingBody == "":
		return invalid("Cần cơ quan ban hành", "The issuing body is required")
	case in.Summary == "":
		return invalid("Cần trích yếu", "The summary (trích yếu) is required")
	case in.IssueDate.IsZero():
		return invalid("Cần ngày ban hành", "The issue date is required")
	case !in.EffectiveDate.IsZero() && in.EffectiveDate.Before(in.IssueDate):
		return invalid("Ngày hiệu lực trước ngày ban hành", "The effective date is before the issue date")
	case !slices.Contains(DocumentStatuses, in.Status):
		return Errorf(EINVALID, "Tình trạng không hợp lệ: %q", "Unknown status %q", in.Status)
	case utf8.RuneCountInString(in.Summary) > 4000, utf8.RuneCountInString(in.Number) > 100:
		return invalid("Trường quá dài", "A field is too long")
	}
	return nil
}

// DocumentSearchText is what document search matches: the folded number,
// type, issuing body and summary. Stores keep it beside the document.
func DocumentSearchText(d *Document) string {
	return province.Fold(strings.Join([]string{d.Number, d.Type, d.IssuingBody, d.Summary}, " "))
}

// SearchTerms folds a query into the words that must all occur.
func SearchTerms(q string) []string { return strings.Fields(province.Fold(q)) }

func (in *DocumentInput) apply(d *Document) {
	d.PortalID, d.Number, d.Type, d.IssuingBody = in.PortalID, in.Number, in.Type, in.IssuingBody
	d.IssueDate, d.EffectiveDate, d.Status, d.Summary, d.FileID = in.IssueDate, in.EffectiveDate, in.Status, in.Summary, in.FileID
}

func (in *DocumentInput) check(tx Tx) error {
	if _, err := tx.Portal(in.PortalID); err != nil {
		return err
	}
	if in.FileID != 0 {
		if _, err := tx.Attachment(in.FileID); err != nil {
			return err
		}
	}
	return nil
}

// CreateDocument adds a document to the library (administrators).
func (s *Service) CreateDocument(ctx context.Context, actor Actor, in DocumentInput) (*Document, error) {
	if err := in.normalize(); err != nil {
		return nil, err
	}
	d := &Document{}
	err := s.Store.Update(ctx, func(tx Tx) error {
		a, err := administrator(tx, actor)
		if err != nil {
			return err
		}
		if err := in.check(tx); err != nil {
			return err
		}
		in.apply(d)
		d.Sample = in.Sample
		d.CreatedAt, d.UpdatedAt = s.now(), s.now()
		if a != nil {
			d.CreatedBy = a.ID
		}
		if err := tx.CreateDocument(d); err != nil {
			return err
		}
		return Audit(tx, actor, a, d.CreatedAt, "document.create", "document", d.ID, d.Number)
	})
	return d, err
}

// UpdateDocument changes a library document (administrators).
func (s *Service) UpdateDocument(ctx context.Context, actor Actor, id int64, in DocumentInput) (*Document, error) {
	if err := in.normalize(); err != nil {
		return nil, err
	}
	var d *Document
	err := s.Store.Update(ctx, func(tx Tx) error {
		a, err := administrator(tx, actor)
		if err != nil {
			return err
		}
		if d, err = tx.Document(id); err != nil {
			return err
		}
		if err := in.check(tx); err != nil {
			return err
		}
		in.apply(d)
		d.UpdatedAt = s.now()
		if err := tx.UpdateDocument(d); err != nil {
			return err
		}
		return Audit(tx, actor, a, d.UpdatedAt, "document.update", "document", d.ID, d.Number)
	})
	return d, err
}

// Documents searches the library (public).
func (s *Service) Documents(ctx context.Context, f DocumentFilter) ([]*Document, error) {
	var out []*Document
	err := s.Store.View(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Documents(f)
		return err
	})
	return out, err
}

// Document returns one library document (public).
func (s *Service) Document(ctx context.Context, id int64) (*Document, error) {
	var d *Document
	err := s.Store.View(ctx, func(tx Tx) error {
		var err error
		d, err = tx.Document(id)
		return err
	})
	return d, err
}

// FeedbackInput is what the public form sends.
type FeedbackInput struct {
	PortalID int64
	Name     string
	Email    string
	Phone    string
	Subject  string
	Body     string
	Sample   bool // `dpi demo`'s sample content
}

// SubmitFeedback records public feedback from the client address ip. The
// form's throttling and honeypot are the HTTP layer's; this checks the
// fields.
func (s *Service) SubmitFeedback(ctx context.Context, ip string, in FeedbackInput) (*Feedback, error) {
	in.Name = strings.TrimSpace(in.Name)
	in.Email = NormalizeEmail(in.Email)
	in.Phone = strings.TrimSpace(in.Phone)
	in.Subject = strings.TrimSpace(in.Subject)
	in.Body = strings.TrimSpace(in.Body)
	switch {
	case in.Name == "" || in.Body == "" || in.Subject == "":
		return nil, invalid("Cần họ tên, tiêu đề và nội dung", "Name, subject and message are required")
	case in.Email != "" && !ValidEmail(in.Email):
		return nil, invalid("Địa chỉ thư điện tử không hợp lệ", "The email address is not valid")
	case utf8.RuneCountInString(in.Body) > 10000 || utf8.RuneCountInString(in.Subject) > 300 || utf8.RuneCountInString(in.Name) > 200:
		return nil, invalid("Nội dung quá dài", "The message is too long")
	}
	f := &Feedback{PortalID: in.PortalID, Name: in.Name, Email: in.Email, Phone: in.Phone, Subject: in.Subject,
		Body: in.Body, State: FeedbackNew, ReceivedAt: s.now(), IP: ip, Sample: in.Sample}
	err := s.Store.Update(ctx, func(tx Tx) error {
		if _, err := tx.Portal(in.PortalID); err != nil {
			return err
		}
		if err := tx.CreateFeedback(f); err != nil {
			return err
		}
		return Audit(tx, Actor{Label: "public", IP: ip}, nil, f.ReceivedAt, "feedback.receive", "feedback", f.ID, f.Subject)
	})
	return f, err
}

// moderator: administrators, and reviewers of any channel of the portal.
func moderator(tx Tx, actor Actor, portalID int64) (*Account, error) {
	a, err := personal(tx, actor)
	if err != nil {
		return nil, err
	}
	if a.Has(RoleAdministrator) {
		return a, nil
	}
	if a.Has(RoleReviewer) {
		for _, id := range a.Channels {
			ch, err := tx.Channel(id)
			if err == nil && ch.PortalID == portalID {
				return a, nil
			}
		}
	}
	return nil, forbidden("Chỉ quản trị hoặc người duyệt của cổng được kiểm duyệt góp ý", "Only administrators or the portal's reviewers moderate feedback")
}

// AnswerFeedback writes the answer to feedback id; publish shows both on
// the portal.
func (s *Service) AnswerFeedback(ctx context.Context, actor Actor, id int64, answer string, publish bool) (*Feedback, error) {
	answer = strings.TrimSpace(answer)
	if answer == "" {
		return nil, invalid("Cần nội dung trả lời", "The answer is empty")
	}
	var f *Feedback
	err := s.Store.Update(ctx, func(tx Tx) error {
		var err error
		if f, err = tx.Feedback(id); err != nil {
			return err
		}
		a, err := moderator(tx, actor, f.PortalID)
		if err != nil {
			return err
		}
		now := s.now()
		f.Answer, f.AnsweredBy, f.AnsweredAt, f.ModeratedBy = answer, a.ID, now, a.ID
		f.State = FeedbackAnswered
		if publish {
			f.State = FeedbackPublished
		}
		if err := tx.UpdateFeedback(f); err != nil {
			return err
		}
		return Audit(tx, actor, a, now, "feedback.answer", "feedback", f.ID, "state "+f.State)
	})
	return f, err
}

// ModerateFeedback sets the state of feedback id: published (needs an
// answer), hidden, spam, or back to new.
func (s *Service) ModerateFeedback(ctx context.Context, actor Actor, id int64, state string) (*Feedback, error) {
	var f *Feedback
	err := s.Store.Update(ctx, func(tx Tx) error {
		var err error
		if f, err = tx.Feedback(id); err != nil {
			return err
		}
		a, err := moderator(tx, actor, f.PortalID)
		if err != nil {
			return err
		}
		switch state {
		case FeedbackPublished, FeedbackAnswered:
			if f.Answer == "" {
				return invalid("Cần trả lời trước khi công bố", "Answer before publishing")
			}
		case FeedbackHidden, FeedbackSpam, FeedbackNew:
		default:
			return Errorf(EINVALID, "Trạng thái không hợp lệ: %q", "Unknown state %q", state)
		}
		from := f.State
		f.State, f.ModeratedBy = state, a.ID
		if err := tx.UpdateFeedback(f); err != nil {
			return err
		}
		return Audit(tx, actor, a, s.now(), "feedback.moderate", "feedback", f.ID, fmt.Sprintf("%s → %s", from, state))
	})
	return f, err
}

// PublishedFeedback lists the portal's published feedback and answers.
func (s *Service) PublishedFeedback(ctx context.Context, portalID int64, limit int) ([]*Feedback, error) {
	var out []*Feedback
	err := s.Store.View(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Feedbacks(FeedbackFilter{PortalID: portalID, States: []string{FeedbackPublished}, Limit: limit})
		return err
	})
	return out, err
}

// FeedbackQueue lists a portal's feedback for its moderators.
func (s *Service) FeedbackQueue(ctx context.Context, actor Actor, f FeedbackFilter) ([]*Feedback, error) {
	var out []*Feedback
	err := s.Store.View(ctx, func(tx Tx) error {
		if _, err := moderator(tx, actor, f.PortalID); err != nil {
			return err
		}
		var err error
		out, err = tx.Feedbacks(f)
		return err
	})
	return out, err
}
