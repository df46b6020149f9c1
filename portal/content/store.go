package content

import (
	"context"
	"time"
)

// Store is the content store. The domain services below run their checks and
// changes inside one Update, so a permission is checked in the same
// transaction as the change it allows. portal/sqlite implements it; a
// PostgreSQL store can take its place by implementing the same interfaces.
type Store interface {
	// Update runs fn in a read-write transaction: committed when fn returns
	// nil, rolled back otherwise.
	Update(ctx context.Context, fn func(Tx) error) error
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(Tx) error) error
}

// Tx is what a transaction of the store offers. Lookups of a missing row
// return an *Error with ENOTFOUND; a unique key taken returns ECONFLICT.
type Tx interface {
	// Accounts.
	CreateAccount(a *Account) error
	Account(id int64) (*Account, error)
	AccountByEmail(email string) (*Account, error)
	UpdateAccount(a *Account) error
	Accounts(f AccountFilter) ([]*Account, error)
	CountAccounts() (int, error) // sample accounts (`dpi demo`) not counted
	// SampleCounts counts the rows of content (items, documents, feedback,
	// staff units and staff) written by `dpi demo` and the others.
	SampleCounts() (SampleCounts, error)
	EmailTaken(email string) (bool, error) // by an account or a staff entry

	// Sessions.
	CreateSession(s *Session) error
	Session(hash string) (*Session, error)
	TouchSession(hash string, seen time.Time) error
	DeleteSession(hash string) error
	DeleteSessions(accountID int64) (int, error)
	DeleteExpiredSessions(now time.Time) (int, error)

	// Login attempts, for throttling.
	AddLoginFailure(key string, at time.Time) error
	LoginFailures(key string, since time.Time) (n int, last time.Time, err error)
	ClearLoginFailures(key string) error

	// Audit log and notifications.
	AddAudit(e *AuditEvent) error
	Audit(f AuditFilter) ([]*AuditEvent, error)
	AddNotification(n *Notification) error
	Notifications(accountID int64, unreadOnly bool) ([]*Notification, error)
	MarkNotificationRead(id, accountID int64, at time.Time) error

	// Portals, channels, trusted sources.
	Portals() ([]*Portal, error)
	Portal(id int64) (*Portal, error)
	PortalByKey(key string) (*Portal, error)
	UpdatePortal(p *Portal) error
	Channels(portalID int64) ([]*Channel, error) // 0 = every portal's
	Channel(id int64) (*Channel, error)
	ChannelBySlug(portalID int64, slug string) (*Channel, error)
	CreateChannel(c *Channel) error
	UpdateChannel(c *Channel) error
	TrustedSources() ([]*TrustedSource, error)
	TrustedSource(id int64) (*TrustedSource, error)
	CreateTrustedSource(s *TrustedSource) error
	UpdateTrustedSource(s *TrustedSource) error

	// Items and revisions.
	CreateItem(it *Item) error
	Item(id int64) (*Item, error)
	UpdateItem(it *Item) error
	Items(f ItemFilter) ([]*Item, error)
	CountItems(f ItemFilter) (int, error)
	AddRevision(r *Revision) error
	Revisions(itemID int64) ([]*Revision, error) // oldest first
	Revision(itemID int64, number int) (*Revision, error)

	// Attachments (the rows; the files are Files').
	CreateAttachment(a *Attachment) error
	Attachment(id int64) (*Attachment, error)
	AttachmentByStoredName(name string) (*Attachment, error)
	AllAttachments() ([]*Attachment, error)
	// AttachmentPublic: on a published item (cover or attachment) or a library document.
	AttachmentPublic(id int64) (bool, error)
	// AttachmentItems: the items whose current content or any revision
	// names the attachment (cover or attachment).
	AttachmentItems(id int64) ([]int64, error)

	// Document library.
	CreateDocument(d *Document) error
	Document(id int64) (*Document, error)
	UpdateDocument(d *Document) error
	Documents(f DocumentFilter) ([]*Document, error)

	// Feedback.
	CreateFeedback(f *Feedback) error
	Feedback(id int64) (*Feedback, error)
	UpdateFeedback(f *Feedback) error
	Feedbacks(f FeedbackFilter) ([]*Feedback, error)

	// Staff directory.
	StaffUnits() ([]*StaffUnit, error)
	CreateStaffUnit(u *StaffUnit) error
	UpdateStaffUnit(u *StaffUnit) error
	Staff(id int64) (*Staff, error)
	StaffList(unitID int64) ([]*Staff, error) // 0 = everyone
	CreateStaff(s *Staff) error
	UpdateStaff(s *Staff) error

	// Royalties.
	RoyaltyCategories() ([]*RoyaltyCategory, error)
	RoyaltyCategory(id int64) (*RoyaltyCategory, error)
	CreateRoyaltyCategory(c *RoyaltyCategory) error
	UpdateRoyaltyCategory(c *RoyaltyCategory) error
	CreateRoyalty(r *Royalty) error
	Royalties(itemID int64) ([]*Royalty, error)
	RoyaltySummary(month string) ([]*RoyaltySummaryRow, error)
}

// SampleCounts says how much of a store is `dpi demo`'s sample content.
type SampleCounts struct {
	Sample         int // rows of sample content
	Other          int // rows of the department's own content
	SampleAccounts int
}
