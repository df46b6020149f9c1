package content

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ItemInput is the content an editor saves: every save is a new revision.
type ItemInput struct {
	ChannelID   int64
	Kind        string // KindNews (default), KindPressRelease, KindPage
	Title       string
	Summary     string
	Body        string // Markdown
	Tags        []string
	Lang        string // vi (default) | en
	CoverID     int64
	CoverAlt    string // the cover's text alternative; required with a cover
	Attachments []int64
	SourceID    int64
	SourceURL   string
	Note        string // the editor's note on this revision
	// Sample marks a new item as `dpi demo`'s sample content (CreateItem
	// only; a later save never changes it).
	Sample bool
}

// Limits of an item's fields.
const (
	MaxTitle    = 300     // runes
	MaxSummary  = 2000    // runes
	MaxBody     = 1 << 20 // bytes
	MaxTags     = 20
	MaxTag      = 60  // runes
	MaxCoverAlt = 300 // runes
)

func (in *ItemInput) normalize() error {
	in.Title = strings.TrimSpace(in.Title)
	in.Summary = strings.TrimSpace(in.Summary)
	in.Body = strings.ReplaceAll(in.Body, "\r\n", "\n")
	in.SourceURL = strings.TrimSpace(in.SourceURL)
	in.CoverAlt = strings.Join(strings.Fields(in.CoverAlt), " ")
	if in.CoverID == 0 {
		in.CoverAlt = ""
	}
	if in.Kind == "" {
		in.Kind = KindNews
	}
	if in.Lang == "" {
		in.Lang = "vi"
	}
	switch {
	case in.Title == "":
		return invalid("Cần có tiêu đề", "A title is required")
	case utf8.RuneCountInString(in.Title) > MaxTitle:
		return Errorf(EINVALID, "Tiêu đề dài quá %d ký tự", "The title is longer than %d characters", MaxTitle)
	case utf8.RuneCountInString(in.Summary) > MaxSummary:
		return Errorf(EINVALID, "Tóm tắt dài quá %d ký tự", "The summary is longer than %d characters", MaxSummary)
	case len(in.Body) > MaxBody:
		return Errorf(EINVALID, "Nội dung dài quá %d byte", "The body is longer than %d bytes", MaxBody)
	case !utf8.ValidString(in.Title + in.Summary + in.Body):
		return invalid("Văn bản không phải UTF-8", "The text is not valid UTF-8")
	case in.Kind != KindNews && in.Kind != KindPressRelease && in.Kind != KindPage:
		return Errorf(EINVALID, "Loại bài không hợp lệ: %q", "Unknown kind %q", in.Kind)
	case in.Lang != "vi" && in.Lang != "en":
		return Errorf(EINVALID, "Ngôn ngữ phải là vi hoặc en, không phải %q", "The language must be vi or en, not %q", in.Lang)
	case in.CoverID != 0 && in.CoverAlt == "":
		return invalid("Cần mô tả ảnh đại diện (văn bản thay thế cho người không xem được ảnh)",
			"The cover image needs a description (alt text, for people who cannot see it)")
	case utf8.RuneCountInString(in.CoverAlt) > MaxCoverAlt:
		return Errorf(EINVALID, "Mô tả ảnh dài quá %d ký tự", "The image description is longer than %d characters", MaxCoverAlt)
	}
	if in.SourceURL != "" {
		u, err := url.Parse(in.SourceURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return invalid("Địa chỉ nguồn phải là một URL http(s)", "The source address must be an http(s) URL")
		}
	}
	var tags []string
	for _, t := range in.Tags {
		t = strings.Join(strings.Fields(t), " ")
		if t == "" || slices.Contains(tags, t) {
			continue
		}
		if utf8.RuneCountInString(t) > MaxTag {
			return Errorf(EINVALID, "Thẻ dài quá %d ký tự", "A tag is longer than %d characters", MaxTag)
		}
		tags = append(tags, t)
	}
	if len(tags) > MaxTags {
		return Errorf(EINVALID, "Nhiều hơn %d thẻ", "More than %d tags", MaxTags)
	}
	in.Tags = tags
	var atts []int64
	for _, id := range in.Attachments {
		if !slices.Contains(atts, id) {
			atts = append(atts, id)
		}
	}
	in.Attachments = atts
	return nil
}

// check validates the references of in inside tx: the channel takes items,
// the cover is an image, the attachments were uploaded by the editor or are
// already on the item, the source is an active trusted source.
func (in *ItemInput) check(tx Tx, a *Account, it *Item) (*Channel, error) {
	ch, err := tx.Channel(in.ChannelID)
	if isNotFound(err) {
		return nil, Errorf(EINVALID, "Không có chuyên mục %d", "No channel %d", in.ChannelID)
	} else if err != nil {
		return nil, err
	}
	if ch.Kind != ChannelNews && ch.Kind != ChannelPage {
		return nil, Errorf(EINVALID, "Chuyên mục %q không nhận bài viết", "Channel %q does not take items", ch.NameVI)
	}
	var had []int64
	if it != nil {
		had = append(slices.Clone(it.Attachments), it.CoverID)
	}
	own := func(id int64) (*Attachment, error) {
		att, err := tx.Attachment(id)
		if isNotFound(err) {
			return nil, Errorf(EINVALID, "Không có tệp đính kèm %d", "No attachment %d", id)
		} else if err != nil {
			return nil, err
		}
		if att.UploadedBy != a.ID && !slices.Contains(had, id) {
			return nil, Errorf(EFORBIDDEN, "Tệp %d không do bạn tải lên", "Attachment %d was not uploaded by you", id)
		}
		return att, nil
	}
	if in.CoverID != 0 {
		att, err := own(in.CoverID)
		if err != nil {
			return nil, err
		}
		if !att.IsCover() {
			return nil, invalid("Ảnh đại diện phải là ảnh PNG, JPEG hoặc WebP (theo nội dung tệp)", "The cover must be a PNG, JPEG or WebP image (by its content)")
		}
	}
	for _, id := range in.Attachments {
		if _, err := own(id); err != nil {
			return nil, err
		}
	}
	if in.SourceID != 0 {
		src, err := tx.TrustedSource(in.SourceID)
		if isNotFound(err) {
			return nil, Errorf(EINVALID, "Không có nguồn %d", "No trusted source %d", in.SourceID)
		} else if err != nil {
			return nil, err
		}
		if !src.Active {
			return nil, Errorf(EINVALID, "Nguồn %q không còn trong danh sách", "Source %q is no longer listed", src.Name)
		}
	}
	return ch, nil
}

func (in *ItemInput) apply(it *Item, ch *Channel) {
	it.PortalID, it.ChannelID = ch.PortalID, ch.ID
	it.Kind, it.Title, it.Summary, it.Body = in.Kind, in.Title, in.Summary, in.Body
	it.Tags, it.Lang, it.CoverID, it.CoverAlt, it.Attachments = in.Tags, in.Lang, in.CoverID, in.CoverAlt, in.Attachments
	it.SourceID, it.SourceURL = in.SourceID, in.SourceURL
}

func revisionOf(it *Item, by int64, at time.Time, note string) *Revision {
	return &Revision{ItemID: it.ID, Number: it.CurrentRevision, Title: it.Title, Summary: it.Summary,
		Body: it.Body, Tags: it.Tags, Lang: it.Lang, CoverID: it.CoverID, CoverAlt: it.CoverAlt, Attachments: it.Attachments,
		SourceID: it.SourceID, SourceURL: it.SourceURL, AuthorID: by, CreatedAt: at, Note: note}
}

// CreateItem saves a new draft (revision 1) written by the actor.
func (s *Service) CreateItem(ctx context.Context, actor Actor, in ItemInput) (*Item, error) {
	if err := in.normalize(); err != nil {
		return nil, err
	}
	var it *Item
	err := s.Store.Update(ctx, func(tx Tx) error {
		a, err := personal(tx, actor)
		if err != nil {
			return err
		}
		if err := Can(a, ActionCreate, nil); err != nil {
			return err
		}
		ch, err := in.check(tx, a, nil)
		if err != nil {
			return err
		}
		now := s.now()
		it = &Item{State: StateDraft, AuthorID: a.ID, CurrentRevision: 1, RevisedBy: a.ID, CreatedAt: now, UpdatedAt: now, Sample: in.Sample}
		in.apply(it, ch)
		if err := tx.CreateItem(it); err != nil {
			return err
		}
		if err := tx.AddRevision(revisionOf(it, a.ID, now, in.Note)); err != nil {
			return err
		}
		detail := fmt.Sprintf("revision 1; channel %d; %q", ch.ID, it.Title)
		if it.Sample {
			detail += "; sample content (dpi demo)"
		}
		return Audit(tx, actor, a, now, "item.create", "item", it.ID, detail)
	})
	return it, err
}

// SaveItem saves a new revision of item id. base is the revision the editor
// started from: when another save came in between, ECONFLICT (0 skips the
// check). Saving an approved or scheduled item voids the approval and puts
// it back in review: approval is of a revision, never of an item.
func (s *Service) SaveItem(ctx context.Context, actor Actor, id int64, base int, in ItemInput) (*Item, error) {
	if err := in.normalize(); err != nil {
		return nil, err
	}
	var it *Item
	err := s.Store.Update(ctx, func(tx Tx) error {
		a, err := personal(tx, actor)
		if err != nil {
			return err
		}
		if it, err = tx.Item(id); err != nil {
			return err
		}
		if err := Can(a, ActionEdit, it); err != nil {
			return err
		}
		if base != 0 && base != it.CurrentRevision {
			return Errorf(ECONFLICT, "Bài đã được sửa (phiên bản %d) sau phiên bản bạn mở (%d); hãy mở lại",
				"The item was saved again (revision %d) after the one you opened (%d); reload it", it.CurrentRevision, base)
		}
		ch, err := in.check(tx, a, it)
		if err != nil {
			return err
		}
		if ch.PortalID != it.PortalID && it.State != StateDraft {
			return invalid("Chỉ chuyển bài sang cổng khác khi còn là bản nháp", "Move an item to another portal only while a draft")
		}
		now := s.now()
		detail := ""
		if it.State == StateApproved || it.State == StateScheduled {
			detail = fmt.Sprintf("; approval of revision %d voided, back to review", it.ApprovedRevision)
			it.State = StateInReview
			it.ScheduledBy = 0
		}
		in.apply(it, ch)
		it.CurrentRevision++
		it.RevisedBy = a.ID
		it.UpdatedAt = now
		if err := tx.UpdateItem(it); err != nil {
			return err
		}
		if err := tx.AddRevision(revisionOf(it, a.ID, now, in.Note)); err != nil {
			return err
		}
		return Audit(tx, actor, a, now, "item.edit", "item", it.ID, fmt.Sprintf("revision %d%s", it.CurrentRevision, detail))
	})
	return it, err
}

// transition runs one workflow action on item id: loads the actor's account
// and the item in one transaction, checks Can, lets fn change the item,
// saves it and writes the audit row (detail from fn).
func (s *Service) transition(ctx context.Context, actor Actor, id int64, act Action,
	fn func(tx Tx, a *Account, it *Item, now time.Time) (string, error)) (*Item, error) {
	var it *Item
	err := s.Store.Update(ctx, func(tx Tx) error {
		a, err := personal(tx, actor)
		if err != nil {
			return err
		}
		if it, err = tx.Item(id); err != nil {
			return err
		}
		if err := Can(a, act, it); err != nil {
			return err
		}
		now := s.now()
		from := it.State
		detail, err := fn(tx, a, it, now)
		if err != nil {
			return err
		}
		it.State = Transitions[act].To
		it.UpdatedAt = now
		if err := tx.UpdateItem(it); err != nil {
			return err
		}
		d := fmt.Sprintf("%s → %s, revision %d", from, it.State, it.CurrentRevision)
		if detail != "" {
			d += "; " + detail
		}
		return Audit(tx, actor, a, now, "item."+string(act), "item", it.ID, d)
	})
	return it, err
}

// requireRevision ties an approval to the revision the reviewer read.
func requireRevision(it *Item, revision int) error {
	if revision != it.CurrentRevision {
		return Errorf(ECONFLICT, "Bạn đã đọc phiên bản %d nhưng bài đã có phiên bản %d; hãy đọc lại trước khi duyệt",
			"You read revision %d but the item is now at revision %d; read it again before approving", revision, it.CurrentRevision)
	}
	return nil
}

func notify(tx Tx, it *Item, kind, msg string, now time.Time) error {
	return tx.AddNotification(&Notification{AccountID: it.AuthorID, ItemID: it.ID, Kind: kind, Message: msg, CreatedAt: now})
}

func requireReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", invalid("Cần nêu lý do để tác giả biết cần sửa gì", "A reason is required, so the author knows what to change")
	}
	if utf8.RuneCountInString(reason) > 4000 {
		return "", invalid("Lý do dài quá 4000 ký tự", "The reason is longer than 4000 characters")
	}
	return reason, nil
}

// Submit sends the author's draft to the board.
func (s *Service) Submit(ctx context.Context, actor Actor, id int64) (*Item, error) {
	return s.transition(ctx, actor, id, ActionSubmit, func(tx Tx, a *Account, it *Item, now time.Time) (string, error) {
		it.RejectReason = ""
		return "", nil
	})
}

// Withdraw takes the author's item back to draft (before publication).
func (s *Service) Withdraw(ctx context.Context, actor Actor, id int64) (*Item, error) {
	return s.transition(ctx, actor, id, ActionWithdraw, func(tx Tx, a *Account, it *Item, now time.Time) (string, error) {
		clearApproval(it)
		return "", nil
	})
}

func clearApproval(it *Item) {
	it.ApprovedRevision, it.ApprovedBy, it.ApprovedAt = 0, 0, time.Time{}
	it.ScheduledAt, it.ScheduledBy = time.Time{}, 0
}

// Approve approves revision (the one the reviewer read; it must be the
// current one).
func (s *Service) Approve(ctx context.Context, actor Actor, id int64, revision int) (*Item, error) {
	return s.transition(ctx, actor, id, ActionApprove, func(tx Tx, a *Account, it *Item, now time.Time) (string, error) {
		if err := requireRevision(it, revision); err != nil {
			return "", err
		}
		it.ApprovedRevision, it.ApprovedBy, it.ApprovedAt = revision, a.ID, now
		return "", notify(tx, it, "approved", fmt.Sprintf("Bài đã được duyệt (phiên bản %d) / approved (revision %d)", revision, revision), now)
	})
}

// Reject returns the item to draft with a reason the author sees (on the
// item and as a notification). The reason is required.
func (s *Service) Reject(ctx context.Context, actor Actor, id int64, reason string) (*Item, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return nil, err
	}
	return s.transition(ctx, actor, id, ActionReject, func(tx Tx, a *Account, it *Item, now time.Time) (string, error) {
		clearApproval(it)
		it.RejectReason = reason
		return "reason: " + reason, notify(tx, it, "rejected", reason, now)
	})
}

// Schedule approves revision (when not approved yet) and schedules its
// publication at at (UTC stored; must be in the future).
func (s *Service) Schedule(ctx context.Context, actor Actor, id int64, revision int, at time.Time) (*Item, error) {
	return s.transition(ctx, actor, id, ActionSchedule, func(tx Tx, a *Account, it *Item, now time.Time) (string, error) {
		if err := requireRevision(it, revision); err != nil {
			return "", err
		}
		if !at.After(now) {
			return "", invalid("Thời điểm đăng phải ở tương lai", "The publication time must be in the future")
		}
		if it.State == StateInReview || it.ApprovedRevision != revision {
			it.ApprovedRevision, it.ApprovedBy, it.ApprovedAt = revision, a.ID, now
		}
		it.ScheduledAt, it.ScheduledBy = at.UTC(), a.ID
		return "at " + it.ScheduledAt.Format(time.RFC3339), nil
	})
}

// Unschedule keeps the approval and drops the scheduled time.
func (s *Service) Unschedule(ctx context.Context, actor Actor, id int64) (*Item, error) {
	return s.transition(ctx, actor, id, ActionUnschedule, func(tx Tx, a *Account, it *Item, now time.Time) (string, error) {
		it.ScheduledAt, it.ScheduledBy = time.Time{}, 0
		return "", nil
	})
}

// Publish publishes an approved item now; the approval must be of the
// current revision.
func (s *Service) Publish(ctx context.Context, actor Actor, id int64) (*Item, error) {
	return s.transition(ctx, actor, id, ActionPublish, func(tx Tx, a *Account, it *Item, now time.Time) (string, error) {
		if it.ApprovedRevision != it.CurrentRevision {
			return "", Errorf(ECONFLICT, "Phiên bản %d chưa được duyệt", "Revision %d is not approved", it.CurrentRevision)
		}
		it.PublishedAt, it.PublishedBy, it.PublishedLate, it.LateBy, it.Direct = now, a.ID, false, 0, false
		return "", notify(tx, it, "published", "Bài đã được đăng / published", now)
	})
}

// SendBack takes a published item off the public pages and back to review,
// with a reason the author sees.
func (s *Service) SendBack(ctx context.Context, actor Actor, id int64, reason string) (*Item, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return nil, err
	}
	return s.transition(ctx, actor, id, ActionSendBack, func(tx Tx, a *Account, it *Item, now time.Time) (string, error) {
		clearApproval(it)
		it.RejectReason = reason
		return "reason: " + reason, notify(tx, it, "sent_back", reason, now)
	})
}

// Archive takes a published item off the lists; its page stays reachable
// only to editors.
func (s *Service) Archive(ctx context.Context, actor Actor, id int64) (*Item, error) {
	return s.transition(ctx, actor, id, ActionArchive, func(tx Tx, a *Account, it *Item, now time.Time) (string, error) {
		it.ArchivedAt = now
		return "", nil
	})
}

// PublishDirect lets an administrator publish an item from a trusted source
// without the board's approval. The item is marked Direct and listed in the
// weekly report to the board.
func (s *Service) PublishDirect(ctx context.Context, actor Actor, id int64) (*Item, error) {
	return s.transition(ctx, actor, id, ActionPublishDirect, func(tx Tx, a *Account, it *Item, now time.Time) (string, error) {
		src, err := tx.TrustedSource(it.SourceID)
		if err != nil {
			return "", err
		}
		if !src.Active {
			return "", Errorf(EFORBIDDEN, "Nguồn %q không còn trong danh sách nguồn chính thức", "Source %q is no longer a trusted source", src.Name)
		}
		clearApproval(it)
		it.PublishedAt, it.PublishedBy, it.PublishedLate, it.LateBy, it.Direct = now, a.ID, false, 0, true
		return "trusted source: " + src.Name, nil
	})
}

// PublishDue publishes every scheduled item whose time has come. The server
// calls it at start and then periodically; an item published more than
// LateAfter after its time (the server was down) is marked late and the
// audit row says by how much. Each item is published in its own transaction
// after re-checking it there.
func (s *Service) PublishDue(ctx context.Context, now time.Time) ([]*Item, error) {
	now = now.UTC()
	var due []*Item
	err := s.Store.View(ctx, func(tx Tx) error {
		var err error
		due, err = tx.Items(ItemFilter{States: []State{StateScheduled}, ScheduledBefore: now})
		return err
	})
	if err != nil {
		return nil, err
	}
	actor := System("scheduler")
	var out []*Item
	for _, d := range due {
		var published *Item
		err := s.Store.Update(ctx, func(tx Tx) error {
			it, err := tx.Item(d.ID)
			if err != nil {
				return err
			}
			if it.State != StateScheduled || it.ScheduledAt.After(now) {
				return nil // changed since the list was read
			}
			if it.ApprovedRevision != it.CurrentRevision {
				// Cannot happen through SaveItem (it voids the schedule); kept
				// so a store edited by hand never publishes unapproved text.
				it.State = StateInReview
				clearApproval(it)
				it.UpdatedAt = now
				if err := tx.UpdateItem(it); err != nil {
					return err
				}
				return Audit(tx, actor, nil, now, "item.schedule_void", "item", it.ID,
					fmt.Sprintf("revision %d not approved; back to review", it.CurrentRevision))
			}
			it.State, it.PublishedAt, it.PublishedBy, it.Direct = StatePublished, now, 0, false
			it.LateBy = now.Sub(it.ScheduledAt)
			it.PublishedLate = it.LateBy > s.lateAfter()
			if !it.PublishedLate {
				it.LateBy = 0
			}
			it.UpdatedAt = now
			if err := tx.UpdateItem(it); err != nil {
				return err
			}
			detail := fmt.Sprintf("scheduled → published, revision %d, scheduled for %s", it.CurrentRevision, it.ScheduledAt.Format(time.RFC3339))
			msg := "Bài đã được đăng theo lịch / published as scheduled"
			if it.PublishedLate {
				detail += fmt.Sprintf("; LATE by %s (server was not running at the scheduled time)", it.LateBy.Round(time.Second))
				msg = fmt.Sprintf("Bài được đăng muộn %s so với lịch / published %s late", it.LateBy.Round(time.Minute), it.LateBy.Round(time.Minute))
			}
			if err := notify(tx, it, "published", msg, now); err != nil {
				return err
			}
			published = it
			return Audit(tx, actor, nil, now, "item.publish", "item", it.ID, detail)
		})
		if err != nil {
			return out, fmt.Errorf("publish scheduled item %d: %w", d.ID, err)
		}
		if published != nil {
			out = append(out, published)
		}
	}
	return out, nil
}

// ViewItem returns item id to someone who may read it (anyone once
// published; before, its author, reviewers of its channel, administrators).
func (s *Service) ViewItem(ctx context.Context, actor Actor, id int64) (*Item, error) {
	var it *Item
	err := s.Store.View(ctx, func(tx Tx) error {
		var err error
		if it, err = tx.Item(id); err != nil {
			return err
		}
		if it.State == StatePublished {
			return nil
		}
		a, err := ActorAccount(tx, actor)
		if err != nil && ErrorCode(err) != EUNAUTHORIZED {
			return err
		}
		if (a == nil && !actor.IsSystem()) || (a != nil && !CanView(a, it)) {
			return notFound("bài", "Item", id) // do not reveal unpublished items
		}
		return nil
	})
	return it, err
}

// PublishedItems lists published items (for public pages and feeds).
func (s *Service) PublishedItems(ctx context.Context, f ItemFilter) ([]*Item, error) {
	f.States = []State{StatePublished}
	var out []*Item
	err := s.Store.View(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Items(f)
		return err
	})
	return out, err
}

// Worklist is what waits for the actor: their own items not yet published,
// and, for reviewers, items in review, approved or scheduled in their
// channels.
func (s *Service) Worklist(ctx context.Context, actor Actor) (mine, review []*Item, err error) {
	err = s.Store.View(ctx, func(tx Tx) error {
		a, err := personal(tx, actor)
		if err != nil {
			return err
		}
		if mine, err = tx.Items(ItemFilter{AuthorID: a.ID, States: []State{StateDraft, StateInReview, StateApproved, StateScheduled}}); err != nil {
			return err
		}
		if !a.Has(RoleReviewer) {
			return nil
		}
		for _, ch := range a.Channels {
			its, err := tx.Items(ItemFilter{ChannelID: ch, States: []State{StateInReview, StateApproved, StateScheduled}})
			if err != nil {
				return err
			}
			review = append(review, its...)
		}
		return nil
	})
	return mine, review, err
}

// Revisions lists item id's revisions, oldest first, to those who may view it.
func (s *Service) Revisions(ctx context.Context, actor Actor, id int64) ([]*Revision, error) {
	if _, err := s.ViewItem(ctx, actor, id); err != nil {
		return nil, err
	}
	var out []*Revision
	err := s.Store.View(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Revisions(id)
		return err
	})
	return out, err
}

// DiffRevisions is the line diff between revisions a and b of item id.
func (s *Service) DiffRevisions(ctx context.Context, actor Actor, id int64, a, b int) ([]DiffLine, error) {
	if _, err := s.ViewItem(ctx, actor, id); err != nil {
		return nil, err
	}
	var ra, rb *Revision
	err := s.Store.View(ctx, func(tx Tx) error {
		var err error
		if ra, err = tx.Revision(id, a); err != nil {
			return err
		}
		rb, err = tx.Revision(id, b)
		return err
	})
	if err != nil {
		return nil, err
	}
	return Diff(ra.Text(), rb.Text()), nil
}

// Notifications lists the actor's notifications, newest first.
func (s *Service) Notifications(ctx context.Context, actor Actor, unreadOnly bool) ([]*Notification, error) {
	var out []*Notification
	err := s.Store.View(ctx, func(tx Tx) error {
		a, err := personal(tx, actor)
		if err != nil {
			return err
		}
		out, err = tx.Notifications(a.ID, unreadOnly)
		return err
	})
	return out, err
}

// MarkNotificationRead marks one of the actor's notifications read.
func (s *Service) MarkNotificationRead(ctx context.Context, actor Actor, id int64) error {
	return s.Store.Update(ctx, func(tx Tx) error {
		a, err := personal(tx, actor)
		if err != nil {
			return err
		}
		return tx.MarkNotificationRead(id, a.ID, s.now())
	})
}
