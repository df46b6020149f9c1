package content

import "time"

// Portal keys: the department's three portals.
const (
	PortalDepartment = "department" // Cổng thông tin điện tử Sở KH&ĐT
	PortalBusiness   = "business"   // Cổng hỗ trợ doanh nghiệp
	PortalPCI        = "pci"        // Cổng thông tin PCI
)

// Portal is one of the department's public portals. A request is routed to a
// portal by Host (when set) or by PathPrefix.
type Portal struct {
	ID         int64
	Key        string // department | business | pci
	NameVI     string
	NameEN     string
	Host       string // e.g. "doanhnghiep.laocai.gov.vn"; "" = any host
	PathPrefix string // e.g. "/doanh-nghiep"; "" = the root
}

// Channel kinds say what a channel's page shows.
const (
	ChannelNews      = "news"      // a list of items (news, press releases, articles)
	ChannelPage      = "page"      // one standing page (introduction, contacts), kept as items too
	ChannelDocuments = "documents" // the document library, filtered
	ChannelDirectory = "directory" // the staff directory
	ChannelFeedback  = "feedback"  // the public feedback form and answers
	ChannelData      = "data"      // a dashboard of the warehouse (path in Target)
	ChannelLink      = "link"      // a menu entry to another URL (Target)
)

// Channel is a section of a portal's menu (chuyên mục).
type Channel struct {
	ID       int64
	PortalID int64
	Slug     string // unique within the portal, used in URLs
	NameVI   string
	NameEN   string
	Kind     string // ChannelNews, ChannelPage, ...
	Target   string // for data and link channels: the path or URL
	Position int
	Hidden   bool
}

// TrustedSource is an official source whose items an administrator may post
// directly, without the board's approval (DESIGN.md, "the department's
// rules"); every such item appears in the weekly report to the board.
type TrustedSource struct {
	ID       int64
	Name     string // "Cổng thông tin điện tử Chính phủ"
	Category string // government | party | ministry | legal | procedure | province | newspaper | business_data
	URL      string
	Active   bool
}

// Notification is a message to one account (an item was rejected, sent back,
// published).
type Notification struct {
	ID        int64
	AccountID int64
	ItemID    int64
	Kind      string // rejected | sent_back | approved | published
	Message   string
	CreatedAt time.Time
	ReadAt    time.Time
}

// AuditEvent is one line of the audit log: who, when, from where, what.
type AuditEvent struct {
	ID         int64
	Time       time.Time
	AccountID  int64  // 0 for the system or an unknown account (failed login)
	Actor      string // label: the account's email, or "cli:root", "scheduler"
	IP         string
	Action     string // "item.approve", "login.failure", "account.disable", "upload", "export", ...
	ObjectType string // "item", "account", "attachment", "document", ...
	ObjectID   int64
	Detail     string // human-readable: "revision 3", "reason: ...", "late by 2h0m"
}

// AuditFilter selects audit events; zero fields select all. Newest first.
type AuditFilter struct {
	ObjectType string
	ObjectID   int64
	AccountID  int64
	Action     string // exact, or a prefix ending in '.' ("item.")
	Since      time.Time
	Limit      int
}
