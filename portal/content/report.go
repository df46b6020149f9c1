package content

import (
	"context"
	"sort"
	"time"
)

// MinNewsPerMonth is the rules' minimum of news items a month per portal.
const MinNewsPerMonth = 2

// BusinessDataMaxAge is the rules' refresh interval of the business data
// (judged by the caller's BusinessFreshness).
const BusinessDataMaxAge = 3 // months

// WeekStart is Monday 00:00 ICT of t's week, in UTC.
func WeekStart(t time.Time) time.Time {
	l := t.In(ICT)
	d := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, ICT)
	d = d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	return d.UTC()
}

// WeeklyItem is one directly published trusted-source item.
type WeeklyItem struct {
	Item        *Item
	Portal      string
	Channel     string
	Source      string
	SourceURL   string
	PublishedBy string
}

// WeeklyReport lists the items the administrators published directly from
// trusted sources in [From, To): what the board must be told each week.
type WeeklyReport struct {
	From, To time.Time
	Items    []WeeklyItem
}

// WeeklyTrustedReport is the report for the week starting at WeekStart(week).
func (s *Service) WeeklyTrustedReport(ctx context.Context, actor Actor, week time.Time) (*WeeklyReport, error) {
	r := &WeeklyReport{From: WeekStart(week)}
	r.To = r.From.AddDate(0, 0, 7)
	direct := true
	err := s.Store.View(ctx, func(tx Tx) error {
		if err := boardOrOffice(tx, actor); err != nil {
			return err
		}
		items, err := tx.Items(ItemFilter{Direct: &direct, PublishedFrom: r.From, PublishedTo: r.To,
			States: []State{StatePublished, StateArchived, StateInReview}})
		if err != nil {
			return err
		}
		names := namer{tx: tx}
		for i := len(items) - 1; i >= 0; i-- { // oldest first
			it := items[i]
			w := WeeklyItem{Item: it, Portal: names.portal(it.PortalID), Channel: names.channel(it.ChannelID),
				SourceURL: it.SourceURL, PublishedBy: names.account(it.PublishedBy)}
			if src, err := tx.TrustedSource(it.SourceID); err == nil {
				w.Source = src.Name
			}
			r.Items = append(r.Items, w)
		}
		return names.err
	})
	return r, err
}

type namer struct {
	tx       Tx
	err      error
	portals  map[int64]string
	channels map[int64][2]string // Vietnamese and English names
	accounts map[int64]*Account
}

func (n *namer) portal(id int64) string {
	if n.portals == nil {
		n.portals = map[int64]string{}
		ps, err := n.tx.Portals()
		if err != nil {
			n.err = err
		}
		for _, p := range ps {
			n.portals[p.ID] = p.NameVI
		}
	}
	return n.portals[id]
}

func (n *namer) channel(id int64) string {
	vi, _ := n.channelNames(id)
	return vi
}

// channelNames are a channel's Vietnamese and English names.
func (n *namer) channelNames(id int64) (vi, en string) {
	if n.channels == nil {
		n.channels = map[int64][2]string{}
		cs, err := n.tx.Channels(0)
		if err != nil {
			n.err = err
		}
		for _, c := range cs {
			n.channels[c.ID] = [2]string{c.NameVI, c.NameEN}
		}
	}
	names := n.channels[id]
	return names[0], names[1]
}

func (n *namer) acct(id int64) *Account {
	if n.accounts == nil {
		n.accounts = map[int64]*Account{}
	}
	if a, ok := n.accounts[id]; ok {
		return a
	}
	a, err := n.tx.Account(id)
	if err != nil {
		a = nil
	}
	n.accounts[id] = a
	return a
}

func (n *namer) account(id int64) string {
	if id == 0 {
		return "scheduler"
	}
	if a := n.acct(id); a != nil {
		return a.Name
	}
	return ""
}

// UnknownDepartment counts the items of authors with no department.
const UnknownDepartment = "(không rõ / unknown)"

// Count is a named count.
type Count struct {
	Name  string
	EN    string // the English name, when the thing has one (channels)
	Count int
}

// PortalMonth is one portal's month.
type PortalMonth struct {
	Portal           *Portal
	Published        int // items published in the month
	News             int // of which news items
	PressReleases    int
	Direct           int // posted directly from trusted sources
	Late             int // scheduled items published late
	Channels         []Count
	FeedbackReceived int
	FeedbackAnswered int // of those received in the month, answered since
	// NewsBehind: fewer than MinNewsPerMonth news items.
	NewsBehind bool
}

// MonthlyReport is the month's information provided, per portal, channel
// and department, feedback received and answered, and the rules' minimums.
type MonthlyReport struct {
	Month       string
	From, To    time.Time // UTC
	Portals     []*PortalMonth
	Departments []Count // items published, by the author's department
	// Business-registration data: the date the warehouse's latest quarter
	// covers, and Behind when the department's 3-month refresh rule is not
	// met at the end of the month (or now), as BusinessFreshness judges.
	BusinessDataAsOf  time.Time
	BusinessDataKnown bool
	BusinessBehind    bool
}

// BusinessFreshness judges the warehouse's business-registration data at a
// moment by the department's refresh rule (the business dashboard's rule,
// dashboards.FreshnessAt, so the report and the dashboard never disagree):
// the last day the data cover, whether any is loaded, and whether it is
// overdue. The content store knows no warehouse; the caller passes this.
type BusinessFreshness func(at time.Time) (asOf time.Time, known, overdue bool)

// MonthlyReport builds the report of month ("2026-03", ICT). biz judges
// the business data (nil: no warehouse; the rule then counts as not met).
func (s *Service) MonthlyReport(ctx context.Context, actor Actor, month string, biz BusinessFreshness) (*MonthlyReport, error) {
	from, to, err := MonthRange(month)
	if err != nil {
		return nil, err
	}
	r := &MonthlyReport{Month: month, From: from, To: to}
	// Judged at the month's end (or now, for the current month).
	at := to.Add(-time.Nanosecond)
	if now := s.now(); now.Before(at) {
		at = now
	}
	overdue := true
	if biz != nil {
		r.BusinessDataAsOf, r.BusinessDataKnown, overdue = biz(at)
	}
	r.BusinessBehind = !r.BusinessDataKnown || overdue
	err = s.Store.View(ctx, func(tx Tx) error {
		if err := boardOrOffice(tx, actor); err != nil {
			return err
		}
		portals, err := tx.Portals()
		if err != nil {
			return err
		}
		names := namer{tx: tx}
		depts := map[string]int{}
		for _, p := range portals {
			pm := &PortalMonth{Portal: p}
			items, err := tx.Items(ItemFilter{PortalID: p.ID, PublishedFrom: from, PublishedTo: to,
				States: []State{StatePublished, StateArchived, StateInReview}})
			if err != nil {
				return err
			}
			chans, chanEN := map[string]int{}, map[string]string{}
			for _, it := range items {
				if it.PublishedAt.IsZero() {
					continue
				}
				pm.Published++
				switch it.Kind {
				case KindNews:
					pm.News++
				case KindPressRelease:
					pm.PressReleases++
				}
				if it.Direct {
					pm.Direct++
				}
				if it.PublishedLate {
					pm.Late++
				}
				vi, en := names.channelNames(it.ChannelID)
				chans[vi]++
				chanEN[vi] = en
				dept := UnknownDepartment
				if a := names.acct(it.AuthorID); a != nil && a.Department != "" {
					dept = a.Department
				}
				depts[dept]++
			}
			pm.Channels = sortedCounts(chans)
			for i := range pm.Channels {
				pm.Channels[i].EN = chanEN[pm.Channels[i].Name]
			}
			pm.NewsBehind = pm.News < MinNewsPerMonth
			fbs, err := tx.Feedbacks(FeedbackFilter{PortalID: p.ID, ReceivedFrom: from, ReceivedTo: to})
			if err != nil {
				return err
			}
			for _, f := range fbs {
				pm.FeedbackReceived++
				if !f.AnsweredAt.IsZero() {
					pm.FeedbackAnswered++
				}
			}
			r.Portals = append(r.Portals, pm)
		}
		r.Departments = sortedCounts(depts)
		return names.err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

func sortedCounts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{Name: k, Count: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out
}
