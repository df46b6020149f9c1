// Package business reads the province's enterprise register as the
// business-registration office exports it (xlsx or csv, one row per
// enterprise or dependent unit) and turns it into validated Enterprise
// records, each resolved to both generations of administrative units.
package business

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Quarter is a calendar quarter, written 2025Q3.
type Quarter struct {
	Year int
	Q    int // 1..4
}

// ParseQuarter reads "2025Q3" (also "2025-Q3", "Q3/2025", "quý 3/2025").
func ParseQuarter(s string) (Quarter, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.NewReplacer("QUÝ", "Q", "QUY", "Q", " ", "", "-", "", "/", "").Replace(t)
	var q Quarter
	switch {
	case len(t) == 6 && t[4] == 'Q': // 2025Q3
		q.Year, _ = strconv.Atoi(t[:4])
		q.Q = int(t[5] - '0')
	case len(t) == 6 && t[0] == 'Q': // Q32025
		q.Q = int(t[1] - '0')
		q.Year, _ = strconv.Atoi(t[2:])
	}
	if q.Year < 1990 || q.Year > 2100 || q.Q < 1 || q.Q > 4 {
		return Quarter{}, fmt.Errorf("quý không hợp lệ %q, cần dạng 2025Q3 / bad quarter %q, want the form 2025Q3", s, s)
	}
	return q, nil
}

// QuarterOf is the quarter a date falls in.
func QuarterOf(t time.Time) Quarter { return Quarter{t.Year(), (int(t.Month())-1)/3 + 1} }

func (q Quarter) String() string { return fmt.Sprintf("%dQ%d", q.Year, q.Q) }

// IsZero reports whether q is unset.
func (q Quarter) IsZero() bool { return q.Year == 0 }

// Start is the quarter's first day.
func (q Quarter) Start() time.Time {
	return time.Date(q.Year, time.Month(3*(q.Q-1)+1), 1, 0, 0, 0, 0, time.UTC)
}

// End is the quarter's last day.
func (q Quarter) End() time.Time { return q.Start().AddDate(0, 3, -1) }

// Next is the following quarter.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{q.Year + 1, 1}
	}
	return Quarter{q.Year, q.Q + 1}
}

// Before orders quarters.
func (q Quarter) Before(o Quarter) bool {
	return q.Year < o.Year || q.Year == o.Year && q.Q < o.Q
}

// Kind is what a file lists.
type Kind string

const (
	// Snapshot is the whole register at quarter end.
	Snapshot Kind = "snapshot"
	// New lists the quarter's new registrations; it adds to the register and
	// its silence about an enterprise implies nothing.
	New Kind = "new"
)

// ParseKind reads a --kind flag value.
func ParseKind(s string) (Kind, error) {
	switch Kind(strings.ToLower(strings.TrimSpace(s))) {
	case Snapshot:
		return Snapshot, nil
	case New:
		return New, nil
	}
	return "", fmt.Errorf("loại danh sách không hợp lệ %q (snapshot|new) / bad list kind %q, want snapshot or new", s, s)
}

// Date2025Reform is the day districts were abolished and provinces merged.
var Date2025Reform = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)

// Location is an address resolved to both generations of units. Codes are
// GSO codes as text (2, 3 and 5 digits); empty where it cannot be resolved
// (the loader reports every such case).
type Location struct {
	ProvinceCodePre2025 string
	DistrictCode        string // pre-2025 district (districts were abolished in 2025)
	CommuneCodePre2025  string
	ProvinceCode2025    string
	CommuneCode2025     string
}

// Enterprise is one validated row of a register file. Personal data
// (Representative, Phone, Email) is kept in the warehouse's private table
// and never reaches public views or exports.
type Enterprise struct {
	Row          int    // 0-based row in the sheet, for messages
	TaxCode      string // 10 digits, or 10 digits + "-" + 3 digits for a dependent unit
	Name         string
	ForeignName  string
	ShortName    string
	LegalForm    string    // key of sql/ref/business_legal_forms.csv
	RegisteredOn time.Time // date only, UTC
	ChangedOn    time.Time // zero if the file has none
	Address      string
	CommuneText  string // address parts as written in the file
	DistrictText string
	ProvinceText string
	Location     Location
	CapitalVND   int64
	HasCapital   bool
	VSICCode     string // level-4 code, 4 digits
	VSICSection  string // A..U
	Status       string // key of sql/ref/business_statuses.csv
	// Personal data: never public.
	Representative string
	Phone          string
	Email          string
}

// Severity of a Problem.
type Severity string

const (
	// Reject problems refuse the whole file.
	Reject Severity = "error"
	// Warn problems are recorded in the ingest log; the row loads.
	Warn Severity = "warning"
)

// Problem codes: stable names for what was wrong, used in the ingest log
// and in tests.
const (
	ProbTaxCode         = "tax_code_format"
	ProbTaxCodeRecover  = "tax_code_leading_zero"
	ProbDuplicate       = "duplicate_tax_code"
	ProbDate            = "bad_date"
	ProbDateOrder       = "date_order"
	ProbFutureDate      = "date_after_quarter"
	ProbLegalForm       = "unknown_legal_form"
	ProbStatus          = "unknown_status"
	ProbVSIC            = "unknown_vsic"
	ProbCapital         = "bad_capital"
	ProbMissing         = "missing_value"
	ProbAddress         = "unresolved_address"
	ProbAddressPartial  = "address_ambiguous_2025"
	ProbNotInRegister   = "outside_province"
	ProbHeader          = "header"
	ProbQuarter         = "quarter"
	ProbNewListNotNew   = "new_list_old_registration"
	ProbVSICNameMismach = "vsic_name_mismatch"
)

// Problem is one finding about one cell. Row and Col are 0-based, -1 when not
// about one row or column.
type Problem struct {
	Severity Severity
	Code     string
	Sheet    string
	Row      int
	Col      int
	Value    string
	Reason   string // Vietnamese first, then " / " and English
}
