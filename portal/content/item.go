package content

import (
	"strings"
	"time"
)

// Item kinds.
const (
	KindNews         = "news"          // tin tức
	KindPressRelease = "press_release" // thông cáo báo chí
	KindPage         = "page"          // a standing page of a ChannelPage channel
)

// State is where an item is in the editorial workflow.
type State string

const (
	StateDraft     State = "draft"
	StateInReview  State = "in_review"
	StateApproved  State = "approved"
	StateScheduled State = "scheduled"
	StatePublished State = "published"
	StateArchived  State = "archived"
)

// Item is a news item, press release or page, with the content of its
// current revision.
type Item struct {
	ID        int64
	PortalID  int64
	ChannelID int64
	Kind      string
	State     State

	// Content of the current revision.
	Title       string
	Summary     string
	Body        string // Markdown
	Tags        []string
	Lang        string // vi | en
	CoverID     int64  // attachment (PNG, JPEG or WebP image); 0 = none
	CoverAlt    string // the cover's text alternative (alt), required with a cover
	Attachments []int64
	SourceID    int64  // trusted source; 0 = written by the department
	SourceURL   string // the original's address, for trusted-source items

	AuthorID        int64
	CurrentRevision int   // number of the latest revision (1, 2, ...)
	RevisedBy       int64 // who saved the current revision
	// ApprovedRevision is the revision the board approved (0 = none). Only
	// that revision may be published: an edit makes CurrentRevision move on
	// and the approval no longer counts.
	ApprovedRevision int
	ApprovedBy       int64
	ApprovedAt       time.Time

	ScheduledAt time.Time // UTC; set while scheduled, kept after publishing
	ScheduledBy int64
	PublishedAt time.Time // UTC
	PublishedBy int64     // 0 = the scheduler
	// PublishedLate: a scheduled item published after its time (the server
	// was down); LateBy says how late.
	PublishedLate bool
	LateBy        time.Duration
	// Direct: posted by an administrator from a trusted source without the
	// board's approval; listed in the weekly report.
	Direct bool

	RejectReason string // the last rejection or send-back reason, shown to the author
	CreatedAt    time.Time
	UpdatedAt    time.Time
	ArchivedAt   time.Time
	// Sample: written by `dpi demo` (sample content for evaluating the
	// product); set at creation, never changed; shown as a badge.
	Sample bool
}

// Revision is one saved version of an item's content. Every save is a
// revision; revisions are never changed.
type Revision struct {
	ID          int64
	ItemID      int64
	Number      int
	Title       string
	Summary     string
	Body        string
	Tags        []string
	Lang        string
	CoverID     int64
	CoverAlt    string
	Attachments []int64
	SourceID    int64
	SourceURL   string
	AuthorID    int64 // who saved it
	CreatedAt   time.Time
	Note        string // the editor's note on the change
}

// Text is the revision as one readable text, the input of DiffRevisions.
func (r *Revision) Text() string {
	var b strings.Builder
	b.WriteString("# " + r.Title + "\n")
	if r.Summary != "" {
		b.WriteString("\n" + r.Summary + "\n")
	}
	b.WriteString("\n" + r.Body)
	if !strings.HasSuffix(r.Body, "\n") {
		b.WriteByte('\n')
	}
	if len(r.Tags) > 0 {
		b.WriteString("\ntags: " + strings.Join(r.Tags, ", ") + "\n")
	}
	return b.String()
}

// ItemFilter selects items; zero fields select all. Newest first (by
// PublishedAt when State is StatePublished, else by UpdatedAt).
type ItemFilter struct {
	PortalID  int64
	ChannelID int64
	Kind      string
	States    []State
	AuthorID  int64
	Direct    *bool
	Lang      string
	Tag       string
	// Published in [PublishedFrom, PublishedTo).
	PublishedFrom, PublishedTo time.Time
	// ScheduledBefore selects scheduled items due at or before it.
	ScheduledBefore time.Time
	Offset, Limit   int
}

// Attachment formats, detected from the content.
const (
	FormatODT   = "odt"
	FormatODS   = "ods"
	FormatODP   = "odp"
	FormatODG   = "odg"
	FormatPDF   = "pdf"
	FormatPNG   = "png"
	FormatJPEG  = "jpeg"
	FormatWebP  = "webp"
	FormatGIF   = "gif"
	FormatDOCX  = "docx"
	FormatXLSX  = "xlsx"
	FormatPPTX  = "pptx"
	FormatDOC   = "doc" // and xls, ppt: OLE2 compound files
	FormatZIP   = "zip"
	FormatText  = "txt"
	FormatOther = "other"
)

// Attachment is an uploaded file, stored outside any web root under a random
// name in the data folder (files/), served as a download with a safe name.
type Attachment struct {
	ID         int64
	StoredName string // random, 32 hex digits; the file is files/<StoredName>
	Name       string // the safe download name (from the uploaded name, extension of the detected format)
	Format     string // detected from the content: FormatODT, ...
	MIME       string
	Size       int64
	SHA256     string
	// Flagged: not an open document format (ODF, PDF) nor an image; the
	// reviewer sees the reason.
	Flagged    bool
	FlagReason string
	UploadedBy int64
	UploadedAt time.Time
}

// IsImage says whether the attachment is an image.
func (a *Attachment) IsImage() bool {
	return a.IsCover() || a.Format == FormatGIF
}

// IsCover says whether the attachment can be an item's cover: a PNG, JPEG
// or WebP image (by content), what every browser shows.
func (a *Attachment) IsCover() bool {
	switch a.Format {
	case FormatPNG, FormatJPEG, FormatWebP:
		return true
	}
	return false
}
