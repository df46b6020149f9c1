package content

import "time"

// Document statuses.
const (
	DocInForce  = "in_force" // còn hiệu lực
	DocNotYet   = "not_yet"  // chưa có hiệu lực
	DocAmended  = "amended"  // được sửa đổi, bổ sung
	DocExpired  = "expired"  // hết hiệu lực
	DocReplaced = "replaced" // bị thay thế
)

// DocumentStatuses lists the statuses a document may have.
var DocumentStatuses = []string{DocInForce, DocNotYet, DocAmended, DocExpired, DocReplaced}

// Document is an entry of the document library: directive documents (văn bản
// chỉ đạo điều hành) and legal documents concerning enterprises.
type Document struct {
	ID            int64
	PortalID      int64  // the portal whose library lists it
	Number        string // số ký hiệu: "95/QĐ-SKH"
	Type          string // loại văn bản: "Quyết định", "Công văn", "Nghị định", ...
	IssuingBody   string // cơ quan ban hành
	IssueDate     time.Time
	EffectiveDate time.Time // zero = unknown
	Status        string    // DocInForce, ...
	Summary       string    // trích yếu
	FileID        int64     // attachment; 0 = none
	CreatedBy     int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// Sample: written by `dpi demo` (sample content for evaluating the
	// product); set at creation, never changed; shown as a badge.
	Sample bool
}

// DocumentFilter selects documents. Query matches number, type, issuing body
// and summary, folding diacritics ("quyet dinh" finds "Quyết định"); every
// word of the query must match. Newest issue date first.
type DocumentFilter struct {
	PortalID      int64
	Query         string
	Type          string
	Status        string
	IssuedFrom    time.Time
	IssuedTo      time.Time // exclusive
	Offset, Limit int
}

// Feedback states.
const (
	FeedbackNew       = "new"       // received, not yet moderated
	FeedbackAnswered  = "answered"  // answered, answer not public
	FeedbackPublished = "published" // shown with its answer
	FeedbackHidden    = "hidden"    // not shown (off-topic, abusive, personal data)
	FeedbackSpam      = "spam"
)

// Feedback is a public comment or question (góp ý) sent through a portal.
type Feedback struct {
	ID          int64
	PortalID    int64
	Name        string
	Email       string // never shown publicly
	Phone       string // never shown publicly
	Subject     string
	Body        string
	State       string
	Answer      string
	AnsweredBy  int64
	AnsweredAt  time.Time
	ModeratedBy int64
	ReceivedAt  time.Time
	IP          string
	// Sample: written by `dpi demo` (sample content for evaluating the
	// product); set at creation, never changed; shown as a badge.
	Sample bool
}

// FeedbackFilter selects feedback; newest first.
type FeedbackFilter struct {
	PortalID                 int64
	States                   []string
	ReceivedFrom, ReceivedTo time.Time
	Offset, Limit            int
}

// StaffUnit is an organisation unit (phòng, văn phòng, trung tâm).
type StaffUnit struct {
	ID       int64
	ParentID int64
	Name     string
	Phone    string
	Email    string
	Position int
	// Sample: written by `dpi demo` (sample content for evaluating the
	// product); set at creation, never changed; shown as a badge.
	Sample bool
}

// Staff is a person of the directory.
type Staff struct {
	ID       int64
	UnitID   int64
	FullName string
	Title    string // chức vụ
	Phone    string
	Email    string
	// EmailGenerated: the address came from the convention; EmailReview: it
	// collided with another and got a number, so an administrator must
	// confirm it (ConfirmStaffEmail).
	EmailGenerated bool
	EmailReview    bool
	Position       int
	// Sample: written by `dpi demo` (sample content for evaluating the
	// product); set at creation, never changed; shown as a badge.
	Sample bool
}

// RoyaltyCategory is a kind of published work and its base amount under the
// provincial fund rules (VND).
type RoyaltyCategory struct {
	ID         int64
	Name       string
	BaseAmount int64 // VND
	Active     bool
}

// Royalty is one line of the royalty ledger (nhuận bút) for a published item:
// Amount = BaseAmount × Coefficient, rounded to the đồng.
type Royalty struct {
	ID          int64
	ItemID      int64
	CategoryID  int64
	Recipient   string // the author's name (may be an outside writer)
	AccountID   int64  // the recipient's account when there is one
	Coefficient float64
	BaseAmount  int64 // the category's amount when recorded
	Amount      int64
	Month       string // "2026-03": the month of publication (ICT)
	Note        string
	CreatedBy   int64
	CreatedAt   time.Time
}

// RoyaltySummaryRow is one line of the monthly summary.
type RoyaltySummaryRow struct {
	Recipient string
	Category  string
	Items     int
	Amount    int64
}
