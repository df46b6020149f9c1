// Package demo writes the SAMPLE editorial content of `dpi demo` into a
// content store: news items and press releases of the three portals,
// library documents, a staff directory, public feedback with its answer, a
// directly published trusted-source item and a scheduled item.
//
// Everything goes through the domain services (portal/auth for the sample
// accounts, portal/content for the rest), never raw SQL: the workflow's
// rules (submit → approve by a reviewer who is not the author → publish)
// and the audit log apply as to any editor. Every row is created with the
// Sample flag, which pages, feeds and admin pages show as a "Mẫu / Sample"
// badge and backups keep.
//
// The sample accounts (author, reviewer, office) are created without a
// password, activated by the operator only to write the content, and
// disabled at the end: the demo leaves no account anyone can sign in with.
package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
)

// Outcome says what Seed did.
type Outcome string

const (
	// Seeded: the store had no content; the sample content was written.
	Seeded Outcome = "seeded"
	// Unchanged: the store already holds the sample content (and nothing else).
	Unchanged Outcome = "unchanged"
	// SkippedReal: the store holds the department's own content; nothing written.
	SkippedReal Outcome = "skipped"
)

// Result is what Seed reports.
type Result struct {
	Outcome   Outcome
	Items     int // published, direct and scheduled items written
	Documents int
	Staff     int
	Feedback  int
	Accounts  []string // the sample accounts' addresses (disabled)
	// RealAccounts: the store has accounts of people (the first
	// administrator exists).
	RealAccounts bool
}

// Disclaimer opens every sample item's body, so the text says what it is
// wherever it is copied to (the feed's content included).
const Disclaimer = "> **Bài mẫu** do lệnh `dpi demo` tạo để giới thiệu sản phẩm: nội dung hư cấu, không phải thông tin chính thức của Sở.  \n" +
	"> *Sample article written by `dpi demo` to show the product: invented, not official information.*\n\n"

// ScheduleAfter is how far in the future the sample scheduled item is due.
const ScheduleAfter = 7 * 24 * time.Hour

// Seed writes the sample content unless the store holds content already:
// the department's own (SkippedReal: never touched) or the sample content
// of an earlier run (Unchanged). actor is the operator (content.System).
func Seed(ctx context.Context, store content.Store, actor content.Actor) (*Result, error) {
	svc := content.NewService(store, nil)
	au := auth.New(store)
	var counts content.SampleCounts
	var people int
	err := store.View(ctx, func(tx content.Tx) error {
		var err error
		if counts, err = tx.SampleCounts(); err != nil {
			return err
		}
		people, err = tx.CountAccounts()
		return err
	})
	if err != nil {
		return nil, err
	}
	res := &Result{RealAccounts: people > 0}
	switch {
	case counts.Other > 0:
		res.Outcome = SkippedReal
		return res, nil
	case counts.Sample > 0 || counts.SampleAccounts > 0:
		res.Outcome = Unchanged
		return res, nil
	}
	s := &seeder{ctx: ctx, store: store, svc: svc, au: au, op: actor, res: res}
	if err := s.run(); err != nil {
		// Whatever was written stays marked as sample; the accounts, which
		// never had a password, are disabled all the same.
		s.disableAccounts()
		return nil, fmt.Errorf("dpi demo: sample content: %w", err)
	}
	res.Outcome = Seeded
	return res, nil
}

type seeder struct {
	ctx   context.Context
	store content.Store
	svc   *content.Service
	au    *auth.Service
	op    content.Actor
	res   *Result

	author, reviewer, office content.Actor
	accounts                 []int64
	portals                  map[string]int64
}

func (s *seeder) run() error {
	if err := s.loadPortals(); err != nil {
		return err
	}
	if err := s.createAccounts(); err != nil {
		return err
	}
	for _, step := range []func() error{s.items, s.directItem, s.scheduledItem, s.documents, s.directory, s.feedback} {
		if err := step(); err != nil {
			return err
		}
	}
	// The accounts only wrote the content: disabled, they never sign in.
	for len(s.accounts) > 0 {
		if _, err := s.au.DisableAccount(s.ctx, s.op, s.accounts[0]); err != nil {
			return err
		}
		s.accounts = s.accounts[1:]
	}
	return nil
}

// disableAccounts disables the sample accounts not disabled yet (after an
// error: best effort).
func (s *seeder) disableAccounts() {
	for _, id := range s.accounts {
		s.au.DisableAccount(s.ctx, s.op, id)
	}
	s.accounts = nil
}

func (s *seeder) loadPortals() error {
	s.portals = map[string]int64{}
	return s.store.View(s.ctx, func(tx content.Tx) error {
		ps, err := tx.Portals()
		for _, p := range ps {
			s.portals[p.Key] = p.ID
		}
		return err
	})
}

// channel finds a portal's channel by its slug (the channels migration
// 0002 creates).
func (s *seeder) channel(portal, slug string) (int64, error) {
	var id int64
	err := s.store.View(s.ctx, func(tx content.Tx) error {
		ch, err := tx.ChannelBySlug(s.portals[portal], slug)
		if err != nil {
			return err
		}
		id = ch.ID
		return nil
	})
	return id, err
}

// sampleAccount is one of the sample editors. Their addresses are on the
// reserved example.invalid domain: no mail ever reaches anyone.
type sampleAccount struct {
	name, email string
	roles       []content.Role
	reviews     bool // reviewer of every channel the sample items use
}

var sampleAccounts = []sampleAccount{
	{"Nguyễn Văn Mẫu", "tacgia.mau@example.invalid", []content.Role{content.RoleContributor}, false},
	{"Trần Thị Mẫu", "bientap.mau@example.invalid", []content.Role{content.RoleReviewer}, true},
	{"Lê Minh Mẫu", "quantri.mau@example.invalid", []content.Role{content.RoleAdministrator}, false},
}

func (s *seeder) createAccounts() error {
	var chans []int64
	for _, it := range sampleItems {
		id, err := s.channel(it.portal, it.channel)
		if err != nil {
			return err
		}
		chans = append(chans, id)
	}
	actors := []*content.Actor{&s.author, &s.reviewer, &s.office}
	for i, sa := range sampleAccounts {
		in := auth.NewAccount{Name: sa.name, Email: sa.email, Department: "Văn phòng Sở (mẫu / sample)", Roles: sa.roles, Sample: true}
		if sa.reviews {
			in.Channels = uniq(chans)
		}
		a, err := s.au.CreateAccount(s.ctx, s.op, in)
		if err != nil {
			return fmt.Errorf("account %s: %w", sa.email, err)
		}
		if a, err = s.au.ApproveAccount(s.ctx, s.op, a.ID); err != nil {
			return fmt.Errorf("account %s: %w", sa.email, err)
		}
		s.accounts = append(s.accounts, a.ID)
		s.res.Accounts = append(s.res.Accounts, a.Email)
		*actors[i] = content.Actor{AccountID: a.ID, Label: a.Email, IP: "dpi demo"}
	}
	return nil
}

func uniq(ids []int64) []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// items: written by the author, submitted, approved and published by the
// reviewer — the department's rule: nothing is published without the
// board's approval.
func (s *seeder) items() error {
	for i, si := range sampleItems {
		in, err := s.input(si)
		if err != nil {
			return err
		}
		it, err := s.svc.CreateItem(s.ctx, s.author, in)
		if err != nil {
			return fmt.Errorf("item %q: %w", si.title, err)
		}
		if i == 0 {
			// One item has a second revision, so the revisions page and
			// its diff have something to show.
			in.Summary += " Hội nghị diễn ra trong hai ngày."
			in.Note = "Bổ sung thời gian hội nghị / added the conference's length"
			if it, err = s.svc.SaveItem(s.ctx, s.author, it.ID, it.CurrentRevision, in); err != nil {
				return err
			}
		}
		if it, err = s.svc.Submit(s.ctx, s.author, it.ID); err != nil {
			return err
		}
		if it, err = s.svc.Approve(s.ctx, s.reviewer, it.ID, it.CurrentRevision); err != nil {
			return err
		}
		if _, err = s.svc.Publish(s.ctx, s.reviewer, it.ID); err != nil {
			return err
		}
		s.res.Items++
	}
	return nil
}

func (s *seeder) input(si sampleItem) (content.ItemInput, error) {
	ch, err := s.channel(si.portal, si.channel)
	if err != nil {
		return content.ItemInput{}, err
	}
	return content.ItemInput{ChannelID: ch, Kind: si.kind, Title: si.title, Summary: si.summary,
		Body: Disclaimer + si.body, Tags: append(slices.Clone(si.tags), "mẫu"), Lang: si.lang, Sample: true}, nil
}

// directItem: an item from a listed official source, posted directly by
// the office without the board's approval — it appears in the weekly
// report to the board.
func (s *seeder) directItem() error {
	var src int64
	err := s.store.View(s.ctx, func(tx content.Tx) error {
		all, err := tx.TrustedSources()
		for _, t := range all {
			if t.Active && t.Category == "province" && src == 0 {
				src = t.ID
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	if src == 0 {
		return fmt.Errorf("no active trusted source of category province")
	}
	in, err := s.input(directItem)
	if err != nil {
		return err
	}
	in.SourceID, in.SourceURL = src, "https://example.invalid/tin-mau/ke-hoach-cai-thien-moi-truong-kinh-doanh"
	it, err := s.svc.CreateItem(s.ctx, s.office, in)
	if err != nil {
		return err
	}
	if _, err := s.svc.PublishDirect(s.ctx, s.office, it.ID); err != nil {
		return err
	}
	s.res.Items++
	return nil
}

// scheduledItem: approved and scheduled by the reviewer; the server's
// scheduler publishes it when it is due.
func (s *seeder) scheduledItem() error {
	in, err := s.input(scheduledItem)
	if err != nil {
		return err
	}
	it, err := s.svc.CreateItem(s.ctx, s.author, in)
	if err != nil {
		return err
	}
	if it, err = s.svc.Submit(s.ctx, s.author, it.ID); err != nil {
		return err
	}
	at := time.Now().Add(ScheduleAfter).Truncate(time.Hour)
	if _, err := s.svc.Schedule(s.ctx, s.reviewer, it.ID, it.CurrentRevision, at); err != nil {
		return err
	}
	s.res.Items++
	return nil
}

func (s *seeder) documents() error {
	for _, d := range sampleDocuments {
		in := d.in
		in.PortalID = s.portals[d.portal]
		in.Sample = true
		if _, err := s.svc.CreateDocument(s.ctx, s.office, in); err != nil {
			return fmt.Errorf("document %s: %w", in.Number, err)
		}
		s.res.Documents++
	}
	return nil
}

func (s *seeder) directory() error {
	for i, u := range sampleUnits {
		unit := &content.StaffUnit{Name: u.name, Phone: u.phone, Email: u.email, Position: i + 1, Sample: true}
		if err := s.svc.SaveStaffUnit(s.ctx, s.office, unit); err != nil {
			return fmt.Errorf("unit %s: %w", u.name, err)
		}
		for j, p := range u.staff {
			// No address given: the department's convention makes it
			// (hodemten-skhdt@laocai.gov.vn), as for any entry.
			if _, err := s.svc.CreateStaff(s.ctx, s.office, content.StaffInput{UnitID: unit.ID, FullName: p.name,
				Title: p.title, Phone: p.phone, Position: j + 1, Sample: true}); err != nil {
				return fmt.Errorf("staff %s: %w", p.name, err)
			}
			s.res.Staff++
		}
	}
	return nil
}

// feedback: a question sent through the business portal's public form,
// answered and published by the office.
func (s *seeder) feedback() error {
	for _, f := range sampleFeedback {
		in := f.in
		in.PortalID = s.portals[f.portal]
		in.Sample = true
		fb, err := s.svc.SubmitFeedback(s.ctx, "dpi demo", in)
		if err != nil {
			return err
		}
		if _, err := s.svc.AnswerFeedback(s.ctx, s.office, fb.ID, f.answer, true); err != nil {
			return err
		}
		s.res.Feedback++
	}
	return nil
}
