package content_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/portal/content"
)

// TestPermissionMatrix walks every role × owner/not owner × action × state
// through content.Can and compares with the rules written out a second
// time, independently, as the sets of who may act.
func TestPermissionMatrix(t *testing.T) {
	const news, other = 10, 20
	acct := func(id int64, roles []content.Role, chans ...int64) *content.Account {
		return &content.Account{ID: id, Status: content.AccountActive, Roles: roles, Channels: chans}
	}
	C, R, A, D := content.RoleContributor, content.RoleReviewer, content.RoleAdministrator, content.RoleDirector
	actors := map[string]*content.Account{
		"author":                 acct(1, []content.Role{C}),
		"contributor":            acct(2, []content.Role{C}),
		"reviewer":               acct(3, []content.Role{R}, news),
		"reviewer-other-channel": acct(4, []content.Role{R}, other),
		"author-reviewer":        acct(1, []content.Role{C, R}, news), // the author, also reviewer of the channel
		"administrator":          acct(5, []content.Role{A}),
		"author-administrator":   acct(1, []content.Role{C, A}),
		"director":               acct(6, []content.Role{D}),
		"pending-reviewer":       {ID: 7, Status: content.AccountPending, Roles: []content.Role{R}, Channels: []int64{news}},
		"disabled-administrator": {ID: 8, Status: content.AccountDisabled, Roles: []content.Role{A}},
	}
	// who may take each action from a state it starts from.
	authors := []string{"author", "author-reviewer", "author-administrator"}
	chanReviewers := []string{"reviewer", "author-reviewer"}
	who := map[content.Action][]string{
		content.ActionSubmit:        authors,
		content.ActionWithdraw:      authors,
		content.ActionApprove:       {"reviewer"},
		content.ActionReject:        {"reviewer"},
		content.ActionSchedule:      {"reviewer"},
		content.ActionUnschedule:    chanReviewers,
		content.ActionPublish:       chanReviewers,
		content.ActionSendBack:      {"reviewer", "author-reviewer", "administrator", "author-administrator"},
		content.ActionArchive:       {"reviewer", "author-reviewer", "administrator", "author-administrator"},
		content.ActionPublishDirect: {"administrator", "author-administrator"},
	}
	states := []content.State{content.StateDraft, content.StateInReview, content.StateApproved,
		content.StateScheduled, content.StatePublished, content.StateArchived}
	checked := 0
	for _, withSource := range []bool{false, true} {
		for _, st := range states {
			it := &content.Item{ID: 99, ChannelID: news, AuthorID: 1, RevisedBy: 1, State: st}
			if withSource {
				it.SourceID = 3
			}
			for name, a := range actors {
				for _, act := range content.WorkflowActions {
					err := content.Can(a, act, it)
					var want string // "" allowed, else the code
					switch {
					case !a.Active():
						want = content.EFORBIDDEN
					case act == content.ActionEdit:
						switch st {
						case content.StateDraft:
							if !slices.Contains(authors, name) {
								want = content.EFORBIDDEN
							}
						case content.StatePublished, content.StateArchived:
							want = content.ECONFLICT
						default:
							if !slices.Contains(authors, name) && !slices.Contains(chanReviewers, name) {
								want = content.EFORBIDDEN
							}
						}
					case !slices.Contains(content.Transitions[act].From, st):
						want = content.ECONFLICT
					case act == content.ActionPublishDirect && !withSource:
						want = content.EFORBIDDEN
					case !slices.Contains(who[act], name):
						want = content.EFORBIDDEN
					}
					if got := content.ErrorCode(err); got != want {
						t.Errorf("%s %s item (state %s, source %v): got %q (%v), want %q", name, act, st, withSource, got, err, want)
					}
					checked++
				}
			}
		}
	}
	// Creating.
	for name, a := range actors {
		err := content.Can(a, content.ActionCreate, nil)
		want := a.Active() && (a.Has(C) || a.Has(A))
		if (err == nil) != want {
			t.Errorf("%s create: %v", name, err)
		}
	}
	// Whoever saved the revision under review cannot approve it either.
	it := &content.Item{ChannelID: news, AuthorID: 1, RevisedBy: 3, State: content.StateInReview}
	wantCode(t, content.Can(actors["reviewer"], content.ActionApprove, it), content.EFORBIDDEN)
	wantCode(t, content.Can(actors["reviewer"], content.ActionSchedule, it), content.EFORBIDDEN)
	if err := content.Can(actors["reviewer"], content.ActionReject, it); err != nil {
		t.Error("a reviewer who edited may still reject:", err)
	}
	if checked < 1000 {
		t.Fatalf("only %d combinations checked", checked)
	}
}

// TestWorkflowThroughService runs the rules through the store: each
// transition checked in its transaction, reasons, notifications, approval
// tied to the revision, audit rows for each step.
func TestWorkflowThroughService(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	it := e.draft(e.writer, "Hội nghị xúc tiến đầu tư 2026")
	if it.State != content.StateDraft || it.CurrentRevision != 1 {
		t.Fatalf("new item: %+v", it)
	}
	// Nobody but the author submits.
	_, err := e.svc.Submit(ctx, actorOf(e.writer2), it.ID)
	wantCode(t, err, content.EFORBIDDEN)
	// Reviewers cannot approve a draft.
	_, err = e.svc.Approve(ctx, actorOf(e.reviewer), it.ID, 1)
	wantCode(t, err, content.ECONFLICT)
	it = must[*content.Item](t)(e.svc.Submit(ctx, actorOf(e.writer), it.ID))
	// The author cannot approve; a reviewer of another channel cannot.
	_, err = e.svc.Approve(ctx, actorOf(e.writer), it.ID, 1)
	wantCode(t, err, content.EFORBIDDEN)
	_, err = e.svc.Approve(ctx, actorOf(e.otherReviewer), it.ID, 1)
	wantCode(t, err, content.EFORBIDDEN)
	// A rejection needs a reason.
	_, err = e.svc.Reject(ctx, actorOf(e.reviewer), it.ID, "   ")
	wantCode(t, err, content.EINVALID)
	reason := "Thiếu số liệu vốn đăng ký; bổ sung nguồn."
	it = must[*content.Item](t)(e.svc.Reject(ctx, actorOf(e.reviewer), it.ID, reason))
	if it.State != content.StateDraft || it.RejectReason != reason {
		t.Fatalf("after reject: %s %q", it.State, it.RejectReason)
	}
	notes := must[[]*content.Notification](t)(e.svc.Notifications(ctx, actorOf(e.writer), true))
	if len(notes) == 0 || notes[0].Kind != "rejected" || notes[0].Message != reason || notes[0].ItemID != it.ID {
		t.Fatalf("author's notifications: %+v", notes)
	}
	// The author revises and resubmits.
	it = must[*content.Item](t)(e.svc.SaveItem(ctx, actorOf(e.writer), it.ID, 1, content.ItemInput{ChannelID: e.news,
		Title: "Hội nghị xúc tiến đầu tư 2026", Summary: "Tóm tắt", Body: "Dòng một\nVốn đăng ký 1.200 tỷ đồng\nDòng hai\n"}))
	if it.CurrentRevision != 2 {
		t.Fatalf("revision %d", it.CurrentRevision)
	}
	// A save from a stale form is refused.
	_, err = e.svc.SaveItem(ctx, actorOf(e.writer), it.ID, 1, content.ItemInput{ChannelID: e.news, Title: "x"})
	wantCode(t, err, content.ECONFLICT)
	it = must[*content.Item](t)(e.svc.Submit(ctx, actorOf(e.writer), it.ID))
	// Approval names the revision read: an old one is refused.
	_, err = e.svc.Approve(ctx, actorOf(e.reviewer), it.ID, 1)
	wantCode(t, err, content.ECONFLICT)
	it = must[*content.Item](t)(e.svc.Approve(ctx, actorOf(e.reviewer), it.ID, 2))
	if it.State != content.StateApproved || it.ApprovedRevision != 2 || it.ApprovedBy != e.reviewer.ID {
		t.Fatalf("after approve: %+v", it)
	}
	// An edit after approval voids it: back to review, publish refused.
	it = must[*content.Item](t)(e.svc.SaveItem(ctx, actorOf(e.writer), it.ID, 2, content.ItemInput{ChannelID: e.news,
		Title: "Hội nghị xúc tiến đầu tư năm 2026", Summary: "Tóm tắt", Body: "Dòng một\nVốn đăng ký 1.200 tỷ đồng\nDòng hai\n"}))
	if it.State != content.StateInReview || it.ApprovedRevision == it.CurrentRevision {
		t.Fatalf("after edit of an approved item: state %s approved %d current %d", it.State, it.ApprovedRevision, it.CurrentRevision)
	}
	_, err = e.svc.Publish(ctx, actorOf(e.reviewer), it.ID)
	wantCode(t, err, content.ECONFLICT)
	// The author holding the reviewer role too still cannot approve.
	own := e.draft(e.writerReviewer, "Bài của người vừa viết vừa duyệt")
	must[*content.Item](t)(e.svc.Submit(ctx, actorOf(e.writerReviewer), own.ID))
	_, err = e.svc.Approve(ctx, actorOf(e.writerReviewer), own.ID, 1)
	wantCode(t, err, content.EFORBIDDEN)
	// A reviewer who edited the text cannot approve that revision; another can.
	it = must[*content.Item](t)(e.svc.SaveItem(ctx, actorOf(e.writerReviewer), it.ID, 3, content.ItemInput{ChannelID: e.news,
		Title: it.Title, Summary: it.Summary, Body: it.Body + "Sửa lỗi chính tả\n"}))
	_, err = e.svc.Approve(ctx, actorOf(e.writerReviewer), it.ID, 4)
	wantCode(t, err, content.EFORBIDDEN)
	it = must[*content.Item](t)(e.svc.Approve(ctx, actorOf(e.reviewer), it.ID, 4))
	it = must[*content.Item](t)(e.svc.Publish(ctx, actorOf(e.reviewer), it.ID))
	if it.State != content.StatePublished || it.PublishedAt.IsZero() || it.Direct {
		t.Fatalf("after publish: %+v", it)
	}
	pub := must[[]*content.Item](t)(e.svc.PublishedItems(ctx, content.ItemFilter{PortalID: e.portal}))
	if len(pub) != 1 || pub[0].ID != it.ID {
		t.Fatalf("published list: %v", pub)
	}
	// Published: no edits; sent back to review with a required reason.
	_, err = e.svc.SaveItem(ctx, actorOf(e.writer), it.ID, 0, content.ItemInput{ChannelID: e.news, Title: "x"})
	wantCode(t, err, content.ECONFLICT)
	_, err = e.svc.SendBack(ctx, actorOf(e.reviewer), it.ID, "")
	wantCode(t, err, content.EINVALID)
	_, err = e.svc.SendBack(ctx, actorOf(e.writer), it.ID, "tự gỡ")
	wantCode(t, err, content.EFORBIDDEN)
	it = must[*content.Item](t)(e.svc.SendBack(ctx, actorOf(e.admin), it.ID, "Số liệu cần cập nhật theo quý 1"))
	if it.State != content.StateInReview || it.ApprovedRevision != 0 {
		t.Fatalf("after send back: %+v", it)
	}
	if pub := must[[]*content.Item](t)(e.svc.PublishedItems(ctx, content.ItemFilter{})); len(pub) != 0 {
		t.Fatal("a sent-back item stays public")
	}
	// Unpublished items are not shown to the public or other contributors.
	_, err = e.svc.ViewItem(ctx, content.Anonymous("198.51.100.1"), it.ID)
	wantCode(t, err, content.ENOTFOUND)
	_, err = e.svc.ViewItem(ctx, actorOf(e.writer2), it.ID)
	wantCode(t, err, content.ENOTFOUND)

	got := joined(e.auditActions("item", it.ID))
	want := "item.create item.submit item.reject item.edit item.submit item.approve item.edit item.edit item.approve item.publish item.send_back"
	if got != want {
		t.Fatalf("audit:\n got %s\nwant %s", got, want)
	}
	for _, ev := range e.auditFor("item", it.ID) {
		if ev.IP != "192.0.2.10" || ev.Actor == "" || ev.Time.IsZero() {
			t.Errorf("audit row without who/when/where: %+v", ev)
		}
		if ev.Action == "item.reject" && !strings.Contains(ev.Detail, reason) {
			t.Errorf("reject audit lacks the reason: %q", ev.Detail)
		}
	}
	// Revisions and their diff.
	revs := must[[]*content.Revision](t)(e.svc.Revisions(ctx, actorOf(e.reviewer), it.ID))
	if len(revs) != 4 {
		t.Fatalf("%d revisions", len(revs))
	}
	d := content.UnifiedDiff(must[[]content.DiffLine](t)(e.svc.DiffRevisions(ctx, actorOf(e.reviewer), it.ID, 1, 2)))
	if !strings.Contains(d, "+ Vốn đăng ký 1.200 tỷ đồng\n") || !strings.Contains(d, "  Dòng một\n") || strings.Contains(d, "- Dòng hai") {
		t.Fatalf("diff 1→2:\n%s", d)
	}
}

func TestScheduledPublishing(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	schedule := func(title string, at time.Time) *content.Item {
		it := e.draft(e.writer, title)
		must[*content.Item](t)(e.svc.Submit(ctx, actorOf(e.writer), it.ID))
		it = must[*content.Item](t)(e.svc.Schedule(ctx, actorOf(e.reviewer), it.ID, 1, at))
		if it.State != content.StateScheduled || it.ApprovedRevision != 1 || !it.ScheduledAt.Equal(at.UTC()) {
			t.Fatalf("scheduled: %+v", it)
		}
		return it
	}
	// The author cannot schedule their own; a time in the past is refused.
	it0 := e.draft(e.writer, "Quá khứ")
	must[*content.Item](t)(e.svc.Submit(ctx, actorOf(e.writer), it0.ID))
	_, err := e.svc.Schedule(ctx, actorOf(e.reviewer), it0.ID, 1, e.clock.t.Add(-time.Minute))
	wantCode(t, err, content.EINVALID)

	at := ictDate(2026, 3, 10, 14) // 14:00 ICT = 07:00 UTC
	onTime := schedule("Đúng giờ", at)
	late := schedule("Máy chủ tắt lúc đến giờ", at.Add(time.Hour))
	later := schedule("Ngày mai", at.Add(24*time.Hour))

	if got := must[[]*content.Item](t)(e.svc.PublishDue(ctx, at.Add(-time.Second))); len(got) != 0 {
		t.Fatalf("published before time: %v", got)
	}
	got := must[[]*content.Item](t)(e.svc.PublishDue(ctx, at.Add(30*time.Second)))
	if len(got) != 1 || got[0].ID != onTime.ID || got[0].PublishedLate || got[0].PublishedBy != 0 {
		t.Fatalf("on time: %+v", got)
	}
	// The server was down from 14:30 to 18:00; at start it publishes the missed one and says so.
	start := at.Add(4 * time.Hour)
	got = must[[]*content.Item](t)(e.svc.PublishDue(ctx, start))
	if len(got) != 1 || got[0].ID != late.ID || !got[0].PublishedLate || got[0].LateBy != 3*time.Hour {
		t.Fatalf("missed schedule: %+v", got[0])
	}
	evs := e.auditFor("item", late.ID)
	last := evs[len(evs)-1]
	if last.Action != "item.publish" || last.Actor != "scheduler" || !strings.Contains(last.Detail, "LATE by 3h0m0s") {
		t.Fatalf("audit of the late publication: %+v", last)
	}
	notes := must[[]*content.Notification](t)(e.svc.Notifications(ctx, actorOf(e.writer), true))
	if !strings.Contains(notes[0].Message, "muộn") {
		t.Fatalf("author not told it was late: %+v", notes[0])
	}
	// Running again publishes nothing twice.
	if got := must[[]*content.Item](t)(e.svc.PublishDue(ctx, start)); len(got) != 0 {
		t.Fatalf("published twice: %v", got)
	}
	// An edit of a scheduled item voids approval and schedule.
	it := must[*content.Item](t)(e.svc.SaveItem(ctx, actorOf(e.writer), later.ID, 1, content.ItemInput{ChannelID: e.news, Title: "Ngày mai (sửa)"}))
	if it.State != content.StateInReview {
		t.Fatalf("edited scheduled item: %s", it.State)
	}
	if got := must[[]*content.Item](t)(e.svc.PublishDue(ctx, at.Add(48*time.Hour))); len(got) != 0 {
		t.Fatal("an edited scheduled item was published")
	}
}

func TestTrustedSourceDirectPublish(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	sources := must[[]*content.TrustedSource](t)(e.svc.TrustedSources(ctx))
	var gov *content.TrustedSource
	for _, s := range sources {
		if s.Category == "government" {
			gov = s
		}
	}
	if gov == nil || len(sources) < 7 {
		t.Fatalf("seeded sources: %v", sources)
	}
	// A contributor's item with a source still needs the board.
	w := must[*content.Item](t)(e.svc.CreateItem(ctx, actorOf(e.writer), content.ItemInput{ChannelID: e.news,
		Title: "Nghị quyết của Chính phủ", SourceID: gov.ID, SourceURL: "https://chinhphu.vn/nq-01"}))
	_, err := e.svc.PublishDirect(ctx, actorOf(e.writer), w.ID)
	wantCode(t, err, content.EFORBIDDEN)
	// An administrator's item without a source cannot be posted directly.
	plain := must[*content.Item](t)(e.svc.CreateItem(ctx, actorOf(e.admin), content.ItemInput{ChannelID: e.news, Title: "Tin nội bộ"}))
	_, err = e.svc.PublishDirect(ctx, actorOf(e.admin), plain.ID)
	wantCode(t, err, content.EFORBIDDEN)

	e.clock.t = ictDate(2026, 3, 11, 9) // Wednesday
	direct := must[*content.Item](t)(e.svc.CreateItem(ctx, actorOf(e.admin), content.ItemInput{ChannelID: e.news,
		Title: "Chính phủ ban hành Nghị quyết về phát triển kinh tế tư nhân", SourceID: gov.ID, SourceURL: "https://chinhphu.vn/nq-68"}))
	direct = must[*content.Item](t)(e.svc.PublishDirect(ctx, actorOf(e.admin), direct.ID))
	if !direct.Direct || direct.State != content.StatePublished || direct.ApprovedBy != 0 {
		t.Fatalf("direct: %+v", direct)
	}
	// A board-approved item the same week is not in the report.
	normal := e.draft(e.writer, "Tin thường")
	must[*content.Item](t)(e.svc.Submit(ctx, actorOf(e.writer), normal.ID))
	must[*content.Item](t)(e.svc.Approve(ctx, actorOf(e.reviewer), normal.ID, 1))
	must[*content.Item](t)(e.svc.Publish(ctx, actorOf(e.reviewer), normal.ID))

	rep := must[*content.WeeklyReport](t)(e.svc.WeeklyTrustedReport(ctx, actorOf(e.reviewer), e.clock.t))
	if !rep.From.Equal(ictDate(2026, 3, 9, 0).UTC()) || !rep.To.Equal(ictDate(2026, 3, 16, 0).UTC()) {
		t.Fatalf("week %v – %v", rep.From, rep.To)
	}
	if len(rep.Items) != 1 || rep.Items[0].Item.ID != direct.ID || rep.Items[0].Source != gov.Name ||
		rep.Items[0].PublishedBy != e.admin.Name || rep.Items[0].SourceURL != "https://chinhphu.vn/nq-68" {
		t.Fatalf("weekly report: %+v", rep.Items)
	}
	// Next week's report is empty; a contributor cannot read reports.
	if rep := must[*content.WeeklyReport](t)(e.svc.WeeklyTrustedReport(ctx, actorOf(e.admin), e.clock.t.AddDate(0, 0, 7))); len(rep.Items) != 0 {
		t.Fatal("item in the wrong week")
	}
	_, err = e.svc.WeeklyTrustedReport(ctx, actorOf(e.writer), e.clock.t)
	wantCode(t, err, content.EFORBIDDEN)
	// A deactivated source no longer allows direct publishing.
	gov.Active = false
	if err := e.svc.SaveTrustedSource(ctx, actorOf(e.admin), gov); err != nil {
		t.Fatal(err)
	}
	another := must[*content.Item](t)(e.svc.CreateItem(ctx, actorOf(e.admin), content.ItemInput{ChannelID: e.news,
		Title: "Khác", SourceID: sources[1].ID}))
	must[*content.Item](t)(e.svc.PublishDirect(ctx, actorOf(e.admin), another.ID))
	_, err = e.svc.CreateItem(ctx, actorOf(e.admin), content.ItemInput{ChannelID: e.news, Title: "Cũ", SourceID: gov.ID})
	wantCode(t, err, content.EINVALID)
	if got := joined(e.auditActions("item", direct.ID)); got != "item.create item.publish_direct" {
		t.Fatalf("audit: %s", got)
	}
}

func TestMonthlyReport(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	e.clock.t = ictDate(2026, 3, 5, 9)
	publish := func(title string, ch int64, kind string) {
		it := must[*content.Item](t)(e.svc.CreateItem(ctx, actorOf(e.writer), content.ItemInput{ChannelID: ch, Title: title, Kind: kind}))
		must[*content.Item](t)(e.svc.Submit(ctx, actorOf(e.writer), it.ID))
		must[*content.Item](t)(e.svc.Approve(ctx, actorOf(e.reviewer), it.ID, 1))
		must[*content.Item](t)(e.svc.Publish(ctx, actorOf(e.reviewer), it.ID))
	}
	publish("Tin 1", e.news, content.KindNews)
	publish("Tin 2", e.news, content.KindNews)
	publish("Thông cáo", e.sector, content.KindPressRelease)
	e.clock.t = ictDate(2026, 4, 1, 0) // April: not in March's report
	publish("Tin tháng 4", e.news, content.KindNews)

	ports := must[[]*content.Portal](t)(e.svc.Portals(ctx))
	e.clock.t = ictDate(2026, 3, 20, 9)
	fb := must[*content.Feedback](t)(e.svc.SubmitFeedback(ctx, "203.0.113.5", content.FeedbackInput{PortalID: ports[1].ID,
		Name: "Công ty TNHH Minh Phát", Email: "lienhe@minhphat.vn", Subject: "Thủ tục đăng ký", Body: "Xin hướng dẫn thủ tục."}))
	must[*content.Feedback](t)(e.svc.SubmitFeedback(ctx, "203.0.113.6", content.FeedbackInput{PortalID: ports[1].ID,
		Name: "Ông A", Subject: "Câu hỏi", Body: "Chưa trả lời"}))
	_, err := e.svc.AnswerFeedback(ctx, actorOf(e.writer), fb.ID, "Trả lời", true)
	wantCode(t, err, content.EFORBIDDEN)
	must[*content.Feedback](t)(e.svc.AnswerFeedback(ctx, actorOf(e.admin), fb.ID, "Mời xem hướng dẫn tại trang Thủ tục.", true))
	if pub := must[[]*content.Feedback](t)(e.svc.PublishedFeedback(ctx, ports[1].ID, 10)); len(pub) != 1 || pub[0].Answer == "" {
		t.Fatalf("published feedback: %v", pub)
	}

	e.clock.t = ictDate(2026, 4, 2, 9)
	// The judge is passed in (the portal passes the dashboards' rule); the
	// report asks it about the month's end and reports what it says.
	var asked time.Time
	judge := func(asOf time.Time, overdue bool) content.BusinessFreshness {
		return func(at time.Time) (time.Time, bool, bool) { asked = at; return asOf, true, overdue }
	}
	rep := must[*content.MonthlyReport](t)(e.svc.MonthlyReport(ctx, actorOf(e.director), "2026-03", judge(ictDate(2025, 12, 31, 0), false)))
	if want := ictDate(2026, 4, 1, 0).Add(-time.Nanosecond); !asked.Equal(want) {
		t.Fatalf("judged at %v, want the month's end %v", asked, want)
	}
	dept := rep.Portals[0]
	if dept.Published != 3 || dept.News != 2 || dept.PressReleases != 1 || dept.NewsBehind {
		t.Fatalf("department portal: %+v", dept)
	}
	if len(dept.Channels) != 2 || dept.Channels[0].Count != 2 {
		t.Fatalf("channels: %+v", dept.Channels)
	}
	biz := rep.Portals[1]
	if biz.Published != 0 || !biz.NewsBehind || biz.FeedbackReceived != 2 || biz.FeedbackAnswered != 1 {
		t.Fatalf("business portal: %+v", biz)
	}
	if len(rep.Departments) != 1 || rep.Departments[0] != (content.Count{Name: "Phòng Đăng ký kinh doanh", Count: 3}) {
		t.Fatalf("departments: %+v", rep.Departments)
	}
	if rep.BusinessBehind || !rep.BusinessDataAsOf.Equal(ictDate(2025, 12, 31, 0)) {
		t.Fatal("data in time reported behind")
	}
	rep = must[*content.MonthlyReport](t)(e.svc.MonthlyReport(ctx, actorOf(e.admin), "2026-03", judge(ictDate(2025, 9, 30, 0), true)))
	if !rep.BusinessBehind {
		t.Fatal("overdue data reported in time")
	}
	rep = must[*content.MonthlyReport](t)(e.svc.MonthlyReport(ctx, actorOf(e.admin), "2026-03", nil))
	if !rep.BusinessBehind || rep.BusinessDataKnown {
		t.Fatal("no data counts as behind")
	}
	_, err = e.svc.MonthlyReport(ctx, actorOf(e.writer), "2026-03", nil)
	wantCode(t, err, content.EFORBIDDEN)
	_, err = e.svc.MonthlyReport(ctx, actorOf(e.admin), "March", nil)
	wantCode(t, err, content.EINVALID)
}

func TestRoyalties(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	e.clock.t = ictDate(2026, 3, 31, 23) // 31 March 23:00 ICT is 16:00 UTC: still March
	it := e.draft(e.writer, "Bài có nhuận bút")
	must[*content.Item](t)(e.svc.Submit(ctx, actorOf(e.writer), it.ID))
	must[*content.Item](t)(e.svc.Approve(ctx, actorOf(e.reviewer), it.ID, 1))
	cat := &content.RoyaltyCategory{Name: "Tin ngắn", BaseAmount: 150_000, Active: true}
	if err := e.svc.SaveRoyaltyCategory(ctx, actorOf(e.admin), cat); err != nil {
		t.Fatal(err)
	}
	_, err := e.svc.AddRoyalty(ctx, actorOf(e.admin), content.RoyaltyInput{ItemID: it.ID, CategoryID: cat.ID, Coefficient: 1.5})
	wantCode(t, err, content.EINVALID) // not published yet
	must[*content.Item](t)(e.svc.Publish(ctx, actorOf(e.reviewer), it.ID))
	_, err = e.svc.AddRoyalty(ctx, actorOf(e.writer), content.RoyaltyInput{ItemID: it.ID, CategoryID: cat.ID, Coefficient: 1.5})
	wantCode(t, err, content.EFORBIDDEN)
	r := must[*content.Royalty](t)(e.svc.AddRoyalty(ctx, actorOf(e.admin), content.RoyaltyInput{ItemID: it.ID, CategoryID: cat.ID, Coefficient: 1.5}))
	if r.Amount != 225_000 || r.Month != "2026-03" || r.Recipient != e.writer.Name {
		t.Fatalf("royalty: %+v", r)
	}
	must[*content.Royalty](t)(e.svc.AddRoyalty(ctx, actorOf(e.admin), content.RoyaltyInput{ItemID: it.ID, CategoryID: cat.ID,
		Coefficient: 0.5, Recipient: "Cộng tác viên Lý Văn Ảnh"}))
	sum := must[[]*content.RoyaltySummaryRow](t)(e.svc.RoyaltySummary(ctx, actorOf(e.director), "2026-03"))
	if fmt.Sprint(len(sum)) != "2" || sum[1].Recipient != e.writer.Name || sum[1].Amount != 225_000 || sum[0].Amount != 75_000 {
		t.Fatalf("summary: %+v %+v", sum[0], sum[1])
	}
	if s := must[[]*content.RoyaltySummaryRow](t)(e.svc.RoyaltySummary(ctx, actorOf(e.admin), "2026-04")); len(s) != 0 {
		t.Fatal("April has no royalties")
	}
}

func TestSchedulerAtStartPublishesMissed(t *testing.T) {
	e := newEnv(t)
	it := e.draft(e.writer, "Lịch đăng trong lúc máy chủ tắt")
	must[*content.Item](t)(e.svc.Submit(e.ctx, actorOf(e.writer), it.ID))
	must[*content.Item](t)(e.svc.Schedule(e.ctx, actorOf(e.reviewer), it.ID, 1, e.clock.t.Add(time.Hour)))
	e.clock.Add(26 * time.Hour) // the server comes back a day later
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan []*content.Item, 1)
	go e.svc.RunScheduler(ctx, time.Hour, func(items []*content.Item, err error) {
		if err != nil {
			t.Error(err)
		}
		done <- items
		cancel()
	})
	select {
	case items := <-done:
		if len(items) != 1 || !items[0].PublishedLate || items[0].LateBy != 25*time.Hour {
			t.Fatalf("at start: %+v", items)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the scheduler did not run at start")
	}
}
