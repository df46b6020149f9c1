package content

import (
	"slices"
	"strings"
	"time"
)

// Role is what an account may do. An account may hold several roles.
type Role string

const (
	// RoleContributor is a department's staff member: writes items and
	// submits them for review.
	RoleContributor Role = "contributor"
	// RoleReviewer is an editorial-board leader assigned to channels: approves,
	// rejects, schedules and publishes items of those channels.
	RoleReviewer Role = "reviewer"
	// RoleAdministrator is the office: accounts, channels, trusted sources,
	// direct publishing of trusted-source items, the library and directory.
	RoleAdministrator Role = "administrator"
	// RoleDirector approves new accounts.
	RoleDirector Role = "director"
)

// Roles lists every role, in the order pages show them.
var Roles = []Role{RoleContributor, RoleReviewer, RoleAdministrator, RoleDirector}

// ParseRole accepts a role's name ("reviewer") in any case.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Roles, r) {
		return r, nil
	}
	return "", Errorf(EINVALID, "Vai trò không hợp lệ: %q (contributor, reviewer, administrator, director)",
		"Unknown role %q (contributor, reviewer, administrator, director)", s)
}

// AccountStatus is where an account is in its life.
type AccountStatus string

const (
	// AccountPending: created by the office, waiting for the director's
	// approval; cannot sign in.
	AccountPending AccountStatus = "pending"
	// AccountActive can sign in.
	AccountActive AccountStatus = "active"
	// AccountDisabled cannot sign in; its sessions were ended.
	AccountDisabled AccountStatus = "disabled"
)

// Account is one person's account (accounts are personal, never shared).
type Account struct {
	ID         int64
	Name       string
	Email      string // lower case; unique
	Department string // the unit the person works in, for the monthly report
	Roles      []Role
	// Channels the account reviews (meaningful with RoleReviewer).
	Channels []int64
	Status   AccountStatus

	PasswordHash      string `json:"-"` // PHC string (argon2id)
	PasswordChangedAt time.Time

	CreatedAt  time.Time
	CreatedBy  string // the actor's label
	ApprovedAt time.Time
	ApprovedBy int64 // the director's account; 0 for the bootstrap administrator
	DisabledAt time.Time
	// Sample: an author of `dpi demo`'s sample content. It has no password,
	// cannot sign in and is not the store's first (bootstrap) account.
	Sample bool
}

// Has says whether the account holds role r.
func (a *Account) Has(r Role) bool { return a != nil && slices.Contains(a.Roles, r) }

// Reviews says whether the account is a reviewer assigned to channel ch.
func (a *Account) Reviews(ch int64) bool {
	return a.Has(RoleReviewer) && slices.Contains(a.Channels, ch)
}

// Active says whether the account may act now.
func (a *Account) Active() bool { return a != nil && a.Status == AccountActive }

// AccountFilter selects accounts; zero fields select all.
type AccountFilter struct {
	Status AccountStatus
	Role   Role
}

// NormalizeEmail lower-cases and trims an address; it does not validate.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidEmail is a deliberately plain check: one @, something on both sides,
// a dot in the domain, no spaces.
func ValidEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && at == strings.LastIndexByte(s, '@') && strings.Contains(s[at+1:], ".") &&
		!strings.ContainsAny(s, " \t\r\n<>\"',;") && len(s) <= 254
}

// Session is a signed-in browser. The ID handed to the browser is never
// stored: only its SHA-256 (Hash).
type Session struct {
	Hash      string // hex SHA-256 of the token
	AccountID int64
	CreatedAt time.Time
	LastSeen  time.Time
	ExpiresAt time.Time
	IP        string
	UserAgent string
}

// Actor is who does something: a signed-in account (AccountID), an
// anonymous visitor (AccountID 0), or the system — the operator's command
// line, the scheduler — made only by System.
type Actor struct {
	AccountID int64
	Label     string // for the system: "cli:root", "scheduler"; for accounts, the email
	IP        string // the client address, "" for the system
	system    bool
}

// System returns the actor for work the operator or the server itself does.
// It passes administrator checks: only code the operator runs may use it.
func System(label string) Actor { return Actor{Label: label, system: true} }

// Anonymous is a visitor who is not signed in.
func Anonymous(ip string) Actor { return Actor{Label: "anonymous", IP: ip} }

// IsSystem says whether the actor is the system, not an account.
func (a Actor) IsSystem() bool { return a.system }
